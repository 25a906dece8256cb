// One signature check for everything verification meets: a signer's signature over its signed
// attributes (or content), and a certificate's signature by its issuer. RSA PKCS#1 v1.5, RSA-PSS with
// the parameters it names, and ECDSA, whose DER Ecdsa-Sig-Value WebCrypto wants as raw r||s.
import { AsnConvert } from '@peculiar/asn1-schema';
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { childrenOf, readTlv, tlv, type TlvSpan } from '../internal/der.js';
import type { CertificateInfo } from './certificate-info.js';
import {
  CURVES,
  DIGEST_OIDS,
  ECDSA_OIDS,
  MGF1_OID,
  RSA_PKCS1_OIDS,
  RSASSA_PSS_OID,
  type HashName,
} from './verify-oids.js';

/** The outcome: checked (valid or not), or not checkable here, naming the algorithm by OID. */
export type SignatureCheck = { valid: boolean; hash: HashName } | { unsupported: string; reason: string };

/** A dotted OID from its DER TLV. */
export function readOid(der: Uint8Array): string {
  const span = readTlv(der);
  if (span.tag !== 0x06) throw new RangeError('not an OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (let i = span.contentStart; i < span.end; i++) {
    const byte = der[i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join('.');
}

function algorithmOid(der: Uint8Array, span: TlvSpan): string {
  const first = childrenOf(der, span)[0];
  if (!first) throw new RangeError('empty AlgorithmIdentifier');
  return readOid(der.subarray(first.start, first.end));
}

/** RSASSA-PSS-params (RFC 4055): the defaults are SHA-1, MGF1 with SHA-1, salt 20. */
function pssParameters(parameters: ArrayBuffer | null | undefined): {
  hash: string;
  mgfHash: string;
  saltLength: number;
} {
  const out = { hash: '1.3.14.3.2.26', mgfHash: '1.3.14.3.2.26', saltLength: 20 };
  if (!parameters) return out;
  const der = new Uint8Array(parameters);
  for (const field of childrenOf(der, readTlv(der))) {
    const inner = readTlv(der, field.contentStart);
    if (field.tag === 0xa0) out.hash = algorithmOid(der, inner);
    else if (field.tag === 0xa1) {
      const parts = childrenOf(der, inner);
      const [mgf, hash] = parts;
      if (!mgf || readOid(der.subarray(mgf.start, mgf.end)) !== MGF1_OID || !hash)
        throw new RangeError(`mask generation other than MGF1`);
      out.mgfHash = algorithmOid(der, hash);
    } else if (field.tag === 0xa2) {
      let salt = 0;
      for (let i = inner.contentStart; i < inner.end; i++) salt = salt * 256 + (der[i] ?? 0);
      out.saltLength = salt;
    }
  }
  return out;
}

/** An Ecdsa-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }) as the fixed-width r||s WebCrypto verifies. */
function rawEcdsaSignature(der: Uint8Array, size: number): Uint8Array {
  const parts = childrenOf(der, readTlv(der));
  if (parts.length !== 2 || parts.some((part) => part.tag !== 0x02)) throw new RangeError('not an Ecdsa-Sig-Value');
  const out = new Uint8Array(2 * size);
  parts.forEach((part, index) => {
    let value = der.subarray(part.contentStart, part.end);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) throw new RangeError('ECDSA integer wider than the curve');
    out.set(value, (index + 1) * size - value.length);
  });
  return out;
}

function spkiOf(cert: CertificateInfo): {
  algorithm: string;
  parameters: ArrayBuffer | null | undefined;
  der: ArrayBuffer;
} {
  const spki = cert.asn.tbsCertificate.subjectPublicKeyInfo;
  return {
    algorithm: spki.algorithm.algorithm,
    parameters: spki.algorithm.parameters,
    der: AsnConvert.serialize(spki),
  };
}

/**
 * Checks `signature` over `data` with `cert`'s key. `algorithm` is the signature AlgorithmIdentifier;
 * `digestOid` the hash it takes when the identifier names none (CMS `rsaEncryption`, `id-ecPublicKey`).
 * Never throws: bad bytes are `valid: false`, what WebCrypto cannot do is `unsupported`.
 */
export async function checkSignature(
  cert: CertificateInfo,
  algorithm: AlgorithmIdentifier,
  digestOid: string | undefined,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<SignatureCheck> {
  const oid = algorithm.algorithm;
  const digestHash = digestOid === undefined ? undefined : DIGEST_OIDS[digestOid];
  const key = spkiOf(cert);
  try {
    if (oid in RSA_PKCS1_OIDS) {
      const hash = RSA_PKCS1_OIDS[oid] ?? digestHash;
      if (!hash)
        return { unsupported: digestOid ?? oid, reason: `digest algorithm ${digestOid ?? '(none)'} is not supported` };
      const publicKey = await crypto.subtle.importKey('spki', key.der, { name: 'RSASSA-PKCS1-v1_5', hash }, false, [
        'verify',
      ]);
      return {
        valid: await crypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature.slice(), data.slice()),
        hash,
      };
    }
    if (oid === RSASSA_PSS_OID) {
      const params = pssParameters(algorithm.parameters);
      const hash = DIGEST_OIDS[params.hash];
      if (!hash) return { unsupported: params.hash, reason: `RSA-PSS with hash ${params.hash} is not supported` };
      // WebCrypto's RSA-PSS always uses MGF1 with the message hash.
      if (params.mgfHash !== params.hash)
        return {
          unsupported: oid,
          reason: `RSA-PSS with MGF1 over ${params.mgfHash}, unlike its hash ${params.hash}, is not supported`,
        };
      // An id-RSASSA-PSS key is imported as plain RSA: WebCrypto reads rsaEncryption SPKI only.
      const spki = key.algorithm === RSASSA_PSS_OID ? rsaEncryptionSpki(cert) : key.der;
      const publicKey = await crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash }, false, ['verify']);
      return {
        valid: await crypto.subtle.verify(
          { name: 'RSA-PSS', saltLength: params.saltLength },
          publicKey,
          signature.slice(),
          data.slice(),
        ),
        hash,
      };
    }
    if (oid in ECDSA_OIDS) {
      const hash = ECDSA_OIDS[oid] ?? digestHash;
      if (!hash)
        return { unsupported: digestOid ?? oid, reason: `digest algorithm ${digestOid ?? '(none)'} is not supported` };
      const curveOid = key.parameters ? readOid(new Uint8Array(key.parameters)) : '(none)';
      const curve = CURVES[curveOid];
      if (!curve) return { unsupported: curveOid, reason: `elliptic curve ${curveOid} is not supported` };
      const publicKey = await crypto.subtle.importKey(
        'spki',
        key.der,
        { name: 'ECDSA', namedCurve: curve.name },
        false,
        ['verify'],
      );
      let raw: Uint8Array;
      try {
        raw = rawEcdsaSignature(signature, curve.size);
      } catch {
        return { valid: false, hash };
      }
      return { valid: await crypto.subtle.verify({ name: 'ECDSA', hash }, publicKey, raw.slice(), data.slice()), hash };
    }
  } catch (error) {
    // importKey refuses a key that does not fit the algorithm (an EC key under an RSA OID, say).
    return {
      unsupported: oid,
      reason: `signature algorithm ${oid} could not be used with the signer's key (${(error as Error).message})`,
    };
  }
  return { unsupported: oid, reason: `signature algorithm ${oid} is not supported` };
}

/** The SPKI of an id-RSASSA-PSS key rewritten as rsaEncryption (same key, parameters dropped). */
function rsaEncryptionSpki(cert: CertificateInfo): ArrayBuffer {
  const bits = new Uint8Array(cert.asn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
  const algorithm = Uint8Array.of(
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    0x86,
    0x48,
    0x86,
    0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00,
  );
  return tlv(0x30, algorithm, tlv(0x03, Uint8Array.of(0), bits)).slice().buffer;
}
