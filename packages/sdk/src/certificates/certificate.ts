import '../internal/reflect-polyfill.js';
import { KeyUsageFlags, KeyUsagesExtension, Name, X509Certificate } from '@peculiar/x509';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { bytesToBase64, toArrayBuffer } from '../internal/bytes.js';
import { messages } from '../internal/messages.js';

/** The OID of the `UID` attribute (RFC 4519) where VNPT writes `CCCD:<number>` or `CMND:<number>`. */
export const UID_OID = '0.9.2342.19200300.100.1.1';

/** SmartCA's `service_type`: a personal certificate or an organisation's e-seal. Other values pass through. */
export type ServiceType = 'SMARTCA' | 'ESEAL' | (string & {});

/** The identity VNPT writes into the subject's `UID`, e.g. `CCCD:001099000001`. */
export interface SubjectIdentity {
  /** `CCCD` (citizen ID), `CMND` (old ID card), `HC` (passport), `MST` (tax code), or as written. */
  type: string;
  /** The number after the colon. */
  value: string;
}

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

/** What SmartCA said about a certificate beside its DER: the parts that are not inside the certificate. */
export interface CertificateListing {
  /** `cert_id` (SP769) or `credentialId` (gateway). */
  id?: string | undefined;
  /** `service_type`, e.g. `SMARTCA` or `ESEAL`. */
  serviceType?: ServiceType | undefined;
  /** `service_name`, e.g. `SMARTCA PERSONAL PRO`. */
  serviceName?: string | undefined;
  /** `cert_status` as VNPT sends it: often Vietnamese text ("Đang hoạt động"), sometimes a code. */
  statusText?: string | undefined;
  /** The machine code beside the text: SP769 `cert_status_code` or the gateway's `cert.status`, e.g. `VALID`. */
  statusCode?: string | undefined;
  /** `cert_subject` as VNPT sends it. The parsed {@link SmartCACertificate.subject} comes from the DER. */
  wireSubject?: string | undefined;
  /** The issuing chain as delivered, issuer first, root last (SP769 `ca_cert`, `root_cert`). */
  chain?: Uint8Array[] | undefined;
}

/**
 * A SmartCA certificate. Every field that exists inside the certificate is read from the DER itself,
 * never from the listing's text fields. Parsing happens on first use of a parsed field, so listing
 * certificates costs nothing beyond the HTTP call until you look inside one.
 */
export class SmartCACertificate {
  /** `cert_id` (SP769) or `credentialId` (gateway). */
  readonly id: string | undefined;
  /** `service_type`: `SMARTCA`, `ESEAL`, ... */
  readonly serviceType: ServiceType | undefined;
  /** `service_name`, e.g. `SMARTCA PERSONAL PRO`. */
  readonly serviceName: string | undefined;
  /** `cert_status` exactly as VNPT sent it. Do not branch on it: use {@link isValidAt}. */
  readonly statusText: string | undefined;
  /**
   * SmartCA's status code for the certificate, when it sends one: SP769 `cert_status_code` or the
   * gateway's `cert.status` (`VALID`, `EXPIRED`, `REVOKED`, ...). Validity still comes from the DER
   * ({@link isValidAt}); this says what SmartCA's records hold, e.g. a revocation.
   */
  readonly statusCode: string | undefined;
  /** `cert_subject` exactly as VNPT sent it. */
  readonly wireSubject: string | undefined;
  /** The certificate, DER. */
  readonly der: Uint8Array;
  /** The issuing chain as delivered, issuer first. May lack the root (`root_cert` can be `null`). */
  readonly chain: Uint8Array[];
  #fields: ParsedFields | undefined;

  /**
   * @param der - the certificate, DER.
   * @param listing - what SmartCA said beside it.
   * @throws TypeError when `der` is not a single DER SEQUENCE (the shape of every X.509 certificate).
   */
  constructor(der: Uint8Array, listing: CertificateListing = {}) {
    if (!isDerSequence(der)) throw new TypeError('The certificate is not DER: expected one ASN.1 SEQUENCE');
    this.der = der;
    this.id = listing.id;
    this.serviceType = listing.serviceType;
    this.serviceName = listing.serviceName;
    this.statusText = listing.statusText;
    this.statusCode = listing.statusCode;
    this.wireSubject = listing.wireSubject;
    this.chain = listing.chain ?? [];
  }

  /** The parsed certificate, for anything this class does not surface. */
  get x509(): X509Certificate {
    return this.#parsed().x509;
  }

  /** Serial number, lowercase hex, as SP769's `serial_number` spells it. */
  get serialNumber(): string {
    return this.#parsed().serialNumber;
  }

  /** Subject DN, e.g. `C=VN, ST=Hà Nội, CN=Nguyễn Văn An, UID=CCCD:001099000001`. */
  get subject(): string {
    return this.#parsed().subject;
  }

  /** Issuer DN. */
  get issuer(): string {
    return this.#parsed().issuer;
  }

  /** The subject's common name: the holder's full name, tone marks included. */
  get commonName(): string | undefined {
    return this.#parsed().commonName;
  }

  /** The subject's province (`ST`). */
  get province(): string | undefined {
    return this.#parsed().province;
  }

  /** The `UID` identity (`CCCD:`, `CMND:` ...), when present. */
  get identity(): SubjectIdentity | undefined {
    return this.#parsed().identity;
  }

  /** Start of the validity period. */
  get validFrom(): Date {
    return this.#parsed().validFrom;
  }

  /** End of the validity period. */
  get validTo(): Date {
    return this.#parsed().validTo;
  }

  /** Key usages. All false when the extension is absent. */
  get keyUsage(): KeyUsage {
    return this.#parsed().keyUsage;
  }

  /** True when `date` (default now) is inside the validity period. */
  isValidAt(date: Date = new Date()): boolean {
    const t = date.getTime();
    return this.validFrom.getTime() <= t && t <= this.validTo.getTime();
  }

  /** True when the key may make document signatures: digitalSignature or nonRepudiation. */
  get canSign(): boolean {
    return this.keyUsage.digitalSignature || this.keyUsage.nonRepudiation;
  }

  /** The SubjectPublicKeyInfo, DER. */
  get publicKeyInfo(): Uint8Array {
    return new Uint8Array(this.x509.publicKey.rawData);
  }

  /** The certificate as PEM. */
  toPem(): string {
    return toPem(this.der);
  }

  #parsed(): ParsedFields {
    this.#fields ??= parseFields(this.der);
    return this.#fields;
  }
}

interface ParsedFields {
  x509: X509Certificate;
  serialNumber: string;
  subject: string;
  issuer: string;
  commonName: string | undefined;
  province: string | undefined;
  identity: SubjectIdentity | undefined;
  validFrom: Date;
  validTo: Date;
  keyUsage: KeyUsage;
}

function parseFields(der: Uint8Array): ParsedFields {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(toArrayBuffer(der));
  } catch (cause) {
    throw new ResponseSchemaError({ code: 'RESPONSE_SCHEMA_MISMATCH', operation: 'certificate.parse', cause,
      message: messages.schemaDrift('certificate.parse'),
      issues: [{ path: ['der'], code: 'invalid_certificate', message: 'not a DER X.509 certificate' }] });
  }
  const subject = new Name(x509.subjectName.toJSON(), { UID: UID_OID });
  return {
    x509,
    serialNumber: x509.serialNumber.toLowerCase(),
    subject: subject.toString(),
    issuer: new Name(x509.issuerName.toJSON(), { UID: UID_OID }).toString(),
    commonName: subject.getField('CN')[0],
    province: subject.getField('ST')[0],
    identity: parseIdentity(subject.getField(UID_OID)[0]),
    validFrom: x509.notBefore,
    validTo: x509.notAfter,
    keyUsage: readKeyUsage(x509),
  };
}

/** One SEQUENCE (0x30) whose encoded length covers exactly the bytes given. */
function isDerSequence(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1] as number;
  if (first < 0x80) return der.length === 2 + first;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || der.length < 2 + lengthBytes) return false;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (der[2 + i] as number);
  return der.length === 2 + lengthBytes + length;
}

/** PEM armour for a DER certificate. */
export function toPem(der: Uint8Array): string {
  const body = bytesToBase64(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`;
}

function parseIdentity(uid: string | undefined): SubjectIdentity | undefined {
  if (!uid) return undefined;
  const colon = uid.indexOf(':');
  if (colon < 0) return { type: '', value: uid };
  return { type: uid.slice(0, colon).toUpperCase(), value: uid.slice(colon + 1) };
}

function readKeyUsage(cert: X509Certificate): KeyUsage {
  const usages = cert.getExtension(KeyUsagesExtension)?.usages ?? 0;
  return {
    digitalSignature: (usages & KeyUsageFlags.digitalSignature) !== 0,
    nonRepudiation: (usages & KeyUsageFlags.nonRepudiation) !== 0,
    keyEncipherment: (usages & KeyUsageFlags.keyEncipherment) !== 0,
    keyCertSign: (usages & KeyUsageFlags.keyCertSign) !== 0,
  };
}
