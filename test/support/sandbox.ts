import { constants, createHash, createPublicKey, publicDecrypt, randomBytes } from 'node:crypto';
import { createSmartCA, type SmartCA, type SmartCAOptions } from '@smartca-kit/sdk';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from '@smartca-kit/sandbox/node';

/** The seeded partners' secret and the seeded users (see packages/sandbox/src/seed.ts). */
export const SECRET = 'sandbox-secret';
export const USERS = {
  an: '001099000001', // per-turn, 5 turns
  binh: '001199000002', // per-turn, 0 turns
  cuong: '079088000003', // unlimited
  dung: '048195000004', // expired certificate
  em: '079200000005', // SMARTCA + ESEAL
} as const;

/** A sandbox on a free loopback port. */
export function startSandbox(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  return startSandboxServer({ port: 0, ...options });
}

/** An SDK client for a partner of `server`, trusting the sandbox root. */
export function clientFor(
  server: SandboxServer,
  spId = 'sandbox-partner',
  options: Partial<SmartCAOptions> = {},
): SmartCA {
  return createSmartCA({
    environment: server.url,
    credentials: { spId, spPassword: SECRET },
    gateway: { clientId: spId, clientSecret: SECRET },
    trustedRoots: [server.sandbox.rootCertificatePem],
    ...options,
  });
}

/** A SHA-256 digest of some text, as the SDK takes it. */
export function digestOf(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

/** A random 32-byte digest. */
export function randomDigest(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** Polls `check` until it returns a value, for things that happen asynchronously in the sandbox. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Verifies a raw RSASSA-PKCS1-v1_5 signature over a SHA-256 digest with OpenSSL (node:crypto), not
 * with the SDK: recovers the signed block with the public key and compares it to DigestInfo(digest).
 */
export function verifyWithNodeCrypto(spki: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  try {
    const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature));
    return recovered.equals(Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(digest)]));
  } catch {
    return false;
  }
}
