import '../internal/reflect-polyfill.js';
import {
  AuthorityInfoAccessExtension,
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  CRLDistributionPointsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  Extension,
  type JsonName,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { bytesToHex } from '@smartca-kit/sdk';
import { b64, unb64 } from './encoding.js';
import { exportPrivateKey, generateRsaKeyPair, importPrivateKey, publicKeyOf, RSA_ALGORITHM } from './keys.js';
import { DEFAULT_PUBLIC_ORIGIN, trustUrls } from './trust-urls.js';

/** A certificate with its private key, both as base64 DER, the form the state file keeps. */
export interface KeyedCertificate {
  certDer: string;
  keyPkcs8: string;
}

/** The sandbox's two-level CA, like VNPT's (a root above "VNPT SmartCA RS"), and its trust services. */
export interface Authority {
  root: KeyedCertificate;
  issuing: KeyedCertificate;
  /** The time-stamping unit's certificate (EKU timeStamping, critical). Absent in older state files. */
  tsa?: KeyedCertificate | undefined;
  /** The delegated OCSP responder's certificate (EKU OCSPSigning, ocsp-nocheck). Absent in older state files. */
  ocsp?: KeyedCertificate | undefined;
  /** The origin the certificates' AIA and CRL URLs point at. Absent in older state files (no URLs). */
  origin?: string | undefined;
}

/** The `UID` attribute (RFC 4519), where VNPT writes `CCCD:<number>`. */
const UID = '0.9.2342.19200300.100.1.1';
const SIGNING = { name: RSA_ALGORITHM.name, hash: 'SHA-256' } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;
/**
 * How far before its first start the CA's validity begins. It covers the seeded certificate that is
 * expired on purpose (issued two years back) and a sandbox clock moved back by a test.
 */
const CA_BACKDATE_MS = 3 * YEAR_MS;

/** A subject in VNPT's shape: `C=VN, ST=<province>, [O=...], CN=<name>, UID=<TYPE>:<number>`. */
export interface SubjectFields {
  /** The `ST`; left out when unknown (an old CMND encodes no province). */
  province?: string | undefined;
  commonName: string;
  organization?: string | undefined;
  uid: string;
}

/**
 * Generates the root CA (20 years) and the issuing CA (10 years), both valid from three years before
 * `now`, and the TSA and OCSP responder certificates. Done once; `--data` keeps them across restarts,
 * so a sandbox outlives its CA only after a decade.
 */
export async function createAuthority(now: Date, origin = DEFAULT_PUBLIC_ORIGIN): Promise<Authority> {
  const rootKeys = await generateRsaKeyPair();
  const rootName = 'C=VN, O=smartca-kit sandbox, CN=SmartCA Sandbox Root CA';
  const root = await X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: rootName,
    notBefore: shift(now, -CA_BACKDATE_MS),
    notAfter: shift(now, 20 * YEAR_MS),
    keys: rootKeys,
    signingAlgorithm: SIGNING,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuingKeys = await generateRsaKeyPair();
  const issuing = await X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'C=VN, O=smartca-kit sandbox, OU=VNPT-CA (sandbox), CN=VNPT SmartCA RS Sandbox',
    issuer: root.subject,
    notBefore: shift(now, -CA_BACKDATE_MS),
    notAfter: shift(now, 10 * YEAR_MS),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      ...pointersOf('issuing', origin),
    ],
  });
  const authority: Authority = {
    root: { certDer: b64(root.rawData), keyPkcs8: await exportPrivateKey(rootKeys.privateKey) },
    issuing: { certDer: b64(issuing.rawData), keyPkcs8: await exportPrivateKey(issuingKeys.privateKey) },
    origin,
  };
  await addTrustServiceCertificates(authority, now);
  return authority;
}

/** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): trust the responder's certificate for its lifetime. */
const OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const AIA = '1.3.6.1.5.5.7.1.1';
const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/** Which certificate a set of revocation pointers is for. */
export type CertificateRole = 'issuing' | 'end-entity' | 'ocsp-responder';

/**
 * The URLs a certificate carries at `origin`: the issuing CA's point at the root's CRL and
 * certificate; end entities (users, the TSA) at the OCSP responder, the issuing CA's certificate and
 * its CRL. The OCSP responder's own certificate carries none: with ocsp-nocheck there is nothing to
 * check, and an OCSP URL there sends validators into checking the responder by itself.
 */
export function pointersOf(role: CertificateRole, origin: string | undefined): Extension[] {
  if (origin === undefined || role === 'ocsp-responder') return [];
  const urls = trustUrls(origin);
  if (role === 'issuing') {
    return [
      new AuthorityInfoAccessExtension({ caIssuers: urls.rootCert }),
      new CRLDistributionPointsExtension([urls.rootCrl]),
    ];
  }
  return [
    new AuthorityInfoAccessExtension({ ocsp: urls.ocsp, caIssuers: urls.issuingCert }),
    new CRLDistributionPointsExtension([urls.issuingCrl]),
  ];
}

/**
 * Issues the TSA's and the OCSP responder's certificates (by the issuing CA, valid as long as it) when
 * the authority has none: a state file from before the trust services gets them on its first start.
 * Resolves true when something was added.
 */
export async function addTrustServiceCertificates(authority: Authority, now: Date): Promise<boolean> {
  if (authority.tsa && authority.ocsp) return false;
  const issuing = new X509Certificate(unb64(authority.issuing.certDer));
  const validity = { notBefore: shift(now, -CA_BACKDATE_MS), notAfter: issuing.notAfter };
  const subject = (cn: string): JsonName => [{ C: ['VN'] }, { O: ['smartca-kit sandbox'] }, { CN: [cn] }];
  if (!authority.tsa) {
    const issued = await issue(
      authority,
      subject('SmartCA Sandbox TSA'),
      await generateRsaKeyPair(),
      validity,
      [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
        // RFC 3161 §2.3: the only purpose, and critical.
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.timeStamping], true),
      ],
      'end-entity',
    );
    authority.tsa = { certDer: issued.certDer, keyPkcs8: issued.keyPkcs8 };
  }
  if (!authority.ocsp) {
    const issued = await issue(
      authority,
      subject('SmartCA Sandbox OCSP Responder'),
      await generateRsaKeyPair(),
      validity,
      [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.ocspSigning], false),
        new Extension(OCSP_NOCHECK, false, new Uint8Array([0x05, 0x00])),
      ],
      'ocsp-responder',
    );
    authority.ocsp = { certDer: issued.certDer, keyPkcs8: issued.keyPkcs8 };
  }
  return true;
}

/**
 * The same certificate (subject, key, serial number, validity, other extensions) re-signed with the
 * revocation pointers of `origin`: what the sandbox does to every certificate when its public origin
 * changes. Re-using the serial keeps revocation, the admin API and partners' records pointing at the
 * same certificate; only the pointer extensions differ.
 */
export async function recertify(
  authority: Authority,
  current: KeyedCertificate,
  role: CertificateRole,
  origin: string,
): Promise<string> {
  const cert = new X509Certificate(unb64(current.certDer));
  const byRoot = role === 'issuing';
  const signer = byRoot ? authority.root : authority.issuing;
  const issuer = new X509Certificate(unb64(signer.certDer));
  const kept = cert.extensions.filter((e) => e.type !== AIA && e.type !== CRL_DISTRIBUTION_POINTS);
  const again = await X509CertificateGenerator.create({
    serialNumber: cert.serialNumber,
    subject: cert.subjectName.toJSON(),
    issuer: issuer.subjectName.toJSON(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    publicKey: cert.publicKey,
    signingKey: await importPrivateKey(signer.keyPkcs8),
    signingAlgorithm: SIGNING,
    extensions: [...kept, ...pointersOf(role, origin)],
  });
  return b64(again.rawData);
}

/** A validity period. */
export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** An issued end-entity certificate, with what the state records of it. */
export type IssuedCertificate = KeyedCertificate & { serialNumber: string; subject: string };

/**
 * Issues an end-entity signing certificate for a new RSA-2048 key: digitalSignature + nonRepudiation
 * (critical), signed by the issuing CA with SHA-256, subject in VNPT's format.
 */
export async function issueSigningCertificate(
  authority: Authority,
  subject: SubjectFields,
  validity: Validity,
): Promise<IssuedCertificate> {
  const name: Array<Record<string, string[]>> = [
    { C: ['VN'] },
    ...(subject.province ? [{ ST: [subject.province] }] : []),
    ...(subject.organization ? [{ O: [subject.organization] }] : []),
    { CN: [subject.commonName] },
    { [UID]: [subject.uid] },
  ];
  const keys = await generateRsaKeyPair();
  return issue(authority, name, keys, validity, SIGNING_EXTENSIONS(), 'end-entity');
}

/** What a signing certificate may do: digitalSignature + nonRepudiation (critical), no CA. */
const SIGNING_EXTENSIONS = (): Extension[] => [
  new BasicConstraintsExtension(false, undefined, true),
  new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
];

/**
 * Renews a certificate: the same subject and key, a new serial number and validity period, as a CA
 * re-certifies a key whose certificate runs out.
 */
export async function renewSigningCertificate(
  authority: Authority,
  current: KeyedCertificate,
  validity: Validity,
): Promise<IssuedCertificate> {
  const subject = new X509Certificate(unb64(current.certDer)).subjectName.toJSON();
  const keys = { privateKey: await importPrivateKey(current.keyPkcs8), publicKey: await publicKeyOf(current.keyPkcs8) };
  return issue(authority, subject, keys, validity, SIGNING_EXTENSIONS(), 'end-entity');
}

async function issue(
  authority: Authority,
  subject: JsonName,
  keys: CryptoKeyPair,
  validity: Validity,
  extensions: Extension[],
  role: CertificateRole,
): Promise<IssuedCertificate> {
  const issuer = new X509Certificate(unb64(authority.issuing.certDer));
  const issuerKey = await importPrivateKey(authority.issuing.keyPkcs8);
  const cert = await X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: issuer.subjectName.toJSON(),
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuerKey,
    signingAlgorithm: SIGNING,
    extensions: [
      ...extensions,
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
      await AuthorityKeyIdentifierExtension.create(issuer.publicKey),
      ...pointersOf(role, authority.origin),
    ],
  });
  const subjectText = new Name(cert.subjectName.toJSON(), { UID }).toString().replace(/, /g, ',');
  return {
    certDer: b64(cert.rawData),
    keyPkcs8: await exportPrivateKey(keys.privateKey),
    serialNumber: cert.serialNumber,
    subject: subjectText,
  };
}

/** A positive 16-byte serial in hex, as CAs issue them. */
function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x10;
  return bytesToHex(bytes);
}

function shift(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

const subjects = new Map<string, string>();

/** The subject DN of a stored certificate, as text (`C=VN, O=..., CN=...`). */
export function subjectOf(certDer: string): string {
  let subject = subjects.get(certDer);
  if (subject === undefined) {
    subject = new X509Certificate(unb64(certDer)).subject;
    subjects.set(certDer, subject);
  }
  return subject;
}
