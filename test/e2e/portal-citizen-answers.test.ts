import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// What the demo portal answers a citizen who gets something wrong, or whom SmartCA cannot serve: words
// for a citizen, saying what is expected and what to do, in Vietnamese. It used to pass the SDK's
// developer text through ("…The partner credentials (sp_id/sp_password) or the user id were
// refused."), accept a birth in 2099, file an application for an expired certificate (found only at
// signing, with a "Ký lại" that could never work), answer unknown pages with JSON and HEAD / with 404.

interface PortalHandle {
  url: string;
  sandbox: { sandbox: { state: { certificates: Array<{ userId: string; serviceType: string; revoked?: boolean }> } } };
  close(): Promise<void>;
}
const SERVER = fileURLToPath(new URL('../../examples/portal/server.mjs', import.meta.url));
const { startPortal } = (await import(new URL(SERVER, 'file:').href)) as {
  startPortal(options: { port: number; sandboxPort: number }): Promise<PortalHandle>;
};

const FORM = {
  userId: '001099000001',
  requesterName: 'Nguyễn Văn An',
  relationship: 'Cha',
  childName: 'Nguyễn Minh Khôi',
  birthDate: '2026-01-02',
  sex: 'Nam',
  birthPlace: 'Bệnh viện Phụ sản Hà Nội',
};
const ENGLISH_OR_DEVELOPER = /sp_id|sp_password|partner|credentials|HTTP|refused|\bthe\b/i;

interface Refusal {
  error: string;
  code: string;
  field?: string;
}

describe('demo portal: a citizen reads what is expected and what to do, never a developer message', () => {
  let portal: PortalHandle;
  const file = async (changes: Partial<typeof FORM>) => {
    const response = await fetch(`${portal.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...FORM, ...changes }),
    });
    return { status: response.status, body: (await response.json()) as Refusal };
  };

  before(async () => {
    portal = await startPortal({ port: 0, sandboxPort: 0 });
  });
  after(() => portal.close());

  it('an unknown citizen ID: "Không tìm thấy chứng thư số SmartCA của số CCCD này", what to do, no English', async () => {
    const { status, body } = await file({ userId: '001099009999' });
    assert.equal(status, 422);
    assert.match(body.error, /^Không tìm thấy chứng thư số SmartCA của số CCCD này\./);
    assert.match(body.error, /đăng ký/);
    assert.doesNotMatch(body.error, ENGLISH_OR_DEVELOPER);
    assert.equal(body.field, 'userId');
    const upload = await fetch(`${portal.url}/api/signer-certificate?userId=001099009999`);
    const refused = (await upload.json()) as Refusal;
    assert.match(refused.error, /^Không tìm thấy chứng thư số SmartCA/);
    assert.doesNotMatch(refused.error, ENGLISH_OR_DEVELOPER);
  });

  it("an expired certificate is refused when filing, with how to renew and VNPT's number, not at signing", async () => {
    const { status, body } = await file({ userId: '048195000004', requesterName: 'Phạm Thu Dung' });
    assert.equal(status, 422);
    assert.equal(body.code, 'CERTIFICATE_EXPIRED');
    assert.match(body.error, /hết hạn/);
    assert.match(body.error, /ngày \d{2}\/\d{2}\/\d{4}/, 'since when');
    assert.match(body.error, /Gia hạn/);
    assert.match(body.error, /1800 1260/);
  });

  it('a revoked certificate is refused when filing, with what to do, not at signing', async () => {
    const cert = portal.sandbox.sandbox.state.certificates.find(
      (c) => c.userId === '079200000005' && c.serviceType === 'SMARTCA',
    )!;
    cert.revoked = true;
    try {
      const { status, body } = await file({ userId: '079200000005', requesterName: 'Võ Minh Em' });
      assert.equal(status, 422);
      assert.equal(body.code, 'CERTIFICATE_REVOKED');
      assert.match(body.error, /thu hồi/);
      assert.match(body.error, /1800 1260/);
      assert.doesNotMatch(body.error, ENGLISH_OR_DEVELOPER);
    } finally {
      cert.revoked = false;
    }
  });

  it('a birth date after today: "ngày trong quá khứ"; a bad ID: "12 chữ số"; each names its field', async () => {
    const future = await file({ birthDate: '2099-01-01' });
    assert.equal(future.status, 422);
    assert.equal(future.body.field, 'birthDate');
    assert.match(future.body.error, /ngày trong quá khứ/);
    const notADate = await file({ birthDate: '2026-02-30' });
    assert.equal(notADate.body.field, 'birthDate');
    const shortId = await file({ userId: '12345' });
    assert.equal(shortId.body.field, 'userId');
    assert.match(shortId.body.error, /12 chữ số/);
    assert.doesNotMatch(shortId.body.error, /giá trị không hợp lệ/);
  });

  it("a name that is not the certificate's (tone marks missing) is refused, and the certificate's name is said", async () => {
    const { status, body } = await file({ requesterName: 'Nguyen Van An' });
    assert.equal(status, 422);
    assert.equal(body.field, 'requesterName');
    assert.match(body.error, /Nguyễn Văn An/);
    assert.match(body.error, /dấu/);
    const spaced = await file({ requesterName: '  nguyễn   văn  an ' });
    assert.equal(spaced.status, 201, "case and spacing are not the citizen's mistake");
  });

  it('unknown pages are an HTML 404 in Vietnamese; HEAD / is 200; favicon.ico is an icon; /api stays JSON', async () => {
    const page = await fetch(`${portal.url}/khong-co-trang-nay`);
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /Không tìm thấy trang/);
    const head = await fetch(`${portal.url}/`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.match(head.headers.get('content-type') ?? '', /^text\/html/);
    const icon = await fetch(`${portal.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/x-icon');
    const bytes = new Uint8Array(await icon.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
    const api = await fetch(`${portal.url}/api/khong-co`);
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /json/);
  });
});

describe('demo portal: starting it', () => {
  let blocker: Server;
  let port: number;
  before(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
    // From the sources, as this suite imports them (the journeys run the built packages instead).
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', SERVER, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/State lives in memory/.test(out)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
  }

  it('a port in use: one sentence naming the flag and PORT, no stack trace, exit code 1', async () => {
    const { code, out } = await run(['--port', String(port), '--sandbox-port', '0']);
    assert.equal(code, 1, out);
    assert.match(out, new RegExp(`${port}`));
    assert.match(out, /--port/);
    assert.match(out, /PORT=/);
    assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');
  });

  it('the sandbox port in use names --sandbox-port and SANDBOX_PORT', async () => {
    const { code, out } = await run(['--port', '0', '--sandbox-port', String(port)]);
    assert.equal(code, 1, out);
    assert.match(out, /--sandbox-port/);
    assert.match(out, /SANDBOX_PORT=/);
    assert.doesNotMatch(out, /\n\s+at /);
  });

  it('PORT and SANDBOX_PORT set the ports; --ttl sets the approval window', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const { out } = await run(['--ttl', '60'], { PORT: String(free), SANDBOX_PORT: '0' });
    assert.match(out, new RegExp(`portal: http://127\\.0\\.0\\.1:${free}/`), out);
    assert.match(out, /60 s/, 'the approval window is printed');
  });
});
