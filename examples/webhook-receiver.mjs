// Receive SmartCA's SP769 webhook so that `tx.wait()` resolves the moment the user approves, instead of
// at the next poll. Runs against the sandbox; with VNPT, register this URL with VNPT instead.
//
//   npm run sandbox                        # terminal 1: the sandbox
//   node examples/webhook-receiver.mjs     # terminal 2: then approve at http://127.0.0.1:8769/phone
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createSmartCA, SmartCAError } from '@smartca-kit/sdk';

const endpoint = process.env.SMARTCA_ENDPOINT ?? 'http://127.0.0.1:8769';
const smartca = createSmartCA({
  environment: endpoint,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  trustedRoots: [await (await fetch(`${endpoint}/_sandbox/ca.pem`)).text()],
});

// 1. The partner backend's webhook endpoint. Feed the raw body to the SDK; it verifies what it can
//    (SP769 webhooks are not signed by VNPT, so a "signed" body is checked against the certificate).
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    try {
      const { event, matched } = smartca.webhooks.receiveSp769(body);
      console.log(`webhook: ${event.transactionId} ${event.status}${matched ? '' : ' (no waiter)'}`);
      res.writeHead(200).end();
    } catch (error) {
      res.writeHead(400).end(error instanceof SmartCAError ? error.message : 'bad request');
    }
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const webhookUrl = `http://127.0.0.1:${server.address().port}/smartca/webhook`;

// 2. Register it (VNPT does this out of band; the sandbox has an admin endpoint for it).
await fetch(`${endpoint}/_sandbox/partners/sandbox-partner/webhook`, {
  method: 'PUT',
  body: JSON.stringify({ url: webhookUrl }),
});

// 3. Sign and wait: the webhook wakes the wait; polling stays on as the fallback.
const tx = await smartca.signatures.sign({
  userId: '079088000003',
  documents: [{ docId: 'HD-42', digest: randomBytes(32) }],
});
console.log(`approve HD-42 at ${endpoint}/phone?user=079088000003`);
const result = await tx.wait();
console.log(`signed: ${result.signatures.length} signature(s), verified against ${result.certificate.serialNumber}`);
server.close();
