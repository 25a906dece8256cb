import { base64ToBytes, bytesToBase64, bytesToBase64Url, toPem } from '@smartca-kit/sdk';

/** Base64 text of bytes, for state that must survive JSON. */
export const b64 = (bytes: Uint8Array | ArrayBuffer): string =>
  bytesToBase64(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));

/** Unpadded base64url (RFC 4648 §5), as JWTs and OAuth2 tokens use it. */
export const b64url = bytesToBase64Url;

/** Bytes of base64 text stored by the sandbox itself; corrupt state is a programming error. */
export function unb64(text: string): Uint8Array<ArrayBuffer> {
  const bytes = base64ToBytes(text);
  if (!bytes) throw new Error('corrupt sandbox state: not base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

/** PEM armour of a stored base64 DER certificate. */
export function pemOf(certDer: string): string {
  return toPem(unb64(certDer));
}
