import { parseArgs } from 'node:util';
import { startSandboxServer, StateFileError, type SandboxServer } from './node.js';
import { SEED_PARTNER_SECRET, SEED_USER_PASSWORD } from './seed.js';

const USAGE = `Usage: smartca-sandbox [--port 8769] [--host 127.0.0.1] [--data state.json] [--auto-approve <ms>]
                       [--ttl <seconds>] [--auto-approve-registrations <ms>] [--allow-host <name>]...
                       [--allow-origin <origin>]... [--frame-ancestors "<sources>"] [--public-origin <url>]

A local VNPT SmartCA: SP769 under /sca/sp769, the OAuth2 gateway at /auth and /csc, a virtual phone at /phone.
  --port           TCP port (default 8769; 0 picks a free one)
  --host           interface to bind (default 127.0.0.1)
  --data           keep state (CA, keys, turns, transactions) in this JSON file
  --auto-approve   approve every transaction after this many milliseconds (tests, benchmarks)
  --ttl            approval window in seconds (default 300)
  --auto-approve-registrations
                   approve registration dossiers this many milliseconds after they reach appraisal
  --allow-host     also answer to this Host name (a proxy's, a container's); loopback and the bound
                   address always work, any other name is refused (DNS rebinding). Repeatable
  --allow-origin   let pages of this origin change state through /_sandbox, /phone and /pay. Repeatable
  --frame-ancestors
                   who may frame the virtual phone, as CSP sources
                   (default: "'self' http://localhost:* http://127.0.0.1:*")
  --public-origin  the origin certificates' OCSP, CA-issuer and CRL URLs name (default: the address
                   it listens on); give a proxy's or a container's public http://host:port`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'auto-approve': { type: 'string' },
      ttl: { type: 'string' },
      'auto-approve-registrations': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'allow-origin': { type: 'string', multiple: true },
      'frame-ancestors': { type: 'string' },
      'public-origin': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = numberOption('port', values.port, 8769);
const autoApproveMs =
  values['auto-approve'] === undefined ? undefined : numberOption('auto-approve', values['auto-approve'], 0);
const ttl = numberOption('ttl', values.ttl, 300);
const registrationApprovalMs =
  values['auto-approve-registrations'] === undefined
    ? undefined
    : numberOption('auto-approve-registrations', values['auto-approve-registrations'], 0);

const frameAncestors = values['frame-ancestors']?.split(/\s+/).filter(Boolean);

let running: SandboxServer;
try {
  running = await startSandboxServer({
    port,
    host: values.host ?? '127.0.0.1',
    dataFile: values.data,
    autoApproveMs,
    transactionTtlSeconds: ttl,
    registrationApprovalMs,
    allowedHosts: values['allow-host'],
    allowedOrigins: values['allow-origin'],
    frameAncestors,
    publicOrigin: values['public-origin'],
  });
} catch (error) {
  // A state file that cannot be used is the operator's to fix: say which and why, without a stack.
  if (!(error instanceof StateFileError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const info = running.sandbox.describe();

console.log(`SmartCA sandbox listening on ${running.url}`);
console.log(`  SP769:   ${running.url}/sca/sp769   gateway: ${running.url}/auth/token, ${running.url}/csc/...`);
console.log(`  phone:   ${running.url}/phone       root CA: ${running.url}/_sandbox/ca.pem`);
console.log(
  `  TSA:     ${running.sandbox.trustServiceUrls.tsa}   OCSP: ${running.sandbox.trustServiceUrls.ocsp}   CRLs: ${running.sandbox.trustServiceUrls.issuingCrl}, ${running.sandbox.trustServiceUrls.rootCrl}`,
);
console.log(
  `  commerce (smartca-kit's extension): ${running.url}/commerce/v1/...   outbox: ${running.url}/_sandbox/outbox`,
);
console.log(
  autoApproveMs === undefined ? '  approval: by the virtual phone' : `  approval: automatic after ${autoApproveMs} ms`,
);
console.log(`Partners (sp_id / sp_password = client_id / client_secret):`);
for (const p of info.partners) {
  console.log(
    `  ${p.spId} / ${SEED_PARTNER_SECRET}   ${p.name}${p.publicService ? '  [public service: free turns]' : ''}`,
  );
}
console.log(`Users (SmartCA password: ${SEED_USER_PASSWORD}):`);
for (const u of info.users) {
  const certs = u.certificates
    .map(
      (c) => `${c.serviceType} ${c.status}, ${c.billing === 'unlimited' ? 'unlimited' : `${c.availableTurns} turns`}`,
    )
    .join('; ');
  console.log(`  ${u.userId}  ${u.fullName.padEnd(16)} ${certs}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}

function numberOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}
