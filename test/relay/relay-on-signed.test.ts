import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { preparePdf, type SignedDocument } from '@smartca-kit/documents';
import { base64ToBytes } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { browserClient, startRelay, type RelayServer } from '../support/relay.js';
import { simplePdf } from '../support/pdf-fixtures.js';
import { clientFor, eventually, startSandbox, USERS } from '../support/sandbox.js';
import { pdfsig, tempDir, writeTemp } from '../support/validators.js';

// The portal's server-side PDF path without a browser: the backend prepares the PDF, the session
// carries its digest, and the relay's onSigned hook finishes it with the verified signature.
describe('relay onSigned: the server finishes the document it prepared', () => {
  let sandbox: SandboxServer;
  let relay: RelayServer;
  const prepared = new Map<string, Awaited<ReturnType<typeof preparePdf>>>();
  const finished = new Map<string, SignedDocument>();
  let hookCalls = 0;

  before(async () => {
    sandbox = await startSandbox();
    relay = await startRelay(clientFor(sandbox), {
      onSigned: async ({ claims, result }) => {
        hookCalls += 1;
        const [doc] = claims.documents;
        const [signature] = result.signatures;
        const pending = doc && prepared.get(doc.docId);
        if (!pending || !signature) return undefined;
        const signed =
          finished.get(doc.docId) ?? (await pending.finish(base64ToBytes(signature.signature) as Uint8Array));
        finished.set(doc.docId, signed);
        return { url: `/applications/${doc.docId}.pdf`, name: `${doc.docId}.pdf` };
      },
    });
  });
  after(async () => {
    await relay.close();
    await sandbox.close();
  });

  it('start → approve → the signed status carries the document link; the finished PDF is valid in pdfsig', async () => {
    const certificate = await clientFor(sandbox).certificates.signer({ userId: USERS.an });
    const pdf = await preparePdf(await simplePdf(), certificate, { reason: 'Đăng ký khai sinh' });
    prepared.set('HS-PDF-1', pdf);
    const session = await relay.relay.createSession({
      userId: USERS.an,
      description: 'Tờ khai khai sinh',
      documents: [{ docId: 'HS-PDF-1', digest: pdf.digestToSign, name: 'to-khai.pdf', fileType: 'pdf' }],
    });
    const client = browserClient(relay, session);
    const tx = await client.startSignature();
    const pending = await eventually(async () => {
      const list = (await (await fetch(`${sandbox.url}/phone/api/users/${USERS.an}/transactions`)).json()) as Array<{
        tranId: string;
        transactionId: string;
      }>;
      return list.find((t) => t.transactionId === tx.id);
    });
    const held = client.signatureStatus(tx.id, { waitSeconds: 20 });
    await sandbox.sandbox.approve(pending.tranId);
    const done = await held;
    assert.equal(done.status, 'signed');
    assert.deepEqual(done.result?.document, { url: '/applications/HS-PDF-1.pdf', name: 'HS-PDF-1.pdf' });
    assert.ok(hookCalls >= 1);

    const bytes = await finished.get('HS-PDF-1')!.toBytes();
    const check = await pdfsig(writeTemp(tempDir(), 'signed.pdf', bytes));
    assert.equal(check.valid, 1, check.output);

    // Asked again (another tab, a reload): the hook runs again and must be idempotent.
    const again = await client.signatureStatus(tx.id, { waitSeconds: 1 });
    assert.equal(again.result?.document?.url, '/applications/HS-PDF-1.pdf');
  });
});
