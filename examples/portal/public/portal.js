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
$('phone').src = `${sandboxUrl}/phone?user=${encodeURIComponent(form.elements.userId.value)}`;
// On a phone the widget's "open the SmartCA app" link leads to the virtual app in this demo.
sign.setAttribute('app-link', `${sandboxUrl}/phone`);

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
  $('document').src = application.pdfUrl;
  $('pdf-link').href = application.pdfUrl;
  $('phone').src = `${sandboxUrl}/phone?user=${encodeURIComponent(application.userId)}`;
  // Setting the session makes the widget resume a signature started before a reload, if there was one.
  sign.setAttribute('session', application.session);
  show('review');
}

function done(docId, signed) {
  sessionStorage.removeItem(CURRENT);
  $('done-docid').textContent = docId;
  $('done-signer').textContent = signed.signer ?? '';
  $('done-serial').textContent = signed.serialNumber;
  $('download').href = signed.url;
  show('done');
  $('done-title').focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  $('form-error').textContent = '';
  if (!form.reportValidity()) return;
  const response = await fetch('/api/applications', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(new FormData(form))) });
  const body = await response.json();
  if (!response.ok) {
    $('form-error').textContent = body.error;
    return;
  }
  review(body);
  $('review-title').focus();
});

// The relay verified the signature and the backend finished the PDF: the event says where it is.
sign.addEventListener('smartca-sign-complete', async (event) => {
  const docId = sessionStorage.getItem(CURRENT);
  const response = await fetch(`/api/applications/${encodeURIComponent(docId)}`);
  const application = await response.json();
  if (response.ok && application.signed) done(docId, { ...application.signed, url: event.detail.document?.url ?? application.signed.url });
  else $('form-error').textContent = application.error ?? 'Chưa nhận được tờ khai đã ký.';
});

for (const restart of [$('restart'), $('another')]) {
  restart.addEventListener('click', () => {
    sessionStorage.removeItem(CURRENT);
    show('form');
  });
}

for (const button of document.querySelectorAll('.lang')) {
  button.addEventListener('click', () => {
    document.documentElement.lang = button.dataset.lang;
    for (const b of document.querySelectorAll('.lang')) b.setAttribute('aria-pressed', String(b === button));
  });
}

// Back from a reload (or a payment redirect): pick the application up where it was.
const current = sessionStorage.getItem(CURRENT);
if (current) {
  const response = await fetch(`/api/applications/${encodeURIComponent(current)}`);
  if (response.ok) {
    const application = await response.json();
    if (application.signed) done(application.docId, application.signed);
    else review(application);
  } else {
    sessionStorage.removeItem(CURRENT);
  }
}
