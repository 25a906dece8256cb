// signBatch and `smartca sign-batch` against a real sandbox over loopback HTTP: groups of at most 50,
// per-document outcomes, a rejected group that spares the others, and resumption after a crash
// (a journal whose writer dies mid-batch, and the CLI killed with SIGKILL) without a second transaction.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BatchDocumentError,
  DocumentFormatError,
  signBatch,
  storeJournal,
  verifyPdf,
  type BatchJournal,
  type BatchProgress,
  type SignedDocument,
} from '@smartca-kit/documents';
import { InvalidInputError, MemoryStore, TransactionRejectedError, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { simplePdf } from '../support/pdf-fixtures.js';
import { clientFor, eventually, startSandbox, USERS } from '../support/sandbox.js';
import { nssTrusting, opensslCmsVerify, pdfsig, tempDir, writeTemp } from '../support/validators.js';

const CLI = new URL('../../packages/documents/dist/cli.js', import.meta.url).pathname;

interface PhoneTransaction {
  tranId: string;
  transactionId: string;
  status: string;
  documents: Array<{ docId: string }>;
}

/** Every transaction the sandbox holds for `userId`, as its phone lists them. */
async function transactionsOf(server: SandboxServer, userId: string, status = 'all'): Promise<PhoneTransaction[]> {
  const response = await fetch(`${server.url}/phone/api/users/${userId}/transactions?status=${status}`);
  return (await response.json()) as PhoneTransaction[];
}

/** Collects outputs in memory, by document id. */
function memoryOutput(): {
  outputs: Map<string, SignedDocument>;
  output: (r: { docId: string; document: SignedDocument }) => void;
} {
  const outputs = new Map<string, SignedDocument>();
  return { outputs, output: ({ docId, document }) => void outputs.set(docId, document) };
}

describe('signBatch: many documents, in transactions of at most 50, each with its own outcome', () => {
  let auto: SandboxServer;
  let smartca: SmartCA;
  before(async () => {
    auto = await startSandbox({ autoApproveMs: 50 });
    smartca = clientFor(auto);
  });
  after(() => auto.close());

  it('signs 103 documents in 3 transactions; a broken PDF fails alone with a typed error; outputs pass pdfsig and openssl', async () => {
    const pdf = await simplePdf();
    const csv = new TextEncoder().encode('so-hop-dong;so-tien\nHD-001;1000000\n');
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nnot a pdf at all');
    function* documents() {
      for (let i = 1; i <= 100; i++) yield { input: pdf, docId: `hop-dong-${i}.pdf`, pdf: { reason: 'Ký hợp đồng' } };
      yield { input: broken, docId: 'hong.pdf', format: 'pdf' as const };
      yield { input: csv, docId: 'bang-ke.csv', format: 'cms' as const };
      yield { input: pdf, docId: 'phu-luc.pdf' };
    }
    const progress: BatchProgress[] = [];
    const { outputs, output } = memoryOutput();
    const before = (await transactionsOf(auto, USERS.cuong)).length;
    const result = await signBatch(smartca, documents(), {
      userId: USERS.cuong,
      output,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
    });

    assert.equal(result.documents.length, 103);
    assert.equal(result.signed, 102);
    assert.equal(result.failed, 1);
    assert.equal(result.transactions, 3, '103 documents minus the broken one make 50 + 50 + 2 hashes');
    const all = await transactionsOf(auto, USERS.cuong);
    assert.equal(all.length - before, 3, 'SmartCA saw exactly three transactions');
    assert.ok(all.every((t) => t.documents.length <= 50));

    const failedOne = result.documents[100];
    assert.equal(failedOne?.docId, 'hong.pdf');
    assert.equal(failedOne?.status, 'failed');
    assert.ok(failedOne.status === 'failed' && failedOne.error instanceof DocumentFormatError, 'a typed error');
    assert.match(failedOne.error.messages.vi, /\p{L}/u);
    assert.deepEqual(
      result.documents.filter((d) => d.status === 'signed').map((d) => d.docId),
      [...Array.from({ length: 100 }, (_, i) => `hop-dong-${i + 1}.pdf`), 'bang-ke.csv', 'phu-luc.pdf'],
      'results come in input order',
    );

    const last = progress.at(-1);
    assert.deepEqual(
      {
        queued: last?.queued,
        inputDone: last?.inputDone,
        signed: last?.signed,
        failed: last?.failed,
        pending: last?.pending,
      },
      { queued: 103, inputDone: true, signed: 102, failed: 1, pending: 0 },
    );
    assert.ok(
      progress.some((p) => p.pending === 2),
      'two transactions were in flight at once',
    );
    for (const [a, b] of progress.slice(1).map((p, i) => [progress[i] as BatchProgress, p] as const))
      assert.ok(b.signed >= a.signed && b.queued >= a.queued, 'progress never goes back');

    const dir = tempDir();
    const nss = nssTrusting(auto.sandbox.rootCertificatePem);
    for (const docId of ['hop-dong-1.pdf', 'hop-dong-77.pdf', 'phu-luc.pdf']) {
      const bytes = await (outputs.get(docId) as SignedDocument).toBytes();
      const check = await pdfsig(writeTemp(dir, docId, bytes), nss);
      assert.equal(check.valid, 1, check.output);
      assert.equal(check.trusted, 1, check.output);
    }
    const p7s = await (outputs.get('bang-ke.csv') as SignedDocument).toBytes();
    const root = writeTemp(dir, 'root.pem', auto.sandbox.rootCertificatePem);
    const verdict = opensslCmsVerify(writeTemp(dir, 'bang-ke.csv.p7s', p7s), writeTemp(dir, 'bang-ke.csv', csv), root);
    assert.ok(verdict.ok, verdict.output);
  });

  it('refuses bad options with typed errors before anything is sent, and fails a repeated docId alone', async () => {
    const pdf = await simplePdf();
    const { output } = memoryOutput();
    await assert.rejects(
      signBatch(smartca, [{ input: pdf }], { userId: USERS.cuong, output, transactionSize: 51 }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'BATCH_OPTION_INVALID' && /50/.test(e.messages.en),
    );
    await assert.rejects(
      signBatch(smartca, [{ input: pdf }], { userId: USERS.cuong, output, journal: storeJournal(new MemoryStore()) }),
      (e: unknown) => e instanceof InvalidInputError && e.code === 'BATCH_ID_REQUIRED',
    );
    const result = await signBatch(
      smartca,
      [
        { input: pdf, docId: 'a.pdf' },
        { input: pdf, docId: 'a.pdf' },
      ],
      { userId: USERS.cuong, output },
    );
    assert.deepEqual(
      result.documents.map((d) => [d.docId, d.status, d.status === 'failed' ? d.error.code : '']),
      [
        ['a.pdf', 'signed', ''],
        ['a.pdf', 'failed', 'BATCH_DUPLICATE_DOC_ID'],
      ],
    );
  });

  it('an output that throws fails that document only, typed, and it is not recorded as done', async () => {
    const pdf = await simplePdf();
    const journal = storeJournal(new MemoryStore());
    let calls = 0;
    const result = await signBatch(
      smartca,
      [
        { input: pdf, docId: 'x.pdf' },
        { input: pdf, docId: 'y.pdf' },
      ],
      {
        userId: USERS.cuong,
        batchId: 'output-fails',
        journal,
        output: ({ docId }) => {
          calls += 1;
          if (docId === 'x.pdf') throw new Error('disk full');
        },
      },
    );
    assert.equal(calls, 2);
    const x = result.documents[0];
    assert.ok(
      x?.status === 'failed' && x.error instanceof BatchDocumentError && x.error.code === 'BATCH_DOCUMENT_FAILED',
    );
    assert.match(x.error.messages.en, /disk full/);
    assert.equal(result.documents[1]?.status, 'signed');
    assert.equal(await journal.get('output-fails/done/x.pdf'), undefined);
    assert.ok(await journal.get('output-fails/done/y.pdf'));
  });
});

describe('signBatch with approvals by hand: rejection and resumption', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
  });
  after(() => server.close());

  /** Waits for the next pending transaction of `userId` and approves or rejects it on the phone. */
  async function answerNext(action: 'approve' | 'reject', seen: Set<string>): Promise<PhoneTransaction> {
    const tx = await eventually(async () =>
      (await transactionsOf(server, USERS.cuong, 'pending')).find((t) => !seen.has(t.tranId)),
    );
    seen.add(tx.tranId);
    if (action === 'approve') await server.sandbox.approve(tx.tranId);
    else server.sandbox.reject(tx.tranId);
    return tx;
  }

  it('a rejected transaction fails its documents only; running again signs just those, in a new transaction', async () => {
    const pdf = await simplePdf();
    const journal = storeJournal(new MemoryStore());
    const docs = () => ['1.pdf', '2.pdf', '3.pdf', '4.pdf'].map((docId) => ({ input: pdf, docId }));
    const { outputs, output } = memoryOutput();
    const params = {
      userId: USERS.cuong,
      batchId: 'reject-then-retry',
      journal,
      output,
      transactionSize: 2,
      concurrency: 1,
    };
    const seen = new Set<string>();
    const first = signBatch(smartca, docs(), params);
    const rejected = await answerNext('reject', seen);
    const approved = await answerNext('approve', seen);
    const result = await first;
    assert.deepEqual(
      rejected.documents.map((d) => d.docId),
      ['1.pdf', '2.pdf'],
    );
    assert.deepEqual(
      approved.documents.map((d) => d.docId),
      ['3.pdf', '4.pdf'],
    );
    assert.deepEqual(
      result.documents.map((d) => d.status),
      ['failed', 'failed', 'signed', 'signed'],
    );
    const error = result.documents[0]?.status === 'failed' ? result.documents[0].error : undefined;
    assert.ok(error instanceof TransactionRejectedError, `typed: ${String(error)}`);

    const again = signBatch(smartca, docs(), params);
    const retried = await answerNext('approve', seen);
    const second = await again;
    assert.deepEqual(
      retried.documents.map((d) => d.docId),
      ['1.pdf', '2.pdf'],
      'only the rejected group goes out again',
    );
    assert.notEqual(retried.transactionId, rejected.transactionId, 'as a new transaction');
    assert.deepEqual(
      second.documents.map((d) => d.status),
      ['signed', 'signed', 'skipped', 'skipped'],
    );
    assert.equal(second.transactions, 1);
    assert.equal(outputs.size, 4);
    const report = await verifyPdf(await (outputs.get('1.pdf') as SignedDocument).toBytes(), {
      trustedRoots: [server.sandbox.rootCertificatePem],
    });
    assert.equal(report.valid, true);
  });

  it('a run that dies right after SmartCA accepted the transaction resumes it: the same transaction, never a second one', async () => {
    const pdf = await simplePdf();
    const store = new MemoryStore();
    const inner = storeJournal(store);
    // The journal dies on its second write, the one after SmartCA's answer: the process "crashed" with
    // the transaction sent and the journal still saying `sending`.
    let writes = 0;
    const dying: BatchJournal = {
      get: (key) => inner.get(key),
      put: async (key, value) => {
        writes += 1;
        if (writes === 2) throw new Error('the process died here');
        await inner.put(key, value);
      },
    };
    const docs = () => ['a.pdf', 'b.pdf'].map((docId) => ({ input: pdf, docId }));
    const { outputs, output } = memoryOutput();
    const params = { userId: USERS.cuong, batchId: 'crash-after-send', output };
    const before = (await transactionsOf(server, USERS.cuong)).length;
    const crashed = await signBatch(smartca, docs(), { ...params, journal: dying });
    assert.deepEqual(
      crashed.documents.map((d) => d.status),
      ['failed', 'failed'],
    );
    assert.equal((await transactionsOf(server, USERS.cuong)).length - before, 1);

    const pending = await eventually(async () => (await transactionsOf(server, USERS.cuong, 'pending'))[0]);
    const resumed = signBatch(smartca, docs(), { ...params, journal: inner });
    await server.sandbox.approve(pending.tranId);
    const result = await resumed;
    assert.deepEqual(
      result.documents.map((d) => d.status),
      ['signed', 'signed'],
    );
    assert.equal((await transactionsOf(server, USERS.cuong)).length - before, 1, 'SmartCA still holds one transaction');
    assert.equal(outputs.size, 2);
    await store.close();
  });
});

describe('smartca sign-batch: a directory in, a directory out, resumable after kill -9', () => {
  let server: SandboxServer;
  before(async () => {
    server = await startSandbox();
  });
  after(() => server.close());

  function cli(args: string[]): {
    done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
    kill: () => void;
  } {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'C' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
      (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { done, kill: () => child.kill('SIGKILL') };
  }

  it('killed while waiting for approval, run again: every file signed once, in as many transactions as groups', async () => {
    const input = tempDir();
    const out = tempDir();
    const pdf = await simplePdf();
    const names = Array.from({ length: 55 }, (_, i) => `ho-so-${String(i + 1).padStart(2, '0')}.pdf`);
    for (const name of names) writeFileSync(join(input, name), pdf);
    writeFileSync(join(input, 'hong.pdf'), '%PDF-1.4\ntruncated');
    writeFileSync(join(input, 'ghi-chu.txt'), 'Ghi chú kèm hồ sơ');
    const args = [
      'sign-batch',
      input,
      '--out',
      out,
      '--user',
      USERS.cuong,
      '--sandbox',
      '--endpoint',
      server.url,
      '--concurrency',
      '1',
    ];
    const before = (await transactionsOf(server, USERS.cuong)).length;

    const first = cli(args);
    const group1 = await eventually(async () => (await transactionsOf(server, USERS.cuong, 'pending'))[0], 20_000);
    first.kill();
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    await server.sandbox.approve(group1.tranId);

    const second = cli(args);
    const group2 = await eventually(
      async () => (await transactionsOf(server, USERS.cuong, 'pending')).find((t) => t.tranId !== group1.tranId),
      20_000,
    );
    await server.sandbox.approve(group2.tranId);
    const run = await second.done;
    assert.equal(run.code, 3, `a broken file makes a partial result (exit 3):\n${run.stderr}`);
    assert.match(run.stderr, /hong\.pdf: PDF_/);
    assert.match(run.stderr, /Signed 56, failed 1/);
    assert.equal(
      (await transactionsOf(server, USERS.cuong)).length - before,
      2,
      '57 files, 50 + 6 hashes, two transactions',
    );
    assert.equal(group1.documents.length, 50);

    const written = readdirSync(out).filter((f) => !f.startsWith('.'));
    assert.deepEqual(written.sort(), [...names, 'ghi-chu.txt.p7s'].sort());
    const nss = nssTrusting(server.sandbox.rootCertificatePem);
    for (const name of [names[0] as string, names[54] as string]) {
      const check = await pdfsig(join(out, name), nss);
      assert.equal(check.valid, 1, check.output);
    }
    const root = writeTemp(tempDir(), 'root.pem', server.sandbox.rootCertificatePem);
    assert.ok(opensslCmsVerify(join(out, 'ghi-chu.txt.p7s'), join(input, 'ghi-chu.txt'), root).ok);

    const third = await cli(args).done;
    assert.equal(third.code, 3, 'the broken file still fails');
    assert.match(third.stderr, /Signed 0, failed 1, already signed by an earlier run 56/);
    assert.equal((await transactionsOf(server, USERS.cuong)).length - before, 2, 'a third run sends nothing');
    assert.ok(existsSync(join(out, '.smartca-batch.journal')));
    assert.ok(readFileSync(join(out, names[0] as string)).length > pdf.length);
  });

  it('usage errors exit 2 with a message', async () => {
    const run = await cli(['sign-batch', tempDir(), '--user', USERS.cuong, '--sandbox']).done;
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out/);
    const missing = await cli([
      'sign-batch',
      join(tempDir(), 'nope'),
      '--out',
      tempDir(),
      '--user',
      USERS.cuong,
      '--sandbox',
    ]).done;
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not a directory/);
  });
});
