import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CertificateStatusError,
  InvalidInputError,
  OutOfSigningTurnsError,
  TransactionExpiredError,
  TransactionRejectedError,
  type SmartCA,
} from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import {
  clientFor,
  digestOf,
  eventually,
  randomDigest,
  startSandbox,
  USERS,
  verifyWithNodeCrypto,
} from '../support/sandbox.js';

describe('SP769 signing against the sandbox over loopback HTTP', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  let portal: SmartCA;

  before(async () => {
    server = await startSandbox({ transactionTtlSeconds: 2 });
    smartca = clientFor(server);
    portal = clientFor(server, 'sandbox-portal');
  });
  after(() => server.close());

  const approveWhenPending = async (transactionId: string) => {
    const tx = await eventually(() => server.sandbox.transaction(transactionId));
    await server.sandbox.approve(tx.tranId);
  };

  it('sign → approve in the phone → verified signature, one turn charged', async () => {
    const digest = digestOf('đơn đăng ký khai sinh');
    const tx = await smartca.signatures.sign({
      userId: USERS.an,
      description: 'Đơn đăng ký khai sinh',
      documents: [{ docId: 'HS-001', digest, fileType: 'pdf' }],
    });
    assert.equal(tx.status, 'pending');
    assert.ok(tx.providerId, 'tran_code is kept');

    const phone = await (await fetch(`${server.url}/phone/api/users/${USERS.an}/transactions`)).json();
    assert.equal(phone.length, 1);
    assert.deepEqual(
      phone[0].documents.map((d: { docId: string }) => d.docId),
      ['HS-001'],
    );
    assert.equal(phone[0].description, 'Đơn đăng ký khai sinh');
    await fetch(`${server.url}/phone/api/transactions/${phone[0].tranId}/approve`, { method: 'POST' });

    const result = await tx.wait();
    assert.equal(result.status, 'signed');
    assert.equal(result.signatures.length, 1);
    assert.ok(
      verifyWithNodeCrypto(result.certificate.publicKeyInfo, digest, result.signatures[0]!.signature),
      'the signature verifies with node:crypto, independently of the SDK',
    );
    const an = server.sandbox.describe().users.find((u) => u.userId === USERS.an)!;
    assert.equal(an.certificates[0]!.signedTurn, 1);
    assert.equal(an.certificates[0]!.availableTurns, 4);
  });

  it('a batch of several digests is approved once and each signature verifies', async () => {
    const documents = Array.from({ length: 3 }, (_, i) => ({ docId: `B-${i}`, digest: randomDigest() }));
    const tx = await smartca.signatures.sign({ userId: USERS.cuong, documents });
    await approveWhenPending(tx.id);
    const result = await tx.wait();
    assert.deepEqual(
      result.signatures.map((s) => s.docId),
      ['B-0', 'B-1', 'B-2'],
    );
  });

  it('reject in the phone → TransactionRejectedError, no turn used', async () => {
    const before = availableTurns(USERS.an);
    const tx = await smartca.signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'R-1', digest: randomDigest() }],
    });
    server.sandbox.reject(tx.id);
    await assert.rejects(tx.wait(), (e: unknown) => e instanceof TransactionRejectedError && e.transactionId === tx.id);
    assert.equal(availableTurns(USERS.an), before);
  });

  it('no approval within the window → TransactionExpiredError, turns released', async () => {
    const before = availableTurns(USERS.an);
    const tx = await smartca.signatures.sign({
      userId: USERS.an,
      documents: [{ docId: 'E-1', digest: randomDigest() }],
    });
    assert.equal(availableTurns(USERS.an), before - 1, 'reserved while pending');
    await assert.rejects(tx.wait(), TransactionExpiredError);
    assert.equal(availableTurns(USERS.an), before);
  });

  it('out of turns → OutOfSigningTurnsError before anything reaches the phone', async () => {
    await assert.rejects(
      smartca.signatures.sign({ userId: USERS.binh, documents: [{ docId: 'T-1', digest: randomDigest() }] }),
      (e: unknown) =>
        e instanceof OutOfSigningTurnsError &&
        e.code === 'SERVICE_PACK_EXEED_OR_INVALID' &&
        e.messages.vi.includes('hết lượt ký'),
    );
    assert.equal(server.sandbox.state.transactions.filter((t) => t.userId === USERS.binh).length, 0);
  });

  it('a public-service platform signs for free, even with 0 turns', async () => {
    const tx = await portal.signatures.sign({
      userId: USERS.binh,
      documents: [{ docId: 'P-1', digest: randomDigest() }],
    });
    await approveWhenPending(tx.id);
    assert.equal((await tx.wait()).status, 'signed');
    assert.equal(availableTurns(USERS.binh), 0);
    assert.equal(server.sandbox.describe().users.find((u) => u.userId === USERS.binh)!.certificates[0]!.signedTurn, 0);
  });

  it('an unlimited package never runs out', async () => {
    const documents = Array.from({ length: 50 }, (_, i) => ({ docId: `U-${i}`, digest: randomDigest() }));
    const tx = await smartca.signatures.sign({ userId: USERS.cuong, documents });
    await approveWhenPending(tx.id);
    assert.equal((await tx.wait()).signatures.length, 50);
  });

  it('an expired certificate → CertificateStatusError (SP769 403 CREDENTIAL_STATUS_INVALID)', async () => {
    await assert.rejects(
      smartca.signatures.sign({ userId: USERS.dung, documents: [{ docId: 'X-1', digest: randomDigest() }] }),
      (e: unknown) => e instanceof CertificateStatusError && e.status === 403 && e.code === 'CREDENTIAL_STATUS_INVALID',
    );
  });

  it('two certificates: SMARTCA by default, ESEAL on request, ambiguity explained', async () => {
    const certs = await smartca.certificates.list({ userId: USERS.em });
    assert.deepEqual(certs.map((c) => c.serviceType).sort(), ['ESEAL', 'SMARTCA']);
    const eseal = certs.find((c) => c.serviceType === 'ESEAL')!;
    assert.equal(eseal.identity?.type, 'MST');

    const personal = await smartca.signatures.sign({
      userId: USERS.em,
      documents: [{ docId: 'C-1', digest: randomDigest() }],
    });
    assert.equal(personal.certificate.serviceType, 'SMARTCA');
    const seal = await smartca.signatures.sign({
      userId: USERS.em,
      serialNumber: eseal.serialNumber,
      documents: [{ docId: 'C-2', digest: randomDigest() }],
    });
    await approveWhenPending(seal.id);
    const result = await seal.wait();
    assert.equal(result.certificate.serialNumber, eseal.serialNumber);

    await assert.rejects(
      smartca.certificates.select({ userId: USERS.em }),
      (e: unknown) => e instanceof InvalidInputError && e.field === 'serialNumber',
    );
  });

  it('reusing a transaction_id with the same content replays; with other content it is refused', async () => {
    const documents = [{ docId: 'I-1', digest: randomDigest() }];
    const first = await smartca.signatures.sign({ userId: USERS.cuong, documents, transactionId: 'idem-1' });
    const again = await smartca.signatures.sign({ userId: USERS.cuong, documents, transactionId: 'idem-1' });
    assert.equal(again.providerId, first.providerId);
    assert.equal(server.sandbox.state.transactions.filter((t) => t.transactionId === 'idem-1').length, 1);
    await assert.rejects(
      smartca.signatures.sign({
        userId: USERS.cuong,
        transactionId: 'idem-1',
        documents: [{ docId: 'I-1', digest: randomDigest() }],
      }),
      InvalidInputError,
    );
  });

  it('certificates parse VNPT subjects with tone marks and CCCD', async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    assert.equal(cert!.commonName, 'Nguyễn Văn An');
    assert.equal(cert!.province, 'Hà Nội');
    assert.deepEqual(cert!.identity, { type: 'CCCD', value: USERS.an });
    assert.equal(cert!.statusText, 'Đang hoạt động');
    assert.ok(cert!.keyUsage.digitalSignature && cert!.keyUsage.nonRepudiation);
    assert.equal(cert!.chain.length, 2);
    assert.ok(cert!.isValidAt());
  });

  function availableTurns(userId: string): number {
    return server.sandbox.describe().users.find((u) => u.userId === userId)!.certificates[0]!.availableTurns!;
  }
});
