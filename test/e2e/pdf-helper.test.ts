import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, InvalidInputError, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, startSandbox, USERS } from '../support/sandbox.js';
import { simplePdf, vietnamesePdf } from '../support/pdf-fixtures.js';
import { nssTrusting, pdfsig, scratch } from '../support/validators.js';

// VNPT's PDF helper (/rest/v2/signature/calculateHash and signExternal) through the SDK's typed calls:
// the sandbox builds the PAdES signature the way VNPT's server does; pdfsig judges it.
describe('smartca.pdfHelper against the sandbox', () => {
  let server: SandboxServer;
  let smartca: SmartCA;

  before(async () => {
    server = await startSandbox({ autoApproveMs: 100 });
    smartca = clientFor(server);
  });
  after(() => server.close());

  it('sign(): certificate → calculateHash → SP769 signature approved in the app → signExternal → PDFs pdfsig trusts', async () => {
    const pdfs = [await vietnamesePdf(), await simplePdf({ pages: 2 })];
    const { files, transaction } = await smartca.pdfHelper.sign({
      userId: USERS.cuong,
      description: 'Hợp đồng',
      files: [
        {
          name: 'hop-dong.pdf',
          pdf: pdfs[0]!,
          appearance: {
            renderMode: 0,
            text: 'Ký bởi: Lê Hoàng Cường',
            placements: [{ page: 1, rectangle: [0, 581, 200, 657] }],
          },
        },
        { name: 'phu-luc.pdf', pdf: pdfs[1]! },
      ],
    });
    assert.equal(transaction.signatures.length, 2);
    const dir = scratch('smartca-helper-');
    const nss = nssTrusting(server.sandbox.rootCertificatePem);
    for (const [i, file] of files.entries()) {
      assert.deepEqual(file.signed.subarray(0, pdfs[i]!.length), pdfs[i], 'incremental: the original is untouched');
      const verdict = await pdfsig(dir.file(file.name, file.signed), nss);
      assert.deepEqual([verdict.signatures, verdict.valid, verdict.trusted], [1, 1, 1], verdict.output);
    }
  });

  it('a signature that is not for the hash is refused by signExternal; a retry with the right one works', async () => {
    const certificate = await smartca.certificates.signer({ userId: USERS.cuong });
    const session = await smartca.pdfHelper.calculateHash({
      certificate,
      files: [{ name: 'a.pdf', pdf: await simplePdf() }],
    });
    const [file] = session.files;
    await assert.rejects(
      smartca.pdfHelper.signExternal({
        sessionId: session.sessionId,
        signatures: [{ fileId: file!.fileId, signature: new Uint8Array(256).fill(7) }],
      }),
      InvalidInputError,
    );
    const tx = await smartca.signatures.sign({
      userId: USERS.cuong,
      certificate,
      documents: [{ docId: file!.fileId, digest: file!.digest }],
    });
    const { signatures } = await tx.wait();
    const [signed] = await smartca.pdfHelper.signExternal({
      sessionId: session.sessionId,
      signatures: [{ fileId: file!.fileId, signature: signatures[0]!.signature }],
    });
    assert.equal((await pdfsig(scratch('smartca-helper-').file('a.pdf', signed!.signed))).valid, 1);
  });

  it('refuses what is not a PDF, bad partner credentials, and an unknown session, with typed errors', async () => {
    const certificate = await smartca.certificates.signer({ userId: USERS.cuong });
    await assert.rejects(
      smartca.pdfHelper.calculateHash({
        certificate,
        files: [{ name: 'x.pdf', pdf: new TextEncoder().encode('not a pdf') }],
      }),
      InvalidInputError,
    );
    await assert.rejects(smartca.pdfHelper.calculateHash({ certificate, files: [] }), InvalidInputError);
    const stranger = clientFor(server, 'sandbox-partner', {
      credentials: { spId: 'sandbox-partner', spPassword: 'wrong' },
    });
    await assert.rejects(
      stranger.pdfHelper.calculateHash({ certificate, files: [{ name: 'a.pdf', pdf: await simplePdf() }] }),
      AuthenticationError,
    );
    await assert.rejects(
      smartca.pdfHelper.signExternal({
        sessionId: 'no-such-session',
        signatures: [{ fileId: 'f', signature: new Uint8Array(256) }],
      }),
      InvalidInputError,
    );
  });
});
