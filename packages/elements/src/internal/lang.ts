/** The languages the widget speaks. Vietnamese is what citizens read, so it is the default. */
export type SupportedLang = 'vi' | 'en';

/**
 * The language of `element`: its own `lang`, else the nearest ancestor's, crossing shadow roots (an
 * element inside another component's shadow DOM inherits that component's language). `en`, `en-US`
 * and the like mean English; anything else means Vietnamese.
 */
export function resolveLang(element: Element): SupportedLang {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return /^en\b/i.test(lang) ? 'en' : 'vi';
    node = node.parentElement ?? hostOf(node);
  }
  return 'vi';
}

function hostOf(node: Element): Element | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` when the document's `lang` changes (a portal's language switch), so that every
 * widget re-renders in the new language. One observer serves every element; it stops when the last
 * element unsubscribes. Returns the unsubscribe function.
 */
export function onDocumentLangChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
