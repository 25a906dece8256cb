// Writes the pieces of a ds:Signature element as text. Compact (no white space between elements),
// so what is hashed is exactly what is written, and nothing depends on indentation.
import { bytesToBase64 } from '@smartca-kit/sdk/core';
import { NS, URI } from './algorithms.js';
import { C14N } from './c14n.js';

/** Escapes text content we write. */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value we write (always in double quotes). */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Element names with one prefix (`''` for the default namespace). */
export class Names {
  constructor(readonly prefix: string) {}

  /** The qualified name of a local name. */
  q(local: string): string {
    return this.prefix ? `${this.prefix}:${local}` : local;
  }

  /** The declaration of this prefix for `uri`. */
  xmlns(uri: string): string {
    return `${this.prefix ? `xmlns:${this.prefix}` : 'xmlns'}="${escapeXmlAttribute(uri)}"`;
  }
}

/** One ds:Reference to write. */
export interface ReferenceSpec {
  /** `Id` of the Reference (XAdES DataObjectFormat points at it). */
  id?: string | undefined;
  /** `''` for the whole document, `#id` for one element. */
  uri: string;
  /** The `Type` attribute, e.g. the XAdES SignedProperties type. */
  type?: string | undefined;
  /** Transform algorithm URIs, in order. */
  transforms: readonly string[];
  /** SHA-256 of the transformed content. */
  digest: Uint8Array;
}

/** `<ds:Signature xmlns:ds="…" Id="…">`. */
export function signatureStartTag(ds: Names, id: string): string {
  return `<${ds.q('Signature')} ${ds.xmlns(NS.dsig)} Id="${escapeXmlAttribute(id)}">`;
}

/** `</ds:Signature>`. */
export function signatureEndTag(ds: Names): string {
  return `</${ds.q('Signature')}>`;
}

/** `<ds:DigestMethod/><ds:DigestValue>` for SHA-256 (also inside XAdES CertDigest). */
export function digestElements(ds: Names, digest: Uint8Array): string {
  return `<${ds.q('DigestMethod')} Algorithm="${URI.sha256}"/><${ds.q('DigestValue')}>${bytesToBase64(digest)}</${ds.q('DigestValue')}>`;
}

function reference(ds: Names, spec: ReferenceSpec): string {
  const id = spec.id ? ` Id="${escapeXmlAttribute(spec.id)}"` : '';
  const type = spec.type ? ` Type="${escapeXmlAttribute(spec.type)}"` : '';
  const transforms = spec.transforms
    .map((algorithm) => `<${ds.q('Transform')} Algorithm="${escapeXmlAttribute(algorithm)}"/>`)
    .join('');
  return (
    `<${ds.q('Reference')}${id}${type} URI="${escapeXmlAttribute(spec.uri)}"><${ds.q('Transforms')}>${transforms}</${ds.q('Transforms')}>` +
    `${digestElements(ds, spec.digest)}</${ds.q('Reference')}>`
  );
}

/** SignedInfo: exclusive c14n, RSA-SHA256, the references. */
export function signedInfoXml(ds: Names, references: readonly ReferenceSpec[]): string {
  return (
    `<${ds.q('SignedInfo')}><${ds.q('CanonicalizationMethod')} Algorithm="${C14N.exclusive}"/>` +
    `<${ds.q('SignatureMethod')} Algorithm="${URI.rsaSha256}"/>${references.map((spec) => reference(ds, spec)).join('')}</${ds.q('SignedInfo')}>`
  );
}

/** SignatureValue, base64 on one line. */
export function signatureValueXml(ds: Names, id: string, signature: Uint8Array): string {
  return `<${ds.q('SignatureValue')} Id="${escapeXmlAttribute(id)}">${bytesToBase64(signature)}</${ds.q('SignatureValue')}>`;
}

/** KeyInfo/X509Data with the signer certificate first, then its chain. */
export function keyInfoXml(ds: Names, certificates: readonly Uint8Array[]): string {
  const certs = certificates
    .map((der) => `<${ds.q('X509Certificate')}>${bytesToBase64(der)}</${ds.q('X509Certificate')}>`)
    .join('');
  return `<${ds.q('KeyInfo')}><${ds.q('X509Data')}>${certs}</${ds.q('X509Data')}></${ds.q('KeyInfo')}>`;
}
