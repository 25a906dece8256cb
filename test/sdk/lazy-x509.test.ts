import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Importing the SDK must not load @peculiar/x509 and its CommonJS ASN.1 family (most of what a
// serverless relay's cold start used to pay, see bench/cold-start.mjs): reading a certificate's
// fields uses the SDK's own DER reader, and the library loads only for `certificate.x509` or
// verifyCertificate. Checked in a fresh process, by the CommonJS module cache, where Node puts
// @peculiar/x509 (a CommonJS package) however it is loaded.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PROBE = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const count = (pattern) => Object.keys(cache).filter((f) => pattern.test(f)).length;
const loaded = () => count(/[\\\\/]@peculiar[\\\\/](x509|asn1-)/);
const zod = () => count(/[\\\\/]node_modules[\\\\/]zod[\\\\/]/);
const report = {};
const sdk = await import(process.argv[1]);
await import('@smartca-kit/sdk/relay');
report.afterImport = loaded();
report.zodAfterImport = zod();
const der = new Uint8Array(Buffer.from(process.argv[2], 'base64'));
const cert = new sdk.SmartCACertificate(der);
report.fields = [cert.commonName, cert.serialNumber, cert.validTo.toISOString(), cert.canSign, cert.publicKeyInfo.length];
report.afterFields = loaded();
const event = sdk.createSmartCA({ environment: 'http://127.0.0.1:9', credentials: { spId: 'p', spPassword: 's' } })
  .webhooks.parseSp769(JSON.stringify({ sp_id: 'p', status_code: 200, message: 'SUCCESS', transaction_id: 't-1' }));
report.webhook = event.transactionId;
report.zodAfterWebhook = zod();
const x509 = cert.x509;
report.afterX509 = loaded();
const lib = await import('@peculiar/x509');
report.sameClass = x509 instanceof lib.X509Certificate;
report.check = (await sdk.verifyCertificate(cert, { trustedRoots: [der], at: cert.validFrom })).trusted;
console.log(JSON.stringify(report));
`;

async function selfSigned(): Promise<string> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Phạm Thị Lan',
    keys,
    signingAlgorithm: alg,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return Buffer.from(cert.rawData).toString('base64');
}

describe('cold start: @peculiar/x509 and zod load on first use, not on import', () => {
  it("importing the SDK root and /relay loads neither; reading a certificate's fields loads no @peculiar/*, x509 does; a webhook loads zod", async () => {
    const der = await selfSigned();
    const out = execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', PROBE, '@smartca-kit/sdk', der],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const report = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    assert.equal(report.afterImport, 0, 'importing the SDK loaded @peculiar/*');
    assert.equal(report.zodAfterImport, 0, 'importing the SDK loaded zod');
    // A webhook can be the first thing a fresh instance parses: the sync receiver loads zod itself.
    assert.equal(report.webhook, 't-1');
    assert.ok(report.zodAfterWebhook > 0, 'parsing a webhook did not load zod');
    assert.deepEqual(report.fields, ['Phạm Thị Lan', '01', report.fields[2], true, 294]);
    assert.equal(report.afterFields, 0, 'reading the fields loaded @peculiar/*');
    assert.ok(report.afterX509 > 0, 'certificate.x509 did not load @peculiar/x509');
    assert.equal(report.sameClass, true, 'certificate.x509 is not the X509Certificate a caller imports');
    assert.equal(report.check, true);
  });
});
