import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InvalidInputError, type GatewaySession, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';
import { vietnamesePdf } from '../support/pdf-fixtures.js';
import { EINVOICE } from '../support/xml-fixtures.js';
import { nssTrusting, pdfsig, scratch, xmlsec1 } from '../support/validators.js';

// `/csc/signature/sign` (V2 §5.2.3), as VNPT's demo app and mobile SDK use it: whole files go to
// SmartCA, which signs them itself once the user approves. The outputs are judged by pdfsig and xmlsec1.
describe('gateway whole-file signing (/csc/signature/sign) against the sandbox', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let session: GatewaySession;

  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
    session = await smartca.gateway.login({ grant: 'password', username: USERS.an, password: 'sandbox-password' });
  });
  after(() => server.close());

  it('a PDF and an XML e-invoice in one request: approve → signed files pdfsig and xmlsec1 accept, one turn each', async () => {
    const pdf = await vietnamesePdf();
    const xml = new TextEncoder().encode(EINVOICE);
    const [credentialId] = await session.listCredentials();
    const before = (await session.getCredential(credentialId!)).servicePacks[0]!.remainingTurns!;
    const tx = await session.signFiles({
      description: 'Hồ sơ',
      files: [
        {
          name: 'to-khai.pdf',
          data: pdf,
          options: { visibleType: 1, signatures: [{ page: 1, rectangle: '0,0,200,50' }] },
        },
        { name: 'hoa-don.xml', data: xml },
      ],
    });
    assert.equal(tx.snapshot().status, 'pending');
    await server.sandbox.approve(tx.providerId!);
    const { files, certificate } = await tx.wait();
    assert.deepEqual(
      files.map((f) => f.name),
      ['to-khai.pdf', 'hoa-don.xml'],
    );
    for (const file of files) assert.ok(verifyWithNodeCrypto(certificate.publicKeyInfo, file.digest, file.signature));

    const dir = scratch('smartca-whole-');
    const signedPdf = files[0]!.data;
    assert.deepEqual(
      signedPdf.subarray(0, pdf.length),
      pdf,
      'an incremental update: the original is an untouched prefix',
    );
    const verdict = await pdfsig(dir.file('to-khai.pdf', signedPdf), nssTrusting(server.sandbox.rootCertificatePem));
    assert.deepEqual([verdict.signatures, verdict.valid, verdict.trusted], [1, 1, 1], verdict.output);
    const root = dir.file('root.pem', server.sandbox.rootCertificatePem);
    const checked = xmlsec1(['--verify', '--trusted-pem', root, dir.file('hoa-don.xml', files[1]!.data)]);
    assert.ok(checked.ok, checked.output);
    assert.equal((await session.getCredential(credentialId!)).servicePacks[0]!.remainingTurns, before - 2);
  });

  it('a file that is neither PDF nor XML is refused as 64000 before anything reaches the phone', async () => {
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    await assert.rejects(
      session.signFiles({ files: [{ name: 'hop-dong.docx', data: docx }] }),
      (e: unknown) =>
        e instanceof InvalidInputError && e.code === 'CREDENTIAL_SIGN_FILE_UNSUPPORT_FILETYPE' && e.wireCode === 64000,
    );
  });

  it('bad input is refused before sending: no files, eleven files, an empty file', async () => {
    const file = { name: 'a.pdf', data: new Uint8Array([1]) };
    for (const files of [[], Array.from({ length: 11 }, () => file), [{ name: 'a.pdf', data: new Uint8Array() }]]) {
      await assert.rejects(session.signFiles({ files }), InvalidInputError);
    }
  });
});
