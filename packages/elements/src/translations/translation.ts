import type { RelayErrorCategory } from '@smartca-kit/sdk/relay-client';

/**
 * Every string `<smartca-sign>` shows or announces, visible and aria alike. A new language is a new
 * object of this type; the compiler lists whatever it lacks.
 */
export interface SignTranslation {
  /** The language code. */
  $code: 'vi' | 'en';
  /** The main button, ready to sign. */
  sign: string;
  /** The main button while the request is being sent. */
  preparing: string;
  /** The main button while the user approves in the app. */
  waiting: string;
  /** The main button once signed. */
  signed: string;
  /** The main button after a failure, rejection or expiry. */
  retry: string;
  /**
   * The button that stops waiting. Not "cancel the request": SmartCA has no withdrawal, so the request
   * stays in the app until it expires.
   */
  cancel: string;
  /** The link that opens the SmartCA app on a phone. */
  openApp: string;
  /** Label before the document's name. */
  document: string;
  /** Label before the `doc_id`s the app shows. */
  documentCode: string;
  /** Label of the countdown. */
  timeLeft: string;
  /**
   * Instructions while waiting, for try `attempt` at these documents: from the second on, the app also
   * lists the older requests, and the relay ends the new one's description with "(lần N)".
   */
  approveInApp: (attempt: number) => string;
  /**
   * What the live region says when signing stopped for lack of turns and the buy flow opens. No
   * "below" or "above": the text is read aloud too, and layouts move (WCAG 1.3.3).
   */
  outOfTurns: string;
  /** The confirmation once a turn pack is paid: `added` turns, the balance `before` and `after`. */
  paid: (added: number, before: number | null, after: number | null) => string;
  /** What the live region says in each state. */
  announce: {
    /** While the request is being sent. */
    preparing: string;
    /** While the user approves in the app. */
    awaiting: string;
    /** Once signed. */
    signed: string;
    /** After the user refused in the app. */
    rejected: string;
    /** After the approval window ended. */
    expired: string;
    /** After the user stopped waiting: the request stays in the app `until` (a clock time) and must not be approved. */
    cancelled: (until: string) => string;
  };
  /** Fallback texts per error category, when the relay sent no message. */
  errors: Record<RelayErrorCategory, string>;
}
