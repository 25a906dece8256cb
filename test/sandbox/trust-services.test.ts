import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';

/** Runs openssl (no network) and returns stdout+stderr; throws with the output when it exits non-zero. */
function openssl(args: string[]): string {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${output}`);
  return output;
}

/** openssl talking to the sandbox in this process: asynchronous, or the sandbox could not answer. */
function opensslOnline(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('openssl', args, { encoding: 'utf8' }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

const DAY = 24 * 3600 * 1000;
/**
 * The sandbox's answers are dated by its clock, 10 days ahead: openssl ocsp, which checks
 * thisUpdate against the machine's clock, is told to accept that much difference.
 */
const AT_SANDBOX_TIME = ['-validity_period', String(11 * 24 * 3600)];

// The sandbox CA's trust services, judged by OpenSSL: the RFC 3161 TSA (`openssl ts`), the RFC 6960
// OCSP responder (`openssl ocsp`) and the CRLs (`openssl crl`), with revocation through the admin API
// showing in both. The sandbox clock runs 10 days ahead of the machine's, so times that follow it
// cannot be the wall clock by accident.
describe('sandbox TSA, OCSP responder and CRLs, checked by OpenSSL', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  const skew = 10 * DAY;
  const dir = mkdtempSync(join(tmpdir(), 'smartca-trust-'));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  let root: string;
  let issuing: string;

  before(async () => {
    server = await startSandbox({ now: () => Date.now() + skew });
    smartca = clientFor(server);
    const ca = (await (await fetch(`${server.url}/_sandbox/ca`)).json()) as { root: string; issuing: string };
    root = file('root.pem', ca.root);
    issuing = file('issuing.pem', ca.issuing);
  });
  after(() => server?.close());

  const post = async (path: string, body: Uint8Array, type: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      body: body.slice(),
      headers: { 'content-type': type },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: new Uint8Array(await response.arrayBuffer()),
    };
  };

  it('the TSA answers openssl ts queries with tokens that verify against the sandbox root, nonce echoed, genTime from the sandbox clock', async () => {
    const data = file('data.txt', 'Biên bản họp số 12');
    const query = file('q.tsq', new Uint8Array(0));
    openssl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]);
    const reply = await post('/tsa', readFileSync(query), 'application/timestamp-query');
    assert.equal(reply.status, 200);
    assert.equal(reply.type, 'application/timestamp-reply');
    const tsr = file('r.tsr', reply.body);
    assert.match(
      openssl(['ts', '-verify', '-in', tsr, '-queryfile', query, '-CAfile', root, '-untrusted', issuing]),
      /Verification: OK/,
    );
    const text = openssl(['ts', '-reply', '-in', tsr, '-text']);
    assert.match(text, /Status: Granted\./);
    assert.match(text, /Policy OID: 2\.25\.\d+/);
    assert.match(text, /Accuracy: 0x01 seconds/);
    const queryNonce = /Nonce: (0x[0-9A-F]+)/.exec(openssl(['ts', '-query', '-in', query, '-text']))?.[1];
    assert.ok(queryNonce);
    assert.equal(/Nonce: (0x[0-9A-F]+)/.exec(text)?.[1], queryNonce);
    const genTime = new Date(/Time stamp: (.+)/.exec(text)?.[1] ?? '');
    assert.ok(
      Math.abs(genTime.getTime() - (Date.now() + skew)) < 60_000,
      `genTime ${genTime.toISOString()} follows the sandbox clock`,
    );
  });

  it('a token over another digest, or checked against another root, does not verify', async () => {
    const query = file('q2.tsq', new Uint8Array(0));
    openssl(['ts', '-query', '-data', file('a.txt', 'a'), '-sha256', '-cert', '-out', query]);
    const tsr = file('r2.tsr', (await post('/tsa', readFileSync(query), 'application/timestamp-query')).body);
    assert.throws(
      () => openssl(['ts', '-verify', '-in', tsr, '-data', file('b.txt', 'b'), '-CAfile', root, '-untrusted', issuing]),
      /message imprint mismatch/,
    );
    const other = await startSandbox({ freshKeys: true });
    try {
      const otherRoot = file('other-root.pem', other.sandbox.rootCertificatePem);
      assert.throws(
        () => openssl(['ts', '-verify', '-in', tsr, '-queryfile', query, '-CAfile', otherRoot, '-untrusted', issuing]),
        /Verification: FAILED|certificate verify error/,
      );
    } finally {
      await other.close();
    }
  });

  it('the TSA certificate is issued by the sandbox CA with the critical timeStamping EKU, and points at OCSP and CRL', () => {
    const text = openssl(['x509', '-in', file('tsa.pem', server.sandbox.tsaCertificatePem), '-noout', '-text']);
    assert.match(text, /X509v3 Extended Key Usage: critical\s+Time Stamping\s/);
    assert.match(
      text,
      /Issuer: C ?= ?VN, O ?= ?smartca-kit sandbox, OU ?= ?VNPT-CA \(sandbox\), CN ?= ?VNPT SmartCA RS Sandbox/,
    );
    assert.ok(text.includes(`OCSP - URI:${server.url}/ocsp`), text);
    assert.ok(text.includes(`URI:${server.url}/crl/issuing.crl`), text);
  });

  it('bad queries get a PKIStatus rejection with its failInfo, never a 5xx', async () => {
    const garbage = await post('/tsa', new TextEncoder().encode('not DER'), 'application/timestamp-query');
    assert.equal(garbage.status, 200);
    assert.match(
      openssl(['ts', '-reply', '-in', file('bad.tsr', garbage.body), '-text']),
      /Status: Rejected[\s\S]*the data submitted has the wrong format/,
    );
    const md5 = file('md5.tsq', new Uint8Array(0));
    openssl(['ts', '-query', '-data', file('c.txt', 'c'), '-md5', '-out', md5]);
    const badAlg = await post('/tsa', readFileSync(md5), 'application/timestamp-query');
    assert.match(
      openssl(['ts', '-reply', '-in', file('alg.tsr', badAlg.body), '-text']),
      /Status: Rejected[\s\S]*unrecognized or unsupported algorithm identifier/,
    );
    const policy = file('policy.tsq', new Uint8Array(0));
    openssl(['ts', '-query', '-data', file('d.txt', 'd'), '-sha256', '-tspolicy', '1.2.3.4', '-out', policy]);
    const badPolicy = await post('/tsa', readFileSync(policy), 'application/timestamp-query');
    assert.match(
      openssl(['ts', '-reply', '-in', file('policy.tsr', badPolicy.body), '-text']),
      /Status: Rejected[\s\S]*requested TSA policy is not supported/,
    );
    assert.equal((await post('/tsa', new Uint8Array(0), 'text/plain')).status, 200, 'an empty body is a rejection too');
    assert.equal((await fetch(`${server.url}/tsa`)).status, 405);
  });

  it('OCSP says good, then revoked with time and reason after the admin API revokes; nonce echoed; unknown serials are unknown', async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.cuong });
    const leaf = file('cuong.pem', cert!.toPem());
    const ask = () =>
      opensslOnline([
        'ocsp',
        '-issuer',
        issuing,
        '-cert',
        leaf,
        '-url',
        `${server.url}/ocsp`,
        '-CAfile',
        root,
        '-resp_text',
        ...AT_SANDBOX_TIME,
      ]);
    const before = await ask();
    assert.match(before, /Response verify OK/);
    assert.match(before, new RegExp(`${leaf}: good`));
    assert.doesNotMatch(before, /WARNING: no nonce/);
    assert.match(before, /OCSP Nonce/);
    const revokedAt = Date.now() + skew;
    const revoke = await fetch(`${server.url}/_sandbox/certificates/${cert!.id}/revoke`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'keyCompromise' }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(revoke.status, 200);
    const afterward = await ask();
    assert.match(afterward, /Response verify OK/);
    assert.match(afterward, new RegExp(`${leaf}: revoked`));
    assert.match(afterward, /Reason: keyCompromise/);
    const time = new Date(/Revocation Time: (.+)/.exec(afterward)?.[1] ?? '');
    assert.ok(Math.abs(time.getTime() - revokedAt) < 60_000, `revocation time ${time.toISOString()} is the sandbox's`);
    const unknown = await opensslOnline([
      'ocsp',
      '-issuer',
      issuing,
      '-serial',
      '0x0123456789',
      '-url',
      `${server.url}/ocsp`,
      '-CAfile',
      root,
      ...AT_SANDBOX_TIME,
    ]);
    assert.match(unknown, /0x0123456789: unknown/);
    const malformed = await post('/ocsp', new TextEncoder().encode('nope'), 'application/ocsp-request');
    assert.equal(malformed.status, 200);
    assert.deepEqual([...malformed.body], [0x30, 0x03, 0x0a, 0x01, 0x01], 'malformedRequest');
  });

  it('OCSP answers GET with the base64 request in the path, as RFC 6960 allows', async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    const request = file('an.ocq', new Uint8Array(0));
    openssl(['ocsp', '-issuer', issuing, '-cert', file('an.pem', cert!.toPem()), '-no_nonce', '-reqout', request]);
    const encoded = encodeURIComponent(readFileSync(request).toString('base64'));
    const response = await fetch(`${server.url}/ocsp/${encoded}`);
    assert.equal(response.headers.get('content-type'), 'application/ocsp-response');
    const der = file('an.ocsp', new Uint8Array(await response.arrayBuffer()));
    const text = openssl([
      'ocsp',
      '-respin',
      der,
      '-reqin',
      request,
      '-issuer',
      issuing,
      '-CAfile',
      root,
      '-resp_text',
      ...AT_SANDBOX_TIME,
    ]);
    assert.match(text, /Cert Status: good/);
    assert.match(text, /Response verify OK/);
  });

  it('the responder certificate is a delegated one with ocsp-nocheck and no OCSP URL of its own', async () => {
    const response = file('resp.der', new Uint8Array(0));
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    await opensslOnline([
      'ocsp',
      '-issuer',
      issuing,
      '-cert',
      file('an2.pem', cert!.toPem()),
      '-url',
      `${server.url}/ocsp`,
      '-respout',
      response,
      '-noverify',
    ]);
    const certs = file(
      'responder.pem',
      openssl(['ocsp', '-respin', response, '-resp_text', '-noverify']).match(
        /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/,
      )?.[0] ?? '',
    );
    const text = openssl(['x509', '-in', certs, '-noout', '-text']);
    assert.match(text, /OCSP Signing/);
    assert.match(text, /OCSP No Check/);
    assert.doesNotMatch(text, /Authority Information Access/);
    assert.match(openssl(['verify', '-CAfile', root, '-untrusted', issuing, '-purpose', 'ocsphelper', certs]), /: OK/);
  });

  it('each CA publishes a CRL signed by it, nextUpdate from the sandbox clock, listing the serials revoked', async () => {
    const cert = await smartca.certificates.select({ userId: USERS.em, serviceType: 'ESEAL' });
    const fetchCrl = async (name: string) =>
      file(name, new Uint8Array(await (await fetch(`${server.url}/crl/${name}`)).arrayBuffer()));
    const bundle = file('bundle.pem', `${readFileSync(root, 'utf8')}${readFileSync(issuing, 'utf8')}`);
    const rootCrl = openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      await fetchCrl('root.crl'),
      '-CAfile',
      root,
      '-noout',
      '-text',
    ]);
    assert.match(rootCrl, /verify OK/);
    assert.match(rootCrl, /No Revoked Certificates/);
    const serial = cert!.serialNumber.toUpperCase();
    assert.doesNotMatch(
      openssl(['crl', '-inform', 'DER', '-in', await fetchCrl('issuing.crl'), '-noout', '-text']),
      new RegExp(serial),
    );
    await fetch(`${server.url}/_sandbox/certificates/${cert!.id}/revoke`, { method: 'POST' });
    const text = openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      await fetchCrl('issuing.crl'),
      '-CAfile',
      bundle,
      '-noout',
      '-text',
    ]);
    assert.match(text, /verify OK/);
    assert.match(text, new RegExp(`Serial Number: 0?${serial}`));
    const next = new Date(/Next Update: (.+)/.exec(text)?.[1] ?? '');
    assert.ok(
      Math.abs(next.getTime() - (Date.now() + skew + 7 * DAY)) < 60_000,
      `nextUpdate ${next.toISOString()} is a week after the sandbox's now`,
    );
  });

  it("user certificates point at this server's OCSP, CA issuer and CRL, which serve what they name", async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    const text = openssl(['x509', '-in', file('an3.pem', cert!.toPem()), '-noout', '-text']);
    assert.ok(text.includes(`OCSP - URI:${server.url}/ocsp`), text);
    assert.ok(text.includes(`CA Issuers - URI:${server.url}/pki/issuing.crt`), text);
    assert.ok(text.includes(`URI:${server.url}/crl/issuing.crl`), text);
    const issuer = file(
      'issuer.der',
      new Uint8Array(await (await fetch(`${server.url}/pki/issuing.crt`)).arrayBuffer()),
    );
    assert.equal(
      openssl(['x509', '-inform', 'DER', '-in', issuer, '-noout', '-subject']),
      openssl(['x509', '-in', issuing, '-noout', '-subject']),
    );
    assert.match(
      openssl([
        'verify',
        '-attime',
        String(Math.floor((Date.now() + skew) / 1000)),
        '-CAfile',
        root,
        '-untrusted',
        issuing,
        file('an4.pem', cert!.toPem()),
      ]),
      /: OK/,
    );
  });
});
