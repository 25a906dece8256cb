/** The virtual phone page. Plain HTML and a same-origin script, so it runs under a strict CSP. */
export const PHONE_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SmartCA – điện thoại ảo (sandbox)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#eef2f7;color:#102a43}
main{max-width:420px;margin:0 auto;padding:16px}
h1{font-size:1.2rem;color:#0b5cad} label{display:block;margin:8px 0}
select,input{width:100%;padding:8px;font-size:1rem;box-sizing:border-box} h2{font-size:1rem}
.message{background:#fff;border-left:4px solid #0b5cad;padding:8px 12px;margin:8px 0;white-space:pre-wrap}
article{background:#fff;border-radius:12px;padding:12px;margin:12px 0;box-shadow:0 1px 3px #0002;overflow-wrap:anywhere}
.docs{font-family:ui-monospace,monospace;font-size:.9rem} .docs span{white-space:nowrap}
.meta{color:#486581;font-size:.85rem}
button{font-size:1rem;padding:8px 16px;margin-right:8px;border-radius:8px;border:0;cursor:pointer}
.approve{background:#0b5cad;color:#fff} .reject{background:#d64545;color:#fff}
</style></head>
<body><main>
<h1>VNPT SmartCA <small>– điện thoại ảo (sandbox)</small></h1>
<label>Thuê bao <select id="user"></select></label>
<div role="status" aria-live="polite" id="status"></div>
<section id="list" aria-label="Giao dịch chờ xác nhận"></section>
<h2>Thông báo, SMS và email</h2>
<label>Hoặc số điện thoại (xem SMS trước khi kích hoạt) <input id="phone" inputmode="tel" autocomplete="off"></label>
<section id="inbox" aria-label="Thông báo, SMS và email"></section>
</main><script type="module" src="/phone/app.js"></script></body></html>`;

/**
 * The page's script: lists waiting transactions every second (keyed, so cards stay put between polls),
 * approves or rejects on click.
 */
export const PHONE_SCRIPT = `const userSelect = document.getElementById('user');
const list = document.getElementById('list');
const status = document.getElementById('status');
const params = new URLSearchParams(location.search);

async function loadUsers() {
  const users = await (await fetch('/phone/api/users')).json();
  for (const u of users) {
    const option = document.createElement('option');
    option.value = u.userId;
    option.textContent = u.fullName + ' (' + u.userId + ')';
    userSelect.append(option);
  }
  if (params.get('user')) userSelect.value = params.get('user');
}

// Cards are keyed by transaction: a refresh adds and removes cards but never rebuilds one that is
// still waiting, so a button under the user's finger (or keyboard focus) survives the poll.
const cards = new Map();
const empty = document.createElement('p');
empty.textContent = 'Không có giao dịch nào chờ xác nhận.';

function card(t) {
  const article = document.createElement('article');
  // The partner's name is a name, not a sentence: labelled, so the card stays in one language.
  const title = document.createElement('h2');
  title.textContent = 'Yêu cầu ký số';
  const from = document.createElement('p');
  from.className = 'meta';
  from.textContent = 'Đối tác: ' + t.partner;
  const desc = document.createElement('p');
  desc.textContent = t.description || '(không có mô tả)';
  const docs = document.createElement('p');
  docs.className = 'docs';
  docs.append('Mã tài liệu: ');
  t.documents.forEach((d, i) => {
    const code = document.createElement('span');
    code.textContent = d.docId;
    docs.append(i ? ', ' : '', code);
  });
  // When it was sent tells a new try from an older request for the same document.
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = 'Gửi lúc ' + new Date(t.createdAt).toLocaleTimeString('vi-VN') + ' · hết hạn lúc '
    + new Date(t.expiresAt).toLocaleTimeString('vi-VN');
  const approve = document.createElement('button');
  approve.className = 'approve';
  approve.textContent = 'Xác nhận';
  approve.addEventListener('click', () => act(article, t.tranId, 'approve'));
  const reject = document.createElement('button');
  reject.className = 'reject';
  reject.textContent = 'Từ chối';
  reject.addEventListener('click', () => act(article, t.tranId, 'reject'));
  article.append(title, from, desc, docs, meta, approve, reject);
  return article;
}

function render(transactions) {
  // Newest first: a second try at a document is the one on top.
  transactions = [...transactions].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const waiting = new Set(transactions.map((t) => t.tranId));
  for (const [tranId, article] of cards) {
    if (!waiting.has(tranId)) { article.remove(); cards.delete(tranId); }
  }
  transactions.forEach((t, index) => {
    let article = cards.get(t.tranId);
    if (!article) { article = card(t); cards.set(t.tranId, article); }
    // Moved only when out of place: moving a node takes the focus away from it.
    if (list.children[index] !== article) list.insertBefore(article, list.children[index] || null);
  });
  if (transactions.length === 0) list.append(empty);
  else empty.remove();
}

async function act(article, tranId, action) {
  // One answer per transaction: a double click must not send a second one.
  const buttons = [...article.querySelectorAll('button')];
  for (const button of buttons) button.disabled = true;
  try {
    const response = await fetch('/phone/api/transactions/' + encodeURIComponent(tranId) + '/' + action, { method: 'POST' });
    const body = await response.json();
    status.textContent = response.ok
      ? (action === 'approve' ? 'Đã xác nhận giao dịch.' : 'Đã từ chối giao dịch.')
      : (body.error || 'Lỗi');
    if (!response.ok) for (const button of buttons) button.disabled = false;
  } catch {
    status.textContent = 'Mất kết nối, hãy thử lại.';
    for (const button of buttons) button.disabled = false;
  }
  poll();
}

const inbox = document.getElementById('inbox');
const phoneInput = document.getElementById('phone');

let shownInbox = '';

function renderInbox(messages) {
  // Rebuilt only when a message arrived, so that reading (or selecting) one is not interrupted.
  const key = JSON.stringify(messages);
  if (key === shownInbox) return;
  shownInbox = key;
  inbox.replaceChildren();
  for (const m of messages) {
    const item = document.createElement('article');
    item.className = 'message';
    const channel = { sms: 'SMS', email: 'Email', app: 'Thông báo' }[m.channel] || m.channel;
    item.textContent = channel + ' · ' + new Date(m.createdAt).toLocaleTimeString('vi-VN') + ' · ' + m.subject + '\\n' + m.body;
    inbox.append(item);
  }
}

async function refresh() {
  const phone = phoneInput.value.trim();
  const inboxUrl = phone ? '/phone/api/inbox?phone=' + encodeURIComponent(phone)
    : userSelect.value ? '/phone/api/users/' + encodeURIComponent(userSelect.value) + '/notifications' : undefined;
  if (inboxUrl) {
    const messages = await fetch(inboxUrl);
    if (messages.ok) renderInbox(await messages.json());
  }
  if (!userSelect.value) return;
  const response = await fetch('/phone/api/users/' + encodeURIComponent(userSelect.value) + '/transactions');
  if (response.ok) render(await response.json());
}

// A poll cut short (the page going away, the sandbox restarting) waits for the next one: Firefox reports
// the aborted fetch of a page being left as an unhandled rejection otherwise.
const poll = () => refresh().catch(() => undefined);
userSelect.addEventListener('change', poll);
phoneInput.addEventListener('change', poll);
await loadUsers().catch(() => undefined);
poll();
setInterval(poll, 1000);
`;
