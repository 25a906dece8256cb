/**
 * A random base64url key. `crypto.getRandomValues` works on plain-HTTP pages too, where
 * `crypto.randomUUID` does not exist (it needs a secure context), and portals are not always HTTPS
 * on their intranet.
 */
export function randomKey(bytes = 16): string {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
