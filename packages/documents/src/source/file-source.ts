import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from './byte-source.js';

/** A file read with positioned reads: nothing is loaded until asked for. Close it when done. */
export interface FileSource extends ByteSource {
  /** The file's path, so an output writer can copy it in the kernel instead of through memory. */
  readonly path: string;
  /** Closes the file handle. */
  close(): Promise<void>;
}

/** Opens a file as a {@link ByteSource}. */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    path,
    size,
    async read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      // Not zero-filled: every byte is overwritten by the read (and trimmed if the file shrank).
      const buffer: Uint8Array = Buffer.allocUnsafeSlow(wanted);
      let done = 0;
      while (done < wanted) {
        const { bytesRead } = await handle.read(buffer, done, wanted - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === wanted ? buffer : buffer.subarray(0, done);
    },
    close: () => handle.close(),
  };
}
