import type { X509Certificate } from '@peculiar/x509';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { bytesToBase64, toArrayBuffer } from '../internal/bytes.js';
import { messages } from '../internal/messages.js';
import { importX509, x509Now, type X509Module } from '../internal/x509-module.js';
import {
  COMMON_NAME_OID,
  formatName,
  nameField,
  PROVINCE_OID,
  readCertificateFields,
  UID_OID,
  type KeyUsage,
} from './certificate-fields.js';

export { UID_OID, type KeyUsage };

/** SmartCA's `service_type`: a personal certificate or an organisation's e-seal. Other values pass through. */
export type ServiceType = 'SMARTCA' | 'ESEAL' | (string & {});

/** The identity VNPT writes into the subject's `UID`, e.g. `CCCD:001099000001`. */
export interface SubjectIdentity {
  /** `CCCD` (citizen ID), `CMND` (old ID card), `HC` (passport), `MST` (tax code), or as written. */
  type: string;
  /** The number after the colon. */
  value: string;
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
  #x509: X509Certificate | undefined;

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

  /**
   * The certificate parsed by @peculiar/x509, for anything this class does not surface. The library
   * loads on first use: in Node right here; elsewhere (a browser) `await loadX509()` first.
   *
   * @throws {@link ConfigurationError} `X509_NOT_LOADED` outside Node before `loadX509()`.
   */
  get x509(): X509Certificate {
    this.#x509 ??= parseX509(x509Now(), this.der);
    return this.#x509;
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
    return this.#parsed().publicKeyInfo.slice();
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
  serialNumber: string;
  subject: string;
  issuer: string;
  commonName: string | undefined;
  province: string | undefined;
  identity: SubjectIdentity | undefined;
  validFrom: Date;
  validTo: Date;
  keyUsage: KeyUsage;
  publicKeyInfo: Uint8Array;
}

function parseFields(der: Uint8Array): ParsedFields {
  let fields: ReturnType<typeof readCertificateFields>;
  try {
    fields = readCertificateFields(der);
  } catch (cause) {
    throw notACertificate(cause);
  }
  return {
    serialNumber: fields.serialNumber,
    subject: formatName(fields.subject),
    issuer: formatName(fields.issuer),
    commonName: nameField(fields.subject, COMMON_NAME_OID),
    province: nameField(fields.subject, PROVINCE_OID),
    identity: parseIdentity(nameField(fields.subject, UID_OID)),
    validFrom: fields.validFrom,
    validTo: fields.validTo,
    keyUsage: fields.keyUsage,
    publicKeyInfo: fields.publicKeyInfo,
  };
}

function parseX509(x509: X509Module, der: Uint8Array): X509Certificate {
  try {
    return new x509.X509Certificate(toArrayBuffer(der));
  } catch (cause) {
    throw notACertificate(cause);
  }
}

function notACertificate(cause: unknown): ResponseSchemaError {
  return new ResponseSchemaError({
    code: 'RESPONSE_SCHEMA_MISMATCH',
    operation: 'certificate.parse',
    cause,
    message: messages.schemaDrift('certificate.parse'),
    issues: [{ path: ['der'], code: 'invalid_certificate', message: 'not a DER X.509 certificate' }],
  });
}

/**
 * Loads @peculiar/x509, which `certificate.x509` and {@link verifyCertificate} use. Node loads it by
 * itself on first use; call this first elsewhere (a browser bundle), where a sync getter cannot load
 * a module. Importing the SDK does not load it: its own DER reader gives every other field.
 */
export async function loadX509(): Promise<void> {
  await importX509();
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
