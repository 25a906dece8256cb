import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { RELAY_PAYMENT_METHODS, type RelayBalance, type RelayPaymentMethod } from '@smartca-kit/sdk/relay-client';
import { SmartCAErrorEvent } from '../events/error.js';
import { SmartCAPurchaseCompleteEvent } from '../events/purchase-complete.js';
import { SmartCAPurchaseRedirectEvent } from '../events/purchase-redirect.js';
import { onDocumentLangChange, resolveLang } from '../internal/lang.js';
import { buyTurnsEn } from '../translations/buy-turns-en.js';
import type { BuyTurnsTranslation } from '../translations/buy-turns-translation.js';
import { buyTurnsVi } from '../translations/buy-turns-vi.js';
import { BuyFlow, type BuyPhase, type BuySnapshot } from './buy-flow.js';
import { buyTurnsStyles } from './smartca-buy-turns.styles.js';

const tables = { vi: buyTurnsVi, en: buyTurnsEn } as const;

/**
 * "Mua thêm lượt ký": the turn-pack catalog, the choice of pack and payment method, the hosted payment
 * page, and the result, with the balance before and after. Works on its own with a `purchase` session,
 * and inside `<smartca-sign>` when a signature fails for lack of turns.
 *
 * @fires smartca-purchase-redirect - about to go to the payment page (cancelable: open it yourself)
 * @fires smartca-purchase-complete - paid, the turns provisioned
 * @fires smartca-error - the catalog, the order or the payment check failed
 * @csspart base - the panel
 * @csspart balance - the turns available (before and after, once paid)
 * @csspart packs - the pack choice
 * @csspart methods - the payment-method choice
 * @csspart button - the pay button
 * @csspart status - the live region
 * @cssstate loading - the catalog is loading
 * @cssstate choosing - ready to choose and pay
 * @cssstate unlimited - the package has no turn limit: nothing to buy, no catalog shown
 * @cssstate redirecting - the order is being created, the page leaves
 * @cssstate confirming - back from the payment page, checking the payment
 * @cssstate paid - done
 * @cssstate declined - the last payment did not go through (declined, abandoned, expired)
 * @cssstate error - failed
 */
export class SmartCABuyTurns extends LitElement {
  /** @internal */
  static override styles = buyTurnsStyles;
  /** @internal Focus goes to the first control when the host is focused. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  /** @internal */
  static override properties = {
    endpoint: { type: String },
    session: { type: String },
    lang: { type: String },
    returnUrl: { type: String, attribute: 'return-url' },
    pack: { state: true },
    method: { state: true },
  };

  /** The relay's URL, e.g. `/smartca`. */
  declare endpoint: string;
  /** A `purchase` (or `sign`) session token the portal backend minted. */
  declare session: string;
  /** `vi` (default) or `en`. When absent, the nearest ancestor's `lang` applies. */
  declare lang: string;
  /** Where the payment page sends the user back. Default: this page. */
  declare returnUrl: string;
  /** @internal The chosen pack's pricing code. */
  declare protected pack: string;
  /** @internal The chosen payment method. */
  declare protected method: RelayPaymentMethod;

  readonly #internals: ElementInternals;
  readonly #flow = new BuyFlow((next, previous) => this.#onFlowChange(next, previous));
  #stopWatchingLang: (() => void) | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.session = '';
    this.returnUrl = '';
    this.pack = '';
    this.method = 'vnpt-money';
    this.#internals = this.attachInternals();
  }

  /** Where the purchase is: `loading`, `choosing`, `unlimited`, `redirecting`, `confirming`, `paid` or `error`. */
  get state(): BuyPhase {
    return this.#flow.snapshot.phase;
  }

  /** Orders the chosen pack and goes to the payment page, as the pay button does. */
  async pay(): Promise<void> {
    if (this.#flow.snapshot.phase !== 'choosing' || !this.pack) return;
    const order = await this.#flow.order(this.#config(), {
      pricingCode: this.pack,
      paymentMethod: this.method,
      returnUrl: this.returnUrl || pageUrl(),
    });
    if (!order) return;
    if (this.dispatchEvent(new SmartCAPurchaseRedirectEvent({ order }))) globalThis.location.assign(order.paymentUrl);
    // Opened elsewhere by the page: follow the payment here, unless the page took the element away.
    else if (this.isConnected) void this.#flow.follow(this.#config());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopWatchingLang = onDocumentLangChange(() => this.requestUpdate());
    if (this.endpoint && this.session) void this.#flow.open(this.#config());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow.stop();
    this.#stopWatchingLang?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      (changed.has('session') || changed.has('endpoint')) &&
      this.isConnected &&
      this.endpoint &&
      this.session &&
      (changed.get('session') !== undefined || changed.get('endpoint') !== undefined)
    ) {
      void this.#flow.open(this.#config());
    }
  }

  protected override render(): TemplateResult {
    const t = tables[resolveLang(this)];
    const s = this.#flow.snapshot;
    const choosing = s.phase === 'choosing' || s.phase === 'redirecting';
    return html`<div part="base" class="base">
      <p part="balance">${t.balance}: <span class="balance-value">${
        s.phase === 'paid' ? t.beforeAfter(turnsText(t, s.before), turnsText(t, s.after)) : turnsText(t, s.before)
      }</span></p>
      ${choosing ? this.#renderChoice(t, s) : nothing}
      <p part="status" class="status" role="status">${announcement(t, s)}</p>
    </div>`;
  }

  #renderChoice(t: BuyTurnsTranslation, s: BuySnapshot): TemplateResult {
    const busy = s.phase === 'redirecting';
    const money = new Intl.NumberFormat(t.$code === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency: 'VND' });
    return html`
      <fieldset part="packs"><legend>${t.choosePack}</legend>
        ${s.packs.map(
          (p) => html`<label><input type="radio" name="pack" .value=${p.pricingCode}
          .checked=${p.pricingCode === this.pack} @change=${() => {
            this.pack = p.pricingCode;
          }}>
          <span>${t.pack(p)}</span><span class="price">${money.format(p.price)}</span></label>`,
        )}
      </fieldset>
      <fieldset part="methods"><legend>${t.chooseMethod}</legend>
        ${RELAY_PAYMENT_METHODS.map(
          (m) => html`<label><input type="radio" name="method" .value=${m}
          .checked=${m === this.method} @change=${() => {
            this.method = m;
          }}><span>${t.methods[m]}</span></label>`,
        )}
      </fieldset>
      <button part="button" class="button" type="button" aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => void this.pay()}>${busy ? t.redirecting : t.pay}</button>`;
  }

  #onFlowChange(next: BuySnapshot, previous: BuySnapshot): void {
    if (!this.pack || !next.packs.some((p) => p.pricingCode === this.pack))
      this.pack = next.packs[0]?.pricingCode ?? '';
    const states = this.#internals.states as CustomStateSet | undefined;
    if (states) {
      states.clear();
      states.add(next.phase);
      if (next.outcome) states.add('declined');
    }
    this.requestUpdate();
    if (next.phase === 'paid' && previous.phase !== 'paid' && next.order && next.after) {
      this.dispatchEvent(
        new SmartCAPurchaseCompleteEvent({ order: next.order, before: next.before, after: next.after }),
      );
    } else if (next.phase === 'error' && previous.phase !== 'error' && next.failure) {
      const f = next.failure;
      this.dispatchEvent(
        new SmartCAErrorEvent({
          category: f.category,
          code: f.code,
          message: f.messages[resolveLang(this)],
          messages: f.messages,
          recoverable: f.recoverable,
        }),
      );
    }
  }

  #config() {
    return { endpoint: this.endpoint, session: this.session };
  }
}

function turnsText(t: BuyTurnsTranslation, balance: RelayBalance | undefined): string {
  if (!balance) return '…';
  return balance.unlimited ? t.unlimited : t.turns(balance.availableTurns ?? 0);
}

function announcement(t: BuyTurnsTranslation, s: BuySnapshot): string {
  switch (s.phase) {
    case 'loading':
      return t.announce.loading;
    case 'unlimited':
      return t.announce.unlimited;
    case 'redirecting':
      return t.announce.redirecting;
    case 'confirming':
      return t.announce.confirming;
    case 'paid':
      return t.announce.paid(s.order?.turnsAdded ?? 0);
    case 'error':
      return s.failure?.messages[t.$code] || t.errors[s.failure?.category ?? 'implementation'];
    default:
      return s.outcome ? t.announce[s.outcome] : '';
  }
}

/** This page without the `orderId`/`status` the payment page appends on return. */
function pageUrl(): string {
  const url = new URL(globalThis.location.href);
  url.searchParams.delete('orderId');
  url.searchParams.delete('status');
  url.hash = '';
  return url.toString();
}
