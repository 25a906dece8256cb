import { generateTotp } from '@smartca-kit/sdk';
import type { UserRecord } from '../state/types.js';

/** VNPT's gateway: more than five wrong passwords lock the account for five minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 5 * 60 * 1000;

/** The outcome of a password check. */
export type PasswordCheck =
  { ok: true } | { ok: false; locked: boolean; attemptsLeft: number; lockedUntil?: number | undefined };

/** Wrong attempts at one secret (a password, an activation code, an OTP) and the lock they lead to. */
export interface AttemptCounter {
  /** Wrong attempts in a row. */
  failures: number;
  /** Locked until this time, epoch ms. */
  lockedUntil?: number | undefined;
}

/**
 * Counts one attempt at a secret, VNPT's way: {@link MAX_FAILED_LOGINS} wrong in a row lock the secret
 * for {@link LOCK_MS}; a right one clears the count. While locked, even the right secret is refused.
 */
export function countAttempt(counter: AttemptCounter, correct: boolean, now: number): PasswordCheck {
  if (counter.lockedUntil !== undefined && now < counter.lockedUntil) {
    return { ok: false, locked: true, attemptsLeft: 0, lockedUntil: counter.lockedUntil };
  }
  if (counter.lockedUntil !== undefined) {
    counter.lockedUntil = undefined;
    counter.failures = 0;
  }
  if (correct) {
    counter.failures = 0;
    return { ok: true };
  }
  counter.failures += 1;
  if (counter.failures >= MAX_FAILED_LOGINS) {
    counter.lockedUntil = now + LOCK_MS;
    return { ok: false, locked: true, attemptsLeft: 0, lockedUntil: counter.lockedUntil };
  }
  return { ok: false, locked: false, attemptsLeft: MAX_FAILED_LOGINS - counter.failures };
}

/** Checks the user's SmartCA password, counting failures and locking after {@link MAX_FAILED_LOGINS}. */
export function checkPassword(user: UserRecord, password: string | undefined, now: number): PasswordCheck {
  const counter: AttemptCounter = { failures: user.failedLogins, lockedUntil: user.lockedUntil };
  const check = countAttempt(counter, password === user.password, now);
  user.failedLogins = counter.failures;
  user.lockedUntil = counter.lockedUntil;
  return check;
}

/** Accepts the TOTP of the current 30 s step or either neighbour, as authenticators drift. */
export async function checkTotp(user: UserRecord, otp: string | undefined, now: number): Promise<boolean> {
  if (!otp || !/^\d{6}$/.test(otp)) return false;
  for (const offset of [0, -30_000, 30_000]) {
    if ((await generateTotp(user.totpSecret, { time: now + offset })) === otp) return true;
  }
  return false;
}
