import {
  base64ToBytes,
  checkEkycImage,
  checkNewPassword,
  checkRegistrationFields,
  checkVerificationCode,
  type EkycImageRole,
} from '@smartca-kit/sdk';
import type { PartnerRecord, UserRecord } from '../state/types.js';
import { ACTIVATION_CODE_TTL_MS, CONTRACT_OTP_TTL_MS, type Commerce } from './commerce.js';
import { contractOf, type RegistrationDocumentText } from './documents.js';
import { fieldRefusal, refuse, type Outcome, type Refusal } from './refusal.js';
import type { RegistrationRecord } from './state.js';
import { checkCode, issueCode, lockedRefusal } from './verification-codes.js';

/** The wire's field names, so that a refusal names the field the caller sent. */
const WIRE_FIELDS = {
  documentType: 'uidPre',
  idNumber: 'uid',
  fullName: 'fullName',
  dateOfBirth: 'birthDay',
  gender: 'gender',
  email: 'email',
  phone: 'phone',
  address: 'address',
  pricingCode: 'pricingCode',
  deviceId: 'deviceId',
} as const;

/** `registrations/create`: checks identity, package, person and device, then opens the registration. */
export function createRegistration(
  c: Commerce,
  partner: PartnerRecord,
  body: Record<string, unknown>,
): Outcome<RegistrationRecord> {
  const checked = checkRegistrationFields(
    {
      documentType: body.uidPre,
      idNumber: body.uid,
      fullName: body.fullName,
      dateOfBirth: body.birthDay,
      gender: body.gender,
      email: body.email,
      phone: body.phone,
      address: body.address,
      pricingCode: body.pricingCode,
      deviceId: body.deviceId,
    },
    WIRE_FIELDS,
  );
  if (!checked.ok) return fieldRefusal(checked);
  const input = checked.value;
  const pricing = c.state.pricing.find((p) => p.pricingCode === input.pricingCode);
  if (!pricing)
    return refuse(
      'PRICING_NOT_FOUND',
      `Không có gói cước "${input.pricingCode}".`,
      `No package "${input.pricingCode}".`,
      { field: 'pricingCode' },
    );
  if (pricing.kind !== 'certificate') {
    return refuse(
      'PRICING_NOT_APPLICABLE',
      `"${input.pricingCode}" là gói lượt ký, không phải gói chứng thư số.`,
      `"${input.pricingCode}" is a turn pack, not a certificate package.`,
      { field: 'pricingCode' },
    );
  }
  const uid = input.id.idNumber;
  if (c.engine.certificatesOf(uid).length > 0) {
    return refuse(
      'PERSON_ALREADY_REGISTERED',
      `Người có số ${input.id.documentType} ${uid} đã được cấp chứng thư số SmartCA.`,
      `The person with ${input.id.documentType} ${uid} already holds a SmartCA certificate.`,
      { field: 'uid' },
    );
  }
  const deviceOwner = c.engine.state.users.find((u) => u.userId !== uid && u.deviceIds?.includes(input.deviceId));
  if (deviceOwner) {
    return refuse(
      'DEVICE_ALREADY_ACTIVE',
      'Thiết bị này đã kích hoạt một tài khoản SmartCA khác.',
      'This device already has another SmartCA account activated.',
      { field: 'deviceId' },
    );
  }
  const open = c.state.registrations.find((r) => r.uid === uid && r.status !== 'COMPLETED' && r.status !== 'REJECTED');
  if (open) {
    return refuse(
      'REGISTRATION_IN_PROGRESS',
      `Số ${uid} đang có hồ sơ đăng ký ${open.registrationId} chưa hoàn tất.`,
      `${uid} already has registration ${open.registrationId} under way.`,
      { field: 'uid', registrationId: open.registrationId },
    );
  }
  const now = c.now();
  const registration: RegistrationRecord = {
    registrationId: globalThis.crypto.randomUUID(),
    spId: partner.spId,
    status: pricing.price > 0 ? 'AWAITING_PAYMENT' : 'AWAITING_ACTIVATION',
    uidPre: input.id.documentType,
    uid,
    fullName: input.name.fullName,
    toneMarkAlternatives: input.name.toneMarkAlternatives,
    birthDay: input.dateOfBirth,
    province: input.id.provinceName,
    email: input.email,
    phone: input.phone,
    address: input.address,
    deviceId: input.deviceId,
    pricingCode: pricing.pricingCode,
    amountDue: pricing.price,
    createdAt: now,
    updatedAt: now,
  };
  c.state.registrations.push(registration);
  if (registration.status === 'AWAITING_ACTIVATION') sendActivationCode(c, registration);
  c.emitRegistration(registration);
  return registration;
}

/** Sends a new activation code by SMS and email (seed guide step 5). */
export function sendActivationCode(c: Commerce, r: RegistrationRecord): void {
  r.activation = issueCode(r.activation, c.now(), ACTIVATION_CODE_TTL_MS);
  const text = `Ma kich hoat VNPT SmartCA cua ban la ${r.activation.code}. Ma co hieu luc 10 phut.`;
  c.notify({
    channel: 'sms',
    to: r.phone,
    kind: 'activation_code',
    registrationId: r.registrationId,
    subject: 'SmartCA',
    body: text,
    code: r.activation.code,
  });
  c.notify({
    channel: 'email',
    to: r.email,
    kind: 'activation_code',
    registrationId: r.registrationId,
    subject: 'Mã kích hoạt tài khoản VNPT SmartCA',
    code: r.activation.code,
    body: `Xin chào ${r.fullName},\nMã kích hoạt tài khoản VNPT SmartCA của bạn là ${r.activation.code} (hiệu lực 10 phút).`,
  });
}

/** `registrations/activation-code/resend`. The lock of the old code carries over. */
export function resendActivationCode(c: Commerce, r: RegistrationRecord): Outcome<RegistrationRecord> {
  const wrong = atStep(r, 'AWAITING_ACTIVATION') ?? lockedRefusal(r.activation, c.now(), 'mã kích hoạt');
  if (wrong) return wrong;
  sendActivationCode(c, r);
  return r;
}

/** `registrations/activate`: the code from SMS/email, and the password the user chooses. */
export function activate(
  c: Commerce,
  r: RegistrationRecord,
  body: Record<string, unknown>,
): Outcome<RegistrationRecord> {
  const step = atStep(r, 'AWAITING_ACTIVATION');
  if (step || !r.activation) return step ?? stepRefusal(r, 'AWAITING_ACTIVATION');
  const code = checkVerificationCode(body.activationCode, 'activationCode');
  if (!code.ok) return fieldRefusal(code);
  const password = checkNewPassword(body.password, 'password');
  if (!password.ok) return fieldRefusal(password);
  const wrong = checkCode(r.activation, code.value, c.now(), 'mã kích hoạt');
  if (wrong) return wrong;
  const existing = c.engine.user(r.uid);
  const user: UserRecord = existing ?? {
    userId: r.uid,
    fullName: r.fullName,
    province: r.province ?? '',
    email: r.email,
    phone: r.phone,
    password: password.value,
    totpSecret: randomTotpSecret(),
    failedLogins: 0,
    deviceIds: [],
  };
  Object.assign(user, { fullName: r.fullName, email: r.email, phone: r.phone, password: password.value });
  user.deviceIds = [...new Set([...(user.deviceIds ?? []), r.deviceId])];
  if (!existing) c.engine.state.users.push(user);
  r.activation = undefined;
  r.status = 'AWAITING_EKYC';
  c.emitRegistration(r);
  return r;
}

/**
 * `registrations/ekyc`: the card's two sides and a face photo. Each must really be a JPEG or PNG within
 * the limits; then the sandbox's documented match rule applies (see docs/commerce.md):
 * - the face photo must not be byte-identical to a card side (`FACE_IS_CARD_COPY`);
 * - the two sides must differ (`BACK_SAME_AS_FRONT`);
 * - ID numbers ending in `999` never match (`FACE_MISMATCH`), like a payment test card that declines.
 */
export function submitEkyc(
  c: Commerce,
  r: RegistrationRecord,
  body: Record<string, unknown>,
): Outcome<RegistrationRecord> {
  const step = atStep(r, 'AWAITING_EKYC');
  if (step) return step;
  const images: Partial<Record<EkycImageRole, Uint8Array>> = {};
  const sizes: Partial<Record<EkycImageRole, string>> = {};
  for (const role of ['front', 'back', 'face'] as const) {
    const field = `${role}Image`;
    const raw = body[field];
    const bytes = typeof raw === 'string' ? base64ToBytes(raw) : undefined;
    if (typeof raw === 'string' && !bytes) {
      return refuse('EKYC_IMAGE_INVALID', `${field}: ảnh phải được mã hóa base64.`, `${field} must be base64.`, {
        field,
        reason: 'IMAGE_NOT_BASE64',
      });
    }
    const check = checkEkycImage(bytes, role, field);
    if (!check.ok)
      return fieldRefusal(check, check.reason === 'IMAGE_REQUIRED' ? 'CLIENT_INPUT_INVALID' : 'EKYC_IMAGE_INVALID');
    images[role] = bytes as Uint8Array;
    sizes[role] = `${check.value.format} ${check.value.width}x${check.value.height}`;
  }
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  const { front, back, face } = images as Record<EkycImageRole, Uint8Array>;
  if (same(face, front) || same(face, back)) {
    return refuse(
      'EKYC_MISMATCH',
      'faceImage: ảnh khuôn mặt là bản sao ảnh CCCD; hãy chụp trực tiếp khuôn mặt.',
      'faceImage: the face photo is a copy of a card image; take a live photo of the face.',
      { field: 'faceImage', reason: 'FACE_IS_CARD_COPY' },
    );
  }
  if (same(front, back)) {
    return refuse(
      'EKYC_MISMATCH',
      'backImage: ảnh mặt sau trùng ảnh mặt trước; hãy chụp mặt sau của thẻ.',
      'backImage: the back is the same picture as the front; photograph the back of the card.',
      { field: 'backImage', reason: 'BACK_SAME_AS_FRONT' },
    );
  }
  if (r.uid.endsWith('999')) {
    return refuse(
      'EKYC_MISMATCH',
      'faceImage: khuôn mặt không khớp với ảnh trên CCCD/CMND.',
      'faceImage: the face does not match the photo on the ID card.',
      { field: 'faceImage', reason: 'FACE_MISMATCH' },
    );
  }
  r.ekyc = { front: sizes.front ?? '', back: sizes.back ?? '', face: sizes.face ?? '', at: c.now() };
  r.status = 'AWAITING_CONTRACT';
  c.emitRegistration(r);
  return r;
}

/** `registrations/contract`: the contract to read, and an OTP by SMS to confirm it. */
export async function requestContract(c: Commerce, r: RegistrationRecord): Promise<Outcome<RegistrationDocumentText>> {
  const wrong = atStep(r, 'AWAITING_CONTRACT') ?? lockedRefusal(r.contractOtp, c.now(), 'mã OTP');
  if (wrong) return wrong;
  const contract = await contractOf(
    r,
    c.state.pricing.find((p) => p.pricingCode === r.pricingCode),
  );
  r.contractDigestHex = contract.digestHex;
  r.contractOtp = issueCode(r.contractOtp, c.now(), CONTRACT_OTP_TTL_MS);
  c.notify({
    channel: 'sms',
    to: r.phone,
    kind: 'contract_otp',
    userId: r.uid,
    registrationId: r.registrationId,
    subject: 'SmartCA',
    code: r.contractOtp.code,
    body: `Ma OTP ky hop dong VNPT SmartCA: ${r.contractOtp.code}. Hieu luc 5 phut. Khong chia se ma nay.`,
  });
  return contract;
}

/** `registrations/contract/sign`: the OTP signs the contract and the dossier goes to appraisal (11). */
export function signContract(
  c: Commerce,
  r: RegistrationRecord,
  body: Record<string, unknown>,
  onAppraisal: (r: RegistrationRecord) => void,
): Outcome<RegistrationRecord> {
  const step = atStep(r, 'AWAITING_CONTRACT');
  if (step) return step;
  if (!r.contractOtp) {
    return refuse(
      'REGISTRATION_STEP_INVALID',
      'Hãy yêu cầu hợp đồng (và mã OTP) trước khi ký.',
      'Request the contract (and its OTP) before signing it.',
      { field: 'otp' },
    );
  }
  const otp = checkVerificationCode(body.otp, 'otp');
  if (!otp.ok) return fieldRefusal(otp);
  const wrong = checkCode(r.contractOtp, otp.value, c.now(), 'mã OTP');
  if (wrong) return wrong;
  r.contractOtp = undefined;
  r.status = 'IN_APPRAISAL';
  r.certStatus = 11;
  c.notify({
    channel: 'app',
    to: r.uid,
    userId: r.uid,
    kind: 'dossier_in_appraisal',
    registrationId: r.registrationId,
    subject: 'Hồ sơ đang chờ thẩm định',
    body: 'Hồ sơ đăng ký chứng thư số của bạn đang được VNPT-CA thẩm định.',
  });
  c.emitRegistration(r);
  onAppraisal(r);
  return r;
}

/** A refusal unless the registration is at `step`. */
export function atStep(r: RegistrationRecord, step: RegistrationRecord['status']): Refusal | undefined {
  return r.status === step ? undefined : stepRefusal(r, step);
}

function stepRefusal(r: RegistrationRecord, step: RegistrationRecord['status']): Refusal {
  return refuse(
    'REGISTRATION_STEP_INVALID',
    `Hồ sơ ${r.registrationId} đang ở bước ${r.status}, không phải ${step}.`,
    `Registration ${r.registrationId} is at ${r.status}, not ${step}.`,
    { status: r.status },
  );
}

function randomTotpSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(20));
  return btoa(String.fromCharCode(...bytes));
}
