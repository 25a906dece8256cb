import { ConfigurationError } from './errors/configuration-error.js';

/** VNPT's hosts. UAT ("demo") and production need separate partner credentials. */
export const ENVIRONMENT_ORIGINS = {
  /** VNPT's UAT gateway. */
  uat: 'https://rmgateway.vnptit.vn',
  /** VNPT's production gateway. */
  production: 'https://gwsca.vnpt.vn',
  /** The local sandbox (`smartca-sandbox`, default port 8769). */
  sandbox: 'http://127.0.0.1:8769',
} as const;

/**
 * Where the client talks to: a named environment, or the base URL of anything that speaks SmartCA's
 * wire contract (a sandbox on another port, a forward proxy).
 */
export type SmartCAEnvironment = keyof typeof ENVIRONMENT_ORIGINS | URL | (string & {});

/** Path prefixes of the two surfaces below the base URL. */
export interface SurfacePaths {
  /** SP769's prefix. Default `/sca/sp769`. */
  sp769?: string | undefined;
  /**
   * The gateway's prefix. Default none (`/auth/token`, `/csc/...`, as VNPT's gateway document shows).
   * VNPT's own demo app adds a language segment; pass `/vi` or `/en` to do the same.
   */
  gateway?: string | undefined;
  /**
   * The commerce API's prefix (smartca-kit's extension, served by the sandbox; VNPT publishes no such
   * API). Default `/commerce/v1`.
   */
  commerce?: string | undefined;
  /** VNPT's PDF helper's prefix. Default `/rest/v2/signature`, as VNPT's PHP sample calls it. */
  pdfHelper?: string | undefined;
}

/** The absolute base URLs the client calls. */
export interface ResolvedEndpoints {
  /** The base URL, without a trailing slash. */
  base: string;
  /** SP769 base, e.g. `https://gwsca.vnpt.vn/sca/sp769`. */
  sp769: string;
  /** Gateway base, e.g. `https://gwsca.vnpt.vn`. */
  gateway: string;
  /** Commerce API base, e.g. `http://127.0.0.1:8769/commerce/v1` (smartca-kit's extension). */
  commerce: string;
  /** VNPT's PDF helper base, e.g. `https://gwsca.vnpt.vn/rest/v2/signature`. */
  pdfHelper: string;
}

/** Turns an environment into the base URLs of both surfaces. */
export function resolveEnvironment(environment: SmartCAEnvironment, paths: SurfacePaths = {}): ResolvedEndpoints {
  const named =
    typeof environment === 'string' && environment in ENVIRONMENT_ORIGINS
      ? ENVIRONMENT_ORIGINS[environment as keyof typeof ENVIRONMENT_ORIGINS]
      : undefined;
  let url: URL;
  try {
    url = new URL(named ?? String(environment));
  } catch {
    throw new ConfigurationError({
      code: 'UNKNOWN_ENVIRONMENT',
      message: {
        vi: `Môi trường "${String(environment)}" không hợp lệ: dùng 'uat', 'production', 'sandbox' hoặc một URL.`,
        en: `Unknown environment "${String(environment)}": use 'uat', 'production', 'sandbox' or a URL.`,
      },
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError({
      code: 'UNKNOWN_ENVIRONMENT',
      message: {
        vi: 'URL môi trường phải dùng http hoặc https.',
        en: 'The environment URL must use http or https.',
      },
    });
  }
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return {
    base,
    sp769: base + normalisePrefix(paths.sp769 ?? '/sca/sp769'),
    gateway: base + normalisePrefix(paths.gateway ?? ''),
    commerce: base + normalisePrefix(paths.commerce ?? '/commerce/v1'),
    pdfHelper: base + normalisePrefix(paths.pdfHelper ?? '/rest/v2/signature'),
  };
}

function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
