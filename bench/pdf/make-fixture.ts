// Writes a valid PDF of the given size (bytes) to a path; run with `node --import tsx`. Shares the
// generator the tests use (scripts/fixtures), so the benchmark signs the same kind of file the tests check.
import { writeLargePdf } from '../../scripts/fixtures/large-pdf.js';

const [path, bytes] = process.argv.slice(2);
if (!path || !bytes) throw new Error('usage: make-fixture.ts <path> <bytes>');
await writeLargePdf(path, Number(bytes));
