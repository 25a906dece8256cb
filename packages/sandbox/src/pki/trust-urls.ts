/**
 * Where the sandbox's trust services live, relative to its public origin. Certificates carry these
 * URLs (authorityInfoAccess, cRLDistributionPoints), so they must be the sandbox's real address:
 * see {@link DEFAULT_PUBLIC_ORIGIN} and `Sandbox.usePublicOrigin`.
 */

/**
 * The origin certificates point at until the sandbox learns its own: what `smartca-sandbox` serves
 * with no flags and what `smartca --sandbox` calls, so an in-process sandbox (msw, a browser) routed
 * under that name answers the URLs its certificates carry.
 */
export const DEFAULT_PUBLIC_ORIGIN = 'http://127.0.0.1:8769';

/** The paths of the trust services. */
export const TRUST_PATHS = {
  tsa: '/tsa',
  ocsp: '/ocsp',
  rootCrl: '/crl/root.crl',
  issuingCrl: '/crl/issuing.crl',
  rootCert: '/pki/root.crt',
  issuingCert: '/pki/issuing.crt',
} as const;

/** The absolute URLs of the trust services at `origin`. */
export function trustUrls(origin: string): Record<keyof typeof TRUST_PATHS, string> {
  const base = origin.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(TRUST_PATHS).map(([name, path]) => [name, `${base}${path}`])) as Record<
    keyof typeof TRUST_PATHS,
    string
  >;
}

/** An origin as certificates write it: scheme, host and port, no path or trailing slash. */
export function normalizeOrigin(origin: string): string {
  return new URL(origin).origin;
}
