import { bytesToBase64 } from '@smartca-kit/sdk/core';
import { createAuthority, issueSigningCertificate, type Authority } from './pki/authority.js';
import type { Billing, CertificateRecord, PartnerRecord, SandboxState, UserRecord } from './state/types.js';

/** The password every seeded partner uses as `sp_password` and OAuth2 `client_secret`. */
export const SEED_PARTNER_SECRET = 'sandbox-secret';
/** The commerce webhook secret every seeded partner starts with (rotate it with the admin API). */
export const SEED_WEBHOOK_SECRET = 'sandbox-webhook-secret';
/** The SmartCA login password of every seeded user (gateway password grant, SmartCA TH). */
export const SEED_USER_PASSWORD = 'sandbox-password';

/** The seeded partners: a commercial one and a public-service platform (free turns). */
export const SEED_PARTNERS = [
  {
    /** `sp_id` and OAuth2 `client_id` of the commercial partner. */
    spId: 'sandbox-partner',
    /** Its display name. */
    name: 'Sandbox Partner',
    /** A commercial partner: signing costs turns. */
    publicService: false,
  },
  {
    /** `sp_id` and OAuth2 `client_id` of the public-service platform. */
    spId: 'sandbox-portal',
    /** Its display name. */
    name: 'Cổng dịch vụ công (sandbox)',
    /** A public-service platform: signing through it costs no turn. */
    publicService: true,
  },
] as const;

/** What each seeded user's certificates and packages look like. */
export interface SeedUser {
  /** The user's `user_id`, a CCCD number; also the default `UID` of the certificates. */
  userId: string;
  /** The user's name, the `CN` of personal certificates. */
  fullName: string;
  /** The `ST` of the user's certificates. */
  province: string;
  /** The certificates to issue, each with its own service pack. */
  certificates: Array<{
    /** A personal certificate or an organisation's e-seal. */
    serviceType: 'SMARTCA' | 'ESEAL';
    /** How the certificate's service pack bills. */
    billing: Billing;
    /** The pack's `totalSignLimit` for per-turn billing. Default 0. */
    turns?: number;
    /** Issue a certificate whose validity ended 30 days ago. */
    expired?: boolean;
    /** The organisation of an e-seal: its `O` and `CN`, in place of the user's name. */
    organization?: string;
    /** The subject `UID`, e.g. `MST:0312345678`. Default `CCCD:<userId>`. */
    uid?: string;
  }>;
}

/** The seeded users. Tests, examples and the docs rely on these exact values. */
export const SEED_USERS: readonly SeedUser[] = [
  {
    userId: '001099000001',
    fullName: 'Nguyễn Văn An',
    province: 'Hà Nội',
    certificates: [{ serviceType: 'SMARTCA', billing: 'per-turn', turns: 5 }],
  },
  {
    userId: '001199000002',
    fullName: 'Trần Thị Bình',
    province: 'Hà Nội',
    certificates: [{ serviceType: 'SMARTCA', billing: 'per-turn', turns: 0 }],
  },
  {
    userId: '079088000003',
    fullName: 'Lê Hoàng Cường',
    province: 'Hồ Chí Minh',
    certificates: [{ serviceType: 'SMARTCA', billing: 'unlimited' }],
  },
  {
    userId: '048195000004',
    fullName: 'Phạm Thu Dung',
    province: 'Đà Nẵng',
    certificates: [{ serviceType: 'SMARTCA', billing: 'per-turn', turns: 5, expired: true }],
  },
  {
    userId: '079200000005',
    fullName: 'Võ Minh Em',
    province: 'Hồ Chí Minh',
    certificates: [
      { serviceType: 'SMARTCA', billing: 'per-turn', turns: 10 },
      { serviceType: 'ESEAL', billing: 'unlimited', organization: 'Công ty TNHH Minh Em', uid: 'MST:0312345678' },
    ],
  },
];

/** The TOTP secret of a seeded user, base64 as VNPT delivers it: derived from the id, so docs can print it. */
export function seedTotpSecret(userId: string): string {
  return bytesToBase64(new TextEncoder().encode(`smartca-totp-${userId}`));
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The validity a seeded certificate has at the sandbox time `now`: from a day before to a year after,
 * or, for the one expired on purpose, from two years before to 30 days before.
 */
export function seedValidity(
  spec: { expired?: boolean | undefined },
  now: number,
): { validFrom: number; validTo: number } {
  return spec.expired
    ? { validFrom: now - 2 * 365 * DAY_MS, validTo: now - 30 * DAY_MS }
    : { validFrom: now - DAY_MS, validTo: now + 365 * DAY_MS };
}

/** The seed specification of a certificate, when it is one of the seeded users' certificates. */
export function seedSpecOf(
  cert: Pick<CertificateRecord, 'userId' | 'serviceType'>,
): SeedUser['certificates'][number] | undefined {
  return SEED_USERS.find((u) => u.userId === cert.userId)?.certificates.find((c) => c.serviceType === cert.serviceType);
}

/** Builds the initial state: a fresh CA, the seeded partners and users, and their certificates. */
export async function createSeedState(now = Date.now()): Promise<SandboxState> {
  const authority = await createAuthority(new Date(now));
  const partners: PartnerRecord[] = SEED_PARTNERS.map((p) => ({
    spId: p.spId,
    spPassword: SEED_PARTNER_SECRET,
    name: p.name,
    publicService: p.publicService,
    redirectUris: ['loopback'],
    passwordGrant: true,
    webhookSecrets: [SEED_WEBHOOK_SECRET],
  }));
  const users: UserRecord[] = SEED_USERS.map((u) => ({
    userId: u.userId,
    fullName: u.fullName,
    province: u.province,
    email: `${u.userId}@sandbox.smartca.test`,
    phone: `09${u.userId.slice(-8)}`,
    password: SEED_USER_PASSWORD,
    totpSecret: seedTotpSecret(u.userId),
    failedLogins: 0,
    deviceIds: [`sandbox-device-${u.userId}`],
  }));
  const certificates: CertificateRecord[] = [];
  for (const user of SEED_USERS) {
    for (const spec of user.certificates) certificates.push(await seedCertificate(authority, user, spec, now));
  }
  return { version: 1, authority, partners, users, certificates, transactions: [], tokens: [] };
}

async function seedCertificate(
  authority: Authority,
  user: SeedUser,
  spec: SeedUser['certificates'][number],
  now: number,
): Promise<CertificateRecord> {
  const { validFrom: notBefore, validTo: notAfter } = seedValidity(spec, now);
  const issued = await issueSigningCertificate(
    authority,
    {
      province: user.province,
      commonName: spec.organization ?? user.fullName,
      organization: spec.organization,
      uid: spec.uid ?? `CCCD:${user.userId}`,
    },
    { notBefore: new Date(notBefore), notAfter: new Date(notAfter) },
  );
  const unlimited = spec.billing === 'unlimited';
  return {
    certId: globalThis.crypto.randomUUID(),
    userId: user.userId,
    serviceType: spec.serviceType,
    serviceName:
      spec.serviceType === 'ESEAL' ? 'SMARTCA ESEAL' : unlimited ? 'SMARTCA PERSONAL PRO' : 'SMARTCA PERSONAL BASIC',
    serialNumber: issued.serialNumber,
    subject: issued.subject,
    certDer: issued.certDer,
    keyPkcs8: issued.keyPkcs8,
    validFrom: notBefore,
    validTo: notAfter,
    revoked: false,
    pack: {
      servicePackId: globalThis.crypto.randomUUID(),
      name: unlimited ? `Gói không giới hạn lượt ký ${user.userId}` : `Gói lượt ký cá nhân ${user.userId}`,
      billing: spec.billing,
      totalSignLimit: unlimited ? 0 : (spec.turns ?? 0),
      signedTurn: 0,
      reserved: 0,
    },
  };
}
