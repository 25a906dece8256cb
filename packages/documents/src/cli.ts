import { extname, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createSmartCA, SmartCAError, type SmartCA } from '@smartca-kit/sdk';
import { verifyCms } from './cms/verify-cms.js';
import type { VerifyOptions } from './cms/verify-signed-data.js';
import { runSignBatch } from './batch/batch-cli.js';
import { ProgressBar } from './internal/progress.js';
import { verifyPdf } from './pdf/verify.js';
import { signDocuments, type DocumentJob } from './sign-documents.js';
import { openFileSource, type FileSource } from './source/file-source.js';
import type { SignedFormat } from './source/signed-document.js';
import type { SignatureLevel } from './timestamp/signature-level.js';
import { writeSignedDocument } from './source/write-file.js';
import { verifyXml } from './xml/index.js';

const USAGE = `Usage:
  smartca sign <file...> --user <id> [--out <file>] [--reason <text>] [--location <text>] [--contact <text>]
               [--description <text>] [--serial <certificate serial>] [--xades] [--xml-parent <path>]
               [--level b-b|b-t|b-lt|b-lta] [--tsa <url>] [--sandbox | --endpoint <url|uat|production>]
  smartca sign-batch <dir> --out <dir> --user <id> [--reason <text>] [--location <text>] [--description <text>]
               [--serial <certificate serial>] [--level b-b|b-t|b-lt|b-lta] [--tsa <url>] [--concurrency <1-16>]
               [--sandbox | --endpoint <url|uat|production>]
  smartca verify <file.pdf|file.xml|file.p7s> [--content <file>] [--trusted-root <root.pem>]
  smartca certs --user <id> [--sandbox | --endpoint <url|uat|production>]

Credentials come from SMARTCA_SP_ID and SMARTCA_SP_PASSWORD, or --sandbox (the local sandbox on
http://127.0.0.1:8769 and its seeded partner). The output follows the input: .pdf gives a PAdES PDF,
.xml an enveloped XML signature, anything else a detached .p7s. --level b-t adds an RFC 3161 timestamp
from --tsa (PAdES B-T, CAdES-T; default with --sandbox: the sandbox's own /tsa); XML stays at B-B.
--level b-lt (PDF only) also embeds the certificates, OCSP answers and CRLs (a /DSS); b-lta adds a
document timestamp over all of it.

sign-batch signs every file directly in <dir> (any number; 50 per SmartCA approval) into --out, with
the same names (.p7s added for non-PDF, non-XML files). Run the same command again after a crash or a
rejected approval: files already signed are skipped, and a transaction already sent is not sent again.
Exit codes: 0 all signed, 3 some failed (listed on stderr), 1 none signed, 2 usage.`;

const SANDBOX = { endpoint: 'http://127.0.0.1:8769', spId: 'sandbox-partner', spPassword: 'sandbox-secret' };
const vietnamese = (process.env.LANG ?? '').toLowerCase().startsWith('vi');

class UsageError extends Error {}

function fail(error: unknown): never {
  if (error instanceof SmartCAError) {
    process.stderr.write(`smartca: ${error.code}: ${vietnamese ? error.messages.vi : error.messages.en}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`smartca: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  } else {
    process.stderr.write(`smartca: ${(error as Error).message ?? String(error)}\n`);
  }
  process.exit(1);
}

type Options = Record<string, string | boolean | undefined>;

/** The endpoint the options name: --endpoint, then SMARTCA_ENDPOINT, then the local sandbox or production. */
function endpointOf(options: Options): string {
  return (
    (options.endpoint as string | undefined) ??
    process.env.SMARTCA_ENDPOINT ??
    (options.sandbox === true ? SANDBOX.endpoint : 'production')
  );
}

function client(options: Options): SmartCA {
  const sandbox = options.sandbox === true;
  const endpoint = endpointOf(options);
  const spId = sandbox ? SANDBOX.spId : process.env.SMARTCA_SP_ID;
  const spPassword = sandbox ? SANDBOX.spPassword : process.env.SMARTCA_SP_PASSWORD;
  if (!spId || !spPassword) throw new UsageError('set SMARTCA_SP_ID and SMARTCA_SP_PASSWORD, or pass --sandbox');
  return createSmartCA({ environment: endpoint as 'production', credentials: { spId, spPassword } });
}

function formatOf(path: string): SignedFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.pdf' ? 'pdf' : ext === '.xml' ? 'xml' : 'cms';
}

function outputPath(path: string, format: SignedFormat): string {
  if (format === 'cms') return `${path}.p7s`;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.signed${ext}`;
}

async function sign(files: string[], options: Options): Promise<void> {
  const userId = options.user as string | undefined;
  if (!userId) throw new UsageError('sign needs --user <id>');
  if (files.length === 0) throw new UsageError('sign needs at least one file');
  if (options.out && files.length > 1)
    throw new UsageError('--out works with one file; batches are written beside their inputs');
  if (files.length > 50) throw new UsageError('SmartCA signs at most 50 documents per approval; split the batch');
  const level = levelOf(options);
  const smartca = client(options);
  const sources: FileSource[] = [];
  try {
    const jobs: DocumentJob[] = [];
    let totalBytes = 0;
    for (const file of files) {
      const source = await openFileSource(file);
      sources.push(source);
      totalBytes += source.size;
    }
    const bar = new ProgressBar(
      process.stderr,
      files.length > 1 ? `Hashing ${files.length} files` : `Hashing ${basename(files[0] ?? '')}`,
    );
    let hashedBefore = 0;
    for (const [index, file] of files.entries()) {
      const source = sources[index] as FileSource;
      const offset = hashedBefore;
      const onProgress = (done: number) => bar.update(offset + done, totalBytes);
      hashedBefore += source.size;
      jobs.push({
        input: source,
        format: formatOf(file),
        docId: basename(file),
        name: basename(file),
        pdf: {
          reason: options.reason as string | undefined,
          location: options.location as string | undefined,
          contactInfo: options.contact as string | undefined,
          onProgress,
        },
        cms: { onProgress },
        xml: { xades: options.xades === true, parent: options['xml-parent'] as string | undefined },
      });
    }
    const { documents, transaction } = await signDocuments(smartca, jobs, {
      userId,
      serialNumber: options.serial as string | undefined,
      ...level,
      description:
        (options.description as string | undefined) ??
        (files.length > 1 ? `${files.length} tài liệu` : basename(files[0] ?? '')),
      onPending: (snapshot) => {
        bar.done();
        process.stderr.write(`Waiting for approval in the SmartCA app (transaction ${snapshot.id})…\n`);
        // The sandbox has no real app: say where its virtual phone is, opened on this user.
        if (options.sandbox === true) {
          process.stderr.write(`Approve it on the sandbox's phone: ${sandboxPhoneUrl(endpointOf(options), userId)}\n`);
        }
      },
    });
    for (const [index, item] of documents.entries()) {
      const file = files[index] as string;
      const out = (options.out as string | undefined) ?? outputPath(file, jobs[index]?.format ?? 'cms');
      await writeSignedDocument(item.document, out);
      process.stdout.write(`${out}\n`);
    }
    process.stderr.write(
      `Signed by ${transaction.certificate.commonName ?? transaction.certificate.subject} (serial ${transaction.certificate.serialNumber}).\n`,
    );
  } finally {
    await Promise.all(sources.map((source) => source.close()));
  }
}

async function signBatchCommand(dirs: string[], options: Options): Promise<void> {
  const userId = options.user as string | undefined;
  const outDir = options.out as string | undefined;
  if (!userId) throw new UsageError('sign-batch needs --user <id>');
  if (dirs.length !== 1) throw new UsageError('sign-batch needs one input directory');
  if (!outDir) throw new UsageError('sign-batch needs --out <dir>');
  const { stat } = await import('node:fs/promises');
  const isDirectory = await stat(dirs[0] as string).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) throw new UsageError(`${dirs[0] as string} is not a directory`);
  const raw = options.concurrency as string | undefined;
  const concurrency = raw === undefined ? undefined : Number(raw);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16))
    throw new UsageError(`--concurrency must be a whole number from 1 to 16, not "${raw}"`);
  const level = levelOf(options);
  process.exitCode = await runSignBatch(client(options), {
    inputDir: dirs[0] as string,
    outDir,
    userId,
    serialNumber: options.serial as string | undefined,
    level,
    reason: options.reason as string | undefined,
    location: options.location as string | undefined,
    description: options.description as string | undefined,
    concurrency,
    vietnamese,
    phoneUrl: options.sandbox === true ? sandboxPhoneUrl(endpointOf(options), userId) : undefined,
  });
}

/** `--level` and `--tsa` as signing options; B-T without --tsa uses the sandbox's TSA under --sandbox. */
function levelOf(options: Options): { level: SignatureLevel; tsa?: { url: string } } {
  const raw = ((options.level as string | undefined) ?? (options.tsa ? 'b-t' : 'b-b')).toUpperCase();
  if (raw !== 'B-B' && raw !== 'B-T' && raw !== 'B-LT' && raw !== 'B-LTA')
    throw new UsageError(`--level must be b-b, b-t, b-lt or b-lta, not "${options.level as string}"`);
  if (raw === 'B-B') return { level: raw };
  const url =
    (options.tsa as string | undefined) ??
    (options.sandbox === true ? new URL('/tsa', endpointOf(options)).href : undefined);
  if (!url)
    throw new UsageError(
      `--level ${raw.toLowerCase()} needs --tsa <url> (e.g. http://tsa.vnpt-ca.vn), or --sandbox for the sandbox's TSA`,
    );
  return { level: raw, tsa: { url } };
}

/**
 * What the chain check says beside VALID. Without --trusted-root nothing anchors the chain: a bare
 * "VALID" there read as if the signer had been checked against a CA.
 */
function trustPhrase(trusted: boolean | undefined): string {
  if (trusted === undefined) return ', chain not checked (give --trusted-root)';
  return trusted ? ', trusted' : ', NOT trusted';
}

/** The sandbox's virtual phone, opened on `userId`. */
function sandboxPhoneUrl(endpoint: string, userId: string): string {
  const url = new URL('/phone', endpoint);
  url.searchParams.set('user', userId);
  return url.href;
}

async function verify(file: string | undefined, options: Options): Promise<boolean> {
  if (!file) throw new UsageError('verify needs a file');
  const verifyOptions: VerifyOptions = {};
  if (options['trusted-root']) {
    const { readFile } = await import('node:fs/promises');
    verifyOptions.trustedRoots = [await readFile(options['trusted-root'] as string, 'utf8')];
  }
  const source = await openFileSource(file);
  try {
    const ext = extname(file).toLowerCase();
    if (ext === '.pdf') {
      const report = await verifyPdf(source, verifyOptions);
      if (report.signatures.length === 0) process.stdout.write(`${file}: no signatures\n`);
      for (const s of report.signatures) {
        const who = s.cms?.signer?.commonName ?? s.cms?.signer?.subject ?? 'unknown signer';
        const coverage = s.coversWholeDocument
          ? 'whole document'
          : `${s.laterRevisions} later revision(s): ${s.changesAfterSigning}`;
        const trust = trustPhrase(s.cms?.trusted);
        process.stdout.write(
          `${s.fieldName}: ${s.valid ? 'VALID' : `INVALID (${s.problem})`} — ${who}, ${coverage}${trust}\n`,
        );
      }
      return report.valid;
    }
    if (ext === '.xml') {
      const report = await verifyXml(source, verifyOptions);
      if (report.signatures.length === 0) process.stdout.write(`${file}: no signatures\n`);
      for (const [index, s] of report.signatures.entries()) {
        const who = s.signer?.commonName ?? s.signer?.subject ?? 'unknown signer';
        const coverage = s.coversWholeDocument ? 'whole document' : 'part of the document';
        const trust = trustPhrase(s.trusted);
        const verdict = s.valid ? 'VALID' : `INVALID (${s.problems.join('; ')})`;
        process.stdout.write(`${s.id ?? `Signature #${index + 1}`}: ${verdict} — ${who}, ${coverage}${trust}\n`);
      }
      return report.valid;
    }
    if (ext === '.p7s' || ext === '.p7m') {
      const contentPath = (options.content as string | undefined) ?? file.slice(0, -ext.length);
      const content = await openFileSource(contentPath);
      try {
        const report = await verifyCms(await source.read(0, source.size), content, verifyOptions);
        for (const s of report.signers) {
          const trust = trustPhrase(s.trusted);
          process.stdout.write(
            `${basename(contentPath)}: ${s.valid ? 'VALID' : `INVALID (${s.problem})`} — ${s.signer?.commonName ?? s.signer?.subject ?? 'unknown signer'}${trust}\n`,
          );
        }
        return report.valid;
      } finally {
        await content.close();
      }
    }
    throw new UsageError(`cannot verify ${ext || 'this'} files; give a .pdf, an .xml or a .p7s`);
  } finally {
    await source.close();
  }
}

async function certs(options: Options): Promise<void> {
  const userId = options.user as string | undefined;
  if (!userId) throw new UsageError('certs needs --user <id>');
  const list = await client(options).certificates.list({ userId });
  for (const cert of list) {
    const until = cert.validTo.toISOString().slice(0, 10);
    process.stdout.write(
      `${cert.serialNumber}  ${cert.serviceType ?? '-'}  ${cert.commonName ?? cert.subject}  valid until ${until}  ${cert.statusText ?? ''}\n`,
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      user: { type: 'string' },
      out: { type: 'string' },
      reason: { type: 'string' },
      location: { type: 'string' },
      contact: { type: 'string' },
      description: { type: 'string' },
      serial: { type: 'string' },
      endpoint: { type: 'string' },
      sandbox: { type: 'boolean' },
      content: { type: 'string' },
      'trusted-root': { type: 'string' },
      xades: { type: 'boolean' },
      'xml-parent': { type: 'string' },
      level: { type: 'string' },
      tsa: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'sign') return sign(rest, values);
  if (command === 'sign-batch') return signBatchCommand(rest, values);
  if (command === 'verify') {
    if (!(await verify(rest[0], values))) process.exitCode = 1;
    return;
  }
  if (command === 'certs') return certs(values);
  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    fail(new UsageError(error.message));
  fail(error);
});
