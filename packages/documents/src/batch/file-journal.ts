import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BatchJournal } from './batch-journal.js';

/**
 * A {@link BatchJournal} in one append-only file (JSON lines), for a batch run from a single machine,
 * as the CLI's `sign-batch` does beside its outputs. Each `put` is appended and flushed to disk before
 * it resolves, so a `kill -9` loses at most the line being written; a torn last line is ignored on the
 * next open. The latest line for a key wins.
 */
export async function fileJournal(path: string): Promise<BatchJournal> {
  const values = new Map<string, string>();
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const { k, v } = JSON.parse(line) as { k: string; v: string };
      if (typeof k === 'string' && typeof v === 'string') values.set(k, v);
    } catch {
      // A line torn by a crash mid-write: the put it belonged to never resolved, so nothing relied on it.
    }
  }
  // End a torn last line, so that the next append starts a line of its own instead of joining it.
  if (text.length > 0 && !text.endsWith('\n')) await appendFile(path, '\n', { flush: true });
  // Appends are chained so that lines never interleave, whatever the callers' concurrency.
  let tail: Promise<void> = Promise.resolve();
  return {
    get: async (key) => values.get(key),
    put: (key, value) => {
      const write = tail.then(async () => {
        await appendFile(path, `${JSON.stringify({ k: key, v: value })}\n`, { flush: true });
        values.set(key, value);
      });
      tail = write.catch(() => undefined);
      return write;
    },
  };
}
