// One signing run of @smartca-kit/documents, as a fresh process: positioned reads and a 1 MiB-chunk
// hash of the file, the incremental update appended, the output written atomically (kernel copy).
import { preparePdf } from '@smartca-kit/documents';
import { openFileSource, writeSignedDocument } from '@smartca-kit/documents/node';
import { loadSigner } from './raw-signer.mjs';

const [input, output, signerDir] = process.argv.slice(2);
const signer = loadSigner(signerDir);
const source = await openFileSource(input);
const prepared = await preparePdf(source, signer.certificate, { reason: 'Benchmark', location: 'Hà Nội' });
const signed = await prepared.finish(signer.signDigest(prepared.digestToSign));
await writeSignedDocument(signed, output);
await source.close();
