import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { DocumentFormatError, prepareXml } from '@smartca-kit/documents';
import { InvalidInputError, SignatureVerificationError } from '@smartca-kit/sdk';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';
import {
  EINVOICE,
  flipSignatureValue,
  signXml,
  tamper,
  TRICKY,
  VIETNAMESE,
  withoutSignatures,
} from '../support/xml-fixtures.js';
import { pem, scratch, XADES_ID_ATTR, xmlsec1 } from '../support/validators.js';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const EINVOICE_ID_ATTR = ['--id-attr:Id', 'urn:vn:einvoice:tt78:DLHDon'];
const SIGNATURE_ID_ATTR = ['--id-attr:Id', 'http://www.w3.org/2000/09/xmldsig#:Signature'];

describe('prepareXml: enveloped XMLDSig / XAdES-BES that xmlsec1 accepts', () => {
  let signer: LocalSigner;
  const work = scratch('smartca-xml-sign-');
  let trust: string[];
  let count = 0;

  before(async () => {
    signer = await createLocalSigner();
    trust = [
      '--trusted-pem',
      work.file('root.pem', signer.rootPem),
      '--untrusted-pem',
      work.file('ca.pem', pem(signer.chain[0] as Uint8Array)),
    ];
  });

  /** xmlsec1 --verify with the test root trusted and the issuing CA as an untrusted intermediate. */
  function xmlsecVerify(bytes: Uint8Array, extra: string[] = []) {
    return xmlsec1([
      '--verify',
      ...trust,
      ...XADES_ID_ATTR,
      ...EINVOICE_ID_ATTR,
      ...extra,
      work.file(`signed-${++count}.xml`, bytes),
    ]);
  }
  function assertAccepted(bytes: Uint8Array, extra: string[] = []) {
    const result = xmlsecVerify(bytes, extra);
    assert.ok(result.ok, result.output);
    assert.match(result.output, /^OK$/m);
  }
  function assertRefused(bytes: Uint8Array, extra: string[] = []) {
    const result = xmlsecVerify(bytes, extra);
    assert.notEqual(result.status, 0, `xmlsec1 accepted a tampered file:\n${result.output}`);
  }

  it('signs the whole document with RSA-SHA256 and exclusive c14n; xmlsec1 verifies the chain; a changed byte fails', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<ToKhai><SoTien>1000000</SoTien></ToKhai>\n';
    const prepared = await prepareXml(encode(xml), signer);
    assert.equal(prepared.format, 'xml');
    assert.equal(prepared.digestToSign.length, 32);
    const signed = await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
    const text = decode(signed);
    assert.match(
      text,
      /<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#enveloped-signature"\/><ds:Transform Algorithm="http:\/\/www\.w3\.org\/2001\/10\/xml-exc-c14n#"\/>/,
    );
    assert.equal((text.match(/<ds:X509Certificate>/g) ?? []).length, 3, 'signer, issuing CA and root are carried');
    assert.ok(text.endsWith('</ds:Signature></ToKhai>\n'), 'the Signature is the last child of the root');
    assert.equal(withoutSignatures(signed), xml, 'nothing outside the Signature changed');
    assertAccepted(signed);
    assertRefused(tamper(signed, '1000000', '9000000'));
  });

  it('XAdES-BES: SigningTime and SigningCertificateV2 are signed through SignedProperties; xmlsec1 verifies', async () => {
    const signingTime = new Date('2025-01-15T03:04:05.678Z');
    const signed = await signXml('<ToKhai><SoTien>1</SoTien></ToKhai>', signer, {
      xades: true,
      signingTime,
      signatureId: 'chu-ky-1',
    });
    const text = decode(signed);
    assert.match(
      text,
      /<ds:Reference Type="http:\/\/uri\.etsi\.org\/01903#SignedProperties" URI="#chu-ky-1-SignedProperties">/,
    );
    assert.match(
      text,
      /<xades:QualifyingProperties xmlns:xades="http:\/\/uri\.etsi\.org\/01903\/v1\.3\.2#" Target="#chu-ky-1">/,
    );
    assert.match(text, /<xades:SigningTime>2025-01-15T03:04:05Z<\/xades:SigningTime>/);
    const certDigest = createHash('sha256').update(signer.der).digest('base64');
    assert.ok(
      text.includes(
        `<xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${certDigest}</ds:DigestValue></xades:CertDigest>`,
      ),
    );
    const issuerSerial = Buffer.from(/<xades:IssuerSerialV2>([^<]+)</.exec(text)?.[1] ?? '', 'base64');
    assert.equal(issuerSerial[0], 0x30, 'IssuerSerialV2 is a DER IssuerSerial');
    const serial = Buffer.from(new X509Certificate(Buffer.from(signer.der)).serialNumber, 'hex');
    assert.ok(
      issuerSerial.includes(Buffer.concat([Buffer.from([0x02, serial.length]), serial])),
      'it carries the serial number',
    );
    assertAccepted(signed);
    assertRefused(tamper(signed, '2025-01-15T03:04:05Z', '2020-01-15T03:04:05Z'));
  });

  it('signs a Vietnamese e-invoice the way it expects: under DSCKS/NBan, over <DLHDon Id>, default-namespace ds', async () => {
    const signed = await signXml(EINVOICE, signer, {
      xades: true,
      parent: 'DSCKS/NBan',
      referenceId: 'DLHDon-0001',
      prefix: '',
      signatureId: 'seller',
    });
    const text = decode(signed);
    assert.ok(
      text.includes('<DSCKS><NBan><Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="seller"><SignedInfo>'),
    );
    assert.ok(
      text.includes('</Signature></NBan><NMua></NMua><CCQT/></DSCKS>'),
      'the empty <NBan/> was opened to hold it; the rest is untouched',
    );
    assert.ok(text.includes('<Reference Id="seller-ref-0" URI="#DLHDon-0001">'));
    assertAccepted(signed);
    assertRefused(tamper(signed, 'Dịch vụ tư vấn', 'Dịch vụ tu vấn'));
    // DSCKS lies outside the signed data (that is what lets buyer and tax authority add theirs)
    assertAccepted(tamper(signed, '<CCQT/>', '<CCQT>x</CCQT>'));
  });

  it('keeps every original byte: BOM, CRLF, escaped attributes, CDATA, comments, PIs, NFC and NFD Vietnamese', async () => {
    const signed = await signXml(TRICKY, signer, { xades: true });
    assert.equal(withoutSignatures(signed), TRICKY);
    const bytes = Buffer.from(signed);
    assert.ok(
      bytes.includes(Buffer.from(VIETNAMESE.NFC)) && bytes.includes(Buffer.from(VIETNAMESE.NFD)),
      'both Unicode forms are kept',
    );
    assert.deepEqual([...signed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assertAccepted(signed);
    // NFD → NFC changes the bytes, so it must break the signature
    assertRefused(tamper(signed, `<HoTenNFD>${VIETNAMESE.NFD}`, `<HoTenNFD>${VIETNAMESE.NFC}`));
  });

  it('accepts a Blob, and puts the Signature under any element chosen by path', async () => {
    const blob = new Blob([EINVOICE]);
    const prepared = await prepareXml(blob, signer, { parent: '/HDon/DSCKS/NMua', referenceId: 'DLHDon-0001' });
    const signed = await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
    assert.ok(decode(signed).includes('<NMua><ds:Signature '));
    assert.equal(withoutSignatures(signed), EINVOICE);
    assertAccepted(signed);
  });

  it('two signatures on one e-invoice (seller, then buyer): xmlsec1 verifies each; both cover the data', async () => {
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
    assert.equal(withoutSignatures(twice), withoutSignatures(once));
    assertAccepted(twice, [...SIGNATURE_ID_ATTR, '--node-id', 'seller']);
    const buyerTrust = [
      '--trusted-pem',
      work.file('buyer-root.pem', buyer.rootPem),
      '--untrusted-pem',
      work.file('buyer-ca.pem', pem(buyer.chain[0] as Uint8Array)),
    ];
    const buyerCheck = xmlsec1([
      '--verify',
      ...buyerTrust,
      ...XADES_ID_ATTR,
      ...EINVOICE_ID_ATTR,
      ...SIGNATURE_ID_ATTR,
      '--node-id',
      'buyer',
      work.file('twice.xml', twice),
    ]);
    assert.ok(buyerCheck.ok, buyerCheck.output);
    // breaking the buyer's signature value leaves the seller's intact, and the other way round
    const brokenBuyer = flipSignatureValue(twice, 'buyer');
    assertAccepted(brokenBuyer, [...SIGNATURE_ID_ATTR, '--node-id', 'seller']);
    assert.ok(
      !xmlsec1([
        '--verify',
        ...buyerTrust,
        ...XADES_ID_ATTR,
        ...EINVOICE_ID_ATTR,
        ...SIGNATURE_ID_ATTR,
        '--node-id',
        'buyer',
        work.file('broken-buyer.xml', brokenBuyer),
      ]).ok,
      'xmlsec1 checked the buyer signature, not the first one',
    );
    assertRefused(tamper(twice, 'Dịch vụ tư vấn', 'Dịch vụ khác'), [...SIGNATURE_ID_ATTR, '--node-id', 'seller']);
  });

  it('picks a free Signature Id when none is given', async () => {
    const once = await signXml('<r/>', signer);
    assert.match(decode(once), /<r><ds:Signature [^>]*Id="Signature-1">/);
    const twice = await signXml(once, signer);
    assert.match(decode(twice), /Id="Signature-2"/);
  });

  it('refuses a certificate whose key usage does not allow signing, before anything is sent', async () => {
    const encipherOnly = await createLocalSigner({ keyUsage: 0x20 /* keyEncipherment */ });
    await assert.rejects(
      prepareXml(encode('<r/>'), encipherOnly),
      (error: unknown) => error instanceof InvalidInputError && error.code === 'CERTIFICATE_KEY_USAGE',
    );
  });

  it('refuses a raw signature that does not verify (wrong bytes, or over another digest): no document is produced', async () => {
    const prepared = await prepareXml(encode('<r>a</r>'), signer);
    const isMismatch = (error: unknown) =>
      error instanceof SignatureVerificationError && error.reason === 'signature-mismatch';
    await assert.rejects(prepared.finish(new Uint8Array(256).fill(7)), isMismatch);
    const other = await prepareXml(encode('<r>b</r>'), signer);
    await assert.rejects(prepared.finish(signer.signDigest(other.digestToSign)), isMismatch);
    const impostor = await createLocalSigner();
    await assert.rejects(prepared.finish(impostor.signDigest(prepared.digestToSign)), isMismatch);
  });

  it('refuses a DOCTYPE (XXE payload included) and malformed XML with typed errors', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    await assert.rejects(
      prepareXml(encode(xxe), signer),
      (error: unknown) =>
        error instanceof DocumentFormatError && error.code === 'XML_DOCTYPE_FORBIDDEN' && error.offset === 21,
    );
    await assert.rejects(
      prepareXml(encode('<HDon><DLHDon></HDon>'), signer),
      (error: unknown) =>
        error instanceof DocumentFormatError &&
        error.code === 'XML_MALFORMED' &&
        /line 1, column 15/.test(error.message),
    );
  });

  it('refuses options it cannot honour, with InvalidInputError naming the option', async () => {
    const cases: Array<[Parameters<typeof prepareXml>[2], string, string]> = [
      [{ parent: 'DSCKS/NKhac' }, 'XML_PARENT_NOT_FOUND', 'parent'],
      [{ parent: '/Khac/DSCKS' }, 'XML_PARENT_NOT_FOUND', 'parent'],
      [{ referenceId: 'khong-co' }, 'XML_REFERENCE_NOT_FOUND', 'referenceId'],
      [{ signatureId: 'DLHDon-0001' }, 'XML_ID_TAKEN', 'signatureId'],
      [{ signatureId: 'có dấu cách' }, 'XML_ID_INVALID', 'signatureId'],
      [{ prefix: 'xades' }, 'XML_PREFIX_INVALID', 'prefix'],
    ];
    for (const [options, code, field] of cases) {
      await assert.rejects(
        prepareXml(encode(EINVOICE), signer, options),
        (error: unknown) => error instanceof InvalidInputError && error.code === code && error.field === field,
        code,
      );
    }
    const twoIds = '<r><a Id="x"/><b Id="x"/></r>';
    await assert.rejects(
      prepareXml(encode(twoIds), signer, { referenceId: 'x' }),
      (error: unknown) => error instanceof InvalidInputError && error.code === 'XML_ID_AMBIGUOUS',
    );
  });
});
