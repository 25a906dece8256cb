import type { SignTranslation } from './translation.js';

/** English. */
export const en: SignTranslation = {
  $code: 'en',
  sign: 'Sign with SmartCA',
  preparing: 'Sending the request…',
  waiting: 'Waiting for approval…',
  signed: 'Signed',
  retry: 'Sign again',
  cancel: 'Cancel request',
  openApp: 'Open the SmartCA app',
  document: 'Document',
  documentCode: 'Document code',
  timeLeft: 'Time left',
  approveInApp: 'Open the VNPT SmartCA app on your phone and approve the request with the document code below.',
  outOfTurns: 'You have no signing turns left. Buy a pack below; signing carries on by itself once paid.',
  announce: {
    preparing: 'Sending the signing request to SmartCA.',
    awaiting: 'Waiting for your approval in the SmartCA app.',
    signed: 'Signed successfully.',
    rejected: 'The signing request was rejected in the SmartCA app.',
    expired: 'The signing request expired before it was approved.',
    cancelled: 'The signing request was cancelled.',
  },
  errors: {
    session: 'The signing session is not valid or has expired. Reload the page.',
    turns: 'The certificate has no signing turns left. Buy a signing-turn pack.',
    certificate: 'The certificate is not in a state that allows signing.',
    provider: 'SmartCA could not carry out the signing request. Try again later.',
    network: 'Could not reach the signing server. Check the connection and try again.',
    implementation: 'This page is not set up correctly for digital signing.',
  },
};
