// The demo behind `npm start`: a public-service portal ("Cổng dịch vụ công") where a citizen fills in
// a birth-registration request, reviews it as a PDF and signs it with <smartca-sign>; a citizen out of
// turns buys a pack in place and the signature carries on. One process runs the three parts:
//   - the SmartCA sandbox (with its virtual phone at /phone),
//   - the relay, which holds the partner credentials (SP769 and the commerce gateway), mints session
//     tokens and, once a signature is verified, has the portal finish the PDF,
//   - the portal: static pages, its small API, and the relay mounted at /smartca.
//
//   npm start                                  # build, then serve
//   npm start -- --port 8080 --sandbox-port 8769 --auto-approve 2000
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { base64ToBytes, bytesToBase64, createSmartCA } from '@smartca-kit/sdk';
import { createRelay, toNodeListener } from '@smartca-kit/sdk/relay';
import { startSandboxServer } from '@smartca-kit/sandbox/node';
import { ApplicationStore, readApplication } from './applications.mjs';

const PUBLIC = new URL('./public/', import.meta.url);
const BUNDLE = new URL('../../packages/elements/dist/smartca-elements.min.js', import.meta.url);
const DOCUMENTS_BUNDLE = new URL('../../packages/documents/dist/smartca-documents.min.js', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const STATIC = { '/': 'index.html', '/portal.css': 'portal.css', '/portal.js': 'portal.js',
  '/ky-tep': 'ky-tep.html', '/ky-tep.js': 'ky-tep.js' };
const DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Starts the sandbox, the relay and the portal. Ports 0 pick free ones (tests); `autoApproveMs`
 * approves every request after that delay instead of waiting for the phone.
 * Returns the portal's and the phone's URLs and a `close()`.
 */
export async function startPortal({ port = 8080, sandboxPort = 8769, host = '127.0.0.1', autoApproveMs } = {}) {
  const sandbox = await startSandboxServer({ port: sandboxPort, host, autoApproveMs });
  const trustedRoots = [sandbox.sandbox.rootCertificatePem];
  // A commercial partner: signing costs turns, so the citizen with 0 turns shows the buy flow. The
  // gateway credentials reach the commerce API (balance, turn packs, orders).
  const smartca = createSmartCA({ environment: sandbox.url, trustedRoots,
    credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
    gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' } });
  const applications = new ApplicationStore(smartca);
  // Created once the portal's port (hence its origin) is known.
  let relay;
  let relayListener;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    if (url.pathname.startsWith('/smartca/')) return relayListener(req, res);
    try {
      const answer = await route(req, url);
      res.writeHead(answer.status ?? 200, { ...securityHeaders(sandbox.url), ...answer.headers });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error?.message ?? error) }));
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const portalUrl = `http://${host}:${server.address().port}`;
  // Browsers send the origin as typed: allow both spellings of the loopback address.
  const origins = [portalUrl, portalUrl.replace('127.0.0.1', 'localhost')];
  relay = createRelay({ client: smartca, sessionSecret: randomBytes(32).toString('base64url'), allowedOrigins: origins,
    basePath: '/smartca', onSigned: finishSignedPdf });
  relayListener = toNodeListener(relay.fetch);

  async function route(req, url) {
    if (req.method === 'GET' && STATIC[url.pathname]) return file(new URL(STATIC[url.pathname], PUBLIC));
    if (req.method === 'GET' && url.pathname === '/smartca-elements.min.js') return file(BUNDLE);
    if (req.method === 'GET' && url.pathname === '/smartca-documents.min.js') return file(DOCUMENTS_BUNDLE);
    if (req.method === 'GET' && url.pathname === '/api/config') return json({ sandboxUrl: sandbox.url });
    // "Sign a PDF of your own" (/ky-tep): the page prepares the PDF itself, so it needs the signer's
    // certificate first, then a token bound to the digest it computed. A real portal takes the user
    // from its login, never from the page; this demo has no login.
    if (req.method === 'GET' && url.pathname === '/api/signer-certificate') {
      const userId = url.searchParams.get('userId') ?? '';
      if (!/^\d{12}$/.test(userId)) return json({ error: 'Số CCCD phải gồm 12 chữ số.' }, 422);
      const certificate = await smartca.certificates.signer({ userId }).catch((e) => ({ error: e }));
      if (certificate.error) return json({ error: `Không lấy được chứng thư số của công dân: ${certificate.error.message}` }, 422);
      return json({ certificate: bytesToBase64(certificate.der), chain: certificate.chain.map((c) => bytesToBase64(c)),
        commonName: certificate.commonName ?? null });
    }
    if (req.method === 'POST' && url.pathname === '/api/uploads') {
      const { userId, name, digest } = await readJson(req);
      if (typeof userId !== 'string' || !/^\d{12}$/.test(userId)) return json({ error: 'Số CCCD phải gồm 12 chữ số.' }, 422);
      if (typeof digest !== 'string' || !DIGEST.test(digest)) return json({ error: 'Mã băm SHA-256 không hợp lệ.' }, 422);
      const title = typeof name === 'string' && name.trim() ? name.trim().slice(0, 120) : 'Tài liệu PDF';
      const docId = `TL-${randomBytes(6).toString('hex').toUpperCase()}`;
      const session = await relay.createSession({ userId, description: `Ký số tệp ${title}`,
        documents: [{ docId, digest: base64ToBytes(digest), name: title, fileType: 'pdf' }] });
      return json({ docId, session }, 201);
    }
    if (req.method === 'POST' && url.pathname === '/api/applications') {
      const { values, error } = readApplication(await readJson(req));
      if (error) return json({ error }, 422);
      const created = await applications.create(values).catch((e) => ({ error: e }));
      if (created.error) return json({ error: `Không lấy được chứng thư số của công dân: ${created.error.message}` }, 422);
      return json(await view(created), 201);
    }
    const match = /^\/api\/applications\/([\w-]+)(\/application\.pdf|\/signed\.pdf)?$/.exec(url.pathname);
    const application = match && applications.get(match[1]);
    if (!application) return json({ error: 'Không tìm thấy hồ sơ.' }, 404);
    // After a reload (or the payment page's redirect) the page asks again, and gets a fresh token
    // bound to the same prepared PDF.
    if (req.method === 'GET' && !match[2]) return json(await view(application));
    if (req.method === 'GET' && match[2] === '/application.pdf') return pdf(application.pdf, `${application.docId}.pdf`, 'inline');
    if (req.method === 'GET' && match[2] === '/signed.pdf' && application.signed) {
      return pdf(application.signed.pdf, `${application.docId}-da-ky.pdf`, 'attachment');
    }
    return json({ error: 'Không tìm thấy.' }, 404);
  }

  /**
   * The relay's hook: a verified signature for one of our applications. Finish its PDF and tell the
   * widget where to download it. The token was minted here for that application's user and digest,
   * and `finish` checks the signature again over the prepared signed attributes.
   */
  async function finishSignedPdf({ claims, result }) {
    const application = applications.get(claims.documents[0]?.docId ?? '');
    if (!application || application.values.userId !== claims.userId) return undefined;
    await applications.finish(application.docId, result);
    return { url: `/api/applications/${application.docId}/signed.pdf`, name: `${application.docId}-da-ky.pdf` };
  }

  async function view(application) {
    const session = await relay.createSession({ userId: application.values.userId, description: 'Tờ khai đăng ký khai sinh',
      documents: [{ docId: application.docId, digest: application.digest, name: 'Tờ khai đăng ký khai sinh', fileType: 'pdf' }] });
    const signed = application.signed && { signer: application.signed.signer, serialNumber: application.signed.serialNumber,
      url: `/api/applications/${application.docId}/signed.pdf` };
    return { docId: application.docId, userId: application.values.userId, session,
      pdfUrl: `/api/applications/${application.docId}/application.pdf`, signed: signed ?? null };
  }

  return {
    url: portalUrl,
    phoneUrl: `${sandbox.url}/phone`,
    sandbox,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}

/** The portal's own strict CSP: no inline script or style anywhere, the phone allowed as a frame. */
function securityHeaders(sandboxUrl) {
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; `
      + `img-src 'self' data:; frame-src 'self' ${sandboxUrl}; object-src 'none'; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

async function file(url) {
  const path = fileURLToPath(url);
  return { headers: { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' },
    body: await readFile(path) };
}

function pdf(bytes, name, disposition) {
  return { headers: { 'content-type': 'application/pdf', 'cache-control': 'no-store',
    'content-disposition': `${disposition}; filename="${name}"` }, body: Buffer.from(bytes) };
}

function json(value, status = 200) {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(value) };
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'sandbox-port': { type: 'string' },
    host: { type: 'string' }, 'auto-approve': { type: 'string' } } });
  const portal = await startPortal({ port: Number(values.port ?? 8080), sandboxPort: Number(values['sandbox-port'] ?? 8769),
    host: values.host ?? '127.0.0.1',
    autoApproveMs: values['auto-approve'] === undefined ? undefined : Number(values['auto-approve']) });
  console.log('Cổng dịch vụ công (demo) with <smartca-sign>');
  console.log(`  portal: ${portal.url}/      (or ${portal.url}/ky-tep to sign a PDF of your own, prepared in the browser)`);
  console.log(`  phone:  ${portal.phoneUrl}      (the virtual SmartCA app: approve or reject there)`);
  console.log(`  relay:  ${portal.url}/smartca   sandbox: ${portal.sandbox.url}`);
  console.log('Citizens (CCCD): 001099000001 Nguyễn Văn An, 5 turns; 079088000003 Lê Hoàng Cường, unlimited;');
  console.log('                 001199000002 Trần Thị Bình, 0 turns (buys a turn pack in place, then signs).');
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void portal.close().then(() => process.exit(0)));
}
