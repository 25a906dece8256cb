import { randomBytes } from 'node:crypto';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SignedDocument } from './signed-document.js';

/**
 * Writes a signed document to `path` atomically: into a hidden temporary file beside it, then renamed
 * over. A failure leaves no partial output. When the first part is the original file, it is copied by
 * the kernel (`copyFile`) rather than read through memory, and the update is appended.
 */
export async function writeSignedDocument(document: SignedDocument, path: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const [first, ...rest] = document.parts;
    const copied =
      first !== undefined && !(first instanceof Uint8Array) && 'path' in first && typeof first.path === 'string';
    if (copied) await copyFile(first.path as string, temporary);
    const handle = await open(temporary, copied ? 'a' : 'w');
    try {
      const parts = copied ? rest : document.parts;
      for (const part of parts) {
        if (part instanceof Uint8Array) await handle.write(part);
        else
          for (let offset = 0; offset < part.size; offset += 1 << 20)
            await handle.write(await part.read(offset, 1 << 20));
      }
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
