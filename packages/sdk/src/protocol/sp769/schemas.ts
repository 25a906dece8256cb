import type { z as Zod } from 'zod';
import { lazySchemas } from '../../internal/lazy-schema.js';

// Wire schemas of SP769 (VNPT "Tài liệu tích hợp VNPT SMARTCA" §3–4). Field names are VNPT's and stay
// in this folder. Where VNPT is inconsistent the schema is tolerant: `status_code` as number or text,
// `message` absent, `cert_status` as Vietnamese text or a code beside `cert_status_code`, `root_cert`
// null, TH answers that omit listing fields (`service_type` among them). See docs/wire-contract.md.

// Built on first parse (internal/lazy-schema.ts): importing the SDK loads no zod.
function build(z: typeof Zod) {
  /** `{ status_code, message, data }`, every SP769 answer. `data` is validated per endpoint afterwards. */
  const sp769Envelope = z.object({
    status_code: z.coerce.number(),
    message: z.string().nullish(),
    data: z.unknown().optional(),
  });
  const sp769Certificate = z.object({
    service_type: z.string().nullish(),
    service_name: z.string().nullish(),
    cert_id: z.string().nullish(),
    cert_status: z.union([z.string(), z.number()]).nullish(),
    cert_status_code: z.union([z.string(), z.number()]).nullish(),
    serial_number: z.string().nullish(),
    cert_subject: z.string().nullish(),
    cert_valid_from: z.string().nullish(),
    cert_valid_to: z.string().nullish(),
    cert_data: z.string().min(1),
    chain_data: z.object({ ca_cert: z.string().nullish(), root_cert: z.string().nullish() }).nullish(),
    transaction_id: z.string().nullish(),
  });
  const sp769CertificatesData = z.object({ user_certificates: z.array(sp769Certificate) });
  const sp769SignData = z.object({
    transaction_id: z.string(),
    tran_code: z.string().nullish(),
  });
  const sp769Signature = z.object({
    doc_id: z.string(),
    signature_value: z.string().nullish(),
    timestamp_signature: z.string().nullish(),
  });
  const sp769StatusData = z
    .object({
      transaction_id: z.string().nullish(),
      signatures: z.array(sp769Signature).nullish(),
    })
    .nullish();
  const sp769ThSignData = z.object({
    transaction_id: z.string(),
    tran_code: z.string().nullish(),
    sad: z.string().min(1),
    expired_in: z.coerce.number().nullish(),
  });
  const sp769ThConfirmData = z.object({
    transaction_id: z.string().nullish(),
    expired_in: z.coerce.number().nullish(),
    signatures: z.array(sp769Signature),
  });
  /** The body VNPT POSTs to the partner's registered webhook URL when a transaction completes (§3.5). */
  const sp769WebhookBody = z.object({
    sp_id: z.string(),
    status_code: z.coerce.number(),
    message: z.string().nullish(),
    transaction_id: z.string().nullish(),
    signed_files: z.array(sp769Signature).nullish(),
  });
  return {
    sp769Envelope,
    sp769Certificate,
    sp769CertificatesData,
    sp769SignData,
    sp769Signature,
    sp769StatusData,
    sp769ThSignData,
    sp769ThConfirmData,
    sp769WebhookBody,
  };
}

type Built = ReturnType<typeof build>;

export const {
  sp769Envelope,
  sp769Certificate,
  sp769CertificatesData,
  sp769SignData,
  sp769Signature,
  sp769StatusData,
  sp769ThSignData,
  sp769ThConfirmData,
  sp769WebhookBody,
} = lazySchemas(build);

export type Sp769Certificate = Zod.infer<Built['sp769Certificate']>;
export type Sp769Signature = Zod.infer<Built['sp769Signature']>;
