/**
 * Random access to a document's bytes without holding it: a PDF is read from its end (the
 * cross-reference data) and only the objects signing touches are fetched; hashing walks it in chunks.
 * In browsers a `File`/`Blob` is such a source (`slice()` reads lazily); in Node a file handle is (see
 * `@smartca-kit/documents/node`); in memory a `Uint8Array` is served by views, never copies.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Bytes `[offset, offset + length)`, clamped to the end. May be a view into a shared buffer. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** What the signing and verification functions accept as a document. */
export type DocumentInput = Uint8Array | ArrayBuffer | Blob | ByteSource;

/** A source over bytes in memory; `bytes` lets writers use them directly. */
export interface BytesSource extends ByteSource {
  /** The bytes served. */
  readonly bytes: Uint8Array;
}

/** A source over a `Blob`; `blob` lets `SignedDocument.toBlob()` reference it without reading. */
export interface BlobSource extends ByteSource {
  /** The blob served. */
  readonly blob: Blob;
}

/** Serves views into bytes already in memory. */
export function bytesSource(bytes: Uint8Array): BytesSource {
  return {
    bytes,
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

/** Reads a `Blob` (a browser `File`) lazily, one slice at a time. */
export function blobSource(blob: Blob): BlobSource {
  return {
    blob,
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/** Normalises every accepted input to a {@link ByteSource}. */
export function toByteSource(input: DocumentInput): ByteSource {
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input));
  if (typeof Blob !== 'undefined' && input instanceof Blob) return blobSource(input);
  return input as ByteSource;
}

/** The whole content of a source (for small documents such as XML, which must be parsed whole). */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
