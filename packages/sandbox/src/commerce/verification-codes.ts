import { countAttempt } from '../engine/user-auth.js';
import { refuse, type Refusal } from './refusal.js';
import type { VerificationCode } from './state.js';

/** A fresh six-digit code that keeps the failures (and any lock) of the one it replaces. */
export function issueCode(previous: VerificationCode | undefined, now: number, ttlMs: number): VerificationCode {
  const n = globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number;
  return {
    code: String(n % 1_000_000).padStart(6, '0'),
    expiresAt: now + ttlMs,
    failures: previous?.failures ?? 0,
    lockedUntil: previous?.lockedUntil,
  };
}

/** The refusal for a locked code, or undefined. */
export function lockedRefusal(code: VerificationCode | undefined, now: number, what: string): Refusal | undefined {
  if (!code?.lockedUntil || now >= code.lockedUntil) return undefined;
  return refuse(
    'VERIFICATION_LOCKED',
    `Nhập sai ${what} quá 5 lần; vui lòng thử lại sau 5 phút.`,
    `Too many wrong ${what === 'mã kích hoạt' ? 'activation codes' : 'OTPs'}; try again in 5 minutes.`,
    {
      field: what === 'mã kích hoạt' ? 'activationCode' : 'otp',
      lockedUntil: new Date(code.lockedUntil).toISOString(),
    },
  );
}

/**
 * Checks `typed` against the code, VNPT's way: five wrong codes in a row lock it for five minutes; an
 * expired code counts as wrong. Returns undefined when the code is right.
 */
export function checkCode(code: VerificationCode, typed: string, now: number, what: string): Refusal | undefined {
  const locked = lockedRefusal(code, now, what);
  if (locked) return locked;
  const counter = { failures: code.failures, lockedUntil: code.lockedUntil };
  const result = countAttempt(counter, typed === code.code && now < code.expiresAt, now);
  code.failures = counter.failures;
  code.lockedUntil = counter.lockedUntil;
  if (result.ok) return undefined;
  if (result.locked) return lockedRefusal(code, now, what);
  const field = what === 'mã kích hoạt' ? 'activationCode' : 'otp';
  const expired = now >= code.expiresAt;
  return refuse(
    'VERIFICATION_CODE_INVALID',
    `${field}: ${what} không đúng${expired ? ' hoặc đã hết hạn (hãy yêu cầu mã mới)' : ''}; còn ${result.attemptsLeft} lần thử.`,
    `${field}: the ${field === 'otp' ? 'OTP' : 'activation code'} is wrong${expired ? ' or expired (ask for a new one)' : ''}; ` +
      `${result.attemptsLeft} attempts left.`,
    { field, reason: expired ? 'CODE_EXPIRED' : 'CODE_WRONG', attemptsLeft: result.attemptsLeft },
  );
}
