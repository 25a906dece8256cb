import type { SandboxState } from '../state/types.js';
import { addTrustServiceCertificates, recertify } from './authority.js';
import { normalizeOrigin } from './trust-urls.js';

/**
 * Makes the state's certificates point at `origin` (their OCSP, CA-issuer and CRL URLs), after
 * giving an older state the TSA and OCSP responder certificates it lacks. The sandbox only learns its
 * address once it listens (port 0 picks one), so every certificate whose URLs name another origin is
 * re-signed in place (see {@link recertify}): the issuing CA's, the TSA's and every user's. Resolves
 * true when something changed, so the state is persisted.
 */
export async function pointCertificatesAt(state: SandboxState, origin: string, now: number): Promise<boolean> {
  const authority = state.authority;
  const added = await addTrustServiceCertificates(authority, new Date(now));
  const wanted = normalizeOrigin(origin);
  if (authority.origin === wanted) return added;
  authority.origin = wanted;
  authority.issuing.certDer = await recertify(authority, authority.issuing, 'issuing', wanted);
  if (authority.tsa) authority.tsa.certDer = await recertify(authority, authority.tsa, 'end-entity', wanted);
  for (const cert of state.certificates) cert.certDer = await recertify(authority, cert, 'end-entity', wanted);
  return true;
}
