import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DocumentFormatError, prepareCms, verifyCms } from '@smartca-kit/documents';
import { openFileSource } from '@smartca-kit/documents/node';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import { opensslCmsVerify, tempDir, writeTemp } from '../support/validators.js';

describe('detached CMS (CAdES-B-B .p7s), checked by openssl cms', () => {
  let signer: LocalSigner;
  let dir: string;
  let rootPath: string;
  before(async () => {
    signer = await createLocalSigner();
    dir = tempDir();
    rootPath = writeTemp(dir, 'root.pem', signer.rootPem);
  });

  async function p7s(content: Uint8Array | Awaited<ReturnType<typeof openFileSource>>): Promise<Uint8Array> {
    const prepared = await prepareCms(content, signer, { signingTime: new Date('2026-11-24T03:00:00Z') });
    return (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
  }

  it('any bytes: openssl verifies the chain to the root; a changed byte fails', async () => {
    const content = new TextEncoder().encode('Tờ khai BHXH mẫu TK1-TS — nội dung nhị phân \u0000\u0001');
    const signature = await p7s(content);
    const sigPath = writeTemp(dir, 'tk1.p7s', signature);
    const good = opensslCmsVerify(sigPath, writeTemp(dir, 'tk1.bin', content), rootPath);
    assert.ok(good.ok, good.output);
    const tampered = content.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    assert.equal(opensslCmsVerify(sigPath, writeTemp(dir, 'tk1-bad.bin', tampered), rootPath).ok, false);

    const report = await verifyCms(signature, content, { trustedRoots: [signer.rootPem] });
    assert.equal(report.valid, true);
    assert.equal(report.signers[0]?.trusted, true);
    assert.equal(report.signers[0]?.signingTime?.toISOString(), '2026-11-24T03:00:00.000Z');
    assert.equal((await verifyCms(signature, tampered)).valid, false);
  });

  it('a file on disk is hashed in chunks, never loaded whole', async () => {
    const path = `${dir}/big.bin`;
    const bytes = new Uint8Array(5 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
    writeTemp(dir, 'big.bin', bytes);
    const source = await openFileSource(path);
    const reads: number[] = [];
    const spied = {
      size: source.size,
      read: (offset: number, length: number) => {
        reads.push(length);
        return source.read(offset, length);
      },
    };
    const signature = await p7s(spied as never);
    await source.close();
    assert.ok(Math.max(...reads) <= 1024 * 1024, 'no read is larger than 1 MiB');
    assert.ok(opensslCmsVerify(writeTemp(dir, 'big.p7s', signature), path, rootPath).ok);
  });

  it('PEM input is accepted; garbage is a typed CMS_MALFORMED error', async () => {
    const content = new Uint8Array([1, 2, 3]);
    const der = await p7s(content);
    const pem = `-----BEGIN CMS-----\n${Buffer.from(der).toString('base64')}\n-----END CMS-----\n`;
    assert.equal((await verifyCms(new TextEncoder().encode(pem), content)).valid, true);
    await assert.rejects(
      verifyCms(new Uint8Array([0x30, 0x03, 1, 2, 3]), content),
      (error: unknown) => error instanceof DocumentFormatError && error.code === 'CMS_MALFORMED',
    );
  });
});
