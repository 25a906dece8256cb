import { HASH_CHUNK_SIZE } from '../hash/sha256.js';
import type { ByteSource } from './byte-source.js';

/** A part of an output: bytes in memory, or a span of the original read on demand. */
export type OutputPart = Uint8Array | ByteSource;

/** The formats the package writes. */
export type SignedFormat = 'pdf' | 'cms' | 'xml';

const MEDIA_TYPES: Record<SignedFormat, string> = {
  pdf: 'application/pdf',
  cms: 'application/pkcs7-signature',
  xml: 'application/xml',
};

/**
 * A signed document, kept as its parts so nothing is copied until you choose how to take it: a
 * signed PDF is the untouched original followed by the update. `toBlob()` composes the parts without
 * reading them (browsers), `stream()` reads 1 MiB at a time, `toBytes()` makes one buffer.
 * In Node, `writeSignedDocument` (from `@smartca-kit/documents/node`) writes it to a file atomically.
 */
export class SignedDocument {
  constructor(
    /** What was written. */
    readonly format: SignedFormat,
    /** The output's parts, in order. */
    readonly parts: readonly OutputPart[],
  ) {}

  /** The media type of the output. */
  get mediaType(): string {
    return MEDIA_TYPES[this.format];
  }

  /** Total size in bytes. */
  get size(): number {
    return this.parts.reduce((sum, part) => sum + (part instanceof Uint8Array ? part.length : part.size), 0);
  }

  /** The whole output in one buffer (one copy of each part). */
  async toBytes(): Promise<Uint8Array> {
    const parts = this.parts;
    const only = parts[0];
    if (parts.length === 1 && only instanceof Uint8Array) return only;
    const out = new Uint8Array(this.size);
    let offset = 0;
    for await (const chunk of this.chunks()) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /** A `Blob` of the output. A `Blob`/`File` original is referenced, not read. */
  async toBlob(): Promise<Blob> {
    const pieces: BlobPart[] = [];
    for (const part of this.parts) {
      if (part instanceof Uint8Array) pieces.push(part.slice());
      else if ('blob' in part && part.blob instanceof Blob) pieces.push(part.blob);
      else if ('bytes' in part && part.bytes instanceof Uint8Array) pieces.push(part.bytes.slice());
      else for await (const chunk of chunksOf(part)) pieces.push(chunk.slice());
    }
    return new Blob(pieces, { type: this.mediaType });
  }

  /** The output in chunks of at most 1 MiB. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    for (const part of this.parts) {
      if (part instanceof Uint8Array) yield part;
      else yield* chunksOf(part);
    }
  }

  /** A web `ReadableStream` of the output. */
  stream(): ReadableStream<Uint8Array> {
    const iterator = this.chunks();
    return new ReadableStream({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return(undefined);
      },
    });
  }
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < source.size; offset += HASH_CHUNK_SIZE) {
    yield await source.read(offset, Math.min(HASH_CHUNK_SIZE, source.size - offset));
  }
}
