// The fields SmartCACertificate surfaces, read from the DER by the SDK's own small reader
// (internal/der.ts), so that reading a name, a serial or a validity date never loads @peculiar/x509
// (about 0.25 s of module loading in Node, and most of a browser bundle). Each value is spelled
// exactly as @peculiar/x509 spells it; test/sdk/certificate-fields.test.ts holds the two together.
import { bytesToHex } from '../internal/bytes.js';
import { children, decodeOid, decodeTime, latin1, readElement, type DerElement } from '../internal/der.js';

/** The OID of the `UID` attribute (RFC 4519) where VNPT writes `CCCD:<number>` or `CMND:<number>`. */
export const UID_OID = '0.9.2342.19200300.100.1.1';

/** The key usages SmartCA certificates are checked for. */
export interface KeyUsage {
  /** The key may make digital signatures. */
  digitalSignature: boolean;
  /** The key may sign content the signer commits to (also called contentCommitment). */
  nonRepudiation: boolean;
  /** The key may encrypt other keys for transport. */
  keyEncipherment: boolean;
  /** The key may sign certificates, i.e. it belongs to a CA. */
  keyCertSign: boolean;
}

/** One attribute of a distinguished name: its OID and its value as text. */
interface NameAttribute {
  oid: string;
  /** The decoded string, or for a value that is not a string type, its encoding in hex. */
  text: string;
  /** False when the value is not one of the string types (the DN then shows `#<hex>`). */
  isString: boolean;
}

/** A distinguished name as read: RDNs in certificate order, each a set of attributes. */
export interface ParsedName {
  rdns: NameAttribute[][];
}

/** What {@link readCertificateFields} returns. */
export interface CertificateFields {
  serialNumber: string;
  subject: ParsedName;
  issuer: ParsedName;
  validFrom: Date;
  validTo: Date;
  keyUsage: KeyUsage;
  /** SubjectPublicKeyInfo, DER. */
  publicKeyInfo: Uint8Array;
}

const KEY_USAGE_OID = '2.5.29.15';

/** Reads a certificate's fields. Throws RangeError when the DER is not an X.509 certificate's shape. */
export function readCertificateFields(der: Uint8Array): CertificateFields {
  const certificate = expect(readElement(der), 0x30);
  const [tbsElement] = children(certificate.content);
  const tbs = children(expect(tbsElement, 0x30).content);
  // TBSCertificate: [0] version (optional), serial, signature algorithm, issuer, validity, subject, SPKI, ...
  let index = tbs[0]?.tag === 0xa0 ? 1 : 0;
  const serial = expect(tbs[index++], 0x02);
  index++; // signature AlgorithmIdentifier
  const issuer = readName(expect(tbs[index++], 0x30));
  const [notBefore, notAfter] = children(expect(tbs[index++], 0x30).content);
  const subject = readName(expect(tbs[index++], 0x30));
  const spki = expect(tbs[index++], 0x30);
  const extensions = tbs.slice(index).find((element) => element.tag === 0xa3);
  return {
    serialNumber: bytesToHex(withoutLeadingZeros(serial.content)),
    issuer,
    subject,
    validFrom: decodeTime(required(notBefore)),
    validTo: decodeTime(required(notAfter)),
    keyUsage: readKeyUsage(extensions),
    publicKeyInfo: spki.encoded,
  };
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
  [UID_OID]: 'UID',
};

/** A DN as @peculiar/x509's `Name.toString()` writes it (with `UID` named): `C=VN, ST=..., CN=...`. */
export function formatName(name: ParsedName): string {
  return name.rdns
    .map((rdn) =>
      rdn
        .map((attribute) => {
          const value = attribute.isString ? escapeValue(attribute.text) : `#${attribute.text}`;
          return `${NAMES[attribute.oid] ?? attribute.oid}=${value}`;
        })
        .join('+'),
    )
    .join(', ');
}

/** The first value of an attribute (`CN`, `ST`, {@link UID_OID} ...), as `Name.getField` gives it. */
export function nameField(name: ParsedName, oid: string): string | undefined {
  for (const rdn of name.rdns) for (const attribute of rdn) if (attribute.oid === oid) return attribute.text;
  return undefined;
}

/** `CN`'s and `ST`'s OIDs, for {@link nameField}. */
export const COMMON_NAME_OID = '2.5.4.3';
export const PROVINCE_OID = '2.5.4.8';

function readName(name: DerElement): ParsedName {
  return {
    rdns: children(name.content).map((rdn) =>
      children(expect(rdn, 0x31).content).map((pair) => {
        const [type, value] = children(expect(pair, 0x30).content);
        return { oid: decodeOid(expect(type, 0x06).content), ...readValue(required(value)) };
      }),
    ),
  };
}

const utf8 = new TextDecoder('utf-8');

/** The string types a DirectoryString or IA5String may be; anything else is shown as hex. */
function readValue(value: DerElement): { text: string; isString: boolean } {
  switch (value.tag) {
    case 0x0c:
      return { text: utf8.decode(value.content), isString: true }; // UTF8String
    case 0x13: // PrintableString
    case 0x14: // TeletexString
    case 0x16:
      return { text: latin1(value.content), isString: true }; // IA5String
    case 0x1e:
      return { text: decodeUtf16Be(value.content), isString: true }; // BMPString
    case 0x1c:
      return { text: decodeUcs4Be(value.content), isString: true }; // UniversalString
    default:
      return { text: bytesToHex(value.encoded), isString: false };
  }
}

function decodeUtf16Be(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    text += String.fromCharCode((bytes[i] as number) * 256 + (bytes[i + 1] as number));
  return text;
}

function decodeUcs4Be(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const point =
      (((bytes[i] as number) << 24) |
        ((bytes[i + 1] as number) << 16) |
        ((bytes[i + 2] as number) << 8) |
        (bytes[i + 3] as number)) >>>
      0;
    text += point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
  }
  return text;
}

/** RFC 4514 escaping as @peculiar/x509 does it (only the first control character is hex-escaped). */
function escapeValue(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (char) => `\\${bytesToHex(new TextEncoder().encode(char)).toUpperCase()}`);
}

function readKeyUsage(extensions: DerElement | undefined): KeyUsage {
  let bits: Uint8Array = new Uint8Array();
  if (extensions) {
    for (const extension of children(expect(children(extensions.content)[0], 0x30).content)) {
      const parts = children(expect(extension, 0x30).content);
      if (decodeOid(expect(parts[0], 0x06).content) !== KEY_USAGE_OID) continue;
      // extnID, critical (optional BOOLEAN), extnValue OCTET STRING holding the BIT STRING.
      const value = expect(parts[parts.length - 1], 0x04);
      bits = expect(readElement(value.content), 0x03).content.subarray(1);
    }
  }
  // KeyUsage bit n (RFC 5280 §4.2.1.3) is the n-th bit from the first byte's most significant one.
  const bit = (n: number) => (((bits[n >> 3] ?? 0) >> (7 - (n & 7))) & 1) === 1;
  return { digitalSignature: bit(0), nonRepudiation: bit(1), keyEncipherment: bit(2), keyCertSign: bit(5) };
}

/** An INTEGER's bytes without the zero bytes DER puts before a high bit (as @peculiar/x509 reads a serial). */
function withoutLeadingZeros(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

function expect(element: DerElement | undefined, tag: number): DerElement {
  if (!element || element.tag !== tag) throw new RangeError(`DER: expected tag 0x${tag.toString(16)}`);
  return element;
}

function required(element: DerElement | undefined): DerElement {
  if (!element) throw new RangeError('DER: missing element');
  return element;
}
