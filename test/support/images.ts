import { crc32, deflateSync } from 'node:zlib';

/**
 * A real PNG of `width` × `height` (8-bit greyscale), with correct chunk CRCs. `shade` varies the pixels
 * so that two images of the same size differ byte for byte.
 */
export function png(width: number, height: number, shade = 128): Uint8Array {
  const row = Buffer.alloc(1 + width, shade);
  row[0] = 0; // filter: none
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A baseline JPEG's header structure around an empty scan: SOI, APP0 (JFIF), SOF0 with the size, SOS,
 * EOI. Enough for the sandbox's header check (which reads structure and size, not pixels).
 */
export function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
  ];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x00];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, ...sos, 0xff, 0xd9]);
}

/** Three acceptable, mutually different eKYC pictures: two landscape card sides and a face. */
export function ekycImages(): { front: Uint8Array; back: Uint8Array; face: Uint8Array } {
  return { front: png(640, 400, 200), back: png(640, 400, 90), face: png(300, 360, 150) };
}
