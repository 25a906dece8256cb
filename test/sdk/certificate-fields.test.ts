import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { SmartCACertificate, UID_OID } from '@smartca-kit/sdk';

// SmartCACertificate reads its fields with the SDK's own DER reader, so that importing the SDK and
// listing certificates never loads @peculiar/x509. The reader must spell every field exactly as the
// SDK did with @peculiar/x509; here the library is the oracle, over certificates with many kinds of
// names: generated ones (Vietnamese UTF-8, UID, characters to escape, no key usage) and, where the
// machine has them, the system's CA roots (PrintableString, TeletexString, BMPString, IA5String e-mail).

/**
 * The fields as @peculiar/x509 reads them, with `UID` named as the SDK names it. (The SDK's earlier
 * code passed the names through `toJSON()` and back, which read escaped or `#`-led values wrong.)
 */
function oracle(der: Uint8Array) {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const subject = new x509.Name(cert.subjectName.toArrayBuffer(), { UID: UID_OID });
  const uid = subject.getField(UID_OID)[0];
  const colon = uid?.indexOf(':') ?? -1;
  const usages = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  return {
    serialNumber: cert.serialNumber.toLowerCase(),
    subject: subject.toString(),
    issuer: new x509.Name(cert.issuerName.toArrayBuffer(), { UID: UID_OID }).toString(),
    commonName: subject.getField('CN')[0],
    province: subject.getField('ST')[0],
    identity:
      uid === undefined || uid === ''
        ? undefined
        : colon < 0
          ? { type: '', value: uid }
          : { type: uid.slice(0, colon).toUpperCase(), value: uid.slice(colon + 1) },
    validFrom: cert.notBefore.getTime(),
    validTo: cert.notAfter.getTime(),
    keyUsage: {
      digitalSignature: (usages & x509.KeyUsageFlags.digitalSignature) !== 0,
      nonRepudiation: (usages & x509.KeyUsageFlags.nonRepudiation) !== 0,
      keyEncipherment: (usages & x509.KeyUsageFlags.keyEncipherment) !== 0,
      keyCertSign: (usages & x509.KeyUsageFlags.keyCertSign) !== 0,
    },
    publicKeyInfo: Buffer.from(cert.publicKey.rawData).toString('hex'),
  };
}

function ours(der: Uint8Array) {
  const cert = new SmartCACertificate(der);
  return {
    serialNumber: cert.serialNumber,
    subject: cert.subject,
    issuer: cert.issuer,
    commonName: cert.commonName,
    province: cert.province,
    identity: cert.identity,
    validFrom: cert.validFrom.getTime(),
    validTo: cert.validTo.getTime(),
    keyUsage: cert.keyUsage,
    publicKeyInfo: Buffer.from(cert.publicKeyInfo).toString('hex'),
  };
}

const ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

async function generated(): Promise<Uint8Array[]> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = [
    `C=VN, ST=Hà Nội, L=Quận Ba Đình, CN=Nguyễn Văn Ấn, ${UID_OID}=CCCD:001099000001`,
    `C=VN, ST=TP Hồ Chí Minh, O=Công ty A\\, B & C, CN=Trần Thị Bích, ${UID_OID}=MST:0101234567`,
    `CN=Hash \\+ plus\\; semi \\"quoted\\" <x> , E=an@example.vn, DC=example, DC=vn`,
    `CN=Lê Văn Đức+${UID_OID}=cmnd:123456789, OU=Phòng Kỹ thuật`,
    `CN=no uid colon, ${UID_OID}=123456`,
  ];
  const out: Uint8Array[] = [];
  for (const [i, name] of names.entries()) {
    const extensions =
      i === 4
        ? []
        : [
            new x509.KeyUsagesExtension(
              i % 2 === 0
                ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
                : x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.cRLSign,
              true,
            ),
          ];
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      // A serial with the high bit set gets a leading zero byte in DER; one without, none.
      serialNumber: i % 2 === 0 ? '00ff01a2b3c4' : '7f01',
      name,
      keys,
      signingAlgorithm: ALG,
      extensions,
      notBefore: new Date(Date.UTC(1999, 0, 2, 3, 4, 5)),
      notAfter: new Date(Date.UTC(2051, 5, 6, 7, 8, 9)),
    });
    out.push(new Uint8Array(cert.rawData));
  }
  return out;
}

function systemRoots(): { name: string; der: Uint8Array }[] {
  const dir = '/etc/ssl/certs';
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .flatMap((f) => {
      const pem = readFileSync(join(dir, f), 'utf8');
      const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
      return body ? [{ name: f, der: new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) }] : [];
    });
}

describe("SmartCACertificate fields from the SDK's own DER reader", () => {
  it('match @peculiar/x509 on generated certificates: UTF-8 Vietnamese, UID, escapes, multi-valued RDN, no key usage', async () => {
    for (const der of await generated()) assert.deepEqual(ours(der), oracle(der));
  });

  it('a value starting with "#" is escaped (the earlier code threw here: its JSON round trip read "#..." as hex)', async () => {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=\\#1 Phố Huế',
      keys,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(Date.UTC(2040, 0, 1)),
    });
    const ours = new SmartCACertificate(new Uint8Array(cert.rawData));
    assert.equal(ours.subject, 'CN=\\#1 Phố Huế');
    assert.equal(ours.commonName, '#1 Phố Huế');
    assert.equal(ours.subject, cert.subject);
  });

  it(
    'match @peculiar/x509 on every system CA root the machine has',
    { skip: systemRoots().length === 0 && 'no /etc/ssl/certs' },
    () => {
      const roots = systemRoots();
      for (const { name, der } of roots) assert.deepEqual(ours(der), oracle(der), name);
      assert.ok(roots.length > 10, `${roots.length} roots`);
    },
  );

  it('a DER SEQUENCE that is not a certificate is a ResponseSchemaError on first use, as before', () => {
    const cert = new SmartCACertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]));
    assert.throws(
      () => cert.subject,
      (e: unknown) => e instanceof Error && e.name === 'ResponseSchemaError',
    );
  });
});
