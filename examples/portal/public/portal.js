// The portal page: fill in → review the PDF and sign with <smartca-sign> → download the signed PDF.
// The page never sees a SmartCA secret: its backend minted the session token (bound to the PDF's
// digest), and its relay finishes the PDF once the signature is verified. A citizen out of turns buys a
// pack inside the widget; after the payment page redirects back here, the page restores the
// application and the widget carries on with the same signature.
const $ = (id) => document.getElementById(id);
const form = $('application');
const sign = $('sign');
const CURRENT = 'portal:current-application';

const { sandboxUrl } = await (await fetch('/api/config')).json();
const phoneOf = (userId) => `${sandboxUrl}/phone?user=${encodeURIComponent(userId)}`;
// A birth cannot be registered before it happens: the date picker stops at today (the server checks too).
form.elements.birthDate.max = localDay(new Date());

/** The request the phone still shows while the widget waits, to warn about it if the citizen starts over. */
let waiting;
sign.addEventListener('smartca-sign-pending', (event) => {
  waiting = { docId: $('review-docid').textContent, expiresAt: event.detail.expiresAt };
});
for (const type of ['smartca-sign-complete', 'smartca-sign-expire', 'smartca-sign-cancel', 'smartca-error']) {
  sign.addEventListener(type, () => {
    waiting = undefined;
  });
}

function show(step) {
  form.hidden = step !== 'form';
  $('review').hidden = step !== 'review';
  $('done').hidden = step !== 'done';
  for (const li of document.querySelectorAll('.steps li')) {
    if (li.dataset.step === step) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
}

function review(application) {
  sessionStorage.setItem(CURRENT, application.docId);
  $('review-docid').textContent = application.docId;
  $('review-error').textContent = '';
  $('document').src = application.pdfUrl;
  $('pdf-link').href = application.pdfUrl;
  $('phone').src = phoneOf(application.userId);
  // On a phone the widget's "open the SmartCA app" link leads to the virtual app, this citizen's.
  sign.setAttribute('app-link', phoneOf(application.userId));
  // Setting the session makes the widget resume a signature started before a reload, if there was one.
  sign.setAttribute('session', application.session);
  show('review');
}

function done(docId, signed) {
  sessionStorage.removeItem(CURRENT);
  $('done-docid').textContent = docId;
  $('done-signer').textContent = signed.signer ?? '';
  $('done-serial').textContent = signed.serialNumber;
  $('done-time').textContent = signed.signedAt
    ? new Date(signed.signedAt).toLocaleString('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        dateStyle: 'short',
        timeStyle: 'medium',
      })
    : '';
  $('done-turns').textContent =
    signed.turnsLeft === 'unlimited'
      ? 'Không giới hạn'
      : typeof signed.turnsLeft === 'number'
        ? `${signed.turnsLeft} lượt ký`
        : 'Chưa rõ';
  $('download').href = signed.url;
  show('done');
  $('done-title').focus();
}

/** Says what is wrong next to the form, and puts focus on the field to correct (or on the message). */
function refuse(message, field) {
  for (const input of form.elements) input.removeAttribute?.('aria-invalid');
  $('form-error').textContent = message;
  const input = field && form.elements[field];
  if (input?.focus) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', 'form-error');
    input.focus();
  } else {
    $('form-error').focus();
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  $('form-error').textContent = '';
  $('form-notice').textContent = '';
  if (!form.reportValidity()) return;
  const submit = form.querySelector('button[type="submit"]');
  // Busy, not disabled: a disabled button drops the keyboard focus to <body>.
  if (submit.getAttribute('aria-disabled') === 'true') return;
  submit.setAttribute('aria-disabled', 'true');
  try {
    const response = await fetch('/api/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(new FormData(form))),
    });
    const body = await response.json();
    if (!response.ok) {
      refuse(body.error, body.field);
      return;
    }
    review(body);
    $('review-title').focus();
  } catch {
    refuse('Không kết nối được tới cổng dịch vụ công. Kiểm tra kết nối mạng rồi thử lại.');
  } finally {
    submit.removeAttribute('aria-disabled');
  }
});

// The relay verified the signature and the backend finished the PDF: the event says where it is.
sign.addEventListener('smartca-sign-complete', async (event) => {
  const docId = sessionStorage.getItem(CURRENT);
  const response = await fetch(`/api/applications/${encodeURIComponent(docId)}`);
  const application = await response.json();
  if (response.ok && application.signed) {
    done(docId, { ...application.signed, url: event.detail.document?.url ?? application.signed.url });
  } else {
    $('review-error').textContent = application.error ?? 'Chưa nhận được tờ khai đã ký. Vui lòng tải lại trang.';
    $('review-error').focus();
  }
});

// Starting over does not withdraw a request the phone shows (SmartCA cannot): say so, with until when.
$('restart').addEventListener('click', () => {
  if (waiting) {
    const until = waiting.expiresAt.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });
    $('form-notice').textContent =
      `Yêu cầu ký hồ sơ ${waiting.docId} vẫn còn trên ứng dụng SmartCA đến ${until} rồi tự hết ` +
      'hạn. Đừng xác nhận yêu cầu đó: tờ khai mới sẽ có mã hồ sơ mới.';
    sign.cancel();
  }
  sessionStorage.removeItem(CURRENT);
  show('form');
  form.elements.userId.focus();
});
$('another').addEventListener('click', () => {
  sessionStorage.removeItem(CURRENT);
  show('form');
  form.elements.userId.focus();
});

// The switch is the widget's language: the page itself stays Vietnamese, and keeps lang="vi".
for (const button of document.querySelectorAll('.lang')) {
  button.addEventListener('click', () => {
    sign.setAttribute('lang', button.dataset.lang);
    for (const b of document.querySelectorAll('.lang')) b.setAttribute('aria-pressed', String(b === button));
  });
}

// Back from a reload (or a payment redirect): pick the application up where it was. The phone is
// loaded once, for the right citizen (loading another first, then switching, cut its requests short).
const current = sessionStorage.getItem(CURRENT);
const restored = current ? await fetch(`/api/applications/${encodeURIComponent(current)}`) : undefined;
if (restored?.ok) {
  const application = await restored.json();
  if (application.signed) {
    $('phone').src = phoneOf(application.userId);
    done(application.docId, application.signed);
  } else {
    review(application);
  }
} else if (current) {
  sessionStorage.removeItem(CURRENT);
}
if (!$('phone').getAttribute('src')) $('phone').src = phoneOf(form.elements.userId.value);

/** `date` as the date input writes it (YYYY-MM-DD), on this device's calendar. */
function localDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
