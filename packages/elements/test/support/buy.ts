// Helpers to drive a <smartca-buy-turns> as a user does, and to stand in for the payment page's
// full-page redirect: the page goes away (the element is removed, sessionStorage stays) and comes back.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/smartca-buy-turns.js';
import type { BuyPhase, SmartCABuyTurns } from '../../src/index.js';
import type { RelayOrder } from '@smartca-kit/sdk/relay-client';
import { ENDPOINT } from './harness.js';
import { nextEvent, part } from './element.js';

/** Renders `<smartca-buy-turns>` for `session`, with extra attributes. */
export async function mountBuy(session: string, attributes: Record<string, string> = {}): Promise<SmartCABuyTurns> {
  const el = await fixture<SmartCABuyTurns>(
    html`<smartca-buy-turns endpoint=${ENDPOINT} session=${session}></smartca-buy-turns>`,
  );
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

/** Resolves once `el` reaches `phase` and has rendered it. */
export async function buyReached(el: SmartCABuyTurns, phase: BuyPhase, timeout = 20_000): Promise<void> {
  await waitUntil(() => el.state === phase, `never reached ${phase} (stuck in ${el.state})`, { timeout });
  await el.updateComplete;
}

/**
 * Picks a pack and a method with clicks, presses pay, and catches the redirect. With `leave`, the page
 * "navigates": the element under `host` is removed, as the real redirect would unload it.
 */
export async function choosePackAndPay(
  el: SmartCABuyTurns,
  choice: { pack?: string; method?: string } = {},
  options: { host?: HTMLElement; leave?: boolean } = {},
): Promise<RelayOrder> {
  await buyReached(el, 'choosing');
  if (choice.pack)
    el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="pack"][value="${choice.pack}"]`)!.click();
  if (choice.method)
    el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="method"][value="${choice.method}"]`)!.click();
  await el.updateComplete;
  const host = options.host ?? el;
  const redirect = new Promise<RelayOrder>((resolve) =>
    host.addEventListener(
      'smartca-purchase-redirect',
      (e) => {
        e.preventDefault();
        if (options.leave) host.remove();
        resolve(e.detail.order);
      },
      { once: true },
    ),
  );
  part<HTMLButtonElement>(el, 'button')!.click();
  return redirect;
}

/** The page as the payment page sends the user back to it: its URL carries `orderId` and `status`. */
export function returnTo(url: URL): () => void {
  const before = location.href;
  history.replaceState(null, '', `${url.pathname}${url.search}`);
  return () => history.replaceState(null, '', before);
}

export { nextEvent };
