// verifyCms against CMS that openssl made (the outside oracle): each vector is first checked with
// `openssl cms -verify`, then ours must agree, on the intact content and on a changed copy.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { verifyCms, type CmsSignerReport } from '@smartca-kit/documents';
import {
  opensslCmsCheck,
  opensslCmsSign,
  opensslPki,
  type OpensslLeaf,
  type OpensslPki,
} from '../support/openssl-pki.js';
import { run, writeTemp } from '../support/validators.js';

const CONTENT = new TextEncoder().encode('Hợp đồng số 17/2026 — nội dung nhị phân \u0000\u0001\u00ff');
const CHANGED = CONTENT.map((byte, i) => (i === 3 ? byte ^ 1 : byte));

describe('verifyCms on CMS made by openssl cms -sign', () => {
  let pki: OpensslPki;
  let rsa: OpensslLeaf;
  let contentPath: string;
  let changedPath: string;
  let count = 0;
  before(() => {
    pki = opensslPki();
    rsa = pki.leaf('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    contentPath = writeTemp(pki.dir, 'content.bin', CONTENT);
    changedPath = writeTemp(pki.dir, 'changed.bin', CHANGED);
  });

  /** Signs with openssl, checks openssl accepts it and refuses the changed content; returns the DER. */
  function vector(leaf: OpensslLeaf, extra: string[], verifyExtra: string[] = []): Uint8Array {
    const path = `${pki.dir}/v${++count}.p7s`;
    const der = opensslCmsSign(leaf, contentPath, path, extra);
    const good = opensslCmsCheck(
      path,
      extra.includes('-nodetach') ? undefined : contentPath,
      pki.rootPath,
      verifyExtra,
    );
    assert.ok(good.ok, `openssl accepts ${extra.join(' ')}: ${good.output}`);
    if (!extra.includes('-nodetach'))
      assert.equal(
        opensslCmsCheck(path, changedPath, pki.rootPath, verifyExtra).ok,
        false,
        'openssl refuses changed content',
      );
    return der;
  }

  /** Ours agrees: valid and trusted on the content, invalid on the changed copy. */
  async function agrees(der: Uint8Array, options: { certificates?: Uint8Array[] } = {}): Promise<CmsSignerReport> {
    const report = await verifyCms(der, CONTENT, { trustedRoots: [pki.rootPem], ...options });
    const [signer] = report.signers;
    assert.ok(signer, 'one signer');
    assert.equal(signer.problem, undefined);
    assert.equal(signer.problemCode, undefined);
    assert.equal(report.valid, true);
    assert.equal(signer.trusted, true);
    assert.equal(signer.chainComplete, true);
    const changed = (await verifyCms(der, CHANGED, options)).signers[0];
    assert.equal(changed?.valid, false, 'changed content is refused');
    assert.ok(
      changed?.problemCode === 'DIGEST_MISMATCH' || changed?.problemCode === 'SIGNATURE_INVALID',
      changed?.problem,
    );
    return signer;
  }

  it('without signed attributes (-noattr): the signature over the content verifies; a changed byte does not', async () => {
    const signer = await agrees(vector(rsa, ['-noattr']));
    assert.equal(signer.hasSignedAttributes, false);
    assert.equal(signer.digestMatches, true);
    const changed = (await verifyCms(vector(rsa, ['-noattr']), CHANGED)).signers[0];
    assert.equal(changed?.problemCode, 'SIGNATURE_INVALID');
    assert.match(changed?.problem ?? '', /over the content/);
  });

  it('a signer named by its SubjectKeyIdentifier (-keyid)', async () => {
    const signer = await agrees(vector(rsa, ['-keyid']));
    assert.equal(signer.signer?.commonName, 'Người ký rsa');
  });

  it('no embedded certificates (-nocerts): a clear SIGNER_CERTIFICATE_MISSING, then valid with certificates given', async () => {
    for (const extra of [['-nocerts'], ['-nocerts', '-keyid']]) {
      const der = vector(rsa, extra, ['-certfile', rsa.certPath]);
      const missing = await verifyCms(der, CONTENT, { trustedRoots: [pki.rootPem] });
      assert.equal(missing.valid, false);
      assert.equal(missing.signers[0]?.problemCode, 'SIGNER_CERTIFICATE_MISSING', extra.join(' '));
      assert.match(missing.signers[0]?.problem ?? '', /certificate/);
      assert.equal(missing.signers[0]?.signer, undefined);
      await agrees(der, { certificates: [rsa.certDer] });
    }
  });

  it('SHA-1 verifies but is flagged weak; SHA-256, SHA-384 and SHA-512 verify', async () => {
    for (const md of ['sha1', 'sha256', 'sha384', 'sha512']) {
      const signer = await agrees(vector(rsa, ['-md', md]));
      assert.equal(signer.digestAlgorithm, md.replace('sha', 'SHA-'));
      assert.deepEqual(signer.weakAlgorithms, md === 'sha1' ? ['SHA-1'] : [], md);
    }
  });

  it('RSA-PSS, its hash and salt length read from the parameters', async () => {
    for (const [md, salt] of [
      ['sha256', '32'],
      ['sha384', '48'],
      ['sha512', '20'],
    ] as const) {
      const signer = await agrees(
        vector(rsa, ['-md', md, '-keyopt', 'rsa_padding_mode:pss', '-keyopt', `rsa_pss_saltlen:${salt}`]),
      );
      assert.equal(signer.signatureAlgorithm, '1.2.840.113549.1.1.10', md);
    }
  });

  it('ECDSA on P-256 and P-384 (DER Ecdsa-Sig-Value), also without signed attributes', async () => {
    for (const [curve, md] of [
      ['P-256', 'sha256'],
      ['P-384', 'sha384'],
    ] as const) {
      const ec = pki.leaf(`ec-${curve}`, ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`]);
      const signer = await agrees(vector(ec, ['-md', md]));
      assert.match(signer.signatureAlgorithm, /^1\.2\.840\.10045\.4\.3\./);
      await agrees(vector(ec, ['-md', md, '-noattr']));
    }
  });

  it('an algorithm WebCrypto cannot do (DSA) is UNSUPPORTED_ALGORITHM naming its OID, not a bare invalid', async () => {
    // (Ed25519 would do too, but OpenSSL 3.0 cannot make CMS with it.)
    const params = `${pki.dir}/dsa.param`;
    run('openssl', ['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:2048', '-out', params]);
    const dsa = pki.leaf('dsa', ['-paramfile', params]);
    const report = await verifyCms(vector(dsa, ['-md', 'sha256']), CONTENT);
    const [signer] = report.signers;
    assert.equal(report.valid, false);
    assert.equal(signer?.problemCode, 'UNSUPPORTED_ALGORITHM');
    assert.match(signer?.unsupportedAlgorithm ?? '', /^(2\.16\.840\.1\.101\.3\.4\.3\.|1\.2\.840\.10040\.4\.)/);
    assert.ok(signer?.problem?.includes(signer.unsupportedAlgorithm ?? '?'), signer?.problem);
  });

  it('BER with indefinite lengths (-stream): detached, and with the content inside in chunks', async () => {
    const detached = vector(rsa, ['-stream']);
    assert.equal(detached[1], 0x80, 'openssl wrote an indefinite length');
    await agrees(detached);
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
    const bigPath = writeTemp(pki.dir, 'big.bin', big);
    const path = `${pki.dir}/attached.p7s`;
    const attached = opensslCmsSign(rsa, bigPath, path, ['-stream', '-nodetach']);
    assert.ok(opensslCmsCheck(path, undefined, pki.rootPath).ok);
    const report = await verifyCms(attached, undefined, { trustedRoots: [pki.rootPem] });
    assert.equal(report.signers[0]?.problem, undefined);
    assert.equal(report.valid, true);
    assert.equal((await verifyCms(attached, big.slice(1))).valid, false, 'detached content given instead is checked');
  });
});
