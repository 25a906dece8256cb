import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { signDocuments, verifyPdf } from '@smartca-kit/documents';
import type { SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { simplePdf, writeLargePdf } from '../support/pdf-fixtures.js';
import { clientFor, eventually, startSandbox, USERS } from '../support/sandbox.js';
import { EINVOICE } from '../support/xml-fixtures.js';
import {
  nssTrusting,
  opensslCmsVerify,
  pdfsig,
  pem,
  tempDir,
  writeTemp,
  XADES_ID_ATTR,
  xmlsec1,
} from '../support/validators.js';

const CLI = new URL('../../packages/documents/dist/cli.js', import.meta.url).pathname;

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'C', ...env } });
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

describe('documents signed through the SDK and the sandbox (the whole chain real)', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let dir: string;
  let nss: string;
  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
    dir = tempDir();
    nss = nssTrusting(server.sandbox.rootCertificatePem);
  });
  after(() => server.close());

  it('four documents, one approval: a PDF, an xref-stream PDF, an e-invoice XML and a .p7s, all accepted by the validators', async () => {
    const pdf = await simplePdf();
    const modern = await simplePdf({ objectStreams: true });
    const data = new TextEncoder().encode('Báo cáo tài chính quý IV.csv;1;2;3\n');
    const signing = signDocuments(
      smartca,
      [
        { input: pdf, docId: 'don-khai-sinh.pdf', pdf: { reason: 'Đăng ký khai sinh', location: 'Hà Nội' } },
        { input: modern, docId: 'to-khai.pdf' },
        { input: data, docId: 'bao-cao.csv', format: 'cms' },
        { input: new TextEncoder().encode(EINVOICE), docId: 'hoa-don.xml', xml: { xades: true } },
      ],
      { userId: USERS.an, description: 'Hồ sơ khai sinh' },
    );

    const pending = await eventually(async () => {
      const list = (await (await fetch(`${server.url}/phone/api/users/${USERS.an}/transactions`)).json()) as Array<{
        tranId: string;
        documents: Array<{ docId: string }>;
      }>;
      return list[0];
    });
    assert.deepEqual(
      pending.documents.map((d) => d.docId),
      ['don-khai-sinh.pdf', 'to-khai.pdf', 'bao-cao.csv', 'hoa-don.xml'],
      'one transaction carries every document',
    );
    await server.sandbox.approve(pending.tranId);
    const { documents, transaction } = await signing;
    assert.equal(transaction.status, 'signed');

    for (const [index, name] of ['signed.pdf', 'signed-modern.pdf'].entries()) {
      const bytes = await (documents[index]?.document as NonNullable<(typeof documents)[0]>['document']).toBytes();
      const check = await pdfsig(writeTemp(dir, name, bytes), nss);
      assert.equal(check.valid, 1, check.output);
      assert.equal(check.trusted, 1, `VNPT-shaped chain in the CMS reaches the sandbox root:\n${check.output}`);
      const report = await verifyPdf(bytes, { trustedRoots: [server.sandbox.rootCertificatePem] });
      assert.equal(report.signatures[0]?.cms?.trusted, true);
      assert.equal(report.signatures[0]?.cms?.signer?.serialNumber, transaction.certificate.serialNumber.toLowerCase());
    }
    const p7s = await (documents[2]?.document as NonNullable<(typeof documents)[0]>['document']).toBytes();
    const root = writeTemp(dir, 'root.pem', server.sandbox.rootCertificatePem);
    const verdict = opensslCmsVerify(writeTemp(dir, 'bao-cao.csv.p7s', p7s), writeTemp(dir, 'bao-cao.csv', data), root);
    assert.ok(verdict.ok, verdict.output);

    const xml = await (documents[3]?.document as NonNullable<(typeof documents)[0]>['document']).toBytes();
    const chainPem = writeTemp(dir, 'ca.pem', pem(transaction.certificate.chain[0] as Uint8Array));
    const xmlCheck = xmlsec1([
      '--verify',
      ...XADES_ID_ATTR,
      '--trusted-pem',
      root,
      '--untrusted-pem',
      chainPem,
      writeTemp(dir, 'hoa-don.signed.xml', xml),
    ]);
    assert.ok(xmlCheck.ok, xmlCheck.output);
  });

  describe('the smartca CLI', () => {
    let auto: SandboxServer;
    before(async () => {
      auto = await startSandbox({ autoApproveMs: 100 });
    });
    after(() => auto.close());

    it('sign --sandbox writes a PDF pdfsig accepts and a .p7s openssl accepts; verify reads them back', async () => {
      const work = tempDir();
      const pdfPath = writeTemp(work, 'don.pdf', await simplePdf({ objectStreams: true }));
      const binPath = writeTemp(work, 'scan.bin', new Uint8Array([0, 1, 2, 3, 255]));
      const signed = await cli([
        'sign',
        pdfPath,
        binPath,
        '--sandbox',
        '--endpoint',
        auto.url,
        '--user',
        USERS.an,
        '--reason',
        'Đồng ý',
      ]);
      assert.equal(signed.code, 0, signed.stderr);
      assert.deepEqual(signed.stdout.trim().split('\n'), [`${work}/don.signed.pdf`, `${work}/scan.bin.p7s`]);
      // No real app here: the CLI says where the sandbox's phone is, opened on the signer.
      assert.ok(
        signed.stderr.includes(`Approve it on the sandbox's phone: ${auto.url}/phone?user=${USERS.an}`),
        signed.stderr,
      );
      assert.equal((await pdfsig(`${work}/don.signed.pdf`)).valid, 1);
      const root = writeTemp(work, 'root.pem', auto.sandbox.rootCertificatePem);
      assert.ok(opensslCmsVerify(`${work}/scan.bin.p7s`, binPath, root).ok);

      const verified = await cli(['verify', `${work}/don.signed.pdf`, '--trusted-root', root]);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /^Signature1: VALID — Nguyễn Văn An, whole document, trusted$/m);
      // Without a root nothing anchors the chain, and the verdict says so rather than a bare VALID.
      const unanchored = await cli(['verify', `${work}/scan.bin.p7s`]);
      assert.equal(unanchored.code, 0);
      assert.match(unanchored.stdout, /VALID — Nguyễn Văn An, chain not checked \(give --trusted-root\)$/m);
    });

    it('sign --xades on an .xml writes an enveloped XAdES signature xmlsec1 accepts', async () => {
      const work = tempDir();
      const xmlPath = writeTemp(work, 'hoa-don.xml', EINVOICE);
      const signed = await cli([
        'sign',
        xmlPath,
        '--xades',
        '--sandbox',
        '--endpoint',
        auto.url,
        '--user',
        USERS.cuong,
      ]);
      assert.equal(signed.code, 0, signed.stderr);
      assert.equal(signed.stdout.trim(), `${work}/hoa-don.signed.xml`);
      const root = writeTemp(work, 'root.pem', auto.sandbox.rootCertificatePem);
      const check = xmlsec1(['--verify', ...XADES_ID_ATTR, '--trusted-pem', root, `${work}/hoa-don.signed.xml`]);
      assert.ok(check.ok, check.output);
      const verified = await cli(['verify', `${work}/hoa-don.signed.xml`, '--trusted-root', root]);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      assert.match(verified.stdout, /VALID — .*, whole document, trusted/);
    });

    it('a large file signs; bad input gives one clear line and no output file', async () => {
      const work = tempDir();
      await writeLargePdf(`${work}/large.pdf`, 24 * 1024 * 1024);
      const big = await cli([
        'sign',
        `${work}/large.pdf`,
        '--sandbox',
        '--endpoint',
        auto.url,
        '--user',
        USERS.cuong,
        '--out',
        `${work}/out.pdf`,
      ]);
      assert.equal(big.code, 0, big.stderr);
      assert.equal((await pdfsig(`${work}/out.pdf`)).valid, 1);

      const fake = writeTemp(work, 'fake.pdf', 'this is not a pdf');
      const refused = await cli(['sign', fake, '--sandbox', '--endpoint', auto.url, '--user', USERS.an]);
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.match(refused.stderr, /^smartca: PDF_NOT_PDF: The file is not a PDF/);
      assert.equal(existsSync(`${work}/fake.signed.pdf`), false);
      assert.deepEqual(
        readdirSync(work).filter((f) => f.includes('partial')),
        [],
      );

      const vi = await cli(['sign', fake, '--sandbox', '--endpoint', auto.url, '--user', USERS.an], {
        LANG: 'vi_VN.UTF-8',
      });
      assert.match(vi.stderr, /^smartca: PDF_NOT_PDF: Tệp không phải PDF/);

      const usage = await cli(['sign', fake, '--sandbox']);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /sign needs --user/);

      const noTurns = await cli([
        'sign',
        `${work}/large.pdf`,
        '--sandbox',
        '--endpoint',
        auto.url,
        '--user',
        USERS.binh,
      ]);
      assert.equal(noTurns.code, 1);
      assert.match(noTurns.stderr, /^smartca: [A-Z_]+: .*turn/im);
      assert.equal(existsSync(`${work}/large.signed.pdf`), false);
    });
  });
});
