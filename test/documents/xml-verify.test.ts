import { X509Certificate } from 'node:crypto';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { DocumentFormatError, verifyXml } from '@smartca-kit/documents';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import { EINVOICE, flipSignatureValue, signXml, tamper, TRICKY } from '../support/xml-fixtures.js';
import { pem, scratch, xmlsec1 } from '../support/validators.js';

/** The per-signature reports of verifyXml. */
const signaturesOf = async (...args: Parameters<typeof verifyXml>) => (await verifyXml(...args)).signatures;

const encode = (text: string) => new TextEncoder().encode(text);

// Templates xmlsec1 fills in (--sign): the algorithms differ from ours on purpose, so that verifyXml
// is shown to read what other producers write. The first uses inclusive c14n for the SignedInfo, which
// then inherits the namespaces and xml:lang of its ancestors; the second exclusive c14n with an
// InclusiveNamespaces list, an xpointer reference that keeps comments, and RSA-SHA512.
const INCLUSIVE_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<root xmlns="urn:outer" xmlns:extra="urn:unused" xml:lang="vi">
  <data Id="payload">Nội dung <!-- ghi chú --> &amp; "trích dẫn"</data>
  <wrapper xmlns:w="urn:w">
    <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
      <SignedInfo>
        <CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
        <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
        <Reference URI="">
          <Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>
          <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
          <DigestValue/>
        </Reference>
      </SignedInfo>
      <SignatureValue/>
      <KeyInfo><X509Data/></KeyInfo>
    </Signature>
  </wrapper>
</root>
`;
const EXCLUSIVE_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<root xmlns="urn:outer" xmlns:extra="urn:unused" xml:lang="vi">
  <data Id="payload">Nội dung <!-- ghi chú --> &amp; "trích dẫn"</data>
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="extra #default"/></ds:CanonicalizationMethod>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"/>
      <ds:Reference URI="#xpointer(id('payload'))">
        <ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#WithComments"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="extra"/></ds:Transform></ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha512"/>
        <ds:DigestValue/>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue/>
    <ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
  </ds:Signature>
</root>
`;

describe('verifyXml', () => {
  let signer: LocalSigner;
  const work = scratch('smartca-xml-verify-');

  before(async () => {
    signer = await createLocalSigner();
  });

  it('reports our XAdES signature: valid, trusted, whole document, signer, chain and signing time', async () => {
    const signingTime = new Date('2025-01-15T03:04:05Z');
    const signed = await signXml(TRICKY, signer, { xades: true, signingTime });
    const [report, ...rest] = await signaturesOf(signed, { trustedRoots: [signer.rootPem] });
    assert.equal(rest.length, 0);
    assert.ok(report);
    assert.deepEqual(report.problems, []);
    assert.equal(report.valid, true);
    assert.equal(report.signatureValid, true);
    assert.equal(report.coversWholeDocument, true);
    assert.equal(report.trusted, true);
    assert.equal(report.chainComplete, true);
    assert.deepEqual(
      report.chain.map((cert) => cert.commonName),
      ['Nguyễn Văn An', 'Test SmartCA RS', 'Test Root CA'],
    );
    assert.equal(report.signer?.serialNumber, new X509Certificate(Buffer.from(signer.der)).serialNumber.toLowerCase());
    assert.deepEqual(report.signingTime, signingTime);
    assert.equal(report.certificateValidAtSigning, false, 'the test certificate starts yesterday, after 2025-01-15');
    assert.deepEqual(report.xades, { signedPropertiesCovered: true, signingCertificateMatches: true, signingTime });
    assert.deepEqual(
      report.references.map((ref) => [ref.uri, ref.digestValid]),
      [
        ['', true],
        ['#Signature-1-SignedProperties', true],
      ],
    );
  });

  it('says untrusted for a root it was not given, and undefined without roots', async () => {
    const signed = await signXml('<r/>', signer);
    const stranger = await createLocalSigner();
    assert.equal((await signaturesOf(signed, { trustedRoots: [stranger.rootPem] }))[0]?.trusted, false);
    const [report] = await signaturesOf(signed);
    assert.equal(report?.trusted, undefined);
    assert.equal(report?.valid, true);
  });

  it('finds tampering: content, signature value, signing time and a swapped certificate', async () => {
    const signed = await signXml(EINVOICE, signer, { xades: true, signingTime: new Date('2025-01-15T03:04:05Z') });
    const content = (await signaturesOf(tamper(signed, '1100000', '1900000')))[0];
    assert.equal(content?.valid, false);
    assert.equal(content?.signatureValid, true, 'the SignedInfo itself is intact');
    assert.equal(content?.references[0]?.digestValid, false);
    assert.equal(content?.coversWholeDocument, false);
    assert.match(content?.problems.join('\n') ?? '', /digest does not match/);

    const value = (await signaturesOf(flipSignatureValue(signed, 'Signature-1')))[0];
    assert.equal(value?.valid, false);
    assert.equal(value?.signatureValid, false);
    assert.equal(value?.signer?.commonName, 'Nguyễn Văn An', 'the signer is still named, from KeyInfo');

    const time = (await signaturesOf(tamper(signed, '2025-01-15T03:04:05Z', '2024-01-15T03:04:05Z')))[0];
    assert.equal(time?.valid, false);
    assert.equal(time?.xades?.signedPropertiesCovered, false);
    assert.equal(time?.signingTime, undefined, 'an unsigned time is not reported as the signing time');

    const other = await createLocalSigner({ commonName: 'Kẻ Giả Mạo' });
    const leaf = Buffer.from(signer.der).toString('base64');
    const swapped = (await signaturesOf(tamper(signed, leaf, Buffer.from(other.der).toString('base64'))))[0];
    assert.equal(swapped?.valid, false);
    assert.equal(swapped?.signatureValid, false);
  });

  it('reports both signatures of an e-invoice signed by seller and buyer, each over the data only', async () => {
    const buyer = await createLocalSigner({ commonName: 'Công ty Cổ phần Bên Mua' });
    const once = await signXml(EINVOICE, signer, {
      xades: true,
      parent: 'DSCKS/NBan',
      referenceId: 'DLHDon-0001',
      prefix: '',
      signatureId: 'seller',
    });
    const twice = await signXml(once, buyer, {
      xades: true,
      parent: 'DSCKS/NMua',
      referenceId: 'DLHDon-0001',
      prefix: '',
      signatureId: 'buyer',
    });
    const reports = await signaturesOf(twice);
    assert.deepEqual(
      reports.map((r) => [r.id, r.valid, r.signer?.commonName, r.coversWholeDocument]),
      [
        ['seller', true, 'Nguyễn Văn An', false],
        ['buyer', true, 'Công ty Cổ phần Bên Mua', false],
      ],
    );
    const brokenBuyer = await signaturesOf(flipSignatureValue(twice, 'buyer'));
    assert.deepEqual(
      brokenBuyer.map((r) => r.valid),
      [true, false],
    );
  });

  it('shows that a second whole-document signature covers, and so invalidates, the first', async () => {
    const twice = await signXml(await signXml('<r>x</r>', signer), signer);
    assert.deepEqual(
      (await signaturesOf(twice)).map((r) => [r.id, r.valid]),
      [
        ['Signature-1', false],
        ['Signature-2', true],
      ],
    );
  });

  it('refuses a reference to an Id that appears twice (signature wrapping)', async () => {
    const signed = await signXml(EINVOICE, signer, { referenceId: 'DLHDon-0001', parent: 'DSCKS/NBan' });
    const wrapped = tamper(
      signed,
      '<DSCKS>',
      '<ext:Wrapper><DLHDon Id="DLHDon-0001"><Ten>giả</Ten></DLHDon></ext:Wrapper><DSCKS>',
    );
    const [report] = await signaturesOf(wrapped);
    assert.equal(report?.valid, false);
    assert.match(report?.problems.join('\n') ?? '', /2 elements have Id "DLHDon-0001"/);
  });

  it('verifies files xmlsec1 signed (inclusive c14n; exclusive c14n with PrefixList, xpointer and RSA-SHA512)', async () => {
    const key = work.file('key.pem', signer.keyPem);
    const certs = [work.file('cert.pem', signer.certPem), work.file('ca.pem', pem(signer.chain[0] as Uint8Array))];
    for (const [name, template, extra] of [
      ['inclusive', INCLUSIVE_TEMPLATE, []],
      ['exclusive', EXCLUSIVE_TEMPLATE, ['--id-attr:Id', 'urn:outer:data']],
    ] as const) {
      const output = work.file(`${name}-signed.xml`, '');
      const result = xmlsec1([
        '--sign',
        '--privkey-pem',
        [key, ...certs].join(','),
        ...extra,
        '--output',
        output,
        work.file(`${name}.xml`, template),
      ]);
      assert.ok(result.ok, result.output);
      const signed = new Uint8Array(readFileSync(output));
      const [report] = await signaturesOf(signed, { trustedRoots: [signer.rootPem] });
      assert.deepEqual(report?.problems, [], name);
      assert.equal(report?.valid, true, name);
      assert.equal(report?.trusted, true, name);
      assert.equal(report?.signer?.commonName, 'Nguyễn Văn An');
      assert.equal(report?.coversWholeDocument, name === 'inclusive');
      assert.equal(
        (await signaturesOf(tamper(signed, 'Nội dung', 'Nội dung khác')))[0]?.valid,
        false,
        `${name} tampered`,
      );
      // a comment is inside the xpointer node-set (WithComments), so changing it breaks the second
      assert.equal(
        (await signaturesOf(tamper(signed, 'ghi chú', 'ghi chu')))[0]?.valid,
        name === 'inclusive',
        `${name} comment`,
      );
    }
  });

  it('returns no report for an unsigned document, and refuses DOCTYPE and malformed XML', async () => {
    assert.deepEqual(await signaturesOf(encode('<r/>')), []);
    await assert.rejects(
      signaturesOf(encode('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')),
      (error: unknown) => error instanceof DocumentFormatError && error.code === 'XML_DOCTYPE_FORBIDDEN',
    );
    await assert.rejects(
      signaturesOf(encode('<r><ds:Signature></r>')),
      (error: unknown) => error instanceof DocumentFormatError && error.code === 'XML_MALFORMED',
    );
  });

  it('reports, rather than throws, a signature it cannot check', async () => {
    const xml =
      '<r><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
      '<ds:CanonicalizationMethod Algorithm="urn:unknown"/><ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"/>' +
      '<ds:Reference URI="http://example.com/x"><ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>' +
      '</ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature></r>';
    const [report] = await signaturesOf(encode(xml));
    assert.equal(report?.valid, false);
    assert.equal(report?.signer, undefined);
    assert.deepEqual(report?.problems, [
      'Reference URI="http://example.com/x": external reference "http://example.com/x" is not supported',
      'canonicalization urn:unknown is not supported',
      'signature method http://www.w3.org/2000/09/xmldsig#hmac-sha1 is not supported (RSA PKCS#1 v1.5 only)',
      'KeyInfo carries no X509Certificate',
    ]);
  });
});
