import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { copyFile, link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SandboxState } from '../state/types.js';

/**
 * The `--data` file. Writes are atomic and durable: the snapshot goes to a temp file of its own
 * (pid + random, so two processes never write the same temp file), which is fsynced, the previous
 * state is kept as `<file>.bak` (a hard link, so no copy), the temp file is renamed over the file and
 * the directory is fsynced. A `kill -9` or a power cut at any point leaves the old state or the new
 * one, whole. On start an unreadable file is set aside and the backup used instead.
 */

/**
 * The state file cannot be used: it says which file, why, and what to do. `startSandboxServer` throws
 * it; the CLI prints its message and exits 1.
 *
 * @example
 * ```ts
 * try {
 *   await startSandboxServer({ dataFile: 'state.json' });
 * } catch (error) {
 *   if (error instanceof StateFileError) console.error(error.message);
 * }
 * ```
 */
export class StateFileError extends Error {
  /** The file. */
  readonly file: string;

  /**
   * @param file the state file
   * @param message what is wrong and what to do, naming the file
   */
  constructor(file: string, message: string) {
    super(message);
    this.name = 'StateFileError';
    this.file = file;
  }
}

type Read = { state: SandboxState } | { missing: true } | { problem: string };

/**
 * The state in `file`, or undefined when there is none yet (a new sandbox). An unreadable file is
 * renamed `<file>.corrupt-<time>` and the sandbox starts from `<file>.bak`, saying so through `warn`;
 * with no good backup either, a {@link StateFileError} says what to do.
 */
export function loadStateFile(file: string, warn: (message: string) => void): SandboxState | undefined {
  const main = read(file);
  if ('state' in main) return main.state;
  if ('missing' in main) return undefined;
  const backup = read(`${file}.bak`);
  if (!('state' in backup)) {
    throw new StateFileError(
      file,
      `smartca-sandbox: the state file ${file} is unreadable: ${main.problem}. ` +
        `There is no good backup (${file}.bak: ${'missing' in backup ? 'missing' : backup.problem}). ` +
        'Restore the file, or move it away to start afresh with new keys. ' +
        `/ Tệp trạng thái ${file} bị hỏng và không có bản sao lưu dùng được.`,
    );
  }
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  warn(
    `smartca-sandbox: the state file ${file} is unreadable (${main.problem}); it was moved to ${aside}, ` +
      `and the sandbox starts from the last good copy, ${file}.bak. ` +
      `/ Tệp trạng thái bị hỏng; sandbox dùng bản sao lưu ${file}.bak.`,
  );
  return backup.state;
}

/** A writer for the sandbox's `persist` hook. Failures are thrown (the answer becomes a 500) and logged. */
export function stateFileWriter(file: string, log: (message: string) => void): (snapshot: string) => Promise<void> {
  return async (snapshot) => {
    const temp = tempName(file);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(snapshot);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await keepBackup(file);
      await rename(temp, file);
      await syncDirectory(dirname(file));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const message = `smartca-sandbox: could not write the state file ${file}: ${(error as Error).message}`;
      log(message);
      throw new Error(message);
    }
  };
}

/** Deletes temp files a killed sandbox left beside `file` (their pid no longer runs). */
export function removeStaleTemps(file: string): void {
  const dir = dirname(file);
  const pattern = new RegExp(`^${escape(basename(file))}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      /* gone already */
    }
  }
}

function read(file: string): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: (error as Error).message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${(error as Error).message})` };
  }
  const state = value as Partial<SandboxState> | null;
  const lists = ['partners', 'users', 'certificates', 'transactions', 'tokens'] as const;
  if (
    !state ||
    typeof state !== 'object' ||
    state.version !== 1 ||
    !state.authority?.root ||
    !state.authority.issuing ||
    lists.some((key) => !Array.isArray(state[key]))
  ) {
    return {
      problem: 'not a sandbox state of version 1 (authority, partners, users, certificates, transactions, tokens)',
    };
  }
  return { state: state as SandboxState };
}

/** Makes `<file>.bak` the current file, atomically: a link staged under a temp name, then renamed. */
async function keepBackup(file: string): Promise<void> {
  const staged = tempName(`${file}.bak`);
  try {
    await link(file, staged);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return; // the first write: nothing to keep
    await copyFile(file, staged); // a file system without hard links
  }
  await rename(staged, `${file}.bak`);
  // rename(2) does nothing when both names are links to one file (another writer just linked the
  // same state as the backup): the staged name would stay behind.
  await unlink(staged).catch(() => undefined);
}

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory; its renames are durable without this.
  } finally {
    await handle?.close();
  }
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
