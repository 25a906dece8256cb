import { bytesToHex } from '@smartca-kit/sdk/core';
import { merge, ValidationDataCollector, type ValidationData } from '../ltv/validation-data.js';
import { signatureCertificates } from '../ltv/signature-certificates.js';
import type { ByteSource } from '../source/byte-source.js';
import { readStructure } from './document-structure.js';
import { decodeStream } from './filters.js';
import { generationOf, refTo, writeIncrementalUpdate, type UpdateObject } from './incremental-update.js';
import {
  isDict,
  isRef,
  PdfName,
  PdfString,
  pdfDate,
  serialize,
  type PdfDict,
  type PdfRef,
  type PdfValue,
} from './objects.js';
import type { PdfReader } from './reader.js';

/** The /DSS arrays, by the kind of evidence they hold. */
const ARRAYS = { certificates: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;
/** The VRI entry's keys for the same kinds (ETSI EN 319 142-1 §5.4.2.2). */
const VRI_KEYS = { certificates: 'Cert', ocsps: 'OCSP', crls: 'CRL' } as const;
type Kind = keyof typeof ARRAYS;

/** A signature of the document as the DSS sees it: its `/Contents` bytes. */
interface SignatureContents {
  name: string;
  contents: Uint8Array;
}

/**
 * Builds the incremental update that gives the document a Document Security Store (PAdES B-LT,
 * ETSI EN 319 142-1 §5.4): every certificate, OCSP answer and CRL a validator needs for each
 * signature and document timestamp already in the file, and a /VRI entry per signature keyed by the
 * uppercase hex SHA-1 of its `/Contents`. An existing /DSS is kept and extended (same streams reused
 * when the bytes are equal), so this is also the "newest DSS data" step of periodic re-timestamping.
 *
 * @throws {@link RevocationError} when an OCSP responder, a CRL or an issuer certificate cannot be had
 * @throws {@link DocumentFormatError} when the file is not a readable PDF
 */
export async function buildDssUpdate(reader: PdfReader, collector: ValidationDataCollector): Promise<Uint8Array> {
  const structure = await readStructure(reader);
  const signatures: SignatureContents[] = [];
  for (const { name, signature } of structure.signatureFields) {
    const contents = signature.get('Contents');
    if (contents instanceof PdfString) signatures.push({ name, contents: contents.bytes });
  }
  const perSignature = signatures.map((s) => ({ ...s, certs: signatureCertificates(s.contents) }));
  for (const s of perSignature) collector.learn(s.certs.all);

  const existing = await existingDss(reader, structure.catalog.get('DSS'));
  let nextNum = Math.max(Number(reader.trailer.get('Size') ?? 0), Math.max(0, ...reader.entries.keys()) + 1);
  const objects: UpdateObject[] = [];
  // One stream per distinct item; equal bytes already in the file are referenced, not written again.
  const refOf = (kind: Kind, der: Uint8Array): PdfRef => {
    const found = existing.items[kind].find((item) => sameBytes(item.der, der));
    if (found) return found.ref;
    const ref = refTo(nextNum++);
    objects.push({ num: ref.num, gen: 0, body: `<< /Length ${der.length} >>`, stream: der });
    existing.items[kind].push({ ref, der });
    return ref;
  };

  const all: ValidationData = { certificates: [], ocsps: [], crls: [] };
  const vri: PdfDict = new Map(existing.vri);
  const now = pdfDate(new Date(), 0);
  for (const signature of perSignature) {
    const data: ValidationData = { certificates: [], ocsps: [], crls: [] };
    for (const signer of signature.certs.signers) merge(data, await collector.forCertificate(signer));
    merge(data, { certificates: signature.certs.all, ocsps: [], crls: [] });
    merge(all, data);
    const entry: PdfDict = new Map();
    for (const kind of Object.keys(ARRAYS) as Kind[]) {
      if (data[kind].length > 0)
        entry.set(
          VRI_KEYS[kind],
          data[kind].map((der) => refOf(kind, der)),
        );
    }
    entry.set('TU', now);
    const entryRef = refTo(nextNum++);
    objects.push({ num: entryRef.num, gen: 0, body: serialize(entry) });
    vri.set(await vriKey(signature.contents), entryRef);
  }

  const dss: PdfDict = new Map(existing.dict);
  dss.set('Type', new PdfName('DSS'));
  for (const kind of Object.keys(ARRAYS) as Kind[]) {
    for (const der of all[kind]) refOf(kind, der);
    if (existing.items[kind].length > 0)
      dss.set(
        ARRAYS[kind],
        existing.items[kind].map((item) => item.ref),
      );
  }
  const vriRef = refTo(nextNum++);
  objects.push({ num: vriRef.num, gen: 0, body: serialize(vri) });
  dss.set('VRI', vriRef);
  const dssRef = isRef(structure.catalog.get('DSS')) ? (structure.catalog.get('DSS') as PdfRef) : refTo(nextNum++);
  objects.push({ num: dssRef.num, gen: generationOf(reader, dssRef), body: serialize(dss) });
  if (!isRef(structure.catalog.get('DSS'))) {
    const catalog = new Map(structure.catalog);
    catalog.set('DSS', dssRef);
    objects.push({
      num: structure.catalogRef.num,
      gen: generationOf(reader, structure.catalogRef),
      body: serialize(catalog),
    });
  }
  return writeIncrementalUpdate(reader, objects);
}

/** The VRI key of a signature: SHA-1 of its `/Contents` string's bytes, uppercase hex (ISO 32000-2 §12.8.4.4). */
export async function vriKey(contents: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', contents.slice()))).toUpperCase();
}

interface ExistingDss {
  dict: PdfDict;
  vri: PdfDict;
  items: Record<Kind, Array<{ ref: PdfRef; der: Uint8Array }>>;
}

/** The /DSS already in the file (another tool's, or ours from an earlier augment), with its streams read. */
async function existingDss(reader: PdfReader, value: PdfValue | undefined): Promise<ExistingDss> {
  const out: ExistingDss = { dict: new Map(), vri: new Map(), items: { certificates: [], ocsps: [], crls: [] } };
  const dict = await reader.dict(value);
  if (!dict) return out;
  out.dict = new Map(dict);
  const vri = await reader.dict(dict.get('VRI'));
  if (vri) out.vri = new Map(vri);
  for (const kind of Object.keys(ARRAYS) as Kind[]) {
    const list = await reader.resolve(dict.get(ARRAYS[kind]));
    for (const item of Array.isArray(list) ? list : []) {
      if (!isRef(item)) continue;
      const stream = await reader.getStream(item.num);
      if (!stream || !isDict(stream.dict)) continue;
      try {
        out.items[kind].push({ ref: item, der: await decodeStream(stream.dict, stream.data) });
      } catch {
        // A stream this reader cannot decode is kept by reference; it is just not deduplicated.
        out.items[kind].push({ ref: item, der: new Uint8Array() });
      }
    }
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
