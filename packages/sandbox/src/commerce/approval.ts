import '../internal/reflect-polyfill.js';
import { X509Certificate } from '@peculiar/x509';
import { base64ToBytes, checkCode as checkId } from '@smartca-kit/sdk';
import { issueSigningCertificate } from '../pki/authority.js';
import { unb64 } from '../pki/encoding.js';
import type { CertificateRecord, PartnerRecord } from '../state/types.js';
import type { Commerce } from './commerce.js';
import { acceptanceRecordOf, type RegistrationDocumentText } from './documents.js';
import { atStep } from './registrations.js';
import { fieldRefusal, refuse, type Outcome } from './refusal.js';
import type { RegistrationRecord } from './state.js';

const MONTH_MS = 30 * 24 * 3600 * 1000;
const approving = new WeakSet<RegistrationRecord>();

/**
 * VNPT-CA approves the dossier: the key pair is generated (state 1), the sandbox CA issues the
 * certificate, and it waits for its acceptance record (7). The app notification and the email
 * "Yêu cầu cấp chứng thư số đã được duyệt từ VNPT-CA" go out. Resolves once the certificate exists.
 */
export async function approveRegistration(c: Commerce, r: RegistrationRecord): Promise<Outcome<RegistrationRecord>> {
  const step = atStep(r, 'IN_APPRAISAL');
  if (step) return step;
  if (approving.has(r)) return r;
  approving.add(r);
  r.certStatus = 1;
  c.emitRegistration(r);
  const pricing = c.state.pricing.find((p) => p.pricingCode === r.pricingCode);
  const now = c.now();
  const validTo = now + (pricing?.validityMonths ?? 12) * MONTH_MS;
  try {
    const issued = await issueSigningCertificate(
      c.engine.state.authority,
      {
        province: r.province,
        commonName: r.fullName,
        uid: `${r.uidPre}:${r.uid}`,
      },
      { notBefore: new Date(now - 60_000), notAfter: new Date(validTo) },
    );
    const cert: CertificateRecord = {
      certId: globalThis.crypto.randomUUID(),
      userId: r.uid,
      serviceType: 'SMARTCA',
      serviceName: pricing?.billing === 'unlimited' ? 'SMARTCA PERSONAL PRO' : 'SMARTCA PERSONAL BASIC',
      serialNumber: issued.serialNumber,
      subject: issued.subject,
      certDer: issued.certDer,
      keyPkcs8: issued.keyPkcs8,
      validFrom: now - 60_000,
      validTo,
      revoked: false,
      lifecycle: 7,
      pack: {
        servicePackId: globalThis.crypto.randomUUID(),
        billing: pricing?.billing ?? 'per-turn',
        totalSignLimit: 0,
        signedTurn: 0,
        reserved: 0,
        name: pricing?.billing === 'unlimited' ? `Gói không giới hạn lượt ký ${r.uid}` : `Gói lượt ký cá nhân ${r.uid}`,
      },
    };
    cert.acceptanceDigestHex = (await acceptanceRecordOf(r, cert.serialNumber, cert.validFrom)).digestHex;
    c.engine.state.certificates.push(cert);
    r.certId = cert.certId;
    r.certStatus = 7;
    r.status = 'AWAITING_ACCEPTANCE';
  } finally {
    approving.delete(r);
  }
  const title = 'Yêu cầu cấp chứng thư số đã được duyệt từ VNPT-CA';
  const body =
    `Xin chào ${r.fullName}, yêu cầu cấp chứng thư số của bạn đã được VNPT-CA duyệt. ` +
    'Hãy đăng nhập ứng dụng VNPT SmartCA và ký Biên bản nghiệm thu để hoàn tất đăng ký.';
  c.notify({
    channel: 'app',
    to: r.uid,
    userId: r.uid,
    kind: 'registration_approved',
    registrationId: r.registrationId,
    subject: title,
    body,
  });
  c.notify({
    channel: 'email',
    to: r.email,
    userId: r.uid,
    kind: 'registration_approved',
    registrationId: r.registrationId,
    subject: title,
    body,
  });
  c.emitRegistration(r);
  c.changed();
  return r;
}

/** VNPT-CA refuses the dossier, with a reason the user is told. Nothing is issued. */
export function rejectRegistration(c: Commerce, r: RegistrationRecord, reason: string): Outcome<RegistrationRecord> {
  const step = atStep(r, 'IN_APPRAISAL');
  if (step) return step;
  if (approving.has(r))
    return refuse('REGISTRATION_STEP_INVALID', 'Hồ sơ đang được cấp chứng thư số.', 'The certificate is being issued.');
  r.status = 'REJECTED';
  r.certStatus = undefined;
  r.rejectReason = reason;
  const body = `Yêu cầu cấp chứng thư số của bạn chưa được duyệt. Lý do: ${reason}`;
  for (const [channel, to] of [
    ['app', r.uid],
    ['email', r.email],
  ] as const) {
    c.notify({
      channel,
      to,
      userId: r.uid,
      kind: 'registration_rejected',
      registrationId: r.registrationId,
      subject: 'Hồ sơ đăng ký chứng thư số bị từ chối',
      body,
    });
  }
  c.emitRegistration(r);
  return r;
}

/** `registrations/acceptance`: the acceptance record to sign with the new certificate. */
export async function acceptanceRecord(c: Commerce, r: RegistrationRecord): Promise<Outcome<RegistrationDocumentText>> {
  const step = atStep(r, 'AWAITING_ACCEPTANCE');
  const cert = r.certId ? c.engine.certificate(r.certId) : undefined;
  if (step || !cert) return step ?? refuse('CREDENTIAL_NOT_EXIST', 'Chưa có chứng thư số.', 'No certificate yet.');
  return acceptanceRecordOf(r, cert.serialNumber, cert.validFrom);
}

/**
 * `registrations/acceptance/submit`: the signature of the acceptance record, made through the normal
 * sign flow. It must come from a signed transaction of this partner over exactly the record's digest,
 * and verify with the new certificate's public key; then the certificate is VALID (0). A signature that
 * does not verify sets SIGN_ACCEPTANCE_FAILED (8); the user can sign again.
 */
export async function submitAcceptance(
  c: Commerce,
  partner: PartnerRecord,
  r: RegistrationRecord,
  body: Record<string, unknown>,
): Promise<Outcome<RegistrationRecord>> {
  const step = atStep(r, 'AWAITING_ACCEPTANCE');
  const cert = r.certId ? c.engine.certificate(r.certId) : undefined;
  if (step || !cert) return step ?? refuse('CREDENTIAL_NOT_EXIST', 'Chưa có chứng thư số.', 'No certificate yet.');
  const transactionId = checkId(body.transactionId, 'transactionId', 'mã giao dịch');
  if (!transactionId.ok) return fieldRefusal(transactionId);
  const signature = typeof body.signature === 'string' ? base64ToBytes(body.signature) : undefined;
  if (!signature || signature.length === 0) {
    return refuse('CLIENT_INPUT_INVALID', 'signature: chữ ký phải là base64.', 'signature must be base64.', {
      field: 'signature',
    });
  }
  const tx = c.engine.transaction(transactionId.value, partner.spId);
  if (
    !tx ||
    tx.certId !== cert.certId ||
    tx.status !== 'signed' ||
    tx.files.length !== 1 ||
    tx.files[0]?.digestHex !== cert.acceptanceDigestHex
  ) {
    return refuse(
      'ACCEPTANCE_SIGNATURE_INVALID',
      'transactionId: không có giao dịch ký biên bản nghiệm thu đã hoàn tất với mã này.',
      'transactionId: no completed signing of the acceptance record has this id.',
      { field: 'transactionId', reason: 'NO_SIGNED_TRANSACTION' },
    );
  }
  const record = await acceptanceRecordOf(r, cert.serialNumber, cert.validFrom);
  if (!(await verifies(cert, signature, new TextEncoder().encode(record.content)))) {
    cert.lifecycle = 8;
    r.certStatus = 8;
    c.emitRegistration(r);
    return refuse(
      'ACCEPTANCE_SIGNATURE_INVALID',
      'signature: chữ ký không khớp với biên bản nghiệm thu và chứng thư số mới.',
      'signature: the signature does not verify over the acceptance record with the new certificate.',
      { field: 'signature', reason: 'SIGNATURE_MISMATCH' },
    );
  }
  cert.lifecycle = undefined; // 0: VALID
  r.certStatus = 0;
  r.status = 'COMPLETED';
  const text = 'Bạn đã ký Biên bản nghiệm thu. Chứng thư số VNPT SmartCA đã sẵn sàng để ký số.';
  c.notify({
    channel: 'app',
    to: r.uid,
    userId: r.uid,
    kind: 'registration_completed',
    registrationId: r.registrationId,
    subject: 'Đăng ký chứng thư số hoàn tất',
    body: text,
  });
  c.notify({
    channel: 'email',
    to: r.email,
    userId: r.uid,
    kind: 'registration_completed',
    registrationId: r.registrationId,
    subject: 'Đăng ký chứng thư số hoàn tất',
    body: text,
  });
  c.emitRegistration(r);
  return r;
}

async function verifies(cert: CertificateRecord, signature: Uint8Array, content: Uint8Array): Promise<boolean> {
  try {
    const key = await new X509Certificate(unb64(cert.certDer)).publicKey.export(
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      ['verify'],
    );
    const copy = new Uint8Array(signature.length);
    copy.set(signature);
    return await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, copy, new Uint8Array(content));
  } catch {
    return false;
  }
}
