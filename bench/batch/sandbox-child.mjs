// The sandbox in its own process, as SmartCA is a service of its own: approves every transaction after
// `--auto-approve` ms and prints its URL. Stops when its parent closes stdin.
import { startSandboxServer } from '@smartca-kit/sandbox/node';

const server = await startSandboxServer({ port: 0, autoApproveMs: Number(process.argv[2] ?? 0) });
process.stdout.write(`${JSON.stringify({ url: server.url, root: server.sandbox.rootCertificatePem })}\n`);
process.stdin.resume();
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
