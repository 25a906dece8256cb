import type { RelayErrorCategory, RelayPaymentMethod } from '@smartca-kit/sdk/relay-client';

/**
 * Every string `<smartca-buy-turns>` shows or announces, visible and aria alike. A new language is a
 * new object of this type; the compiler lists whatever it lacks.
 */
export interface BuyTurnsTranslation {
  /** The language code; also the locale prices are formatted in. */
  $code: 'vi' | 'en';
  /** Label before the balance. */
  balance: string;
  /** The balance on an unlimited package. */
  unlimited: string;
  /** `n` turns, e.g. "10 lượt ký". */
  turns: (n: number) => string;
  /**
   * A pack's label. The catalog's names usually spell the count already ("Gói 10 lượt ký"), so it is
   * not repeated after them.
   */
  pack: (pack: { name: string; turns: number }) => string;
  /** Legend of the pack choice. */
  choosePack: string;
  /** Legend of the payment-method choice. */
  chooseMethod: string;
  /** Names of the payment methods. */
  methods: Record<RelayPaymentMethod, string>;
  /** The pay button. */
  pay: string;
  /** The pay button while the order is created and the page leaves. */
  redirecting: string;
  /** The result once paid: the turns before and after. */
  beforeAfter: (before: string, after: string) => string;
  /** What the live region says. */
  announce: {
    /** While the catalog loads. */
    loading: string;
    /** The package has no turn limit: nothing to buy. */
    unlimited: string;
    /** On the way to the payment page. */
    redirecting: string;
    /** Back from it, checking the payment. */
    confirming: string;
    /** Paid, `n` turns added. */
    paid: (n: number) => string;
    /** The bank declined. */
    declined: string;
    /** The user left the payment page. */
    abandoned: string;
    /** The order was not paid in time. */
    expired: string;
  };
  /** Fallback texts per error category, when the relay sent no message. */
  errors: Record<RelayErrorCategory, string>;
}
