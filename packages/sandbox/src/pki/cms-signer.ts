import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import type { KeyedCertificate } from './authority.js';
import { bufferOf, compareBytes, oid, sequence, setOf, tlv } from './der.js';
import { unb64 } from './encoding.js';
import { importPrivateKey, RSA_ALGORITHM } from './keys.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;
const NULL = new Uint8Array([0x05, 0x00]).buffer;

const parsed = new Map<string, Certificate>();

/** A stored certificate as asn1-x509 classes, parsed once (parsing dominated a TSA answer's time). */
function certificateOf(certDer: string): Certificate {
  let cert = parsed.get(certDer);
  if (!cert) {
    cert = AsnConvert.parse(unb64(certDer), Certificate);
    parsed.set(certDer, cert);
  }
  return cert;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** SHA-256 through WebCrypto, so this runs in a browser too (the sandbox inside msw). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes.slice()));
}

/** RSASSA-PKCS1-v1_5 with SHA-256 over `data` by a stored key. */
export async function signWithKey(keyPkcs8: string, data: Uint8Array): Promise<Uint8Array> {
  let key = keys.get(keyPkcs8);
  if (!key) {
    key = importPrivateKey(keyPkcs8);
    keys.set(keyPkcs8, key);
  }
  return new Uint8Array(await globalThis.crypto.subtle.sign(RSA_ALGORITHM.name, await key, data.slice()));
}

/**
 * An encapsulating CMS SignedData (ContentInfo, DER) of `content` by `signer`, as a TSA's token is:
 * signed attributes contentType, messageDigest and ESS signingCertificateV2 (RFC 5816, which ETSI
 * validators require of a timestamp), and `certificates` (signer first) when asked for.
 */
export async function signEncapsulated(
  signer: KeyedCertificate,
  contentType: string,
  content: Uint8Array,
  certificates: readonly string[],
): Promise<Uint8Array> {
  const certDer = unb64(signer.certDer);
  const cert = certificateOf(signer.certDer);
  const tbs = cert.tbsCertificate;
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial }
  const issuerSerial = sequence(
    sequence(tlv(0xa4, new Uint8Array(AsnConvert.serialize(tbs.issuer)))),
    tlv(0x02, new Uint8Array(tbs.serialNumber)),
  );
  const essCertId = sequence(tlv(0x04, await sha256(certDer)), issuerSerial);
  const attributes = [
    new Attribute({ attrType: OID.contentType, attrValues: [bufferOf(oid(contentType))] }),
    new Attribute({ attrType: OID.messageDigest, attrValues: [bufferOf(tlv(0x04, await sha256(content)))] }),
    new Attribute({ attrType: OID.signingCertificateV2, attrValues: [bufferOf(sequence(sequence(essCertId)))] }),
  ];
  const encoded = attributes
    .map((attr) => ({ attr, der: new Uint8Array(AsnConvert.serialize(attr)) }))
    .sort((a, b) => compareBytes(a.der, b.der));
  const signature = await signWithKey(signer.keyPkcs8, setOf(encoded.map((e) => e.der)));
  const sha256Id = new AlgorithmIdentifier({ algorithm: OID.sha256, parameters: NULL });
  const signedData = new SignedData({
    version: 3,
    digestAlgorithms: new DigestAlgorithmIdentifiers([sha256Id]),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: contentType,
      eContent: new EncapsulatedContent({ single: new OctetString(bufferOf(content)) }),
    }),
    certificates:
      certificates.length === 0
        ? undefined
        : new CertificateSet(certificates.map((der) => new CertificateChoices({ certificate: certificateOf(der) }))),
    signerInfos: new SignerInfos([
      new SignerInfo({
        version: 1,
        sid: new SignerIdentifier({
          issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: tbs.issuer, serialNumber: tbs.serialNumber }),
        }),
        digestAlgorithm: sha256Id,
        signedAttrs: encoded.map((e) => e.attr),
        signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256WithRsa, parameters: NULL }),
        signature: new OctetString(bufferOf(signature)),
      }),
    ]),
  });
  return new Uint8Array(
    AsnConvert.serialize(new ContentInfo({ contentType: OID.signedData, content: AsnConvert.serialize(signedData) })),
  );
}
