import assert from 'node:assert/strict';
import { constants, createPrivateKey, privateEncrypt, webcrypto } from 'node:crypto';
import { before, describe, it } from 'node:test';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {
  SignatureVerificationError,
  SmartCACertificate,
  verifyCertificate,
  verifySignature,
  type VerificationFailure,
} from '@smartca-kit/sdk';
import { randomDigest } from '../support/sandbox.js';

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86_400_000;

type Issued = { cert: x509.X509Certificate; keys: CryptoKeyPair };

async function issue(
  subject: string,
  issuer: Issued | undefined,
  options: {
    ca?: boolean;
    usages?: number;
    notBefore?: Date;
    notAfter?: Date;
  } = {},
): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const extensions = [
    new x509.BasicConstraintsExtension(!!options.ca, undefined, true),
    new x509.KeyUsagesExtension(
      options.usages ??
        (options.ca
          ? x509.KeyUsageFlags.keyCertSign
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
  ];
  const common = {
    serialNumber: '0a' + Math.floor(Math.random() * 1e9).toString(16),
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    signingAlgorithm: ALG,
    extensions,
  };
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys });
  return { cert, keys };
}

async function rawSign(keys: CryptoKeyPair, digest: Uint8Array): Promise<Uint8Array> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), digest]);
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}

const der = (c: x509.X509Certificate) => new Uint8Array(c.rawData);
const rejectsWith = (reason: VerificationFailure) => (e: unknown) =>
  e instanceof SignatureVerificationError && e.reason === reason;

describe('signature and certificate verification', () => {
  let root: Issued;
  let ca: Issued;
  let leaf: Issued;
  let cert: SmartCACertificate;

  before(async () => {
    root = await issue('CN=Test Root', undefined, { ca: true });
    ca = await issue('CN=Test SmartCA RS', root, { ca: true });
    leaf = await issue('C=VN, CN=Nguyễn Văn An', ca);
    cert = new SmartCACertificate(der(leaf.cert), { chain: [der(ca.cert), der(root.cert)] });
  });

  it('accepts a real PKCS#1 v1.5 signature over the digest, and refuses any other', async () => {
    const digest = randomDigest();
    const signature = await rawSign(leaf.keys, digest);
    await verifySignature(cert, digest, signature);
    await assert.rejects(verifySignature(cert, randomDigest(), signature), rejectsWith('signature-mismatch'));
    const flipped = signature.slice();
    flipped[100] = (flipped[100] as number) ^ 1;
    await assert.rejects(verifySignature(cert, digest, flipped), rejectsWith('signature-mismatch'));
    await assert.rejects(verifySignature(cert, digest, signature.slice(1)), rejectsWith('signature-mismatch'));
    await assert.rejects(
      verifySignature(cert, digest, await rawSign(ca.keys, digest)),
      rejectsWith('signature-mismatch'),
    );
  });

  it('a chain to a configured root is trusted', async () => {
    const check = await verifyCertificate(cert, { trustedRoots: [root.cert.toString('pem')] });
    assert.equal(check.trusted, true);
    assert.equal(check.path.length, 3);
  });

  it('without configured roots, a consistent chain passes but is not called trusted', async () => {
    assert.equal((await verifyCertificate(cert)).trusted, false);
  });

  it('a chain to another root is refused, even when SmartCA sends a root along', async () => {
    const other = await issue('CN=Test Root', undefined, { ca: true }); // same name, different key
    await assert.rejects(verifyCertificate(cert, { trustedRoots: [der(other.cert)] }), rejectsWith('untrusted-chain'));
  });

  it('a missing intermediate breaks the chain', async () => {
    const orphan = new SmartCACertificate(der(leaf.cert), { chain: [der(root.cert)] });
    await assert.rejects(verifyCertificate(orphan, { trustedRoots: [der(root.cert)] }), rejectsWith('untrusted-chain'));
  });

  it('checks the validity period at the given moment', async () => {
    await assert.rejects(
      verifyCertificate(cert, { at: new Date(Date.now() + 400 * DAY) }),
      rejectsWith('certificate-expired'),
    );
    await assert.rejects(
      verifyCertificate(cert, { at: new Date(Date.now() - 2 * DAY) }),
      rejectsWith('certificate-not-yet-valid'),
    );
  });

  it('refuses a certificate whose key usage does not allow signing', async () => {
    const encipher = await issue('CN=Encrypt only', ca, { usages: x509.KeyUsageFlags.keyEncipherment });
    const c = new SmartCACertificate(der(encipher.cert), { chain: [der(ca.cert)] });
    assert.equal(c.canSign, false);
    await assert.rejects(
      verifyCertificate(c, { trustedRoots: [der(root.cert)] }),
      (e: unknown) => rejectsWith('key-usage')(e) && (e as SignatureVerificationError).messages.vi.includes('ký số'),
    );
  });
});
