// The checks every SP769 sign request goes through, v1 (app approval) and v2 (SmartCA TH) alike: the
// partner's and the user's credentials, the files and the certificate, turns, and transaction_id reuse.
import type { Engine } from '../engine/engine.js';
import { certificateStatusText, certificateUsable } from '../engine/turns.js';
import { readJsonObject, str } from '../http/body.js';
import { sp769, sp769Error } from '../http/reply.js';
import type { CertificateRecord, PartnerRecord, TransactionRecord, UserRecord } from '../state/types.js';
import { parseSignFiles, signFingerprint } from './sign-request.js';

export type Auth =
  | { ok: true; partner: PartnerRecord; user: UserRecord; body: Record<string, unknown> }
  | { ok: false; response: Response };

/** Reads the body and checks `sp_id`/`sp_password` and `user_id`: a bad one is 401 SP_CREDENTIAL_INVALID. */
export async function authenticate(engine: Engine, request: Request): Promise<Auth> {
  const body = await readJsonObject(request);
  if (!body.ok) return { ok: false, response: sp769Error(400, body.reason) };
  const partner = engine.partner(str(body.value, 'sp_id'), str(body.value, 'sp_password') ?? '');
  if (!partner) return { ok: false, response: sp769Error(401, 'sp_id/sp_password do not match a partner') };
  const userId = str(body.value, 'user_id');
  if (!userId) return { ok: false, response: sp769Error(400, 'user_id is required') };
  const user = engine.user(userId);
  if (!user) return { ok: false, response: sp769Error(401, `no subscriber with user_id "${userId}"`) };
  return { ok: true, partner, user, body: body.value };
}

export type Prepared =
  | { ok: true; cert: CertificateRecord; files: TransactionRecord['files']; transactionId: string; fingerprint: string }
  | { ok: false; response: Response };

/** The checks shared by v1 and v2 sign: transaction id, files, and which certificate signs. */
export function prepareSign(
  engine: Engine,
  _partner: PartnerRecord,
  user: UserRecord,
  body: Record<string, unknown>,
  serialRequired: boolean,
): Prepared {
  const transactionId = str(body, 'transaction_id');
  if (!transactionId) return { ok: false, response: sp769Error(400, 'transaction_id is required') };
  const parsed = parseSignFiles(body.sign_files);
  if (!parsed.ok) return { ok: false, response: sp769Error(400, parsed.reason) };
  const serial = str(body, 'serial_number') ?? '';
  if (serialRequired && !serial) return { ok: false, response: sp769Error(400, 'serial_number is required') };
  const certs = engine.certificatesOf(user.userId);
  const cert = serial ? certs.find((c) => c.serialNumber.toLowerCase() === serial.toLowerCase()) : certs[0];
  if (!cert)
    return { ok: false, response: sp769Error(400, `the user has no certificate with serial_number "${serial}"`) };
  if (!serial && certs.length > 1) {
    return { ok: false, response: sp769Error(400, 'the user has several certificates: serial_number is required') };
  }
  return {
    ok: true,
    cert,
    files: parsed.files,
    transactionId,
    fingerprint: signFingerprint(user.userId, cert.serialNumber, parsed.files),
  };
}

/** 403 for a certificate that cannot sign; 400 SERVICE_PACK_EXEED_OR_INVALID when the turns run out. */
export function checkCertificateAndTurns(
  engine: Engine,
  partner: PartnerRecord,
  cert: CertificateRecord,
  files: TransactionRecord['files'],
): Response | undefined {
  if (
    !certificateUsable(
      cert,
      engine.now(),
      files.map((f) => f.digestHex),
    )
  ) {
    return sp769Error(403, `certificate ${cert.serialNumber} is ${certificateStatusText(cert, engine.now())}`);
  }
  if (!engine.canAfford(partner, cert, files.length)) {
    // VNPT names this condition only on the gateway (65000); SP769 reuses the name with a 400.
    return sp769(400, 'SERVICE_PACK_EXEED_OR_INVALID', null, 'no signing turns left on the service pack (65000)');
  }
  return undefined;
}

/** A reused `transaction_id`: the same content replays the original answer; other content is refused. */
export function replay(earlier: TransactionRecord, fingerprint: string, now: number): Response {
  if (earlier.fingerprint !== fingerprint) {
    return sp769Error(400, `transaction_id "${earlier.transactionId}" was already used for another request`);
  }
  const data: Record<string, unknown> = { transaction_id: earlier.transactionId, tran_code: earlier.tranId };
  if (earlier.surface === 'sp769-th') {
    data.sad = earlier.sad;
    data.expired_in = Math.max(0, Math.round((earlier.expiresAt - now) / 1000));
  }
  return sp769(200, 'sig_wait_for_user_confirm', data);
}
