import { generateTotp } from '@smartca-kit/sdk';
import type { UserRecord } from '../state/types.js';

/** VNPT's gateway: more than five wrong passwords lock the account for five minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 5 * 60 * 1000;

/** The outcome of a password check. */
export type PasswordCheck =
  | { ok: true }
  | { ok: false; locked: boolean; attemptsLeft: number; lockedUntil?: number | undefined };

/** Checks the user's SmartCA password, counting failures and locking after {@link MAX_FAILED_LOGINS}. */
export function checkPassword(user: UserRecord, password: string | undefined, now: number): PasswordCheck {
  if (user.lockedUntil !== undefined && now < user.lockedUntil) {
    return { ok: false, locked: true, attemptsLeft: 0, lockedUntil: user.lockedUntil };
  }
  if (user.lockedUntil !== undefined) {
    user.lockedUntil = undefined;
    user.failedLogins = 0;
  }
  if (password === user.password) {
    user.failedLogins = 0;
    return { ok: true };
  }
  user.failedLogins += 1;
  if (user.failedLogins >= MAX_FAILED_LOGINS) {
    user.lockedUntil = now + LOCK_MS;
    return { ok: false, locked: true, attemptsLeft: 0, lockedUntil: user.lockedUntil };
  }
  return { ok: false, locked: false, attemptsLeft: MAX_FAILED_LOGINS - user.failedLogins };
}

/** Accepts the TOTP of the current 30 s step or either neighbour, as authenticators drift. */
export async function checkTotp(user: UserRecord, otp: string | undefined, now: number): Promise<boolean> {
  if (!otp || !/^\d{6}$/.test(otp)) return false;
  for (const offset of [0, -30_000, 30_000]) {
    if (await generateTotp(user.totpSecret, { time: now + offset }) === otp) return true;
  }
  return false;
}
