import { Attribute } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Time } from '@peculiar/asn1-x509';
import { sha256 } from '../hash/sha256.js';
import { compareBytes, octetString, oid, sequence, tlv } from '../internal/der.js';
import { issuerDer, type CertificateInfo } from './certificate-info.js';
import { OID } from './oids.js';
import type { ResolvedSigner } from './signer.js';

/** The signed attributes of one CAdES signature, and the digest SmartCA must sign. */
export interface SignedAttributes {
  /** In DER SET OF order: what goes into the SignerInfo. */
  attributes: Attribute[];
  /** The DER `SET OF Attribute` (tag 0x31) whose SHA-256 is signed. */
  der: Uint8Array;
  /** SHA-256 of {@link der}: the "second hash" that goes to SmartCA. */
  digestToSign: Uint8Array;
}

/** Inputs of {@link buildSignedAttributes}. */
export interface SignedAttributesInput {
  /** SHA-256 of the signed content (the PDF ByteRange, or the whole file for a `.p7s`). */
  contentDigest: Uint8Array;
  /** The signer, whose certificate hash and issuer/serial go into signingCertificateV2. */
  signer: ResolvedSigner;
  /**
   * CAdES-B-B wants a signing-time attribute; PAdES forbids it (the time goes in the signature
   * dictionary's `/M`). Omit for PAdES.
   */
  signingTime?: Date | undefined;
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash OCTET STRING, issuerSerial }
// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }; GeneralName directoryName is [4].
/** The DER `IssuerSerial` (RFC 5035) of a certificate; XAdES `IssuerSerialV2` carries it in base64. */
export function issuerSerialDer(cert: CertificateInfo): Uint8Array {
  return sequence(
    sequence(tlv(0xa4, issuerDer(cert))),
    tlv(0x02, new Uint8Array(cert.asn.tbsCertificate.serialNumber)),
  );
}

// Per certificate, once: it is the same for every document a certificate signs (a batch signs thousands).
const signingCertificates = new WeakMap<CertificateInfo, Uint8Array>();

function signingCertificateV2(signer: ResolvedSigner): Uint8Array {
  const cert = signer.certificate;
  let value = signingCertificates.get(cert);
  if (!value) {
    value = sequence(sequence(sequence(octetString(sha256(cert.der)), issuerSerialDer(cert))));
    signingCertificates.set(cert, value);
  }
  return value;
}

function attribute(type: string, value: Uint8Array): Attribute {
  return new Attribute({ attrType: type, attrValues: [value.slice().buffer] });
}

/**
 * contentType = id-data, messageDigest, signingCertificateV2 (binds the signer certificate, so it
 * cannot be swapped), and optionally signingTime. Sorted into DER SET OF order, because the bytes
 * hashed here must be exactly the bytes a validator re-encodes.
 */
export function buildSignedAttributes(input: SignedAttributesInput): SignedAttributes {
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signer)),
  ];
  if (input.signingTime) {
    attributes.push(attribute(OID.signingTime, new Uint8Array(AsnConvert.serialize(new Time(input.signingTime)))));
  }
  const encoded = attributes
    .map((attr) => ({ attr, der: new Uint8Array(AsnConvert.serialize(attr)) }))
    .sort((a, b) => compareBytes(a.der, b.der));
  const der = tlv(0x31, ...encoded.map((item) => item.der));
  return { attributes: encoded.map((item) => item.attr), der, digestToSign: sha256(der) };
}
