// The portal page: fill in → review and sign with <smartca-sign> → done. The page never sees a
// SmartCA secret: its backend minted the session token the widget uses, and checks the signature the
// widget hands back before filing it.
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
  $('document').textContent = application.document;
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
  $('download').href = `/api/applications/${encodeURIComponent(docId)}/signed`;
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

sign.addEventListener('smartca-sign-complete', async (event) => {
  const docId = sessionStorage.getItem(CURRENT);
  const [signature] = event.detail.signatures;
  const response = await fetch(`/api/applications/${encodeURIComponent(docId)}/signature`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ signature: signature.signature, certificate: event.detail.certificate, chain: event.detail.chain }),
  });
  const body = await response.json();
  if (response.ok) done(docId, body);
  else $('form-error').textContent = body.error;
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
