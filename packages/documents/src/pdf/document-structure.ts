import { decodeTextString, isName, isRef, type PdfDict, type PdfRef, type PdfValue } from './objects.js';
import { pdfError } from './errors.js';
import type { PdfReader } from './reader.js';

/** The catalog, the first page and the form, located through the newest revision. */
export interface DocumentStructure {
  catalogRef: PdfRef;
  catalog: PdfDict;
  pageRef: PdfRef;
  page: PdfDict;
  /** The AcroForm dictionary (resolved), if the document has one. */
  acroForm: PdfDict | undefined;
  /** Its reference when the catalog holds it indirectly. */
  acroFormRef: PdfRef | undefined;
  /** Every field's full name, to pick a new unique one. */
  fieldNames: Set<string>;
  /** Signature fields with a value (`/V`): the existing signatures. */
  signatureFields: Array<{ name: string; field: PdfDict; signature: PdfDict; signatureRef: PdfRef | undefined }>;
}

async function firstPage(
  reader: PdfReader,
  node: PdfValue | undefined,
  depth = 0,
): Promise<{ ref: PdfRef; page: PdfDict } | undefined> {
  if (!isRef(node) || depth > 64) return undefined;
  const dict = await reader.dict(node);
  if (!dict) return undefined;
  if (isName(dict.get('Type'), 'Page') || (!dict.has('Kids') && dict.has('MediaBox'))) return { ref: node, page: dict };
  const kids = await reader.resolve(dict.get('Kids'));
  if (!Array.isArray(kids)) return undefined;
  for (const kid of kids) {
    const found = await firstPage(reader, kid, depth + 1);
    if (found) return found;
  }
  return undefined;
}

async function collectFields(
  reader: PdfReader,
  fields: PdfValue | undefined,
  prefix: string,
  out: DocumentStructure,
  depth = 0,
): Promise<void> {
  const list = await reader.resolve(fields);
  if (!Array.isArray(list) || depth > 32) return;
  for (const item of list) {
    const field = await reader.dict(item);
    if (!field) continue;
    const partial = decodeTextString(field.get('T'));
    const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
    if (name) out.fieldNames.add(name);
    const value = field.get('V');
    if (isName(field.get('FT'), 'Sig') && value !== undefined) {
      const signature = await reader.dict(value);
      if (signature)
        out.signatureFields.push({ name, field, signature, signatureRef: isRef(value) ? value : undefined });
    }
    await collectFields(reader, field.get('Kids'), name, out, depth + 1);
  }
}

/** Finds what a signature must hook into. Throws `PDF_UNSUPPORTED` when the document has no page. */
export async function readStructure(reader: PdfReader): Promise<DocumentStructure> {
  const catalogRef = reader.trailer.get('Root') as PdfRef;
  const catalog = await reader.dict(catalogRef);
  if (!catalog) throw pdfError('PDF_XREF_DAMAGED', undefined, undefined, 'no catalog');
  const found = await firstPage(reader, catalog.get('Pages'));
  if (!found) throw pdfError('PDF_UNSUPPORTED', undefined, undefined, 'no page to attach the signature to');
  const acroFormValue = catalog.get('AcroForm');
  const acroForm = await reader.dict(acroFormValue);
  const structure: DocumentStructure = {
    catalogRef,
    catalog,
    pageRef: found.ref,
    page: found.page,
    acroForm,
    acroFormRef: isRef(acroFormValue) ? acroFormValue : undefined,
    fieldNames: new Set(),
    signatureFields: [],
  };
  if (acroForm) await collectFields(reader, acroForm.get('Fields'), '', structure);
  return structure;
}

/** `Signature1`, `Signature2`, ...: the first name not taken. */
export function uniqueFieldName(taken: Set<string>, wanted?: string): string {
  if (wanted && !taken.has(wanted)) return wanted;
  const stem = wanted ?? 'Signature';
  for (let i = 1; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}
