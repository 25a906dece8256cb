import type { ByteSource } from './byte-source.js';
import type { OutputPart } from './signed-document.js';
import { bytesSource } from './byte-source.js';

/**
 * The parts of a signed document read as one file, without joining them: what lets an update be
 * appended to a document that is itself "original + update" (B-LT after B-T, B-LTA after B-LT).
 */
export function concatSource(parts: readonly OutputPart[]): ByteSource {
  const sources = parts.map((part) => (part instanceof Uint8Array ? bytesSource(part) : part));
  const starts: number[] = [];
  let size = 0;
  for (const source of sources) {
    starts.push(size);
    size += source.size;
  }
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      const pieces: Uint8Array[] = [];
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i] as ByteSource;
        const start = starts[i] as number;
        const from = Math.max(offset, start);
        const to = Math.min(end, start + source.size);
        if (from < to) pieces.push(await source.read(from - start, to - from));
      }
      if (pieces.length === 1) return pieces[0] as Uint8Array;
      const out = new Uint8Array(Math.max(0, end - offset));
      let at = 0;
      for (const piece of pieces) {
        out.set(piece, at);
        at += piece.length;
      }
      return out;
    },
  };
}
