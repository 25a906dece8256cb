import type { SignTranslation } from './translation.js';

/** English. */
export const en: SignTranslation = {
  $code: 'en',
  sign: 'Sign with SmartCA',
  preparing: 'Sending the request…',
  waiting: 'Waiting for approval…',
  signed: 'Signed',
  retry: 'Sign again',
  cancel: 'Stop waiting',
  openApp: 'Open the SmartCA app',
  document: 'Document',
  documentCode: 'Document code',
  timeLeft: 'Time left',
  approveInApp: (attempt) =>
    attempt > 1
      ? `Open the VNPT SmartCA app on your phone and approve the newest request, marked “(lần ${attempt})”. ` +
        'Do not approve older requests for the same document.'
      : 'Open the VNPT SmartCA app on your phone and approve the signing request with this document code.',
  outOfTurns: 'You have no signing turns left. Buy a signing-turn pack; once it is paid, signing carries on by itself.',
  paid: (added, before, after) =>
    `Payment received: ${added} signing ${added === 1 ? 'turn' : 'turns'} added. ` +
    `Turns: ${before ?? '…'} before, ${after ?? '…'} now.`,
  announce: {
    preparing: 'Sending the signing request to SmartCA.',
    awaiting: 'Waiting for your approval in the SmartCA app.',
    signed: 'Signed successfully.',
    rejected: 'The signing request was rejected in the SmartCA app.',
    expired: 'The signing request expired before it was approved.',
    cancelled: (until) =>
      `Stopped waiting. The request stays in the SmartCA app until ${until}, then expires: ` + 'do not approve it.',
  },
  errors: {
    session: 'The signing session is not valid or has expired. Reload the page.',
    turns: 'The certificate has no signing turns left. Buy a signing-turn pack.',
    certificate:
      'The certificate has expired, been revoked or been suspended, so it cannot sign. Renew it in the ' +
      'VNPT SmartCA app or call VNPT on 1800 1260.',
    provider: 'SmartCA could not carry out the signing request. Try again later.',
    network: 'Could not reach the signing server. Check the connection and try again.',
    implementation: 'This page is not set up correctly for digital signing.',
  },
};
