import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SandboxServer } from '@smartca-kit/sandbox/node';
import { run, scratch } from '../support/validators.js';
import { eventually, randomDigest, SECRET, startSandbox, USERS, verifyWithNodeCrypto } from '../support/sandbox.js';

const DAY = 86_400_000;
const creds = { sp_id: 'sandbox-partner', sp_password: SECRET };

interface WireCertificate {
  serial_number: string;
  cert_data: string;
  cert_valid_from: string;
  cert_valid_to: string;
  chain_data: { ca_cert: string; root_cert: string };
}

// The sandbox has one notion of "now", its `now` option, and its PKI follows it: the seeded users'
// certificates are renewed when that clock leaves their validity, so a sandbox that runs for years, or a
// test that moves its clock, keeps signing. Every call here is raw SP769, so no SDK clock is involved.
describe('sandbox: the seeded certificates follow the sandbox clock', () => {
  let server: SandboxServer;
  let clock = Date.now();
  before(async () => {
    server = await startSandbox({ now: () => clock, autoApproveMs: 50 });
  });
  after(() => server?.close());

  async function post(path: string, body: object): Promise<{ status: number; json: { message: string; data: any } }> {
    const response = await fetch(`${server.url}/sca/sp769/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...creds, ...body }),
    });
    return { status: response.status, json: (await response.json()) as { message: string; data: any } };
  }

  async function certificateOf(userId: string): Promise<WireCertificate> {
    const answer = await post('v1/credentials/get_certificate', {
      user_id: userId,
      serial_number: '',
      transaction_id: `c-${clock}`,
    });
    return answer.json.data.user_certificates[0] as WireCertificate;
  }

  /** Signs one digest through SP769 (auto-approved) and checks the signature with node:crypto. */
  async function signsAt(userId: string, cert: WireCertificate): Promise<void> {
    const digest = randomDigest();
    const id = `clock-${crypto.randomUUID()}`;
    const accepted = await post('v1/signatures/sign', {
      user_id: userId,
      transaction_id: id,
      serial_number: cert.serial_number,
      sign_files: [
        { data_to_be_signed: Buffer.from(digest).toString('hex'), doc_id: 'd', file_type: 'pdf', sign_type: 'hash' },
      ],
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
    const signature = await eventually(async () => {
      const status = await post(`v1/signatures/sign/${id}/status`, {});
      return status.json.message === 'SUCCESS' ? (status.json.data.signatures[0].signature_value as string) : undefined;
    });
    const spki = new Uint8Array(
      new X509Certificate(Buffer.from(cert.cert_data, 'base64')).publicKey.export({ type: 'spki', format: 'der' }),
    );
    assert.ok(verifyWithNodeCrypto(spki, digest, Buffer.from(signature, 'base64')));
  }

  /** openssl verifies the chain at the sandbox's time, not the machine's. */
  function opensslVerifiesAt(cert: WireCertificate, at: number): void {
    const dir = scratch('smartca-clock-');
    const pemOf = (b64: string) =>
      `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;
    const result = run('openssl', [
      'verify',
      '-attime',
      String(Math.floor(at / 1000)),
      '-CAfile',
      dir.file('root.pem', pemOf(cert.chain_data.root_cert)),
      '-untrusted',
      dir.file('ca.pem', pemOf(cert.chain_data.ca_cert)),
      dir.file('leaf.pem', pemOf(cert.cert_data)),
    ]);
    assert.equal(result.status, 0, result.output);
  }

  const covers = (cert: WireCertificate, at: number) =>
    Date.parse(cert.cert_valid_from) <= at && at <= Date.parse(cert.cert_valid_to);

  it('signs now, 400 days on (renewed: same key, new serial) and 400 days back', async () => {
    const first = await certificateOf(USERS.an);
    assert.ok(covers(first, clock));
    await signsAt(USERS.an, first);

    clock += 400 * DAY;
    const later = await certificateOf(USERS.an);
    assert.ok(
      covers(later, clock),
      `valid ${later.cert_valid_from} – ${later.cert_valid_to} at ${new Date(clock).toISOString()}`,
    );
    assert.notEqual(later.serial_number, first.serial_number, 'a renewal is a new certificate');
    const key = (c: WireCertificate) =>
      new X509Certificate(Buffer.from(c.cert_data, 'base64')).publicKey
        .export({ type: 'spki', format: 'der' })
        .toString('hex');
    assert.equal(key(later), key(first), 'the same key, re-certified');
    opensslVerifiesAt(later, clock);
    await signsAt(USERS.an, later);

    clock -= 800 * DAY;
    const earlier = await certificateOf(USERS.an);
    assert.ok(covers(earlier, clock));
    opensslVerifiesAt(earlier, clock);
    await signsAt(USERS.an, earlier);
  });

  it('the certificate expired on purpose stays expired at any clock, and is refused', async () => {
    for (const shift of [0, 400 * DAY, -800 * DAY]) {
      clock += shift;
      const expired = await certificateOf(USERS.dung);
      assert.ok(Date.parse(expired.cert_valid_to) < clock, 'still expired');
      const refused = await post('v1/signatures/sign', {
        user_id: USERS.dung,
        transaction_id: `exp-${clock}`,
        serial_number: expired.serial_number,
        sign_files: [{ data_to_be_signed: 'ab'.repeat(32), doc_id: 'd', file_type: 'pdf', sign_type: 'hash' }],
      });
      assert.equal(refused.status, 403);
    }
  });

  it('a revoked certificate is never renewed', async () => {
    const revoked = server.sandbox.state.certificates.find((c) => c.userId === USERS.cuong)!;
    revoked.revoked = true;
    const serial = revoked.serialNumber;
    clock += 1000 * DAY;
    await server.sandbox.renewSeedCertificates();
    assert.equal(revoked.serialNumber, serial);
    const renewed = server.sandbox.state.certificates.find((c) => c.userId === USERS.an)!;
    assert.ok(renewed.validFrom <= clock && clock <= renewed.validTo);
  });
});

describe('sandbox: a renewal is kept in the state file', () => {
  it('restarting from --data finds the renewed certificate', async () => {
    const dir = scratch('smartca-clock-data-');
    const dataFile = `${dir.dir}/state.json`;
    let clock = Date.now();
    const first = await startSandbox({ dataFile, now: () => clock });
    const before = first.sandbox.state.certificates.find((c) => c.userId === USERS.an)!.serialNumber;
    clock += 400 * DAY;
    await first.sandbox.renewSeedCertificates();
    const renewed = first.sandbox.state.certificates.find((c) => c.userId === USERS.an)!.serialNumber;
    assert.notEqual(renewed, before);
    await first.close();
    const second = await startSandbox({ dataFile, now: () => clock });
    try {
      assert.equal(second.sandbox.state.certificates.find((c) => c.userId === USERS.an)!.serialNumber, renewed);
    } finally {
      await second.close();
    }
  });
});
