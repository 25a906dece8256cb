/** How long-term validation data is fetched (OCSP, CRLs, missing issuer certificates). */
export interface RevocationFetchOptions {
  /** The fetch to use (in a browser: one that goes through the relay). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Milliseconds one attempt may take. Default 15 000. */
  timeoutMs?: number | undefined;
  /** Further attempts after a network error, a timeout or a 5xx. Default 2. */
  retries?: number | undefined;
  /** Cancels everything, retries included. */
  signal?: AbortSignal | undefined;
}
