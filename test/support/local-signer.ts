// A local RSA signer with a real two-level chain, for document tests that do not need SmartCA's
// approval round trip (the end-to-end tests sign through the SDK and the sandbox instead).
import 'reflect-metadata';
import { constants, privateEncrypt, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as Crypto);

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export interface LocalSigner {
  /** Signer certificate DER. */
  der: Uint8Array;
  /** Issuing CA, then root. */
  chain: Uint8Array[];
  rootPem: string;
  /** Raw PKCS#1 v1.5 signature over a SHA-256 digest, as SmartCA returns it. */
  signDigest(digest: Uint8Array): Uint8Array;
  keyPem: string;
  certPem: string;
}

const randomSerial = (): string => `4${randomBytes(8).toString('hex')}`;
const DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export async function createLocalSigner(
  options: { keyUsage?: number; commonName?: string } = {},
): Promise<LocalSigner> {
  const now = Date.now();
  const rootKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'C=VN, O=smartca-kit test, CN=Test Root CA',
    keys: rootKeys,
    signingAlgorithm: ALG,
    notBefore: new Date(now - 86400e3),
    notAfter: new Date(now + 3650 * 86400e3),
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'C=VN, O=smartca-kit test, CN=Test SmartCA RS',
    issuer: root.subject,
    publicKey: caKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore: new Date(now - 86400e3),
    notAfter: new Date(now + 3650 * 86400e3),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `C=VN, ST=Hà Nội, CN=${options.commonName ?? 'Nguyễn Văn An'}`,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    notBefore: new Date(now - 86400e3),
    notAfter: new Date(now + 365 * 86400e3),
    extensions: [
      new x509.KeyUsagesExtension(
        options.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  return {
    der: new Uint8Array(leaf.rawData),
    chain: [new Uint8Array(ca.rawData), new Uint8Array(root.rawData)],
    rootPem: root.toString('pem'),
    certPem: leaf.toString('pem'),
    keyPem,
    signDigest(digest) {
      // Sign DigestInfo(SHA-256, digest) with PKCS#1 v1.5: exactly what SmartCA does with the hash.
      return new Uint8Array(
        privateEncrypt(
          { key: keyPem, padding: constants.RSA_PKCS1_PADDING },
          Buffer.concat([DIGEST_INFO_PREFIX, digest]),
        ),
      );
    },
  };
}
