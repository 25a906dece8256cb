import type { BuyTurnsTranslation } from './buy-turns-translation.js';

/** English. */
export const buyTurnsEn: BuyTurnsTranslation = {
  $code: 'en',
  balance: 'Signing turns available',
  unlimited: 'Unlimited',
  turns: (n) => `${n} signing ${n === 1 ? 'turn' : 'turns'}`,
  // The catalog names packs in Vietnamese; English says what the pack holds.
  pack: ({ turns }) => `${turns} signing ${turns === 1 ? 'turn' : 'turns'}`,
  choosePack: 'Choose a signing-turn pack',
  chooseMethod: 'Payment method',
  methods: { 'vnpt-money': 'VNPT Money wallet', 'credit-card': 'Credit card', 'atm-card': 'ATM card (NAPAS)' },
  pay: 'Pay',
  redirecting: 'Going to the payment page…',
  beforeAfter: (before, after) => `Before: ${before} · After: ${after}`,
  announce: {
    loading: 'Loading the signing-turn packs.',
    unlimited: 'Your package has unlimited signing turns: there is nothing to buy.',
    redirecting: 'Going to the payment page.',
    confirming: 'Checking the payment.',
    paid: (n) => `Payment received. ${n} signing ${n === 1 ? 'turn' : 'turns'} added.`,
    declined: 'The payment was declined. Nothing was charged; choose again.',
    abandoned: 'You cancelled the payment. Nothing was charged; choose again.',
    expired: 'The order was not paid in time. Choose again.',
  },
  errors: {
    session: 'The purchase session is not valid or has expired. Reload the page.',
    turns: 'The certificate has no signing turns left.',
    certificate: 'The certificate is not in a state that allows buying turns.',
    provider: 'SmartCA could not carry out the request. Try again later.',
    network: 'Could not reach the server. Check the connection and try again.',
    implementation: 'This page is not set up correctly for buying signing turns.',
  },
};
