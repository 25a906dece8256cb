// `smartca sign-batch DIR --out DIR`: every file of a directory signed for one user, in transactions of
// up to 50, written atomically beside each other, resumable by running the same command again.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { SmartCA } from '@smartca-kit/sdk';
import { ProgressBar } from '../internal/progress.js';
import { openFileSource } from '../source/file-source.js';
import type { SignedFormat } from '../source/signed-document.js';
import { writeSignedDocument } from '../source/write-file.js';
import type { LevelOptions } from '../timestamp/signature-level.js';
import { fileJournal } from './file-journal.js';
import { signBatch, type BatchDocument, type BatchDocumentResult } from './sign-batch.js';

/** Exit codes: everything signed (or signed by an earlier run), some documents failed, none signed. */
export const BATCH_EXIT = { ok: 0, none: 1, partial: 3 } as const;

/** The journal beside the outputs; its name starts with a dot so that listings of outputs skip it. */
export const BATCH_JOURNAL_FILE = '.smartca-batch.journal';

export interface SignBatchCommand {
  inputDir: string;
  outDir: string;
  userId: string;
  serialNumber?: string | undefined;
  level: LevelOptions;
  reason?: string | undefined;
  location?: string | undefined;
  concurrency?: number | undefined;
  description?: string | undefined;
  vietnamese: boolean;
  /** The sandbox's virtual phone for this user, when signing against the sandbox. */
  phoneUrl?: string | undefined;
}

function formatOf(name: string): SignedFormat {
  const ext = extname(name).toLowerCase();
  return ext === '.pdf' ? 'pdf' : ext === '.xml' ? 'xml' : 'cms';
}

/** The output's name: PDFs and XML keep theirs, anything else gets its detached `.p7s`. */
export function batchOutputName(name: string): string {
  return formatOf(name) === 'cms' ? `${name}.p7s` : name;
}

/** The regular, visible files directly in `dir`, sorted by name (so that every run groups them alike). */
async function inputFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && (await stat(join(dir, entry.name))).isFile()))
      names.push(entry.name);
  }
  return names.sort();
}

/** Runs the command; resolves to the exit code. Output paths go to stdout, progress and failures to stderr. */
export async function runSignBatch(client: SmartCA, command: SignBatchCommand): Promise<number> {
  const names = await inputFiles(command.inputDir);
  if (names.length === 0) {
    process.stderr.write(`smartca: ${command.inputDir} has no files to sign\n`);
    return BATCH_EXIT.none;
  }
  // The same directory, signer and files make the same batch: running the command again resumes it.
  const batchId = createHash('sha256')
    .update(JSON.stringify([resolve(command.inputDir), command.userId, command.serialNumber ?? '', names]))
    .digest('hex')
    .slice(0, 20);
  const journal = await fileJournal(join(command.outDir, BATCH_JOURNAL_FILE));
  const bar = new ProgressBar(process.stderr, `Signing ${names.length} files`);
  async function* documents(): AsyncGenerator<BatchDocument> {
    for (const name of names) {
      yield {
        input: await openFileSource(join(command.inputDir, name)),
        docId: name,
        name,
        format: formatOf(name),
        pdf: { reason: command.reason, location: command.location },
      };
    }
  }
  const failures: Array<Extract<BatchDocumentResult, { status: 'failed' }>> = [];
  const result = await signBatch(client, documents(), {
    userId: command.userId,
    serialNumber: command.serialNumber,
    ...command.level,
    description: command.description,
    batchId: `sb-${batchId}`,
    journal,
    concurrency: command.concurrency,
    output: async ({ docId, document }) => {
      const path = join(command.outDir, batchOutputName(docId));
      await writeSignedDocument(document, path);
      process.stdout.write(`${path}\n`);
    },
    onPending: (snapshot) => {
      // On a terminal the line replaces the progress bar, which redraws below it.
      const [start, end] = process.stderr.isTTY ? ['\r', '\x1b[K'] : ['', ''];
      const where = command.phoneUrl ? `; approve it on the sandbox's phone: ${command.phoneUrl}` : '';
      process.stderr.write(
        `${start}Waiting for approval in the SmartCA app: transaction ${snapshot.id}${where}${end}\n`,
      );
    },
    onProgress: (p) => bar.update(p.signed + p.failed + p.skipped, names.length),
    onDocument: (r) => {
      if (r.status === 'failed') failures.push(r);
    },
  });
  bar.done();
  for (const f of failures) {
    const message = command.vietnamese ? f.error.messages.vi : f.error.messages.en;
    process.stderr.write(`smartca: ${f.docId}: ${f.error.code}: ${message}\n`);
  }
  process.stderr.write(
    command.vietnamese
      ? `Đã ký ${result.signed}, lỗi ${result.failed}, đã ký từ lần chạy trước ${result.skipped}; ${result.transactions} giao dịch.\n`
      : `Signed ${result.signed}, failed ${result.failed}, already signed by an earlier run ${result.skipped}; ${result.transactions} transaction(s).\n`,
  );
  if (result.failed === 0) return BATCH_EXIT.ok;
  return result.signed + result.skipped > 0 ? BATCH_EXIT.partial : BATCH_EXIT.none;
}
