import { base64ToBytes } from '@smartca-kit/sdk/core';
import { certificateInfo, rsaVerifyKey, type CertificateInfo } from '../cms/certificate-info.js';
import { buildChain, summary, toDer, type VerifyOptions } from '../cms/verify-signed-data.js';
import { compareBytes } from '../internal/der.js';
import { readAll, toByteSource, type DocumentInput } from '../source/byte-source.js';
import { DIGEST_METHODS, digest, NS, SIGNATURE_METHODS } from './algorithms.js';
import { c14nMethod, canonicalize } from './c14n.js';
import { decodeXmlBytes } from './decode.js';
import { checkReference, inclusivePrefixes, type ReferenceCheck } from './dereference.js';
import {
  attribute,
  childrenNamed,
  descendants,
  firstChild,
  idOf,
  textContent,
  type XmlDocument,
  type XmlElement,
} from './dom.js';
import { parseXml } from './parser.js';
import { structureProblems } from './signature-structure.js';
import type { XadesReport, XmlSignatureReport, XmlVerification } from './verify-report.js';

function parseTime(element: XmlElement | undefined): Date | undefined {
  if (!element) return undefined;
  const time = new Date(textContent(element).trim());
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function keyInfoCertificates(signature: XmlElement): CertificateInfo[] {
  const keyInfo = firstChild(signature, NS.dsig, 'KeyInfo');
  if (!keyInfo) return [];
  const out: CertificateInfo[] = [];
  for (const element of descendants(keyInfo)) {
    if (element.namespaceURI !== NS.dsig || element.localName !== 'X509Certificate') continue;
    const der = base64ToBytes(textContent(element));
    try {
      if (der) out.push(certificateInfo(der));
    } catch {
      // not a certificate: ignored, the signature will not verify with it
    }
  }
  return out;
}

async function verifiesWith(
  cert: CertificateInfo,
  hash: string,
  signature: Uint8Array,
  signed: Uint8Array,
): Promise<boolean> {
  try {
    return await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      await rsaVerifyKey(cert, hash),
      signature.slice(),
      signed.slice(),
    );
  } catch {
    return false;
  }
}

/** The certificate no other carried certificate names as its issuer: the leaf, by convention. */
function leafOf(certs: CertificateInfo[]): CertificateInfo | undefined {
  return certs.find((cert) => !certs.some((other) => other !== cert && other.issuer === cert.subject)) ?? certs[0];
}

async function xadesReport(
  signature: XmlElement,
  signer: CertificateInfo | undefined,
  references: ReferenceCheck[],
): Promise<XadesReport | undefined> {
  const qualifying = childrenNamed(signature, NS.dsig, 'Object')
    .map((object) => firstChild(object, NS.xades, 'QualifyingProperties'))
    .find(Boolean);
  if (!qualifying) return undefined;
  const signedProperties = firstChild(qualifying, NS.xades, 'SignedProperties');
  const properties = signedProperties && firstChild(signedProperties, NS.xades, 'SignedSignatureProperties');
  const signingCertificate =
    properties &&
    (firstChild(properties, NS.xades, 'SigningCertificateV2') ??
      firstChild(properties, NS.xades, 'SigningCertificate'));
  let signingCertificateMatches = false;
  for (const cert of signingCertificate ? childrenNamed(signingCertificate, NS.xades, 'Cert') : []) {
    const certDigest = firstChild(cert, NS.xades, 'CertDigest');
    const method = certDigest && attribute(firstChild(certDigest, NS.dsig, 'DigestMethod') ?? certDigest, 'Algorithm');
    const hash = method ? DIGEST_METHODS[method] : undefined;
    const valueElement = certDigest && firstChild(certDigest, NS.dsig, 'DigestValue');
    const expected = valueElement && base64ToBytes(textContent(valueElement));
    if (signer && hash && expected && compareBytes(await digest(hash, signer.der), expected) === 0)
      signingCertificateMatches = true;
  }
  return {
    signedPropertiesCovered:
      !!signedProperties && references.some((ref) => ref.digestValid && ref.target === signedProperties),
    signingCertificateMatches,
    signingTime: parseTime(properties && firstChild(properties, NS.xades, 'SigningTime')),
  };
}

/** A SigningTime inside an element of this signature that a valid reference covers (e-invoice style). */
function signedSigningTime(signature: XmlElement, references: ReferenceCheck[]): Date | undefined {
  const covered = new Set(references.filter((ref) => ref.digestValid).map((ref) => ref.target));
  for (const element of descendants(signature)) {
    if (element.localName !== 'SigningTime') continue;
    for (let up: XmlElement | undefined = element; up && up !== signature; up = up.parent) {
      if (covered.has(up)) return parseTime(element);
    }
  }
  return undefined;
}

async function verifySignature(
  document: XmlDocument,
  signature: XmlElement,
  roots: CertificateInfo[],
  external: CertificateInfo[],
): Promise<XmlSignatureReport> {
  const problems = structureProblems(signature);
  const signedInfo = firstChild(signature, NS.dsig, 'SignedInfo');
  const c14nElement = signedInfo && firstChild(signedInfo, NS.dsig, 'CanonicalizationMethod');
  const canonicalization = c14nElement && attribute(c14nElement, 'Algorithm');
  const signatureAlgorithm =
    signedInfo && attribute(firstChild(signedInfo, NS.dsig, 'SignatureMethod') ?? signedInfo, 'Algorithm');
  const referenceElements = signedInfo ? childrenNamed(signedInfo, NS.dsig, 'Reference') : [];
  const references: ReferenceCheck[] = [];
  for (const reference of referenceElements) references.push(await checkReference(document, signature, reference));
  for (const ref of references) if (ref.problem) problems.push(`Reference URI="${ref.uri ?? ''}": ${ref.problem}`);

  // KeyInfo's certificates first; then those the caller knows (a KeyInfo may name its key without carrying it).
  const certificates = [...keyInfoCertificates(signature), ...external];
  const method =
    canonicalization !== undefined && c14nElement
      ? c14nMethod(canonicalization, inclusivePrefixes(c14nElement))
      : undefined;
  const hash = signatureAlgorithm ? SIGNATURE_METHODS[signatureAlgorithm] : undefined;
  const valueElement = firstChild(signature, NS.dsig, 'SignatureValue');
  const value = valueElement && base64ToBytes(textContent(valueElement));
  let signer: CertificateInfo | undefined;
  if (signedInfo && !method) problems.push(`canonicalization ${canonicalization ?? '(none)'} is not supported`);
  if (signedInfo && !hash)
    problems.push(`signature method ${signatureAlgorithm ?? '(none)'} is not supported (RSA PKCS#1 v1.5 only)`);
  if (!value) problems.push('SignatureValue is missing or not base64');
  if (!certificates.length) problems.push('KeyInfo carries no X509Certificate');
  if (signedInfo && method && hash && value) {
    const canonical = new TextEncoder().encode(canonicalize({ apex: signedInfo, comments: true }, method));
    for (const cert of certificates) {
      if (await verifiesWith(cert, hash, value, canonical)) {
        signer = cert;
        break;
      }
    }
    if (!signer && certificates.length)
      problems.push(
        'the SignatureValue does not verify with the KeyInfo certificate: the SignedInfo or the value was changed',
      );
  }
  const signatureValid = signer !== undefined;
  signer ??= leafOf(certificates);

  const xades = await xadesReport(signature, signer, references);
  if (xades && !xades.signedPropertiesCovered)
    problems.push('XAdES SignedProperties are not covered by a valid reference');
  if (xades && !xades.signingCertificateMatches)
    problems.push('XAdES SigningCertificate does not match the signer certificate');
  const signingTime = xades?.signedPropertiesCovered ? xades.signingTime : signedSigningTime(signature, references);
  const { chain, complete } = signer
    ? await buildChain(signer, [...certificates, ...roots])
    : { chain: [], complete: false };
  const last = chain[chain.length - 1];
  const at = signingTime ?? new Date();
  return {
    id: idOf(signature),
    valid: problems.length === 0 && signatureValid && references.every((ref) => ref.digestValid),
    signatureValid,
    signatureAlgorithm,
    canonicalization,
    references: references.map(({ target: _target, ...report }) => report),
    coversWholeDocument: references.some((ref) => ref.digestValid && ref.target === document),
    signer: signer && summary(signer),
    chain: chain.map(summary),
    chainComplete: complete,
    trusted:
      roots.length === 0
        ? undefined
        : complete && last !== undefined && roots.some((root) => compareBytes(root.der, last.der) === 0),
    signingTime,
    certificateValidAtSigning: !!signer && signer.notBefore <= at && at <= signer.notAfter,
    xades,
    problems,
  };
}

/**
 * Verifies every `ds:Signature` in an XML document, ours or another producer's (xmlsec1, e-invoice
 * software): references (whole document, `#Id`, enveloped-signature, inclusive and exclusive c14n),
 * the RSA signature value against the KeyInfo certificate, XAdES SignedProperties, and the chain to
 * `trustedRoots`. One report per signature, in document order; none for an unsigned document
 * (then `valid` is false).
 * Throws `DocumentFormatError` when the XML itself is malformed or has a DOCTYPE.
 */
export async function verifyXml(input: DocumentInput, options: VerifyOptions = {}): Promise<XmlVerification> {
  const document = parseXml(decodeXmlBytes(await readAll(toByteSource(input))));
  const roots = (options.trustedRoots ?? []).map((root) => certificateInfo(toDer(root)));
  const external = (options.certificates ?? []).map((cert) => certificateInfo(toDer(cert)));
  const reports: XmlSignatureReport[] = [];
  for (const element of descendants(document.root)) {
    if (element.namespaceURI === NS.dsig && element.localName === 'Signature') {
      reports.push(await verifySignature(document, element, roots, external));
    }
  }
  return { valid: reports.length > 0 && reports.every((report) => report.valid), signatures: reports };
}
