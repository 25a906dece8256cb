import { str } from '../http/body.js';
import { sp769 } from '../http/reply.js';
import type { Router } from '../http/router.js';
import type { Engine } from '../engine/engine.js';
import { checkPassword, checkTotp } from '../engine/user-auth.js';
import { signJwt, verifyJwt } from '../pki/jwt.js';
import type { TransactionRecord, UserRecord } from '../state/types.js';
import { authenticate, checkCertificateAndTurns, prepareSign, replay } from './sign-checks.js';
import { sp769SignedFiles } from './wire.js';

/** TH's `sad` lives 299 s (V1 §4.3: `expired_in: 299`). */
export const SAD_TTL_MS = 299_000;

/**
 * SmartCA TH (V1 §4.3–4.4): `v2/signatures/sign` authorises with the subscriber's password and TOTP and
 * returns a `sad` (an RS256 JWT); `v2/signatures/confirm` spends it and returns the signatures at once.
 */
export function registerThRoutes(router: Router, engine: Engine): void {
  router.on('POST', '/sca/sp769/v2/signatures/sign', async ({ request }) => {
    const auth = await authenticate(engine, request);
    if (!auth.ok) return auth.response;
    const prepared = prepareSign(engine, auth.partner, auth.user, auth.body, true);
    if (!prepared.ok) return prepared.response;
    const refused = await checkUserSecrets(engine, auth.user, auth.body, true);
    if (refused) return refused;
    const earlier = engine.previous(auth.partner.spId, prepared.transactionId, ['sp769', 'sp769-th']);
    if (earlier) return replay(earlier, prepared.fingerprint, engine.now());
    const blocked = checkCertificateAndTurns(engine, auth.partner, prepared.cert, prepared.files);
    if (blocked) return blocked;
    const tx = engine.create({
      surface: 'sp769-th',
      partner: auth.partner,
      user: auth.user,
      cert: prepared.cert,
      transactionId: prepared.transactionId,
      description: str(auth.body, 'transaction_desc') ?? '',
      files: prepared.files,
      fingerprint: prepared.fingerprint,
      ttlMs: SAD_TTL_MS,
    });
    tx.sad = await signJwt(engine.state.authority.issuing.keyPkcs8, {
      iss: 'smartca-sandbox',
      sub: auth.user.userId,
      tid: tx.tranId,
      txn: tx.transactionId,
      iat: Math.floor(tx.createdAt / 1000),
      exp: Math.floor(tx.expiresAt / 1000),
      jti: globalThis.crypto.randomUUID(),
    });
    return sp769(200, 'sig_wait_for_user_confirm', {
      transaction_id: tx.transactionId,
      tran_code: tx.tranId,
      sad: tx.sad,
      expired_in: Math.round(SAD_TTL_MS / 1000),
    });
  });

  router.on('POST', '/sca/sp769/v2/signatures/confirm', async ({ request }) => {
    const auth = await authenticate(engine, request);
    if (!auth.ok) return auth.response;
    const refused = await checkUserSecrets(engine, auth.user, auth.body, false);
    if (refused) return refused;
    const tx = engine.transaction(str(auth.body, 'transaction_id') ?? '', auth.partner.spId, 'sp769-th');
    if (!tx || tx.userId !== auth.user.userId) return sp769(400, 'BAD_REQUEST', null, 'unknown TH transaction_id');
    const sad = str(auth.body, 'sad') ?? '';
    const claims = await verifyJwt(engine.state.authority.issuing.certDer, sad);
    // A confirmed transaction answers the same again, so a lost response can be fetched with the same sad.
    if (tx.status === 'signed' && claims?.tid === tx.tranId) return confirmed(engine, tx);
    if (tx.status === 'expired') return sp769(400, 'SAD_EXPIRED', null, 'the sad expired (299 s)');
    if (!claims || claims.tid !== tx.tranId || tx.sad !== sad) {
      return sp769(400, 'SAD_INVALID', null, 'the sad does not belong to this transaction');
    }
    const done = await engine.approve(tx);
    if (done.status !== 'signed') return sp769(500, 'SERVAR_INTERNAL_ERROR', null, `transaction ${done.status}`);
    return confirmed(engine, done);
  });
}

/** Password (with lockout) and, for sign, the TOTP: 401 with a name that says which one failed. */
async function checkUserSecrets(
  engine: Engine,
  user: UserRecord,
  body: Record<string, unknown>,
  needOtp: boolean,
): Promise<Response | undefined> {
  const password = checkPassword(user, str(body, 'password'), engine.now());
  if (!password.ok) {
    return password.locked
      ? sp769(401, 'PASSWORD_LOCKED', null, 'too many wrong passwords: locked for 5 minutes')
      : sp769(401, 'PASSWORD_INVALID', null, `wrong password, ${password.attemptsLeft} attempts left`);
  }
  if (needOtp && !(await checkTotp(user, str(body, 'otp'), engine.now()))) {
    return sp769(401, 'OTP_INVALID', null, 'the OTP is wrong or outside its 30 s window');
  }
  return undefined;
}

function confirmed(engine: Engine, tx: TransactionRecord): Response {
  return sp769(200, 'Success', {
    transaction_id: tx.transactionId,
    expired_in: Math.max(0, Math.round((tx.expiresAt - engine.now()) / 1000)),
    signatures: sp769SignedFiles(tx),
  });
}
