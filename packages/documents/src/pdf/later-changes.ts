import { isDict, isName, serialize, type PdfDict, type PdfValue } from './objects.js';
import type { PdfReader, XrefSection } from './reader.js';

/**
 * What later revisions did to a signed revision:
 * - `none`: nothing was appended after the signature;
 * - `signatures`: only signatures (and the form/page/annotation bookkeeping they need) were added,
 *   which is what a co-signer's incremental update looks like;
 * - `other`: content or other objects changed after signing.
 */
export type LaterChanges = 'none' | 'signatures' | 'other';

// Keys a signature update may change in an existing object without altering what was signed.
const BOOKKEEPING_KEYS: Record<string, readonly string[]> = {
  Page: ['Annots'],
  Catalog: ['AcroForm', 'DSS', 'Perms'],
  AcroForm: ['Fields', 'SigFlags'],
};

function without(dict: PdfDict, keys: readonly string[]): string {
  const copy = new Map(dict);
  for (const key of keys) copy.delete(key);
  return serialize(copy);
}

function kindOf(value: PdfValue): 'signature' | 'structure' | 'Page' | 'Catalog' | 'AcroForm' | 'array' | 'other' {
  if (Array.isArray(value)) return 'array';
  if (!isDict(value)) return 'other';
  const type = value.get('Type');
  if (isName(type, 'Sig') || isName(type, 'DocTimeStamp') || isName(value.get('FT'), 'Sig')) return 'signature';
  if (isName(type, 'XRef') || isName(type, 'ObjStm')) return 'structure';
  if (isName(type, 'Page')) return 'Page';
  if (isName(type, 'Catalog')) return 'Catalog';
  if (value.has('Fields')) return 'AcroForm';
  return 'other';
}

/** Classifies every object written by the sections after `signedEnd` (the end of the signed revision). */
export async function laterChanges(
  reader: PdfReader,
  signedEnd: number,
): Promise<{ revisions: number; changes: LaterChanges }> {
  const later = reader.sections
    .map((section, index) => ({ section, index }))
    .filter(({ section }) => section.offset >= signedEnd);
  if (later.length === 0) return { revisions: 0, changes: 'none' };
  for (const { section, index } of later) {
    for (const [num, entry] of section.entries) {
      if (entry.type === 'free') return { revisions: later.length, changes: 'other' };
      const value = await reader.getObject(num, section.entries);
      const kind = kindOf(value);
      if (kind === 'signature' || kind === 'structure' || kind === 'array') continue;
      if (kind === 'other') return { revisions: later.length, changes: 'other' };
      const before = await previousVersion(reader, num, index);
      if (before === undefined) continue; // a new page-tree/form object, created for the signature
      if (
        !isDict(before) ||
        !isDict(value) ||
        without(before, BOOKKEEPING_KEYS[kind] ?? []) !== without(value, BOOKKEEPING_KEYS[kind] ?? [])
      ) {
        return { revisions: later.length, changes: 'other' };
      }
    }
  }
  return { revisions: later.length, changes: 'signatures' };
}

async function previousVersion(reader: PdfReader, num: number, sectionIndex: number): Promise<PdfValue | undefined> {
  const older: XrefSection | undefined = reader.sections
    .slice(sectionIndex + 1)
    .find((section) => section.entries.has(num));
  return older ? reader.getObject(num, older.entries) : undefined;
}
