import { base64ToBytes, toArrayBuffer } from '../internal/bytes.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';

/** Options of {@link generateTotp}. VNPT's samples use the defaults. */
export interface TotpOptions {
  /** The moment to compute the code for. Default: now. */
  time?: Date | number;
  /** Time step in seconds. Default 30. */
  step?: number;
  /** Number of digits. Default 6. */
  digits?: number;
  /**
   * How `secret` is encoded when it is a string. VNPT hands out the delegated secret as base64, so that
   * is the default; authenticator apps show base32.
   */
  encoding?: 'base64' | 'base32';
}

/**
 * An RFC 6238 time-based one-time password (HMAC-SHA1, 30 s step, 6 digits by default), computed with
 * WebCrypto. For SmartCA TH (`v2/signatures/sign`) when the user has delegated the TOTP secret to the
 * partner. Treat that secret like a password: it lets the holder sign for the user.
 *
 * @example
 * ```ts
 * const otp = await generateTotp(process.env.USER_TOTP_SECRET!); // base64, as VNPT delivers it
 * ```
 */
export async function generateTotp(secret: string | Uint8Array, options: TotpOptions = {}): Promise<string> {
  const step = options.step ?? 30;
  const digits = options.digits ?? 6;
  const key = typeof secret === 'string' ? decodeSecret(secret, options.encoding ?? 'base64') : secret;
  if (key.length === 0) {
    throw new InvalidInputError({
      field: 'secret',
      message: {
        vi: 'Khóa TOTP rỗng hoặc không đúng định dạng.',
        en: 'The TOTP secret is empty or not in the stated encoding.',
      },
    });
  }
  const time = options.time instanceof Date ? options.time.getTime() : (options.time ?? Date.now());
  const counter = Math.floor(time / 1000 / step);
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const hmacKey = await globalThis.crypto.subtle.importKey(
    'raw',
    toArrayBuffer(key),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', hmacKey, message));
  // RFC 4226 §5.3 dynamic truncation.
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function decodeSecret(secret: string, encoding: 'base64' | 'base32'): Uint8Array {
  return (encoding === 'base32' ? base32ToBytes(secret) : base64ToBytes(secret)) ?? new Uint8Array();
}

function base32ToBytes(text: string): Uint8Array | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}
