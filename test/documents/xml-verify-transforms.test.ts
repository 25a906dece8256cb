// verifyXml on transform chains and Signature structures that other producers write, with xmlsec1
// (--sign to make the vectors, --verify as the oracle) and the xml-crypto/xmlsec corpus vectors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { verifyXml } from '@smartca-kit/documents';
import { opensslPki, type OpensslLeaf, type OpensslPki } from '../support/openssl-pki.js';
import { tamper } from '../support/xml-fixtures.js';
import { writeTemp, xmlsec1 } from '../support/validators.js';
import { corpusDir } from '../support/corpus.js';

const CORPUS = corpusDir('xmldsig/');
const corpus = (path: string) => new Uint8Array(readFileSync(new URL(path, CORPUS)));
const signaturesOf = async (...args: Parameters<typeof verifyXml>) => (await verifyXml(...args)).signatures;

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const INC = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const XPATH = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
const SHA256 = '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/>';

// An e-invoice as VNPAY's software signs it: exclusive c14n, then inclusive c14n of the re-parsed
// octets. The second reference keeps comments through the first c14n (WithComments over an xpointer
// node-set) and drops them in the second, so the chain's result differs from either transform alone.
const CHAINED_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<HDon xmlns="urn:hoadon" xmlns:inv="urn:inv" xmlns:unused="urn:unused">
  <DLHDon Id="data"><inv:TTChung>Hóa đơn <!-- ghi chú --> số 0001 &amp; "VAT"</inv:TTChung></DLHDon>
  <DSCKS><NBan>
    <Signature xmlns="${DSIG}">
      <SignedInfo>
        <CanonicalizationMethod Algorithm="${INC}"/>
        <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
        <Reference URI="">
          <Transforms><Transform Algorithm="${DSIG}enveloped-signature"/><Transform Algorithm="${EXC}"/><Transform Algorithm="${INC}"/></Transforms>
          ${SHA256}
        </Reference>
        <Reference URI="#xpointer(id('data'))">
          <Transforms><Transform Algorithm="${EXC}WithComments"/><Transform Algorithm="${INC}"/></Transforms>
          ${SHA256}
        </Reference>
      </SignedInfo>
      <SignatureValue/>
      <KeyInfo><X509Data/></KeyInfo>
    </Signature>
  </NBan></DSCKS>
</HDon>
`;

// An enveloping signature over a ds:Object whose text is base64: the base64 transform decodes it and
// the digest is over the decoded bytes.
const BASE64_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<Signature xmlns="${DSIG}">
  <SignedInfo>
    <CanonicalizationMethod Algorithm="${EXC}"/>
    <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
    <Reference URI="#payload">
      <Transforms><Transform Algorithm="${DSIG}base64"/></Transforms>
      ${SHA256}
    </Reference>
  </SignedInfo>
  <SignatureValue/>
  <KeyInfo><X509Data/></KeyInfo>
  <Object Id="payload">${Buffer.from('Tệp đính kèm nhị phân \u0000\u0001')
    .toString('base64')
    .replace(/(.{16})/g, '$1\n')}</Object>
</Signature>
`;

describe('verifyXml: transform chains, base64, XPath filters and a strict Signature structure', () => {
  let pki: OpensslPki;
  let leaf: OpensslLeaf;
  before(() => {
    pki = opensslPki();
    leaf = pki.leaf('xml', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  });

  /** xmlsec1 fills the template in and verifies the result; returns the signed bytes. */
  function signWithXmlsec(name: string, template: string, extra: string[] = []): Uint8Array {
    const output = writeTemp(pki.dir, `${name}-signed.xml`, '');
    const signed = xmlsec1([
      '--sign',
      '--privkey-pem',
      `${leaf.keyPath},${leaf.certPath}`,
      ...extra,
      '--output',
      output,
      writeTemp(pki.dir, `${name}.xml`, template),
    ]);
    assert.ok(signed.ok, signed.output);
    const verified = xmlsec1(['--verify', '--trusted-pem', pki.rootPath, ...extra, output]);
    assert.ok(verified.ok, `xmlsec1 verifies ${name}: ${verified.output}`);
    return new Uint8Array(readFileSync(output));
  }

  it('exclusive then inclusive c14n (the VNPAY e-invoice chain), and WithComments then without', async () => {
    const signed = signWithXmlsec('chained', CHAINED_TEMPLATE, ['--id-attr:Id', 'urn:hoadon:DLHDon']);
    const [report] = await signaturesOf(signed, { trustedRoots: [pki.rootPem] });
    assert.deepEqual(report?.problems, []);
    assert.equal(report?.valid, true);
    assert.equal(report?.trusted, true);
    assert.equal(report?.coversWholeDocument, true);
    assert.deepEqual(
      report?.references.map((ref) => ref.transforms.length),
      [3, 2],
    );
    assert.equal((await signaturesOf(tamper(signed, 'số 0001', 'số 0002')))[0]?.valid, false, 'content changed');
    // the comment survives the first transform only to be dropped by the second: not covered
    const comment = (await signaturesOf(tamper(signed, 'ghi chú', 'ghi chu')))[0];
    assert.equal(comment?.references[1]?.digestValid, true, "comment is outside the chain's output");
  });

  it('the base64 transform digests the decoded bytes', async () => {
    const signed = signWithXmlsec('base64', BASE64_TEMPLATE);
    const [report] = await signaturesOf(signed, { trustedRoots: [pki.rootPem] });
    assert.deepEqual(report?.problems, []);
    assert.equal(report?.valid, true);
    const text = new TextDecoder().decode(signed);
    const firstLine = /<Object Id="payload">([^\n]+)/.exec(text)?.[1] ?? '';
    // the same base64 with other line breaks decodes to the same bytes: still valid
    assert.equal(
      (await signaturesOf(tamper(signed, firstLine, `${firstLine.slice(0, 4)}\n${firstLine.slice(4)}`)))[0]?.valid,
      true,
    );
    const changed = `${firstLine.slice(0, -4)}AAAA`;
    assert.equal((await signaturesOf(tamper(signed, firstLine, changed)))[0]?.valid, false, 'decoded bytes changed');
  });

  it('the XPath enveloped-signature filter (xmlsec phaos vector) is run; any other XPath is a typed refusal', async () => {
    const [report] = await signaturesOf(corpus('xmlsec/phaos-signature-rsa-xpath-transform-enveloped.xml'));
    assert.equal(report?.references[0]?.transforms[0], XPATH);
    assert.equal(report?.references[0]?.problem, undefined);
    assert.equal(report?.references[0]?.digestValid, true);
    assert.equal(report?.signatureValid, true);

    const other =
      `<r><a>x</a><ds:Signature xmlns:ds="${DSIG}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${INC}"/>` +
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="">' +
      `<ds:Transforms><ds:Transform Algorithm="${XPATH}"><ds:XPath>ancestor-or-self::a</ds:XPath></ds:Transform></ds:Transforms>` +
      '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>' +
      '</ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature></r>';
    const [refused] = await signaturesOf(new TextEncoder().encode(other));
    assert.equal(refused?.valid, false);
    assert.equal(refused?.references[0]?.unsupportedAlgorithm, XPATH);
    assert.match(refused?.references[0]?.problem ?? '', /REC-xpath-19991116/);
  });

  it('refuses a Signature with two SignedInfo (xml-crypto vector; xmlsec1 refuses it too)', async () => {
    const path = new URL('xml-crypto/saml_multiple_signed_info_nodes.xml', CORPUS).pathname;
    const oracle = xmlsec1([
      '--verify',
      '--pubkey-pem',
      new URL('xml-crypto/keys/saml_external_ns.pem', CORPUS).pathname,
      '--id-attr:ID',
      'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
      path,
    ]);
    assert.equal(oracle.ok, false);
    assert.match(oracle.output, /actual=SignedInfo; expected=SignatureValue/);
    const [report] = await signaturesOf(corpus('xml-crypto/saml_multiple_signed_info_nodes.xml'));
    assert.equal(report?.valid, false);
    assert.match(
      report?.problems.join('\n') ?? '',
      /Signature has an unexpected SignedInfo after SignedInfo|SignatureValue/,
    );
  });

  it('refuses a Signature without SignedInfo, or with its children out of order; keeps the valid SAML vectors valid', async () => {
    const [none] = await signaturesOf(corpus('xml-crypto/invalid_saml_no_signed_info.xml'));
    assert.equal(none?.valid, false);
    assert.match(none?.problems.join('\n') ?? '', /Signature must have one SignedInfo first/);
    const feide = readFileSync(new URL('xml-crypto/keys/feide_public.pem', CORPUS), 'utf8');
    const valid = await verifyXml(corpus('xml-crypto/valid_saml.xml'), { certificates: [feide] });
    assert.deepEqual(
      valid.signatures.map((s) => s.problems),
      [[], []],
    );
    assert.equal(valid.valid, true);
    const swapped = new TextDecoder()
      .decode(corpus('xml-crypto/valid_saml.xml'))
      .replace(/(<ds:SignatureValue>[^<]*<\/ds:SignatureValue>)(\s*)(<ds:KeyInfo>.*?<\/ds:KeyInfo>)/s, '$3$2$1');
    const [outOfOrder] = await signaturesOf(new TextEncoder().encode(swapped));
    assert.equal(outOfOrder?.valid, false);
    assert.match(
      outOfOrder?.problems.join('\n') ?? '',
      /Signature must have one SignatureValue after SignedInfo, found KeyInfo/,
    );
  });

  it('a KeyInfo without certificate verifies with certificates given (xml-crypto valid_signature.xml)', async () => {
    const client = readFileSync(new URL('xml-crypto/keys/client_public.pem', CORPUS), 'utf8');
    const without = await signaturesOf(corpus('xml-crypto/valid_signature.xml'));
    assert.equal(without[0]?.valid, false);
    const [report] = await signaturesOf(corpus('xml-crypto/valid_signature.xml'), { certificates: [client] });
    assert.deepEqual(report?.problems, []);
    assert.equal(report?.valid, true);
  });
});
