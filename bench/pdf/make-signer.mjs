// A self-contained signer for the PDF benchmark: an RSA-2048 key and a self-issued certificate with
// signing key usage, written once so that key generation is not timed.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);
const alg = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
const cert = await x509.X509CertificateGenerator.createSelfSigned({
  serialNumber: '42',
  name: 'C=VN, CN=Benchmark Signer',
  keys,
  signingAlgorithm: alg,
  notBefore: new Date(Date.now() - 86400e3),
  notAfter: new Date(Date.now() + 86400e3),
  extensions: [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
  ],
});
const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
const [dir] = process.argv.slice(2);
writeFileSync(
  `${dir}/key.pem`,
  `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`,
);
writeFileSync(`${dir}/cert.der`, new Uint8Array(cert.rawData));
