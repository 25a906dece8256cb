import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSessionToken, RELAY_ERROR_CODES, SessionRefusedError, verifySessionToken } from '@smartca-kit/sdk/relay';
import { digestOf } from '../support/sandbox.js';

// Threat: one token, many accepted texts. The MAC is decoded leniently (padding, '+/' for '-_',
// whitespace, non-zero trailing bits), so every respelling of it passed, and anything keyed on the
// token's text (a replay list, a revocation list, a cache, a rate limit) could be walked around.
// Exactly one spelling is accepted: unpadded base64url with zero trailing bits, as minted.

const SECRET = 'session-secret-for-tests-0123456789';
const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A token whose MAC has a `-` or `_` in it, so that the '+/' respelling exists. */
async function tokenWithUrlSafeMac(): Promise<string> {
  for (;;) {
    const token = await createSessionToken({
      secret: SECRET,
      origins: ['https://dichvucong.example.vn'],
      now: NOW,
      userId: '001099000001',
      documents: [{ docId: 'HS-1', digest: digestOf('tờ khai') }],
    });
    if (/[-_]/.test(token.split('.')[2]!)) return token;
  }
}

/** The other texts that decode to the same 32 MAC bytes. */
function respellings(token: string): Record<string, string> {
  const [prefix, claims, mac] = token.split('.') as [string, string, string];
  const last = ALPHABET.indexOf(mac.at(-1)!);
  return {
    padded: `${prefix}.${claims}.${mac}=`,
    'standard alphabet': `${prefix}.${claims}.${mac.replace(/-/g, '+').replace(/_/g, '/')}`,
    'with whitespace': `${prefix}.${claims}.${mac.slice(0, 10)}\n${mac.slice(10)}`,
    // 43 characters carry 258 bits for 256: the last one's two low bits are ignored by the decoder.
    'non-zero trailing bits': `${prefix}.${claims}.${mac.slice(0, -1)}${ALPHABET[last | 1]}`,
  };
}

describe('session tokens: one spelling of the MAC, no other', () => {
  it('the token as minted verifies; each respelling of the same MAC is TOKEN_MALFORMED', async () => {
    const token = await tokenWithUrlSafeMac();
    await verifySessionToken(token, { secrets: [SECRET], now: NOW });
    for (const [how, text] of Object.entries(respellings(token))) {
      assert.notEqual(text, token);
      const error = await verifySessionToken(text, { secrets: [SECRET], now: NOW }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof SessionRefusedError, `${how}: accepted`);
      assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_MALFORMED, how);
    }
  });
});
