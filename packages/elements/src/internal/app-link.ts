/** The SmartCA app's own URL schemes (VNPT's deep-link SDKs query both): production and demo. */
const APP_SCHEMES = new Set(['vnptsmartca:', 'vnptsmartcademo:']);
const WEB_SCHEMES = new Set(['http:', 'https:']);

/**
 * The link "open the SmartCA app" may point to: `value` when it parses as a URL of the web (http or
 * https, relative ones resolved against the page) or of the SmartCA app's own schemes, else
 * `fallback`. Parsed with `URL`, as the browser will follow it, rather than matched with a pattern:
 * the URL parser drops tabs, newlines and leading spaces, so `java\tscript:` is `javascript:` to the
 * browser and slipped past a regular expression.
 */
export function safeAppLink(value: string | null | undefined, fallback: string): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, globalThis.document?.baseURI);
  } catch {
    return fallback;
  }
  return WEB_SCHEMES.has(url.protocol) || APP_SCHEMES.has(url.protocol) ? url.href : fallback;
}
