import '../internal/reflect-polyfill.js';
import { KeyUsageFlags, KeyUsagesExtension, Name, X509Certificate } from '@peculiar/x509';
import { bytesToBase64, toArrayBuffer } from '../internal/bytes.js';

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
  /** `cert_subject` as VNPT sends it. The parsed {@link SmartCACertificate.subject} comes from the DER. */
  wireSubject?: string | undefined;
  /** The issuing chain as delivered, issuer first, root last (SP769 `ca_cert`, `root_cert`). */
  chain?: Uint8Array[] | undefined;
}

/**
 * A SmartCA certificate, parsed from the DER SmartCA returned. Every field that exists inside the
 * certificate is read from the certificate itself, never from the listing's text fields.
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
  /** `cert_subject` exactly as VNPT sent it. */
  readonly wireSubject: string | undefined;
  /** The certificate, DER. */
  readonly der: Uint8Array;
  /** The issuing chain as delivered, issuer first. May lack the root (`root_cert` can be `null`). */
  readonly chain: Uint8Array[];
  /** The parsed certificate, for anything this class does not surface. */
  readonly x509: X509Certificate;
  /** Serial number, lowercase hex, as SP769's `serial_number` spells it. */
  readonly serialNumber: string;
  /** Subject DN, e.g. `C=VN, ST=Hà Nội, CN=Nguyễn Văn An, UID=CCCD:001099000001`. */
  readonly subject: string;
  /** Issuer DN. */
  readonly issuer: string;
  /** The subject's common name: the holder's full name, tone marks included. */
  readonly commonName: string | undefined;
  /** The subject's province (`ST`). */
  readonly province: string | undefined;
  /** The `UID` identity (`CCCD:`, `CMND:` ...), when present. */
  readonly identity: SubjectIdentity | undefined;
  /** Start of the validity period. */
  readonly validFrom: Date;
  /** End of the validity period. */
  readonly validTo: Date;
  /** Key usages. All false when the extension is absent. */
  readonly keyUsage: KeyUsage;

  constructor(der: Uint8Array, listing: CertificateListing = {}) {
    this.der = der;
    this.x509 = new X509Certificate(toArrayBuffer(der));
    this.id = listing.id;
    this.serviceType = listing.serviceType;
    this.serviceName = listing.serviceName;
    this.statusText = listing.statusText;
    this.wireSubject = listing.wireSubject;
    this.chain = listing.chain ?? [];
    this.serialNumber = this.x509.serialNumber.toLowerCase();
    const subject = new Name(this.x509.subjectName.toJSON(), { UID: UID_OID });
    this.subject = subject.toString();
    this.issuer = new Name(this.x509.issuerName.toJSON(), { UID: UID_OID }).toString();
    this.commonName = subject.getField('CN')[0];
    this.province = subject.getField('ST')[0];
    this.identity = parseIdentity(subject.getField(UID_OID)[0]);
    this.validFrom = this.x509.notBefore;
    this.validTo = this.x509.notAfter;
    this.keyUsage = readKeyUsage(this.x509);
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
