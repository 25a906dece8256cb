// Small helpers to read and drive a <smartca-sign> the way a user (or an assistive technology) does.
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/smartca-sign.js';
import type { SmartCASign, SignState } from '../../src/index.js';
import { ENDPOINT } from './harness.js';

/** Renders `<smartca-sign>` for `session`, with optional extra attributes set afterwards. */
export async function mountSign(session: string, attributes: Record<string, string> = {}): Promise<SmartCASign> {
  const el = await fixture<SmartCASign>(html`<smartca-sign endpoint=${ENDPOINT} session=${session}></smartca-sign>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  return el;
}

/** The element's shadow part, e.g. `button`, `status`, `doc-id`. */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

/** The text of a part, trimmed, or `''`. */
export function partText(el: Element, name: string): string {
  return part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Resolves once the element reaches `phase` and has rendered it. */
export async function reached(el: SmartCASign, phase: SignState, timeout = 20_000): Promise<void> {
  await waitUntil(() => el.state === phase, `never reached ${phase} (stuck in ${el.state})`, { timeout });
  await el.updateComplete;
}

/** Clicks the main button and returns the pending event (the transaction id and expiry). */
export async function startAndWaitForPending(el: SmartCASign) {
  const pending = nextEvent(el, 'smartca-sign-pending');
  part<HTMLButtonElement>(el, 'button')?.click();
  const event = await pending;
  await el.updateComplete;
  return event;
}

/** Whether the element matches `:state(name)`. */
export function hasState(el: Element, name: string): boolean {
  return el.matches(`:state(${name})`);
}

/** The next event of `type` on `target`, typed through `GlobalEventHandlersEventMap`. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(type, (e) => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }),
  );
}
