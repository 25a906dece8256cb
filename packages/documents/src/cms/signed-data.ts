import type { Attribute } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { childrenOf, compareBytes, octetString, oid, readTlv, sequence, set, tlv } from '../internal/der.js';
import { OID } from './oids.js';
import type { SignedAttributes } from './signed-attributes.js';
import type { ResolvedSigner } from './signer.js';

// NULL parameters, as RFC 4055 asks for rsaEncryption and most CMS producers write for SHA-256.
const NULL = Uint8Array.of(0x05, 0x00);
const SHA256 = sequence(oid(OID.sha256), NULL);
const RSA_ENCRYPTION = sequence(oid(OID.rsaEncryption), NULL);
const VERSION_1 = Uint8Array.of(0x02, 0x01, 0x01);

/** The issuer Name and serialNumber INTEGER of a certificate, as the DER bytes it holds them in. */
function issuerAndSerialNumber(certificate: Uint8Array): Uint8Array {
  const [tbs] = childrenOf(certificate, readTlv(certificate));
  if (!tbs) throw new RangeError('DER: a certificate without tbsCertificate');
  const fields = childrenOf(certificate, tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version is optional (v1 certificates omit it)
  const serial = fields[at];
  const issuer = fields[at + 2];
  if (!serial || !issuer) throw new RangeError('DER: a tbsCertificate without serial or issuer');
  return sequence(certificate.subarray(issuer.start, issuer.end), certificate.subarray(serial.start, serial.end));
}

/**
 * A detached CMS SignedData (ContentInfo, DER) around SmartCA's raw PKCS#1 v1.5 signature: no
 * encapsulated content, the signed attributes that were hashed, and every certificate of the chain so
 * validators can build the path without fetching anything. `unsigned` holds attributes added after
 * signing: a signature timestamp for B-T.
 *
 * Written as DER directly from the bytes at hand (the certificates as SmartCA sent them, the signed
 * attributes exactly as hashed, re-tagged [0]): a bank signing thousands of documents paid for parsing
 * and re-serialising the whole chain through asn1-schema on every one of them.
 */
export function assembleSignedData(
  signer: ResolvedSigner,
  signed: SignedAttributes,
  signature: Uint8Array,
  unsigned: readonly Attribute[] = [],
): Uint8Array {
  const signedAttrs = signed.der.slice();
  signedAttrs[0] = 0xa0; // SET OF → [0] IMPLICIT, same content
  const unsignedAttrs = unsigned.map((attribute) => new Uint8Array(AsnConvert.serialize(attribute))).sort(compareBytes);
  const signerInfo = sequence(
    VERSION_1,
    issuerAndSerialNumber(signer.certificates[0] as Uint8Array),
    SHA256,
    signedAttrs,
    RSA_ENCRYPTION,
    octetString(signature),
    ...(unsignedAttrs.length > 0 ? [tlv(0xa1, ...unsignedAttrs)] : []),
  );
  const signedData = sequence(
    VERSION_1,
    set(SHA256),
    sequence(oid(OID.data)),
    tlv(0xa0, ...signer.certificates),
    set(signerInfo),
  );
  return sequence(oid(OID.signedData), tlv(0xa0, signedData));
}

/**
 * An upper bound of the DER size of {@link assembleSignedData}'s output, from the real chain: used to
 * size a PDF's `/Contents` placeholder. Margin covers the attributes, the algorithm identifiers and
 * the length headers.
 */
export function estimateSignedDataSize(signer: ResolvedSigner, signatureLength: number): number {
  const certificates = signer.certificates.reduce((sum, der) => sum + der.length, 0);
  const issuerSerial = 2 * (signer.certificate.asn.tbsCertificate.serialNumber.byteLength + 300);
  return certificates + signatureLength + issuerSerial + 1024;
}
