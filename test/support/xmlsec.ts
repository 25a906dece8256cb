// Runs xmlsec1 (the external validator for XML signatures) on files in a scratch directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  /** Exit code 0. */
  ok: boolean;
  status: number | null;
  /** stdout + stderr. */
  output: string;
}

/** A scratch directory; `file()` writes into it and returns the path. */
export function scratch(prefix: string): { dir: string; file(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

export function xmlsec1(args: string[]): ToolResult {
  const result = spawnSync('xmlsec1', args, { encoding: 'utf8' });
  if (result.error) throw new Error(`xmlsec1 could not run (is the xmlsec1 package installed?): ${result.error.message}`);
  return { ok: result.status === 0, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The XAdES SignedProperties and e-invoice data elements are referenced by an `Id` xmlsec1 must know. */
export const XADES_ID_ATTR = ['--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'];

export function pem(der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
