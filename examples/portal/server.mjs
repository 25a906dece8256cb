// The demo behind `npm start`: a public-service portal ("Cổng dịch vụ công") where a citizen fills in
// a birth-registration request, reviews it as a PDF and signs it with <smartca-sign>; a citizen out of
// turns buys a pack in place and the signature carries on. One process runs the three parts:
//   - the SmartCA sandbox (with its virtual phone at /phone),
//   - the relay, which holds the partner credentials (SP769 and the commerce gateway), mints session
//     tokens and, once a signature is verified, has the portal finish the PDF,
//   - the portal: static pages, its small API, and the relay mounted at /smartca.
//
//   npm start                                  # build, then serve
//   npm start -- --port 8080 --sandbox-port 8769 --auto-approve 2000 --ttl 120
//   PORT=8080 SANDBOX_PORT=8769 npm start       # the same ports, from the environment
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { base64ToBytes, bytesToBase64, createSmartCA, isSmartCAError } from '@smartca-kit/sdk';
import { createRelay, toNodeListener } from '@smartca-kit/sdk/relay';
import { startSandboxServer } from '@smartca-kit/sandbox/node';
import { accessCookie, checkFileLink, fileLink, holdsAccess } from './application-access.mjs';
import { ApplicationStore, CertificateRefusedError, readApplication, userIdProblem } from './applications.mjs';
import { faviconIco } from './favicon.mjs';
import { closeUnread, PortalRequestError, readJsonObject, skipBody } from './request-body.mjs';

const PUBLIC = new URL('./public/', import.meta.url);
const BUNDLE = new URL('../../packages/elements/dist/smartca-elements.min.js', import.meta.url);
const DOCUMENTS_BUNDLE = new URL('../../packages/documents/dist/smartca-documents.min.js', import.meta.url);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
const STATIC = {
  '/': 'index.html',
  '/portal.css': 'portal.css',
  '/portal.js': 'portal.js',
  '/ky-tep': 'ky-tep.html',
  '/ky-tep.js': 'ky-tep.js',
};
const DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Starts the sandbox, the relay and the portal. Ports 0 pick free ones (tests); `autoApproveMs`
 * approves every request after that delay instead of waiting for the phone; `ttlSeconds` is how long
 * a request waits in the app (default 300, SmartCA's five minutes); `bodyTimeoutMs` is how long the
 * portal's API and its relay wait for a request body (default 10 s).
 * Returns the portal's and the phone's URLs and a `close()`. A port in use rejects with
 * {@link PortInUseError}.
 */
export async function startPortal({
  port = 8080,
  sandboxPort = 8769,
  host = '127.0.0.1',
  autoApproveMs,
  ttlSeconds,
  bodyTimeoutMs = 10_000,
} = {}) {
  const sandbox = await startSandboxServer({
    port: sandboxPort,
    host,
    autoApproveMs,
    transactionTtlSeconds: ttlSeconds,
  }).catch((error) => {
    throw portInUse(error, 'sandbox', sandboxPort);
  });
  const trustedRoots = [sandbox.sandbox.rootCertificatePem];
  // A commercial partner: signing costs turns, so the citizen with 0 turns shows the buy flow. The
  // gateway credentials reach the commerce API (balance, turn packs, orders).
  const smartca = createSmartCA({
    environment: sandbox.url,
    trustedRoots,
    credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
    gateway: { clientId: 'sandbox-partner', clientSecret: 'sandbox-secret' },
    ...(ttlSeconds ? { approvalWindowMs: ttlSeconds * 1000 } : {}),
  });
  const applications = new ApplicationStore(smartca);
  // Created once the portal's port (hence its origin) is known.
  let relay;
  let relayListener;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    if (url.pathname.startsWith('/smartca/')) return relayListener(req, res);
    let answer;
    try {
      answer = await route(req, url);
    } catch (error) {
      if (!(error instanceof PortalRequestError)) console.error(error);
      answer =
        error instanceof PortalRequestError
          ? apiError(error.status, error.code, error.messages)
          : apiError(500, 'PORTAL_INTERNAL_ERROR', {
              vi: 'Máy chủ cổng dịch vụ công gặp lỗi nội bộ.',
              en: 'The portal hit an internal error.',
            });
    }
    res.writeHead(answer.status ?? 200, { ...securityHeaders(sandbox.url), ...answer.headers });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    // A body left unread (refused at its limit) is not drained: the connection closes a moment later.
    if (!req.complete) closeUnread(req);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  }).catch(async (error) => {
    await sandbox.close();
    throw portInUse(error, 'portal', port);
  });
  const portalUrl = `http://${host}:${server.address().port}`;
  // Browsers send the origin as typed: allow both spellings of the loopback address.
  const origins = [portalUrl, portalUrl.replace('127.0.0.1', 'localhost')];
  relay = createRelay({
    client: smartca,
    sessionSecret: randomBytes(32).toString('base64url'),
    allowedOrigins: origins,
    basePath: '/smartca',
    onSigned: finishSignedPdf,
    bodyTimeoutSeconds: bodyTimeoutMs / 1000,
  });
  const limits = { timeoutMs: bodyTimeoutMs };
  relayListener = toNodeListener(relay.fetch);

  async function route(req, url) {
    // Every /api route reads its body within the same limits; a route that takes none still refuses one.
    const body =
      url.pathname.startsWith('/api/') && req.method === 'POST'
        ? await readJsonObject(req, limits)
        : await skipBody(req, limits);
    // HEAD is GET without the body (writeHead above drops it).
    const reads = req.method === 'GET' || req.method === 'HEAD';
    if (reads && STATIC[url.pathname]) return file(new URL(STATIC[url.pathname], PUBLIC));
    if (reads && url.pathname === '/favicon.ico') {
      return { headers: { 'content-type': 'image/x-icon', 'cache-control': 'max-age=86400' }, body: faviconIco() };
    }
    if (reads && url.pathname === '/smartca-elements.min.js') return file(BUNDLE);
    if (reads && url.pathname === '/smartca-documents.min.js') return file(DOCUMENTS_BUNDLE);
    if (reads && url.pathname === '/api/config') return json({ sandboxUrl: sandbox.url });
    // A page that does not exist is a page, in the portal's words; the API keeps answering JSON.
    if (!url.pathname.startsWith('/api/')) return notFoundPage();
    // "Sign a PDF of your own" (/ky-tep): the page prepares the PDF itself, so it needs the signer's
    // certificate first, then a token bound to the digest it computed. A real portal takes the user
    // from its login, never from the page; this demo has no login.
    if (req.method === 'GET' && url.pathname === '/api/signer-certificate') {
      const userId = url.searchParams.get('userId') ?? '';
      const problem = userIdProblem(userId);
      if (problem) return fieldError('userId', problem);
      const certificate = await smartca.certificates.signer({ userId }).catch((e) => ({ error: e }));
      if (certificate.error) return citizenError(certificate.error);
      return json({
        certificate: bytesToBase64(certificate.der),
        chain: certificate.chain.map((c) => bytesToBase64(c)),
        commonName: certificate.commonName ?? null,
      });
    }
    if (req.method === 'POST' && url.pathname === '/api/uploads') {
      const { userId, name, digest } = body;
      const problem = userIdProblem(userId);
      if (problem) return fieldError('userId', problem);
      if (typeof digest !== 'string' || !DIGEST.test(digest)) {
        return fieldError('digest', 'Mã băm cần ký phải là 32 byte SHA-256 viết bằng base64 (44 ký tự).');
      }
      const title = typeof name === 'string' && name.trim() ? name.trim().slice(0, 120) : 'Tài liệu PDF';
      const docId = `TL-${randomBytes(6).toString('hex').toUpperCase()}`;
      const session = await relay.createSession({
        userId,
        description: `Ký số tệp ${title}`,
        documents: [{ docId, digest: base64ToBytes(digest), name: title, fileType: 'pdf' }],
      });
      return json({ docId, session }, 201);
    }
    if (req.method === 'POST' && url.pathname === '/api/applications') {
      const { values, error, field } = readApplication(body);
      if (error) return fieldError(field, error);
      const created = await applications.create(values).catch((e) => ({ error: e }));
      if (created.error) return citizenError(created.error);
      // The filing browser, and only it, may read the application back (application-access.mjs).
      const answer = json(await view(created), 201);
      answer.headers['set-cookie'] = accessCookie(created.docId, created.accessKey, {
        secure: portalUrl.startsWith('https:'),
      });
      return answer;
    }
    const match = /^\/api\/applications\/([\w-]+)(?:\/(application\.pdf|signed\.pdf))?$/.exec(url.pathname);
    const application = match && applications.get(match[1]);
    if (!application || req.method !== 'GET') return notFound();
    // After a reload (or the payment page's redirect) the page asks again, and gets a fresh token
    // bound to the same prepared PDF, and fresh links; but only from the browser holding the key.
    if (!match[2]) return holdsAccess(req, application) ? json(await view(application)) : notFound();
    const link = checkFileLink(application, match[2], url);
    if (link === 'expired') {
      return apiError(410, 'LINK_EXPIRED', {
        vi: 'Liên kết tải tệp đã hết hạn. Vui lòng tải lại trang.',
        en: 'The download link has expired. Reload the page.',
      });
    }
    if (link !== 'valid') return notFound();
    if (match[2] === 'application.pdf') return pdf(application.pdf, `${application.docId}.pdf`, 'inline');
    if (application.signed) return pdf(application.signed.pdf, `${application.docId}-da-ky.pdf`, 'attachment');
    return notFound();
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
    return { url: fileLink(application, 'signed.pdf'), name: `${application.docId}-da-ky.pdf` };
  }

  async function view(application) {
    const session = await relay.createSession({
      userId: application.values.userId,
      description: 'Tờ khai đăng ký khai sinh',
      documents: [
        { docId: application.docId, digest: application.digest, name: 'Tờ khai đăng ký khai sinh', fileType: 'pdf' },
      ],
    });
    const signed = application.signed && {
      signer: application.signed.signer,
      serialNumber: application.signed.serialNumber,
      signedAt: application.signed.signedAt,
      turnsLeft: await turnsLeft(application.values.userId),
      url: fileLink(application, 'signed.pdf'),
    };
    return {
      docId: application.docId,
      userId: application.values.userId,
      session,
      pdfUrl: fileLink(application, 'application.pdf'),
      signed: signed ?? null,
    };
  }

  /** The citizen's signing turns now, for the done page: a number, 'unlimited', or null if SmartCA did not say. */
  async function turnsLeft(userId) {
    const balances = await smartca.packages.balance({ userId }).catch(() => []);
    const personal = balances.find((b) => b.serviceType === 'SMARTCA') ?? balances[0];
    if (!personal) return null;
    return personal.billing === 'unlimited' ? 'unlimited' : personal.availableTurns;
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
    'content-security-policy':
      `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; ` +
      `img-src 'self' data:; frame-src 'self' ${sandboxUrl}; object-src 'none'; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

async function file(url) {
  const path = fileURLToPath(url);
  return {
    headers: { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' },
    body: await readFile(path),
  };
}

function pdf(bytes, name, disposition) {
  return {
    headers: {
      'content-type': 'application/pdf',
      'cache-control': 'no-store',
      'content-disposition': `${disposition}; filename="${name}"`,
    },
    body: Buffer.from(bytes),
  };
}

function json(value, status = 200) {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  };
}

/** A typed API error: `error` is the Vietnamese text the pages show, `code` is for programs. */
function apiError(status, code, message) {
  return json({ error: message.vi, code, message }, status);
}

/** A field the citizen must correct: `field` names it, the text says what is expected. */
function fieldError(field, vi) {
  return json({ error: vi, code: 'FIELD_INVALID', field }, 422);
}

/**
 * What went wrong with SmartCA, as the citizen reads it: the SDK error's message for people
 * (`userMessages`), never its developer text, which goes to the log with the request id.
 */
function citizenError(error) {
  if (error instanceof CertificateRefusedError)
    return json({ error: error.message, code: error.code, field: error.field }, 422);
  if (!isSmartCAError(error)) throw error;
  console.error(`SmartCA ${error.code}${error.requestId ? ` (request ${error.requestId})` : ''}: ${error.message}`);
  // SmartCA answers an unknown citizen ID as a credentials refusal: the field to correct is the ID.
  const field = error.code === 'SP_CREDENTIAL_INVALID' ? 'userId' : undefined;
  return json(
    { error: error.userMessages.vi, code: error.code, message: error.userMessages, ...(field ? { field } : {}) },
    422,
  );
}

/** An address that is no page of the portal: an HTML page in its words, with a way back. */
function notFoundPage() {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không tìm thấy trang – Cổng dịch vụ công (thử nghiệm)</title><link rel="stylesheet" href="/portal.css"></head>
<body><header class="masthead"><p class="brand">Cổng Dịch vụ công <span class="demo">Bản thử nghiệm</span></p></header>
<main class="notice"><h1>Không tìm thấy trang</h1><p>Địa chỉ này không có trên cổng dịch vụ công. Có thể liên kết đã cũ hoặc gõ nhầm.</p>
<p><a class="primary" href="/">Về trang đăng ký khai sinh</a></p></main></body></html>`,
  };
}

/** The same answer for an application that does not exist and one the browser may not see. */
function notFound() {
  return apiError(404, 'APPLICATION_NOT_FOUND', { vi: 'Không tìm thấy hồ sơ.', en: 'No such application.' });
}

/** A port another program holds: which part of the portal wanted it, and how to pick another. */
export class PortInUseError extends Error {
  constructor(part, port) {
    const flag = part === 'sandbox' ? '--sandbox-port' : '--port';
    const variable = part === 'sandbox' ? 'SANDBOX_PORT' : 'PORT';
    super(
      `Cổng ${port} đang được chương trình khác dùng (${part === 'sandbox' ? 'sandbox SmartCA' : 'cổng dịch vụ công'}). ` +
        `Chọn cổng khác: npm start -- ${flag} ${port + 1}, hoặc ${variable}=${port + 1} npm start. ` +
        `(Port ${port} is in use: pass ${flag} or set ${variable}.)`,
    );
    this.code = 'EADDRINUSE';
    this.part = part;
    this.port = port;
  }
}

function portInUse(error, part, port) {
  return error?.code === 'EADDRINUSE' ? new PortInUseError(part, port) : error;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      host: { type: 'string' },
      'auto-approve': { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  const portal = await startPortal({
    port: Number(values.port ?? process.env.PORT ?? 8080),
    sandboxPort: Number(values['sandbox-port'] ?? process.env.SANDBOX_PORT ?? 8769),
    host: values.host ?? '127.0.0.1',
    ttlSeconds,
    autoApproveMs: values['auto-approve'] === undefined ? undefined : Number(values['auto-approve']),
  }).catch((error) => {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  console.log('Cổng dịch vụ công (demo) with <smartca-sign>');
  console.log(
    `  portal: ${portal.url}/      (or ${portal.url}/ky-tep to sign a PDF of your own, prepared in the browser)`,
  );
  console.log(`  phone:  ${portal.phoneUrl}      (the virtual SmartCA app: approve or reject there)`);
  console.log(`  relay:  ${portal.url}/smartca   sandbox: ${portal.sandbox.url}`);
  console.log(`  a request waits ${ttlSeconds ?? 300} s in the app (--ttl <seconds>)`);
  console.log('Citizens (CCCD): 001099000001 Nguyễn Văn An, 5 turns; 079088000003 Lê Hoàng Cường, unlimited;');
  console.log('                 001199000002 Trần Thị Bình, 0 turns (buys a turn pack in place, then signs);');
  console.log(
    '                 048195000004 Phạm Thu Dung, expired certificate (refused when filing, with what to do).',
  );
  console.log(
    'State lives in memory: restart to reset it. The examples (examples/*) use this sandbox too and spend these turns.',
  );
  // The docs site is static files, served apart (its playground needs no portal: everything runs in the page).
  const docsSite = fileURLToPath(new URL('../../docs/.vitepress/dist/index.html', import.meta.url));
  console.log(
    existsSync(docsSite)
      ? `Docs site (with a live playground): npm run docs:preview, or open ${docsSite} from any static file server`
      : 'Docs site (with a live playground): npm run docs builds it, npm run docs:dev serves it while you edit',
  );
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => void portal.close().then(() => process.exit(0)));
}
