import {
  type Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  DigestAlgorithmIdentifiers,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import { OID } from './oids.js';
import type { SignedAttributes } from './signed-attributes.js';
import type { ResolvedSigner } from './signer.js';

// NULL parameters, as RFC 4055 asks for rsaEncryption and most CMS producers write for SHA-256.
const NULL = new Uint8Array([0x05, 0x00]).buffer;

/**
 * A detached CMS SignedData (ContentInfo, DER) around SmartCA's raw PKCS#1 v1.5 signature: no
 * encapsulated content, the signed attributes that were hashed, and every certificate of the chain so
 * validators can build the path without fetching anything. `unsigned` holds attributes added after
 * signing: a signature timestamp for B-T.
 */
export function assembleSignedData(
  signer: ResolvedSigner,
  signed: SignedAttributes,
  signature: Uint8Array,
  unsigned: readonly Attribute[] = [],
): Uint8Array {
  const tbs = signer.certificate.asn.tbsCertificate;
  const sha256 = new AlgorithmIdentifier({ algorithm: OID.sha256, parameters: NULL });
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: tbs.issuer, serialNumber: tbs.serialNumber }),
    }),
    digestAlgorithm: sha256,
    signedAttrs: signed.attributes,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: NULL }),
    signature: new OctetString(signature.slice().buffer),
    ...(unsigned.length > 0 ? { unsignedAttrs: [...unsigned] } : {}),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet(
      signer.certificates.map((der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) })),
    ),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
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
