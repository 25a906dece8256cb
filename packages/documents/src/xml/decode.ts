import { xmlError } from './errors.js';

/**
 * The document's bytes as text, refusing anything but UTF-8. The byte-order mark is kept as U+FEFF
 * so that character positions map back to the original bytes exactly (valid UTF-8 round-trips).
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  if (
    (b0 === 0xfe && b1 === 0xff) ||
    (b0 === 0xff && b1 === 0xfe) ||
    (b0 === 0x00 && b1 === 0x3c) ||
    (b0 === 0x3c && b1 === 0x00)
  ) {
    throw xmlError('XML_ENCODING_UNSUPPORTED', '', 0, 'UTF-16');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw xmlError('XML_ENCODING_UNSUPPORTED', '', 0, 'invalid UTF-8 byte sequence', cause);
  }
}
