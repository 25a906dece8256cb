// Sign a PDF with VNPT SmartCA (PAdES baseline B), against the local sandbox, then verify it.
//
//   npm run sandbox                # terminal 1: the sandbox on http://127.0.0.1:8769 (npm start too)
//   node examples/sign-pdf.mjs     # terminal 2: then approve at http://127.0.0.1:8769/phone
//
// SmartCA signs a 32-byte digest and returns a raw RSA signature; @smartca-kit/documents computes the
// right digest (of the CMS signed attributes, not of the file), wraps the signature with the
// certificate chain, and appends it to the PDF as an incremental update.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmartCA } from '@smartca-kit/sdk';
import { signPdf, verifyPdf } from '@smartca-kit/documents';
import { writeSignedDocument } from '@smartca-kit/documents/node';

const endpoint = process.env.SMARTCA_ENDPOINT ?? 'http://127.0.0.1:8769';
const userId = process.env.SMARTCA_USER ?? '001099000001'; // Nguyễn Văn An, 5 signing turns
const root = await (await fetch(`${endpoint}/_sandbox/ca.pem`)).text();

const smartca = createSmartCA({
  environment: endpoint,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  trustedRoots: [root],
});

const pdf = await readFile(new URL('./don-dang-ky-khai-sinh.pdf', import.meta.url));
const signed = await signPdf(smartca, pdf, {
  userId,
  description: 'Đơn đăng ký khai sinh',
  reason: 'Tôi xác nhận nội dung đơn',
  location: 'Hà Nội',
  onPending: (tx) =>
    console.log(
      `Waiting for ${userId} to approve in the SmartCA app (transaction ${tx.id})...\n` +
        `  virtual phone: ${endpoint}/phone?user=${userId}`,
    ),
});

const output = join(tmpdir(), 'don-dang-ky-khai-sinh.signed.pdf');
await writeSignedDocument(signed, output);

const { signatures } = await verifyPdf(await signed.toBytes(), {
  trustedRoots: [root],
});
for (const s of signatures) {
  console.log(
    `${s.fieldName}: ${s.valid ? 'valid' : s.problem}, signed by ${s.cms?.signer.commonName}, ` +
      `${s.coversWholeDocument ? 'whole document' : 'partial'}, chain ${s.cms?.trusted ? 'trusted' : 'NOT trusted'}`,
  );
}
console.log(`Signed PDF written to ${output} (check it with: pdfsig ${output})`);
