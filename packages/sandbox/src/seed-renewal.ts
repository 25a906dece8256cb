import { renewSigningCertificate } from './pki/authority.js';
import { seedSpecOf, seedValidity } from './seed.js';
import type { CertificateRecord, SandboxState } from './state/types.js';

/** A valid seeded certificate is renewed this long before it runs out. */
const RENEW_AHEAD_MS = 30 * 24 * 3600 * 1000;

/**
 * Keeps the seeded users' certificates in their seeded condition at the sandbox's own clock, however
 * long the sandbox runs and wherever a test moves that clock: a valid one is renewed (same key and
 * subject, new serial number and validity) 30 days before it runs out or when the clock is before its
 * start; the one expired on purpose is re-issued, still expired, if the clock moves back into its
 * validity. Certificates that partners registered, and revoked ones, are never touched: they expire as
 * real ones do.
 */
export class SeedRenewal {
  readonly #state: SandboxState;
  /** No seeded certificate needs renewing while the clock stays inside [from, to]. */
  #window = { from: Number.NEGATIVE_INFINITY, to: Number.NEGATIVE_INFINITY };
  #running: Promise<boolean> | undefined;

  constructor(state: SandboxState) {
    this.#state = state;
  }

  /**
   * Renews what is due at `now`; resolves true when something changed (so the state is persisted).
   * Cheap when nothing is due: one comparison.
   */
  keepCurrent(now: number): Promise<boolean> {
    if (now >= this.#window.from && now <= this.#window.to) return Promise.resolve(false);
    this.#running ??= this.#renew(now).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #renew(now: number): Promise<boolean> {
    let changed = false;
    const window = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };
    for (const cert of this.#state.certificates) {
      const spec = seedSpecOf(cert);
      if (!spec || cert.revoked || cert.lifecycle !== undefined) continue;
      let keep = keptWhile(cert, spec.expired === true);
      if (now < keep.from || now > keep.to) {
        await renew(this.#state, cert, seedValidity(spec, now));
        changed = true;
        keep = keptWhile(cert, spec.expired === true);
      }
      window.from = Math.max(window.from, keep.from);
      window.to = Math.min(window.to, keep.to);
    }
    this.#window = window;
    return changed;
  }
}

/** The clock range over which a seeded certificate is still in its seeded condition. */
function keptWhile(cert: CertificateRecord, expired: boolean): { from: number; to: number } {
  return expired
    ? { from: cert.validTo + 1, to: Number.POSITIVE_INFINITY }
    : { from: cert.validFrom, to: cert.validTo - RENEW_AHEAD_MS };
}

async function renew(
  state: SandboxState,
  cert: CertificateRecord,
  validity: { validFrom: number; validTo: number },
): Promise<void> {
  const issued = await renewSigningCertificate(state.authority, cert, {
    notBefore: new Date(validity.validFrom),
    notAfter: new Date(validity.validTo),
  });
  cert.certDer = issued.certDer;
  cert.serialNumber = issued.serialNumber;
  cert.subject = issued.subject;
  cert.validFrom = validity.validFrom;
  cert.validTo = validity.validTo;
}
