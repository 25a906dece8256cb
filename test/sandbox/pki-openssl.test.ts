import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toPem, type SmartCA } from '@smartca-kit/sdk';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { clientFor, randomDigest, startSandbox, USERS } from '../support/sandbox.js';

/** Runs openssl and returns stdout+stderr; throws with the output when it exits non-zero. */
function openssl(args: string[]): string {
  try {
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`openssl ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

describe('sandbox PKI and signatures, checked by OpenSSL', () => {
  let server: SandboxServer;
  let smartca: SmartCA;
  const dir = mkdtempSync(join(tmpdir(), 'smartca-pki-'));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  before(async () => {
    server = await startSandbox();
    smartca = clientFor(server);
  });
  after(() => server.close());

  it('each user certificate chains to the sandbox root (openssl verify)', async () => {
    const ca = await (await fetch(`${server.url}/_sandbox/ca`)).json();
    const root = file('root.pem', ca.root);
    const issuing = file('issuing.pem', ca.issuing);
    for (const userId of [USERS.an, USERS.cuong, USERS.em]) {
      for (const cert of await smartca.certificates.list({ userId })) {
        const leaf = file(`${cert.serialNumber}.pem`, cert.toPem());
        assert.match(openssl(['verify', '-CAfile', root, '-untrusted', issuing, leaf]), /: OK/);
      }
    }
  });

  it('the expired certificate is refused by openssl as expired', async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.dung });
    const ca = await (await fetch(`${server.url}/_sandbox/ca`)).json();
    const leaf = file('expired.pem', cert!.toPem());
    assert.throws(
      () => openssl(['verify', '-CAfile', file('root2.pem', ca.root), '-untrusted', file('i2.pem', ca.issuing), leaf]),
      /certificate has expired/,
    );
  });

  it("subjects follow VNPT's format and the key usage is digitalSignature + nonRepudiation (critical)", async () => {
    const [cert] = await smartca.certificates.list({ userId: USERS.an });
    const text = openssl([
      'x509',
      '-in',
      file('an.pem', cert!.toPem()),
      '-noout',
      '-text',
      '-nameopt',
      'utf8,sep_comma_plus_space',
    ]);
    assert.match(text, /Subject: C=VN, ST=Hà Nội, CN=Nguyễn Văn An, UID=CCCD:001099000001/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
  });

  it('a signature from the phone verifies with openssl pkeyutl over the digest that was sent', async () => {
    const digest = randomDigest();
    const tx = await smartca.signatures.sign({ userId: USERS.cuong, documents: [{ docId: 'O-1', digest }] });
    await server.sandbox.approve(tx.id);
    const result = await tx.wait();
    const pub = file(
      'pub.pem',
      openssl(['x509', '-in', file('signer.pem', toPem(result.certificate.der)), '-noout', '-pubkey']),
    );
    const args = [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pub,
      '-pkeyopt',
      'digest:sha256',
      '-in',
      file('digest.bin', digest),
      '-sigfile',
      file('sig.bin', result.signatures[0]!.signature),
    ];
    assert.match(openssl(args), /Signature Verified Successfully/);
    const tampered = result.signatures[0]!.signature.slice();
    tampered[10] = (tampered[10] as number) ^ 0xff;
    assert.throws(() => openssl([...args.slice(0, -1), file('bad.bin', tampered)]), /Signature Verification Failure/);
  });
});
