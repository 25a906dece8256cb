// XAdES-BES qualifying properties (ETSI EN 319 132-1, namespace v1.3.2): SigningTime,
// SigningCertificateV2 (SHA-256 CertDigest + IssuerSerialV2) and a DataObjectFormat for the signed
// document, all inside SignedProperties, which the SignedInfo references and so signs.
import { bytesToBase64 } from '@smartca-kit/sdk/core';
import type { CertificateInfo } from '../cms/certificate-info.js';
import { issuerSerialDer } from '../cms/signed-attributes.js';
import { sha256 } from '../hash/sha256.js';
import { NS } from './algorithms.js';
import { digestElements, escapeXmlAttribute, Names } from './signature-xml.js';

/** What {@link qualifyingPropertiesObject} writes. */
export interface XadesInput {
  /** The Signature's `Id` (QualifyingProperties `Target`). */
  signatureId: string;
  /** The SignedProperties' `Id`, which the SignedInfo references. */
  signedPropertiesId: string;
  /** The `Id` of the reference to the document (DataObjectFormat `ObjectReference`). */
  dataReferenceId: string;
  /** The claimed signing time. */
  signingTime: Date;
  /** The signer certificate. */
  signer: CertificateInfo;
}

/** xsd:dateTime in UTC, to the second. */
export function xsdDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `<ds:Object><xades:QualifyingProperties …>…</ds:Object>`. */
export function qualifyingPropertiesObject(ds: Names, input: XadesInput): string {
  const x = new Names('xades');
  const cert =
    `<${x.q('Cert')}><${x.q('CertDigest')}>${digestElements(ds, sha256(input.signer.der))}</${x.q('CertDigest')}>` +
    `<${x.q('IssuerSerialV2')}>${bytesToBase64(issuerSerialDer(input.signer))}</${x.q('IssuerSerialV2')}></${x.q('Cert')}>`;
  const signatureProperties =
    `<${x.q('SignedSignatureProperties')}><${x.q('SigningTime')}>${xsdDateTime(input.signingTime)}</${x.q('SigningTime')}>` +
    `<${x.q('SigningCertificateV2')}>${cert}</${x.q('SigningCertificateV2')}></${x.q('SignedSignatureProperties')}>`;
  const dataObjectProperties =
    `<${x.q('SignedDataObjectProperties')}><${x.q('DataObjectFormat')} ObjectReference="#${escapeXmlAttribute(input.dataReferenceId)}">` +
    `<${x.q('MimeType')}>text/xml</${x.q('MimeType')}></${x.q('DataObjectFormat')}></${x.q('SignedDataObjectProperties')}>`;
  return (
    `<${ds.q('Object')}><${x.q('QualifyingProperties')} ${x.xmlns(NS.xades)} Target="#${escapeXmlAttribute(input.signatureId)}">` +
    `<${x.q('SignedProperties')} Id="${escapeXmlAttribute(input.signedPropertiesId)}">${signatureProperties}${dataObjectProperties}` +
    `</${x.q('SignedProperties')}></${x.q('QualifyingProperties')}></${ds.q('Object')}>`
  );
}
