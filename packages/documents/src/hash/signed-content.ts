// What a CMS signer signed, as verification needs it: its digest with whichever hash the signer named
// (one pass per hash, in 1 MiB chunks), and, only for a signer without signed attributes, the bytes
// themselves (WebCrypto verifies a message, never a bare digest).
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { HashName } from '../cms/verify-oids.js';
import type { ByteSource } from '../source/byte-source.js';
import { hashRanges, nodeCrypto, type ProgressListener, type Sha256 } from './sha256.js';

/** The signed bytes of a CMS signature: detached content, embedded eContent, or a PDF's byte ranges. */
export interface SignedContent {
  /** The digest with `hash`, computed once per hash. */
  digest(hash: HashName): Promise<Uint8Array>;
  /** The bytes, read whole. */
  bytes(): Promise<Uint8Array>;
}

const NOBLE = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/** An incremental hash of any of the four: Node's native one in Node, noble's elsewhere (as sha256.ts). */
export function createHash(name: HashName): Sha256 {
  const native = nodeCrypto();
  if (native) {
    const hash = native.createHash(name.replace('-', '').toLowerCase());
    return { update: (chunk) => void hash.update(chunk), digest: () => new Uint8Array(hash.digest()) };
  }
  const hash = NOBLE[name].create();
  return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest() };
}

/** The `[start, end)` ranges of `source` as signed content. */
export function signedRanges(
  source: ByteSource,
  ranges: ReadonlyArray<readonly [number, number]>,
  onProgress?: ProgressListener,
): SignedContent {
  const digests = new Map<HashName, Promise<Uint8Array>>();
  return {
    digest(hash) {
      let pending = digests.get(hash);
      if (!pending) {
        const state = createHash(hash);
        pending = hashRanges(source, ranges, state, onProgress).then(() => state.digest());
        digests.set(hash, pending);
      }
      return pending;
    },
    async bytes() {
      const parts = await Promise.all(ranges.map(([start, end]) => source.read(start, end - start)));
      if (parts.length === 1 && parts[0]) return parts[0];
      const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    },
  };
}
