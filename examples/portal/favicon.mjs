// The portal's favicon: a 32×32 ICO drawn here (the portal's red, rounded, with a white tick), so
// that browsers asking for /favicon.ico get an icon instead of a 404 and no binary file is checked in.

const SIZE = 32;
const RED = [0x1b, 0x15, 0xa3]; // #a3151b as BGR
let cached;

/** Distance from point p to the segment a–b. */
function toSegment([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The pixel at (x, y), top-left origin, as [b, g, r, a]. */
function pixel(x, y) {
  const c = [x + 0.5, y + 0.5];
  const corner = 7;
  const nearest = [Math.min(Math.max(c[0], corner), SIZE - corner), Math.min(Math.max(c[1], corner), SIZE - corner)];
  if (Math.hypot(c[0] - nearest[0], c[1] - nearest[1]) > corner) return [0, 0, 0, 0];
  const tick = Math.min(toSegment(c, [8, 17], [14, 23]), toSegment(c, [14, 23], [25, 10]));
  return tick < 2.4 ? [255, 255, 255, 255] : [...RED, 255];
}

/** The ICO file's bytes: one 32-bit BMP image with its (empty) AND mask. */
export function faviconIco() {
  if (cached) return cached;
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // 32 bits a row, all visible: alpha does the work
  const image = 40 + pixels + mask;
  const out = Buffer.alloc(6 + 16 + image);
  out.writeUInt16LE(1, 2); // type: icon
  out.writeUInt16LE(1, 4); // one image
  out.writeUInt8(SIZE, 6);
  out.writeUInt8(SIZE, 7);
  out.writeUInt16LE(1, 10); // planes
  out.writeUInt16LE(32, 12); // bits per pixel
  out.writeUInt32LE(image, 14);
  out.writeUInt32LE(22, 18);
  out.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  out.writeInt32LE(SIZE, 26);
  out.writeInt32LE(SIZE * 2, 30); // image and mask
  out.writeUInt16LE(1, 34);
  out.writeUInt16LE(32, 36);
  out.writeUInt32LE(pixels + mask, 42);
  for (let row = 0; row < SIZE; row++) {
    for (let x = 0; x < SIZE; x++) {
      // Rows are stored bottom-up.
      Buffer.from(pixel(x, SIZE - 1 - row)).copy(out, 62 + (row * SIZE + x) * 4);
    }
  }
  cached = out;
  return out;
}
