import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError, InvalidInputError } from '@smartca-kit/sdk';
import {
  createSessionToken,
  decodeSessionToken,
  RELAY_ERROR_CODES,
  SessionRefusedError,
  verifySessionToken,
} from '@smartca-kit/sdk/relay';
import { digestOf } from '../support/sandbox.js';

const SECRET = 'session-secret-for-tests-0123456789';
const OLD_SECRET = 'the-previous-secret-being-rotated-out';
const PORTAL = 'https://dichvucong.example.vn';
const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);
const grant = {
  userId: '001099000001',
  origins: [PORTAL],
  now: NOW,
  documents: [{ docId: 'HS-1', digest: digestOf('tờ khai'), name: 'Tờ khai khai sinh', fileType: 'pdf' }],
};

async function refusal(promise: Promise<unknown>): Promise<SessionRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof SessionRefusedError, `expected SessionRefusedError, got ${String(error)}`);
  return error;
}

describe('session tokens: stateless HMAC, bound to user, purpose, documents and origins', () => {
  it('round-trips every claim, with a default lifetime of 15 minutes', async () => {
    const token = await createSessionToken({ ...grant, secret: SECRET, description: 'Ký tờ khai' });
    assert.match(token, /^sct1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const claims = await verifySessionToken(token, { secrets: [SECRET], now: NOW + 1000 });
    assert.equal(claims.userId, '001099000001');
    assert.equal(claims.purpose, 'sign');
    assert.deepEqual(claims.origins, [PORTAL]);
    assert.equal(claims.description, 'Ký tờ khai');
    assert.deepEqual(
      claims.documents.map((d) => [d.docId, d.name, d.fileType]),
      [['HS-1', 'Tờ khai khai sinh', 'pdf']],
    );
    assert.equal(claims.expiresAt - claims.issuedAt, 900);
  });

  it('two tokens for the same grant differ (each has its own id)', async () => {
    const a = decodeSessionToken(await createSessionToken({ ...grant, secret: SECRET }));
    const b = decodeSessionToken(await createSessionToken({ ...grant, secret: SECRET }));
    assert.notEqual(a?.claims.tokenId, b?.claims.tokenId);
  });

  it('a token whose claims were edited (another user) is refused: TOKEN_SIGNATURE_INVALID', async () => {
    const token = await createSessionToken({ ...grant, secret: SECRET });
    const [prefix, payload, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.sub = '079088000003';
    const forged = `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
    const error = await refusal(verifySessionToken(forged, { secrets: [SECRET], now: NOW }));
    assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_SIGNATURE_INVALID);
    assert.equal(error.status, 401);
  });

  it('a token minted with another secret is refused', async () => {
    const token = await createSessionToken({ ...grant, secret: 'someone-elses-secret-0123456789abcdef' });
    const error = await refusal(verifySessionToken(token, { secrets: [SECRET], now: NOW }));
    assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_SIGNATURE_INVALID);
  });

  it('expires at exactly its lifetime', async () => {
    const token = await createSessionToken({ ...grant, secret: SECRET, ttlSeconds: 60 });
    await verifySessionToken(token, { secrets: [SECRET], now: NOW + 59_000 });
    const error = await refusal(verifySessionToken(token, { secrets: [SECRET], now: NOW + 60_000 }));
    assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_EXPIRED);
  });

  it('garbage is TOKEN_MALFORMED, not an exception of another kind', async () => {
    for (const junk of [
      '',
      'abc',
      'sct1.x.y',
      'sct2.e30.AAAA',
      `sct1.${Buffer.from('{"v":1}').toString('base64url')}.${'A'.repeat(43)}`,
    ]) {
      const error = await refusal(verifySessionToken(junk, { secrets: [SECRET], now: NOW }));
      assert.equal(error.code, RELAY_ERROR_CODES.TOKEN_MALFORMED, junk);
    }
  });

  it('secret rotation: a token minted with the old secret verifies while the old secret is still listed', async () => {
    const token = await createSessionToken({ ...grant, secret: OLD_SECRET });
    await verifySessionToken(token, { secrets: [SECRET, OLD_SECRET], now: NOW });
    await refusal(verifySessionToken(token, { secrets: [SECRET], now: NOW }));
  });

  it('refuses to mint with a short secret, a URL for an origin, a bad digest or too many documents', async () => {
    await assert.rejects(createSessionToken({ ...grant, secret: 'short' }), ConfigurationError);
    await assert.rejects(
      createSessionToken({ ...grant, secret: SECRET, origins: [`${PORTAL}/nop-ho-so`] }),
      (e: unknown) => e instanceof ConfigurationError && e.code === 'INVALID_ORIGIN',
    );
    await assert.rejects(
      createSessionToken({ ...grant, secret: SECRET, documents: [{ docId: 'x', digest: new Uint8Array(20) }] }),
      InvalidInputError,
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ docId: `D${i}`, digest: digestOf(String(i)) }));
    await assert.rejects(createSessionToken({ ...grant, secret: SECRET, documents: many }), InvalidInputError);
    await assert.rejects(createSessionToken({ ...grant, secret: SECRET, ttlSeconds: 7200 }), InvalidInputError);
  });
});
