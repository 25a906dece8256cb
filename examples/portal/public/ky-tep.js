// "Sign a PDF of your own": the file stays in the browser. The page gets the citizen's certificate from
// the portal's backend, prepares the PAdES signature here with @smartca-kit/documents (loaded only
// now), sends the backend nothing but the SHA-256 digest to sign (it mints a session token bound to
// it), lets <smartca-sign> get the signature, and finishes the PDF here: the signed file is the
// untouched original plus an incremental update, downloaded from a Blob.
const $ = (id) => document.getElementById(id);
const form = $('pick');
const sign = $('sign');

const { sandboxUrl } = await (await fetch('/api/config')).json();
const phoneFor = (userId) => `${sandboxUrl}/phone?user=${encodeURIComponent(userId)}`;
$('phone').src = phoneFor(form.elements.userId.value);

// This tab is the payment page's return, opened from the signing tab (the prepared PDF lives there,
// in memory): it must not offer an empty form (pre-filled with another citizen's number) while signing
// carries on in the first tab. It says where signing goes on, and closes itself when it may.
const returned = new URLSearchParams(location.search);
if (returned.has('orderId') && returned.has('status')) {
  form.hidden = true;
  $('intro').hidden = true;
  $('returned').hidden = false;
  if (returned.get('status') !== 'paid') {
    $('returned-title').textContent = 'Chưa thanh toán';
    $('returned').querySelector('p').textContent =
      'Thanh toán chưa hoàn tất. Hãy quay lại thẻ đang ký để chọn lại; có thể đóng ' + 'thẻ này.';
  }
  $('returned-title').focus();
  $('close-tab').addEventListener('click', () => window.close());
  // A tab a script opened may be closed by script; otherwise the button and the text remain.
  if (window.opener) window.close();
}

/** What is being signed: the prepared PDF (kept in memory; a reload loses it, hence "keep this page open"). */
let pending;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  $('pick-error').textContent = '';
  if (!form.reportValidity()) return;
  const { userId, reason } = Object.fromEntries(new FormData(form));
  const file = form.elements.file.files[0];
  if (file.size === 0) {
    fail($('pick-error'), 'Tệp rỗng (0 byte): hãy chọn một tệp PDF có nội dung.');
    return;
  }
  const submit = form.querySelector('button[type="submit"]');
  // Busy, not disabled: a disabled button drops the keyboard focus to <body>.
  if (submit.getAttribute('aria-disabled') === 'true') return;
  submit.setAttribute('aria-disabled', 'true');
  $('pick-status').textContent = 'Đang chuẩn bị chữ ký trên máy của bạn…';
  try {
    const certificate = await api(`/api/signer-certificate?userId=${encodeURIComponent(userId)}`);
    const { preparePdf } = await import('/smartca-documents.min.js');
    const prepared = await preparePdf(
      file,
      { der: fromBase64(certificate.certificate), chain: certificate.chain.map(fromBase64) },
      { reason, location: 'Cổng dịch vụ công', contactInfo: userId },
    );
    const digest = toBase64(prepared.digestToSign);
    const upload = await api('/api/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, name: file.name, digest }),
    });
    pending = { prepared, name: file.name, signer: certificate.commonName };
    $('review-name').textContent = file.name;
    $('review-docid').textContent = upload.docId;
    $('review-digest').textContent = digest;
    $('phone').src = phoneFor(userId);
    sign.setAttribute('app-link', phoneFor(userId));
    // The widget also checks the relay signs exactly the digest computed here.
    sign.documents = [{ docId: upload.docId, digest }];
    sign.setAttribute('session', upload.session);
    show('review');
    $('review-title').focus();
  } catch (error) {
    // Typed errors from @smartca-kit/documents carry a message for the citizen (userMessages) beside the
    // developers' one; the latter goes to the console.
    console.error(error);
    fail($('pick-error'), citizenText(error));
  } finally {
    submit.removeAttribute('aria-disabled');
    $('pick-status').textContent = '';
  }
});

// The page can't survive the payment page's redirect (the prepared PDF lives in memory), so it opens
// the payment page in a new tab; the widget then follows the payment here and signs once it is paid.
sign.addEventListener('smartca-purchase-redirect', (event) => {
  if (window.open(event.detail.order.paymentUrl, '_blank')) event.preventDefault();
});

/** What the citizen reads about `error`: the typed error's text for people, else a plain apology. */
function citizenText(error) {
  return (
    error?.userMessages?.vi ?? error?.messages?.vi ?? 'Đã có lỗi khi xử lý tệp. Vui lòng tải lại trang và thử lại.'
  );
}

sign.addEventListener('smartca-sign-complete', async (event) => {
  try {
    const signed = await pending.prepared.finish(fromBase64(event.detail.signatures[0].signature));
    const blob = await signed.toBlob();
    const link = $('download');
    link.href = URL.createObjectURL(blob);
    link.download = pending.name.replace(/\.pdf$/i, '') + '-da-ky.pdf';
    $('done-signer').textContent = pending.signer ?? '';
    $('done-size').textContent = `${blob.size.toLocaleString('vi-VN')} byte`;
    show('done');
    $('done-title').focus();
  } catch (error) {
    console.error(error);
    fail($('review-error'), citizenText(error));
  }
});

/** Shows an error and moves focus to it, so that focus never drops to <body> (the alert is also read out). */
function fail(element, text) {
  element.textContent = text;
  element.focus();
}

function show(step) {
  form.hidden = step !== 'pick';
  $('review').hidden = step !== 'review';
  $('done').hidden = step !== 'done';
}

async function api(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
