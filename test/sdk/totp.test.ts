import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateTotp, InvalidInputError } from '@smartca-kit/sdk';

// RFC 6238 Appendix B, SHA-1 column: secret "12345678901234567890", 8 digits.
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('generateTotp (RFC 6238, HMAC-SHA1, 30 s)', () => {
  for (const [seconds, expected] of VECTORS) {
    it(`matches the RFC vector at T=${seconds}`, async () => {
      assert.equal(await generateTotp(RFC_SECRET, { time: seconds * 1000, digits: 8 }), expected);
    });
  }

  it("defaults to 6 digits and takes VNPT's base64 secret or an authenticator's base32", async () => {
    const time = 59_000;
    assert.equal(await generateTotp(Buffer.from(RFC_SECRET).toString('base64'), { time }), '287082');
    assert.equal(await generateTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', { time, encoding: 'base32' }), '287082');
  });

  it('refuses a secret that is not in the stated encoding', async () => {
    await assert.rejects(generateTotp('!!!'), InvalidInputError);
  });
});
