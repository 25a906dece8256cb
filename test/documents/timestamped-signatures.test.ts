import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  preparePdf,
  requestTimestamp,
  signCms,
  signPdf,
  TimestampError,
  type DocumentInput,
} from '@smartca-kit/documents';
import { InvalidInputError, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { dssValidateOnline, type DssSignature } from '../support/dss.js';
import { createLocalSigner } from '../support/local-signer.js';
import { pyhankoValidate } from '../support/pyhanko.js';
import { simplePdf, vietnamesePdf } from '../support/pdf-fixtures.js';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';
import { nssTrusting, opensslCmsVerify, pdfsig, scratch } from '../support/validators.js';

const SIGNATURE_TIMESTAMP = '1.2.840.113549.1.9.16.2.14';

/** The signature timestamp token inside a CMS SignedData (DER ContentInfo). */
function timestampTokenOf(cms: Uint8Array): Uint8Array {
  const signed = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  const attr = signed.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === SIGNATURE_TIMESTAMP);
  assert.ok(attr, 'the signer carries id-aa-signatureTimeStampToken');
  return new Uint8Array(attr.attrValues[0] as ArrayBuffer);
}

function signatureValueOf(cms: Uint8Array): Uint8Array {
  const signed = AsnConvert.parse(AsnConvert.parse(cms, ContentInfo).content, SignedData);
  return new Uint8Array(signed.signerInfos[0]!.signature.buffer);
}

/** The CMS inside a signed PDF's last /Contents. */
function cmsOfPdf(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const hex = /\/Contents <([0-9a-f]+)>/g;
  let last = '';
  for (let m = hex.exec(text); m; m = hex.exec(text)) last = m[1] ?? '';
  const bytes = Buffer.from(last, 'hex');
  // The placeholder's zero padding follows the DER; its outer length says where the CMS ends.
  const length =
    bytes[1]! & 0x80 ? bytes.subarray(2, 2 + (bytes[1]! & 0x7f)).reduce((n, b) => n * 256 + b, 0) : bytes[1]!;
  return new Uint8Array(bytes.subarray(0, 2 + (bytes[1]! & 0x80 ? bytes[1]! & 0x7f : 0) + length));
}

function opensslAsync(args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile('openssl', args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: `${stdout}${stderr}` }),
    );
  });
}

/** A loopback HTTP server answering with `handler`; counts requests. */
async function fakeTsa(
  handler: (
    body: Buffer,
    count: number,
  ) => { status: number; body: Uint8Array } | Promise<{ status: number; body: Uint8Array }>,
): Promise<{ url: string; server: Server; count: () => number }> {
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      count++;
      const answer = await handler(Buffer.concat(chunks), count);
      res.writeHead(answer.status, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, server, count: () => count };
}

// PAdES B-T and CAdES-T through the sandbox: SmartCA signs, the sandbox TSA timestamps the signature
// value. EU DSS (following the certificates' OCSP and CRL URLs to this very sandbox) must conclude
// TOTAL_PASSED at level -BASELINE-T; pyHanko must call the signature and its timestamp valid and
// trusted; openssl must verify the token; pdfsig must still call the signature valid. A changed
// byte, and a timestamp by a TSA nobody trusts, must not pass.
describe('PAdES B-T and CAdES-T with the sandbox TSA, judged by EU DSS, pyHanko, openssl and pdfsig', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let tsaUrl: string;
  const dir = scratch('smartca-bt-');
  let rootPath: string;
  let bundlePath: string;
  let pdfBT: Uint8Array;

  before(async () => {
    server = await startSandbox({ autoApproveMs: 30 });
    smartca = clientFor(server);
    tsaUrl = `${server.url}/tsa`;
    rootPath = dir.file('root.pem', server.sandbox.rootCertificatePem);
    const ca = (await (await fetch(`${server.url}/_sandbox/ca`)).json()) as { root: string; issuing: string };
    bundlePath = dir.file('issuing.pem', ca.issuing);
    pdfBT = await (
      await signPdf(smartca, await vietnamesePdf(), { userId: USERS.cuong, level: 'B-T', tsa: { url: tsaUrl } })
    ).toBytes();
  });
  after(() => server?.close());

  const passed = (s: DssSignature | undefined) => s?.indication === 'TOTAL_PASSED';

  it('a B-T PDF is PAdES-BASELINE-T and TOTAL_PASSED for EU DSS, its timestamp PASSED', async () => {
    const [report] = await dssValidateOnline([dir.file('bt.pdf', pdfBT)], { trust: [rootPath] });
    const signature = report!.signatures[0];
    assert.equal(signature?.format, 'PAdES-BASELINE-T', JSON.stringify(report));
    assert.ok(passed(signature), JSON.stringify(report));
    assert.equal(signature!.timestamps.length, 1);
    assert.equal(signature!.timestamps[0]!.indication, 'PASSED', JSON.stringify(signature!.timestamps));
    assert.equal(
      signature!.bestSignatureTime,
      signature!.timestamps[0]!.productionTime,
      'the timestamp is the proof of existence',
    );
  });

  it('pyHanko finds the signature and its timestamp intact, valid and trusted; pdfsig calls it valid and trusted', async () => {
    const [report] = pyhankoValidate([dir.file('bt-hanko.pdf', pdfBT)], { trust: [rootPath] });
    const signature = report!.signatures[0]!;
    assert.deepEqual(
      [signature.intact, signature.valid, signature.trusted, signature.coverage],
      [true, true, true, 'ENTIRE_FILE'],
      JSON.stringify(report),
    );
    assert.ok(signature.timestamp, 'pyHanko sees the signature timestamp');
    assert.deepEqual(
      [signature.timestamp.intact, signature.timestamp.valid, signature.timestamp.trusted],
      [true, true, true],
    );
    const verdict = await pdfsig(dir.file('bt-pdfsig.pdf', pdfBT), nssTrusting(server.sandbox.rootCertificatePem));
    assert.deepEqual([verdict.signatures, verdict.valid, verdict.trusted], [1, 1, 1], verdict.output);
  });

  it('openssl ts -verify accepts the token for the SHA-256 of the signature value, against the sandbox root', async () => {
    const cms = cmsOfPdf(pdfBT);
    const token = dir.file('bt.tst', timestampTokenOf(cms));
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', signatureValueOf(cms).slice())).toString('hex');
    const verified = await opensslAsync([
      'ts',
      '-verify',
      '-token_in',
      '-in',
      token,
      '-digest',
      digest,
      '-CAfile',
      rootPath,
      '-untrusted',
      bundlePath,
    ]);
    assert.match(verified.output, /Verification: OK/);
    const other = await opensslAsync([
      'ts',
      '-verify',
      '-token_in',
      '-in',
      token,
      '-digest',
      '00'.repeat(32),
      '-CAfile',
      rootPath,
      '-untrusted',
      bundlePath,
    ]);
    assert.doesNotMatch(other.output, /Verification: OK/);
  });

  it('a CAdES-T .p7s is CAdES-BASELINE-T and TOTAL_PASSED for EU DSS, and openssl cms verifies it', async () => {
    const content = new TextEncoder().encode('Tờ khai thuế mẫu 01/GTGT');
    const p7s = await (
      await signCms(smartca, content, { userId: USERS.cuong, level: 'B-T', tsa: { url: tsaUrl } })
    ).toBytes();
    const contentPath = dir.file('tk.txt', content);
    const [report] = await dssValidateOnline([dir.file('tk.txt.p7s', p7s)], {
      trust: [rootPath],
      content: contentPath,
    });
    const signature = report!.signatures[0];
    assert.equal(signature?.format, 'CAdES-BASELINE-T', JSON.stringify(report));
    assert.ok(passed(signature), JSON.stringify(report));
    assert.equal(signature!.timestamps[0]?.indication, 'PASSED');
    assert.ok(opensslCmsVerify(dir.file('tk2.p7s', p7s), contentPath, rootPath).ok);
  });

  it('a changed byte fails in DSS and pyHanko', async () => {
    const tampered = pdfBT.slice();
    tampered[300] = (tampered[300] as number) ^ 0x01;
    const path = dir.file('bt-tampered.pdf', tampered);
    const [report] = await dssValidateOnline([path], { trust: [rootPath] });
    assert.deepEqual(
      [report!.signatures[0]!.indication, report!.signatures[0]!.subIndication],
      ['TOTAL_FAILED', 'HASH_FAILURE'],
    );
    const [hanko] = pyhankoValidate([path], { trust: [rootPath] });
    assert.equal(hanko!.signatures[0]?.intact ?? false, false);
  });

  it("a timestamp from a TSA nobody trusts (another sandbox's key) is not accepted by DSS or pyHanko", async () => {
    const stranger = await startSandbox({ freshKeys: true });
    try {
      const pdf = await (
        await signPdf(smartca, await simplePdf(), {
          userId: USERS.cuong,
          level: 'B-T',
          tsa: { url: `${stranger.url}/tsa` },
        })
      ).toBytes();
      const path = dir.file('bt-stranger.pdf', pdf);
      const [report] = await dssValidateOnline([path], { trust: [rootPath] });
      // The signature itself is fine today (its certificate is good), so DSS may pass it; what it must
      // not do is take the stranger's timestamp as proof of when it existed.
      const signature = report!.signatures[0]!;
      assert.equal(signature.timestamps[0]?.indication, 'INDETERMINATE', JSON.stringify(signature.timestamps));
      assert.equal(signature.timestamps[0]?.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
      assert.equal(signature.bestSignatureTime, report!.validationTime, 'no proof of existence before validation');
      const [hanko] = pyhankoValidate([path], { trust: [rootPath] });
      assert.equal(hanko!.signatures[0]!.timestamp?.trusted ?? false, false, JSON.stringify(hanko));
    } finally {
      await stranger.close();
    }
  });

  it('B-T reserves room for the token: the placeholder is ~12 KiB larger, and a too-small one is a typed error', async () => {
    const signer = await createLocalSigner();
    const pdf = await simplePdf();
    const bb = await preparePdf(pdf, signer);
    const bt = await preparePdf(pdf, signer, { level: 'B-T', tsa: { url: tsaUrl } });
    const size = async (p: typeof bb) => (await (await p.finish(signer.signDigest(p.digestToSign))).toBytes()).length;
    const reserve = (await size(bt)) - (await size(bb));
    assert.ok(reserve >= 2 * 12 * 1024, `hex placeholder grows by at least 24 KiB of digits (${reserve})`);
    const tight = await preparePdf(pdf, signer, { level: 'B-T', tsa: { url: tsaUrl }, placeholderSize: 3000 });
    await assert.rejects(
      tight.finish(signer.signDigest(tight.digestToSign)),
      (e: unknown) =>
        e instanceof InvalidInputError && e.code === 'PLACEHOLDER_TOO_SMALL' && /timestamp/.test(e.messages.en),
    );
  });

  it('B-T without a TSA URL is refused before anything is signed', async () => {
    const signer = await createLocalSigner();
    await assert.rejects(
      preparePdf(await simplePdf(), signer, { level: 'B-T' }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'TSA_URL_REQUIRED',
    );
    await assert.rejects(
      signCms(smartca, new Uint8Array([1]) as DocumentInput, { userId: USERS.cuong, level: 'B-T' }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'TSA_URL_REQUIRED',
    );
  });
});

const CLI = fileURLToPath(new URL('../../packages/documents/dist/cli.js', import.meta.url));

/** The built `smartca` CLI, asynchronously (the sandbox it calls is in this process). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('smartca sign --level b-t (the built CLI)', () => {
  let server: SandboxServer;
  before(async () => {
    server = await startSandbox({ autoApproveMs: 30 });
  });
  after(() => server?.close());

  it("--sandbox --level b-t timestamps with the sandbox's TSA; b-t without a TSA is a usage error", async () => {
    const dir = scratch('smartca-cli-bt-');
    const input = dir.file('don.pdf', await simplePdf());
    const signed = await cli([
      'sign',
      input,
      '--sandbox',
      '--endpoint',
      server.url,
      '--user',
      USERS.cuong,
      '--level',
      'b-t',
    ]);
    assert.equal(signed.code, 0, signed.stderr);
    const out = signed.stdout.trim();
    const [report] = pyhankoValidate([out], { trust: [dir.file('root.pem', server.sandbox.rootCertificatePem)] });
    assert.deepEqual(
      [report!.signatures[0]!.valid, report!.signatures[0]!.timestamp?.trusted],
      [true, true],
      JSON.stringify(report),
    );
    assert.ok(readFileSync(out).length > 0);
    const refused = await cli(['sign', input, '--endpoint', server.url, '--user', USERS.cuong, '--level', 'b-t']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--level b-t needs --tsa/);
  });
});

describe('requestTimestamp against a real TSA (the sandbox) and broken ones', () => {
  let server: SandboxServer;
  const digest = new Uint8Array(32).fill(7);

  before(async () => {
    server = await startSandbox();
  });
  after(() => server?.close());

  it('returns a checked token: genTime, serial, policy and the TSA certificate', async () => {
    const token = await requestTimestamp(`${server.url}/tsa`, digest);
    assert.ok(Math.abs(token.genTime.getTime() - Date.now()) < 60_000);
    assert.match(token.serialNumber, /^[0-9a-f]+$/);
    assert.match(token.policy, /^2\.25\./);
    assert.ok(token.tsaCertificate && token.tsaCertificate.length > 500);
  });

  it("TSA_REFUSED carries the TSA's failInfo", async () => {
    await assert.rejects(
      requestTimestamp(`${server.url}/tsa`, digest, { policy: '1.2.3.4' }),
      (e: unknown) =>
        e instanceof TimestampError &&
        e.code === 'TSA_REFUSED' &&
        /unacceptedPolicy/.test(e.messages.en) &&
        e.messages.vi.length > 0 &&
        e.userMessages.vi.includes('dấu thời gian'),
    );
  });

  it('TSA_UNREACHABLE after the retries when nothing listens, and when the TSA keeps answering 5xx', async () => {
    const closed = await fakeTsa(() => ({ status: 200, body: new Uint8Array() }));
    await new Promise((resolve) => closed.server.close(resolve));
    await assert.rejects(
      requestTimestamp(closed.url, digest, { retries: 1 }),
      (e: unknown) => e instanceof TimestampError && e.code === 'TSA_UNREACHABLE' && e.url === closed.url,
    );
    const failing = await fakeTsa(() => ({ status: 503, body: new Uint8Array() }));
    try {
      await assert.rejects(
        requestTimestamp(failing.url, digest, { retries: 2 }),
        (e: unknown) => e instanceof TimestampError && e.code === 'TSA_UNREACHABLE' && /HTTP 503/.test(e.messages.en),
      );
      assert.equal(failing.count(), 3, 'one try and two retries');
    } finally {
      failing.server.close();
    }
  });

  it('retries a 5xx and then succeeds; a timeout counts as unreachable', async () => {
    const flaky = await fakeTsa(async (body, count) =>
      count === 1
        ? { status: 502, body: new Uint8Array() }
        : {
            status: 200,
            body: new Uint8Array(
              await (await fetch(`${server.url}/tsa`, { method: 'POST', body: new Uint8Array(body) })).arrayBuffer(),
            ),
          },
    );
    try {
      const token = await requestTimestamp(flaky.url, digest);
      assert.equal(flaky.count(), 2);
      assert.ok(token.der.length > 0);
    } finally {
      flaky.server.close();
    }
    const silent = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      await assert.rejects(
        requestTimestamp(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, digest, {
          timeoutMs: 300,
          retries: 0,
        }),
        (e: unknown) => e instanceof TimestampError && e.code === 'TSA_UNREACHABLE',
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('TSA_BAD_RESPONSE for garbage, for a token over another imprint, and for a replayed nonce', async () => {
    const garbage = await fakeTsa(() => ({ status: 200, body: new TextEncoder().encode('<html>hi</html>') }));
    const otherImprint = await fakeTsa(async () => ({
      status: 200,
      body: await sandboxAnswer(server, new Uint8Array(32).fill(9)),
    }));
    let replay: Uint8Array | undefined;
    const replaying = await fakeTsa(async (body) => {
      replay ??= new Uint8Array(
        await (await fetch(`${server.url}/tsa`, { method: 'POST', body: new Uint8Array(body) })).arrayBuffer(),
      );
      return { status: 200, body: replay };
    });
    try {
      for (const [url, pattern] of [
        [garbage.url, /not a DER TimeStampResp/],
        [otherImprint.url, /another imprint/],
      ] as const) {
        await assert.rejects(
          requestTimestamp(url, digest),
          (e: unknown) => e instanceof TimestampError && e.code === 'TSA_BAD_RESPONSE' && pattern.test(e.messages.en),
        );
      }
      await requestTimestamp(replaying.url, digest);
      await assert.rejects(
        requestTimestamp(replaying.url, digest),
        (e: unknown) => e instanceof TimestampError && e.code === 'TSA_BAD_RESPONSE' && /nonce/.test(e.messages.en),
      );
    } finally {
      for (const s of [garbage, otherImprint, replaying]) s.server.close();
    }
  });

  it('a 4xx is not retried', async () => {
    const notFound = await fakeTsa(() => ({ status: 404, body: new Uint8Array() }));
    try {
      await assert.rejects(
        requestTimestamp(notFound.url, digest),
        (e: unknown) => e instanceof TimestampError && e.code === 'TSA_BAD_RESPONSE' && /HTTP 404/.test(e.messages.en),
      );
      assert.equal(notFound.count(), 1);
    } finally {
      notFound.server.close();
    }
  });
});

/** The sandbox TSA's answer to a query (with no nonce) for `imprint`, built by openssl. */
async function sandboxAnswer(server: SandboxServer, imprint: Uint8Array): Promise<Uint8Array> {
  const dir = scratch('smartca-tsq-');
  const query = dir.file('q.tsq', new Uint8Array());
  await opensslAsync([
    'ts',
    '-query',
    '-digest',
    Buffer.from(imprint).toString('hex'),
    '-sha256',
    '-cert',
    '-no_nonce',
    '-out',
    query,
  ]);
  const { readFileSync } = await import('node:fs');
  const response = await fetch(`${server.url}/tsa`, { method: 'POST', body: readFileSync(query) });
  return new Uint8Array(await response.arrayBuffer());
}
