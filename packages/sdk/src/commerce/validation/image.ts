import { fail, pass, type FieldCheck } from './field-check.js';

/** Which eKYC picture an image is: the ID card's two sides or the person's face. */
export type EkycImageRole = 'front' | 'back' | 'face';

/** What a JPEG or PNG header says about the picture. */
export interface ImageInfo {
  /** The real format, from the bytes (never from a file name or a MIME type). */
  format: 'jpeg' | 'png';
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Size in bytes. */
  bytes: number;
}

/**
 * The limits eKYC images must meet (smartca-kit's choice; VNPT publishes none): at most 2 MiB each; card
 * sides at least 600 × 380 pixels and landscape, like a photographed card; a face at least 240 × 240.
 */
export const EKYC_IMAGE_LIMITS = {
  /** Largest accepted file, bytes. */
  maxBytes: 2 * 1024 * 1024,
  /** Largest accepted width or height, pixels. */
  maxDimension: 8000,
  /** Smallest width of a card side, pixels. */
  minCardWidth: 600,
  /** Smallest height of a card side, pixels. */
  minCardHeight: 380,
  /** Smallest width and height of a face photo, pixels. */
  minFaceSide: 240,
} as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/**
 * Reads a JPEG or PNG header from the bytes themselves: magic number, a structurally complete file
 * (PNG: IHDR with a correct CRC and a final IEND; JPEG: a frame header before the scan and a final EOI),
 * and the dimensions. Anything else is refused with a specific reason.
 */
export function inspectImage(bytes: Uint8Array, field = 'image'): FieldCheck<ImageInfo> {
  if (bytes.length === 0) {
    return fail(field, 'IMAGE_EMPTY', `${field}: tệp ảnh rỗng.`, `${field}: the image file is empty.`);
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return inspectPng(bytes, field);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return inspectJpeg(bytes, field);
  return fail(
    field,
    'IMAGE_NOT_JPEG_OR_PNG',
    `${field}: tệp không phải ảnh JPEG hoặc PNG (kiểm tra theo nội dung tệp).`,
    `${field}: the file is not a JPEG or PNG image (judged by its content, not its name).`,
  );
}

/** {@link inspectImage} plus the eKYC limits for the picture's role. */
export function checkEkycImage(bytes: unknown, role: EkycImageRole, field: string): FieldCheck<ImageInfo> {
  if (!(bytes instanceof Uint8Array)) {
    return fail(
      field,
      'IMAGE_REQUIRED',
      `${field}: thiếu ảnh (${ROLE_VI[role]}).`,
      `${field}: the ${role} image is missing.`,
    );
  }
  if (bytes.length > EKYC_IMAGE_LIMITS.maxBytes) {
    return fail(
      field,
      'IMAGE_TOO_LARGE',
      `${field}: ảnh lớn hơn 2 MiB; hãy chụp lại hoặc nén ảnh.`,
      `${field}: the image is larger than 2 MiB; retake or compress it.`,
    );
  }
  const info = inspectImage(bytes, field);
  if (!info.ok) return info;
  const { width, height } = info.value;
  if (width > EKYC_IMAGE_LIMITS.maxDimension || height > EKYC_IMAGE_LIMITS.maxDimension) {
    return fail(
      field,
      'IMAGE_DIMENSIONS_TOO_LARGE',
      `${field}: ảnh lớn hơn ${EKYC_IMAGE_LIMITS.maxDimension} điểm ảnh mỗi chiều.`,
      `${field}: the image is larger than ${EKYC_IMAGE_LIMITS.maxDimension} pixels on a side.`,
    );
  }
  if (role === 'face') {
    if (width < EKYC_IMAGE_LIMITS.minFaceSide || height < EKYC_IMAGE_LIMITS.minFaceSide) {
      return fail(
        field,
        'IMAGE_TOO_SMALL',
        `${field}: ảnh khuôn mặt phải tối thiểu 240 × 240 điểm ảnh (ảnh gửi ${width} × ${height}).`,
        `${field}: a face photo must be at least 240 × 240 pixels (got ${width} × ${height}).`,
      );
    }
    return info;
  }
  if (width < EKYC_IMAGE_LIMITS.minCardWidth || height < EKYC_IMAGE_LIMITS.minCardHeight) {
    return fail(
      field,
      'IMAGE_TOO_SMALL',
      `${field}: ảnh ${ROLE_VI[role]} phải tối thiểu 600 × 380 điểm ảnh (ảnh gửi ${width} × ${height}).`,
      `${field}: a card side must be at least 600 × 380 pixels (got ${width} × ${height}).`,
    );
  }
  if (width <= height) {
    return fail(
      field,
      'CARD_NOT_LANDSCAPE',
      `${field}: ảnh ${ROLE_VI[role]} phải chụp ngang, cả thẻ nằm trong khung.`,
      `${field}: photograph the card side in landscape, the whole card in frame.`,
    );
  }
  return pass(info.value);
}

const ROLE_VI: Record<EkycImageRole, string> = {
  front: 'mặt trước CCCD/CMND',
  back: 'mặt sau CCCD/CMND',
  face: 'khuôn mặt',
};

function inspectPng(bytes: Uint8Array, field: string): FieldCheck<ImageInfo> {
  const corrupt = (what: string) =>
    fail<ImageInfo>(
      field,
      'IMAGE_CORRUPT',
      `${field}: ảnh PNG bị hỏng (${what}).`,
      `${field}: the PNG image is corrupt (${what}).`,
    );
  if (bytes.length < 8 + 25 + 12) return truncated(field, 'PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  if (view.getUint32(8) !== 13 || ihdr !== 'IHDR') return corrupt('no IHDR header');
  if (crc32(bytes.subarray(12, 29)) !== view.getUint32(29)) return corrupt('IHDR checksum');
  if (!startsWith(bytes.subarray(bytes.length - 12), PNG_IEND)) return truncated(field, 'PNG');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return corrupt('zero size');
  return pass({ format: 'png', width, height, bytes: bytes.length });
}

function inspectJpeg(bytes: Uint8Array, field: string): FieldCheck<ImageInfo> {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1;
      continue;
    } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    } // no length
    if (marker === 0xda || marker === 0xd9) break; // a scan or the end before any frame header
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    if (length < 2) break;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) return truncated(field, 'JPEG');
      const height = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const width = ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
      if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return truncated(field, 'JPEG');
      if (width === 0 || height === 0) break;
      return pass({ format: 'jpeg', width, height, bytes: bytes.length });
    }
    offset += 2 + length;
  }
  if (offset >= bytes.length - 1) return truncated(field, 'JPEG');
  return fail(
    field,
    'IMAGE_CORRUPT',
    `${field}: ảnh JPEG bị hỏng (không có khung ảnh).`,
    `${field}: the JPEG image is corrupt (no frame header).`,
  );
}

function truncated(field: string, format: string): FieldCheck<ImageInfo> {
  return fail(
    field,
    'IMAGE_TRUNCATED',
    `${field}: ảnh ${format} không đầy đủ (tệp bị cắt).`,
    `${field}: the ${format} image is incomplete (the file was cut short).`,
  );
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC), the checksum of PNG chunks. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
