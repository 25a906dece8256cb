// The cost of level B-T: the sandbox TSA's latency over loopback HTTP beside OpenSSL's own TSA
// (`openssl ts -reply`, the peer, with the same key and certificate), and a PDF's finish at B-T
// beside B-B (the difference is one TSA round trip and a larger placeholder). Run from the sources:
//   node --conditions=source --import tsx bench/timestamp.mjs [--repeats 50]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePdf } from '@smartca-kit/documents';
import { startSandboxServer } from '@smartca-kit/sandbox/node';
import { goal, positiveInt, printTable } from './report.mjs';

const repeats = process.argv.includes('--repeats')
  ? positiveInt('repeats', process.argv[process.argv.indexOf('--repeats') + 1])
  : 50;
const dir = mkdtempSync(join(tmpdir(), 'smartca-bench-tsa-'));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const time = async (fn) => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const server = await startSandboxServer({ port: 0, autoApproveMs: 0 });
const { sandbox } = server;
const pem = (der) =>
  `-----BEGIN ${der.kind}-----\n${der.b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${der.kind}-----\n`;
const tsa = sandbox.state.authority.tsa;
writeFileSync(join(dir, 'tsa.pem'), pem({ kind: 'CERTIFICATE', b64: tsa.certDer }));
writeFileSync(join(dir, 'tsa.key'), pem({ kind: 'PRIVATE KEY', b64: tsa.keyPkcs8 }));
writeFileSync(join(dir, 'data'), 'benchmark');
writeFileSync(
  join(dir, 'ts.cnf'),
  `[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = ${join(dir, 'serial')}\n` +
    'default_policy = 1.2.3.4\ndigests = sha256\naccuracy = secs:1\ness_cert_id_alg = sha256\nsigner_digest = sha256\n',
);
writeFileSync(join(dir, 'serial'), '01\n');
const queryPath = join(dir, 'q.tsq');
execFileSync('openssl', ['ts', '-query', '-data', join(dir, 'data'), '-sha256', '-cert', '-out', queryPath]);
const query = readFileSync(queryPath);

const ours = [];
for (let i = 0; i < repeats; i++) {
  ours.push(
    await time(async () => {
      const response = await fetch(`${server.url}/tsa`, {
        method: 'POST',
        body: query,
        headers: { 'content-type': 'application/timestamp-query' },
      });
      await response.arrayBuffer();
    }),
  );
}
const peer = [];
for (let i = 0; i < Math.min(repeats, 20); i++) {
  peer.push(
    await time(() =>
      execFileSync(
        'openssl',
        [
          'ts',
          '-reply',
          '-config',
          join(dir, 'ts.cnf'),
          '-queryfile',
          queryPath,
          '-inkey',
          join(dir, 'tsa.key'),
          '-signer',
          join(dir, 'tsa.pem'),
          '-out',
          join(dir, 'r.tsr'),
        ],
        { stdio: 'ignore' },
      ),
    ),
  );
}

// Finish at B-B and B-T with the same signer (a seeded user's key, signed locally: no approval round trip).
const cert = sandbox.state.certificates.find((c) => c.userId === '079088000003');
const { signDigest } = await import('../packages/sandbox/src/pki/digest-signer.ts');
const der = Buffer.from(cert.certDer, 'base64');
const chain = [Buffer.from(sandbox.state.authority.issuing.certDer, 'base64')];
const { simplePdf } = await import('../test/support/pdf-fixtures.ts');
const pdf = await simplePdf();
const finishes = { 'B-B': [], 'B-T': [] };
const sizes = {};
for (const level of ['B-B', 'B-T']) {
  for (let i = 0; i < Math.min(repeats, 20); i++) {
    const prepared = await preparePdf(pdf, { der, chain }, { level, tsa: { url: `${server.url}/tsa` } });
    const signature = await signDigest(cert.keyPkcs8, prepared.digestToSign);
    let bytes;
    finishes[level].push(
      await time(async () => {
        bytes = await (await prepared.finish(signature)).toBytes();
      }),
    );
    sizes[level] = bytes.length;
  }
}
await server.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `RFC 3161 timestamps and PAdES B-T, medians of ${repeats} (TSA) and ${finishes['B-T'].length} (finish) runs\n`,
);
printTable(
  ['what', 'median', 'note'],
  [
    ['sandbox /tsa, HTTP on loopback', `${median(ours).toFixed(1)} ms`, 'in-process server, RSA-2048 SHA-256'],
    ['peer: openssl ts -reply', `${median(peer).toFixed(1)} ms`, 'includes process start'],
    ['finish at B-B', `${median(finishes['B-B']).toFixed(1)} ms`, `${sizes['B-B']} bytes`],
    ['finish at B-T', `${median(finishes['B-T']).toFixed(1)} ms`, `${sizes['B-T']} bytes`],
  ],
);
console.log('\nGoals:');
goal('sandbox TSA answers within 20 ms (median)', median(ours) <= 20, `${median(ours).toFixed(1)} ms`);
goal(
  'sandbox TSA no slower than the openssl peer',
  median(ours) <= median(peer),
  `${median(ours).toFixed(1)} vs ${median(peer).toFixed(1)} ms`,
);
goal(
  'B-T adds at most 30 ms to finish against a loopback TSA',
  median(finishes['B-T']) - median(finishes['B-B']) <= 30,
  `+${(median(finishes['B-T']) - median(finishes['B-B'])).toFixed(1)} ms`,
);
