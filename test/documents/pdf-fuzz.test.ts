// Mutated real-world PDFs (truncations, byte flips, damaged cross-references, junk around the file)
// signed and verified: every outcome is either a signature verifyPdf accepts or a typed, bilingual
// error. Never an untyped exception, a hang or a signature over bytes other than those given.
// The seed is fixed, so a failure reproduces; FUZZ_RUNS and FUZZ_SEED widen the search locally.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { preparePdf, verifyPdf } from '@smartca-kit/documents';
import { SmartCAError } from '@smartca-kit/sdk';
import { corpusDir } from '../support/corpus.js';
import { createLocalSigner, type LocalSigner } from '../support/local-signer.js';

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; positions: number[]; values: number[] }
  | { kind: 'xref'; at: number; digit: number }
  | { kind: 'junk'; before: number[]; after: number[] };

const latin1 = new TextDecoder('latin1');

/** Applies `mutation` to `bytes`; positions are fractions of the length, so they fit any file. */
function mutate(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const at = (fraction: number) => Math.min(bytes.length - 1, Math.floor(fraction * bytes.length));
  switch (mutation.kind) {
    case 'truncate':
      return bytes.slice(0, at(mutation.at));
    case 'flip': {
      const copy = bytes.slice();
      mutation.positions.forEach((p, i) => (copy[at(p)] = mutation.values[i] ?? 0));
      return copy;
    }
    case 'xref': {
      // A digit of the cross-reference data changed: startxref's offset, or an entry of a table.
      const text = latin1.decode(bytes);
      const anchors = [...text.matchAll(/startxref|\d{10} \d{5} [nf]/g)].map((m) => m.index ?? 0);
      const copy = bytes.slice();
      if (anchors.length === 0) return copy;
      const anchor = anchors[Math.floor(mutation.at * anchors.length)] ?? 0;
      for (let i = anchor; i < Math.min(copy.length, anchor + 40); i++) {
        if ((copy[i] ?? 0) >= 0x30 && (copy[i] ?? 0) <= 0x39) {
          copy[i] = 0x30 + mutation.digit;
          break;
        }
      }
      return copy;
    }
    case 'junk':
      return new Uint8Array([...mutation.before, ...bytes, ...mutation.after]);
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((pairs) => ({ kind: 'flip' as const, positions: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) })),
  fc.record({
    kind: fc.constant('xref' as const),
    at: fc.double({ min: 0, max: 0.999, noNaN: true }),
    digit: fc.integer({ min: 0, max: 9 }),
  }),
  fc.record({
    kind: fc.constant('junk' as const),
    before: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
    after: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
  }),
);

/** A failure of the code under test, unless it is a typed error with both languages. */
function assertTyped(error: unknown, context: string): void {
  assert.ok(error instanceof SmartCAError, `${context}: an untyped ${String((error as Error)?.stack ?? error)}`);
  assert.ok(error.messages.vi.length > 0 && error.messages.en.length > 0, `${context}: bilingual`);
}

describe('fuzz: mutated real-world PDFs give a valid signature or a typed error', () => {
  let signer: LocalSigner;
  let files: Array<{ name: string; bytes: Uint8Array }>;
  before(async () => {
    signer = await createLocalSigner();
    const folder = corpusDir('pdf');
    files = readdirSync(folder)
      .filter((n) => n.endsWith('.pdf'))
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, folder))) }));
  });

  it('a cross-reference entry pointing past the end: PDF_XREF_DAMAGED from verifyPdf (found by this fuzz)', async () => {
    const file = files.find((f) => f.name === 'pypdf-002-trivial-libre-office-writer.pdf');
    assert.ok(file, 'the corpus file');
    const damaged = mutate(file.bytes, { kind: 'xref', at: 1 / 15, digit: 1 });
    await assert.rejects(
      verifyPdf(damaged),
      (e: unknown) => e instanceof SmartCAError && e.code === 'PDF_XREF_DAMAGED',
    );
  });

  it('signing and verifying mutated files', async () => {
    const outcomes = { signed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (pick, change) => {
        const file = files[pick % files.length] as { name: string; bytes: Uint8Array };
        const input = mutate(file.bytes, change);
        const context = `${file.name} ${JSON.stringify(change)}`;
        try {
          await verifyPdf(input);
        } catch (error) {
          assertTyped(error, `verifyPdf ${context}`);
        }
        let output: Uint8Array;
        try {
          const prepared = await preparePdf(input, signer);
          output = await (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
        } catch (error) {
          assertTyped(error, `signing ${context}`);
          outcomes.refused += 1;
          return;
        }
        // Signed: the original bytes come first, untouched, and the new signature verifies over them.
        assert.ok(Buffer.from(output.subarray(0, input.length)).equals(Buffer.from(input)), context);
        const report = await verifyPdf(output, { trustedRoots: [signer.rootPem] });
        assert.equal(report.signatures.at(-1)?.valid, true, `${context}: ${report.signatures.at(-1)?.problem}`);
        outcomes.signed += 1;
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261202), numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    console.log(`pdf fuzz: ${outcomes.signed} signed and valid, ${outcomes.refused} refused with a typed error`);
  });
});
