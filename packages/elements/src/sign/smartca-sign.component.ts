import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  decodeSessionToken,
  RELAY_ERROR_CODES,
  type DocumentDigest,
  type RelayDocument,
} from '@smartca-kit/sdk/relay-client';
import { SmartCABuyTurns } from '../buy/smartca-buy-turns.component.js';
import { SmartCAErrorEvent } from '../events/error.js';
import type { SmartCAPurchaseCompleteEvent } from '../events/purchase-complete.js';
import { SmartCASignCancelEvent } from '../events/sign-cancel.js';
import { SmartCASignCompleteEvent } from '../events/sign-complete.js';
import { SmartCASignExpireEvent } from '../events/sign-expire.js';
import { SmartCASignPendingEvent } from '../events/sign-pending.js';
import { SmartCASignStartEvent } from '../events/sign-start.js';
import { safeAppLink } from '../internal/app-link.js';
import { formatTimeLeft } from '../internal/countdown.js';
import { onDocumentLangChange, resolveLang } from '../internal/lang.js';
import { isMobileDevice } from '../internal/platform.js';
import { isBuying, setBuying, storageKeyFor } from '../internal/session-store.js';
import { en } from '../translations/en.js';
import type { SignTranslation } from '../translations/translation.js';
import { vi } from '../translations/vi.js';
import { SignFlow, type SignFailure, type SignPhase, type SignSnapshot } from './sign-flow.js';
import { signStyles } from './smartca-sign.styles.js';

const DEFAULT_APP_LINK = 'vnptsmartca://';
const BUY_TURNS_TAG = 'smartca-buy-turns';
const tables = { vi, en } as const;

/** What `el.state` reports: the signing phase, or `buying` while the inline buy flow is open. */
export type SignState = SignPhase | 'buying';

/**
 * "Ký bằng SmartCA": signs the documents a session token is bound to, with approval in the SmartCA app.
 *
 * @fires smartca-sign-start - the user asked to sign (cancelable)
 * @fires smartca-sign-pending - SmartCA waits for the user's approval in the app
 * @fires smartca-sign-complete - signed, every signature verified by the relay
 * @fires smartca-sign-cancel - rejected in the app, or cancelled on the page
 * @fires smartca-sign-expire - nobody approved within the window
 * @fires smartca-error - anything else went wrong (out of turns: code `OUT_OF_SIGNING_TURNS`, then the buy flow opens)
 * @fires smartca-purchase-redirect - from the inline buy flow: about to go to the payment page (cancelable)
 * @fires smartca-purchase-complete - from the inline buy flow: turns bought; the widget confirms it and the signature starts again
 * @csspart base - the wrapper
 * @csspart document - the document's name
 * @csspart button - the main button
 * @csspart pending - the panel shown while waiting for approval
 * @csspart doc-id - the `doc_id`s the SmartCA app shows
 * @csspart countdown - the time left to approve
 * @csspart app-link - "open the SmartCA app", on phones
 * @csspart cancel-button - stops waiting
 * @csspart status - the live region announcing progress, success and failure (focused when the buy flow opens)
 * @csspart receipt - "Thanh toán thành công", with the turns before and after, once a pack is paid
 * @csspart buy-turns - the inline `<smartca-buy-turns>` shown when out of turns
 * @cssstate idle - ready to sign
 * @cssstate preparing - the request is on its way
 * @cssstate awaiting - waiting for approval in the app
 * @cssstate signed - done
 * @cssstate rejected - refused in the app
 * @cssstate expired - not approved in time
 * @cssstate error - failed
 * @cssstate buying - out of turns: the buy flow is open, and the signature resumes once paid
 */
export class SmartCASign extends LitElement {
  /** @internal */
  static override styles = signStyles;
  /** @internal Focus goes to the main button when the host is focused. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  /** @internal */
  static override properties = {
    endpoint: { type: String },
    session: { type: String },
    lang: { type: String },
    documentName: { type: String, attribute: 'document-name' },
    appLink: { type: String, attribute: 'app-link' },
    openApp: { type: String, attribute: 'open-app' },
    documents: { attribute: false },
    now: { state: true },
  };

  /** The relay's URL, e.g. `/smartca`. */
  declare endpoint: string;
  /** The session token the portal backend minted. */
  declare session: string;
  /** `vi` (default) or `en`. When absent, the nearest ancestor's `lang` applies. */
  declare lang: string;
  /** The document's name as shown above the button. Default: the name in the session. */
  declare documentName: string;
  /**
   * Where "open the SmartCA app" points. Default `vnptsmartca://`, the app's URL scheme. Only http(s)
   * links and the app's schemes (`vnptsmartca:`, `vnptsmartcademo:`) are used; anything else falls
   * back to the default.
   */
  declare appLink: string;
  /** When to show the app link: `auto` (phones and tablets), `always` or `never`. */
  declare openApp: 'auto' | 'always' | 'never';
  /**
   * The digests the page computed itself (a file the user picked, hashed in the browser). When set,
   * the relay refuses to sign if the session is bound to other documents.
   */
  declare documents: DocumentDigest[] | undefined;
  /** @internal The clock the countdown renders from. */
  declare protected now: number;

  readonly #internals: ElementInternals;
  readonly #flow = new SignFlow((next, previous) => this.#onFlowChange(next, previous));
  #ticker: ReturnType<typeof setInterval> | undefined;
  #stopWatchingLang: (() => void) | undefined;
  #renderedPhase: SignState = 'idle';
  #refocus = false;
  #statusFocus = false;
  #buying = false;
  /** The pack just paid for, confirmed above the signature it unlocked. */
  #paid: { added: number; before: number | null; after: number | null } | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.session = '';
    this.documentName = '';
    this.appLink = DEFAULT_APP_LINK;
    this.openApp = 'auto';
    this.now = Date.now();
    this.#internals = this.attachInternals();
    this.#setState('idle');
  }

  /**
   * Where the signature is: `idle`, `preparing`, `awaiting`, `signed`, `rejected`, `expired`, `error`,
   * or `buying` while the user buys turns to carry on.
   */
  get state(): SignState {
    return this.#buying ? 'buying' : this.#flow.snapshot.phase;
  }

  /** Starts signing, as a click on the button does. Fires `smartca-sign-start` first. */
  start(): void {
    const { phase } = this.#flow.snapshot;
    if (phase !== 'idle' && phase !== 'rejected' && phase !== 'expired' && phase !== 'error') return;
    if (!this.endpoint || !this.session) {
      this.#flow.fail({
        category: 'implementation',
        code: 'MISSING_ATTRIBUTE',
        recoverable: false,
        messages: {
          vi: 'Thiếu thuộc tính "endpoint" hoặc "session" trên <smartca-sign>.',
          en: 'The "endpoint" or "session" attribute of <smartca-sign> is missing.',
        },
      });
      return;
    }
    if (!this.dispatchEvent(new SmartCASignStartEvent({ documents: this.#documents() }))) return;
    if (this.#buying) void this.#setBuying(false);
    else this.#paid = undefined; // a new try the user asked for: the receipt belongs to the one before
    void this.#flow.start(this.#config());
  }

  /**
   * Stops waiting for approval. SmartCA cannot withdraw a request: it stays in the app until it
   * expires, and the widget says so.
   */
  cancel(): void {
    void this.#flow.cancel(this.#config());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopWatchingLang = onDocumentLangChange(() => this.requestUpdate());
    void this.#resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow.suspend();
    this.#stopTicking();
    this.#stopWatchingLang?.();
    this.#setState(this.state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && changed.get('session') !== undefined) void this.#resume();
    // Focus was on the pending panel (cancel, app link) that is about to go: keep it on the page.
    const active = this.shadowRoot?.activeElement;
    // (The status stays: focus left there after the buy flow, or by the page, is kept.)
    this.#refocus =
      (this.#renderedPhase === 'awaiting' || this.#renderedPhase === 'buying') &&
      this.state !== this.#renderedPhase &&
      !!active &&
      !active.classList.contains('button') &&
      !active.classList.contains('status');
    // Focus on the main button, which is about to go (a failure that retrying cannot fix).
    this.#statusFocus = !!active?.classList.contains('button') && !this.#showsButton();
  }

  protected override updated(): void {
    const previous = this.#renderedPhase;
    this.#renderedPhase = this.state;
    const status = this.shadowRoot?.querySelector<HTMLElement>('.status');
    if (this.state === 'buying' && previous !== 'buying') {
      // The buy flow replaces the button the user just pressed, or greets them back from the payment
      // page: bring it into view and put focus on the status that says why (WCAG 2.4.3), not <body>.
      reveal(this);
      status?.focus({ preventScroll: true });
      return;
    }
    if (this.#statusFocus) status?.focus();
    else if (this.#refocus) this.shadowRoot?.querySelector<HTMLButtonElement>('.button')?.focus();
    // The user pressed "Ký": the document code and the countdown must be on screen, on a phone too.
    if (this.state === 'awaiting' && previous !== 'awaiting') reveal(this.shadowRoot?.querySelector('.pending'));
  }

  protected override render(): TemplateResult {
    const t = tables[resolveLang(this)];
    const snapshot = this.#flow.snapshot;
    const busy = snapshot.phase === 'preparing' || snapshot.phase === 'awaiting' || snapshot.phase === 'signed';
    const name = this.documentName || this.#documents()[0]?.name;
    const paid = this.#paid && t.paid(this.#paid.added, this.#paid.before, this.#paid.after);
    // The status comes right after the button, before the panels it introduces: focused when the buy
    // flow opens, Tab then moves into that flow. tabindex -1 makes it focusable, never a Tab stop.
    return html`<div part="base" class="base">
      ${
        name
          ? html`<p part="document" class="document">${t.document}: <span class="document-name">${name}</span></p>`
          : nothing
      }
      ${
        this.#showsButton()
          ? html`<button part="button" class="button" type="button"
        aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.start()}>${buttonLabel(t, snapshot.phase)}</button>`
          : nothing
      }
      ${paid ? html`<p part="receipt" class="receipt">${paid}</p>` : nothing}
      <p part="status" class="status" role="status" tabindex="-1">${
        this.#buying
          ? t.outOfTurns
          : html`${
              paidAnnounced(snapshot, paid) ? html`<span class="visually-hidden">${paid} </span>` : nothing
            }${announcement(t, snapshot)}`
      }</p>
      ${snapshot.phase === 'awaiting' ? this.#renderPending(t, snapshot) : nothing}
      ${
        this.#buying
          ? html`<smartca-buy-turns part="buy-turns" lang=${t.$code} endpoint=${this.endpoint}
        session=${this.session} @smartca-purchase-complete=${(e: SmartCAPurchaseCompleteEvent) => this.#onPaid(e)}>
        </smartca-buy-turns>`
          : nothing
      }
    </div>`;
  }

  /** The main button, unless buying turns, or after a failure that trying again cannot fix. */
  #showsButton(): boolean {
    const { phase, failure } = this.#flow.snapshot;
    return !this.#buying && !(phase === 'error' && failure && !failure.recoverable);
  }

  #onPaid(event: SmartCAPurchaseCompleteEvent): void {
    const { order, before, after } = event.detail;
    this.#paid = { added: order.turnsAdded, before: before?.availableTurns ?? null, after: after.availableTurns };
    this.start();
  }

  #renderPending(t: SignTranslation, snapshot: SignSnapshot): TemplateResult {
    const showLink = this.openApp === 'always' || (this.openApp !== 'never' && isMobileDevice());
    // A page-supplied link is trusted less than it looks: only the web and the SmartCA app, never script.
    const href = safeAppLink(this.appLink, DEFAULT_APP_LINK);
    // Each code on one line: it is what the user matches against the app, character by character.
    return html`<div part="pending" class="pending">
      <p>${t.approveInApp(snapshot.attempt ?? 1)}</p>
      <dl class="facts">
        <div><dt>${t.documentCode}</dt>
        <dd part="doc-id">${snapshot.documents.map((d, i) => html`${i ? ', ' : ''}<span class="code">${d.docId}</span>`)}</dd></div>
        <div><dt>${t.timeLeft}</dt>
        <dd><span part="countdown" role="timer">${formatTimeLeft(snapshot.expiresAt ?? this.now, this.now)}</span></dd></div>
      </dl>
      ${showLink ? html`<a part="app-link" class="app-link" href=${href}>${t.openApp}</a>` : nothing}
      <button part="cancel-button" class="secondary" type="button" @click=${() => this.cancel()}>${t.cancel}</button>
    </div>`;
  }

  #onFlowChange(next: SignSnapshot, previous: SignSnapshot): void {
    this.#setState(this.state);
    this.requestUpdate();
    const transactionId = next.transactionId ?? '';
    if (next.phase === 'awaiting' && previous.phase !== 'awaiting') {
      this.#startTicking();
      this.dispatchEvent(
        new SmartCASignPendingEvent({
          transactionId,
          expiresAt: new Date(next.expiresAt ?? Date.now()),
          documents: next.documents,
          resumed: next.cause === 'resumed',
        }),
      );
    }
    if (next.phase !== 'awaiting') this.#stopTicking();
    if (next.phase === 'signed' && next.result) {
      this.dispatchEvent(new SmartCASignCompleteEvent({ transactionId, ...next.result }));
    } else if (next.phase === 'rejected') {
      this.dispatchEvent(new SmartCASignCancelEvent({ transactionId, reason: 'rejected' }));
    } else if (next.phase === 'idle' && next.cause === 'cancelled') {
      this.dispatchEvent(new SmartCASignCancelEvent({ transactionId, reason: 'cancelled' }));
    } else if (next.phase === 'expired') {
      this.dispatchEvent(new SmartCASignExpireEvent({ transactionId }));
    } else if (next.phase === 'error' && next.failure) {
      this.dispatchEvent(
        new SmartCAErrorEvent({ ...errorDetail(next.failure, resolveLang(this)), transactionId: next.transactionId }),
      );
      if (next.failure.code === RELAY_ERROR_CODES.OUT_OF_SIGNING_TURNS) void this.#setBuying(true);
    }
  }

  async #resume(): Promise<void> {
    if (!this.endpoint || !this.session) return;
    // Back from the payment page: the buy flow picks its order up, and its completion signs again.
    const key = await storageKeyFor(this.session);
    if (key && isBuying(key) && this.#flow.snapshot.phase === 'idle') await this.#setBuying(true);
    else await this.#flow.resume(this.#config());
  }

  /**
   * Opens or closes the inline buy flow, and remembers it across the payment page's redirect. The
   * buy element is registered on first need, so registering this class alone is enough.
   */
  async #setBuying(buying: boolean): Promise<void> {
    if (buying && globalThis.customElements && !customElements.get(BUY_TURNS_TAG)) {
      try {
        customElements.define(BUY_TURNS_TAG, SmartCABuyTurns);
      } catch {
        // The page registered the class under another name: a class registers once, a subclass may too.
        customElements.define(BUY_TURNS_TAG, class extends SmartCABuyTurns {});
      }
    }
    this.#buying = buying;
    this.#setState(this.state);
    this.requestUpdate();
    const key = await storageKeyFor(this.session);
    if (key) setBuying(key, buying);
  }

  #config() {
    return { endpoint: this.endpoint, session: this.session, documents: this.documents };
  }

  /** The documents to show before the relay lists them: those in the session token. */
  #documents(): RelayDocument[] {
    const listed = this.#flow.snapshot.documents;
    if (listed.length > 0) return listed;
    return decodeSessionToken(this.session)?.claims.documents.map((d) => ({ docId: d.docId, name: d.name })) ?? [];
  }

  #setState(phase: SignState): void {
    // CustomStateSet is missing in older browsers; theming then falls back to ::part alone.
    const states = this.#internals.states as CustomStateSet | undefined;
    if (!states) return;
    states.clear();
    states.add(phase);
  }

  #startTicking(): void {
    this.#stopTicking();
    this.now = Date.now();
    this.#ticker = setInterval(() => {
      this.now = Date.now();
    }, 1000);
  }

  #stopTicking(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}

function buttonLabel(t: SignTranslation, phase: SignPhase): string {
  switch (phase) {
    case 'preparing':
      return t.preparing;
    case 'awaiting':
      return t.waiting;
    case 'signed':
      return t.signed;
    case 'idle':
      return t.sign;
    default:
      return t.retry;
  }
}

function announcement(t: SignTranslation, snapshot: SignSnapshot): string {
  switch (snapshot.phase) {
    case 'idle':
      return snapshot.cause === 'cancelled' ? t.announce.cancelled(clock(t, snapshot.expiresAt)) : '';
    case 'error':
      return snapshot.failure?.messages[t.$code] || t.errors[snapshot.failure?.category ?? 'implementation'];
    default:
      return t.announce[snapshot.phase];
  }
}

/**
 * Whether the live status also says the payment went through. Just paid, signing restarts at once: a
 * screen reader must hear both together, however fast it goes. Sighted people read it once, in the
 * receipt, so in the status it is visually hidden.
 */
function paidAnnounced(snapshot: SignSnapshot, paid: string | false | undefined): paid is string {
  return !!paid && (snapshot.phase === 'preparing' || snapshot.phase === 'awaiting');
}

/** `at` (epoch ms) as a clock time in the table's language, e.g. 10:37. */
function clock(t: SignTranslation, at: number | undefined): string {
  return new Date(at ?? Date.now()).toLocaleTimeString(t.$code === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Scrolls `el` into view when part of it is off screen (a phone, a widget below a long document).
 * Left alone when it is already in view, so the page does not jump.
 */
function reveal(el: Element | null | undefined): void {
  if (!el?.scrollIntoView) return;
  const box = el.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= globalThis.innerHeight) return;
  el.scrollIntoView({ block: box.height > globalThis.innerHeight ? 'start' : 'nearest' });
}

function errorDetail(failure: SignFailure, lang: 'vi' | 'en') {
  return {
    category: failure.category,
    code: failure.code,
    message: failure.messages[lang],
    messages: failure.messages,
    recoverable: failure.recoverable,
  };
}
