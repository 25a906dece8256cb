// Where the Signature goes: the last child of the root element, or of an element picked by a simple
// path. The signature text is spliced into the original text; nothing else is rewritten.
import { childElements, type XmlDocument, type XmlElement } from './dom.js';
import { xmlOptionError } from './errors.js';

/** Where to splice: replace `[from, to)` of the source text with `before + signature + after`. */
export interface Insertion {
  /** The element that receives the Signature as its last child. */
  parent: XmlElement;
  /** Start of the replaced range (character index). */
  from: number;
  /** End of the replaced range. */
  to: number;
  /** Text written before the Signature. */
  before: string;
  /** Text written after the Signature. */
  after: string;
}

function matches(element: XmlElement, step: string): boolean {
  return step.includes(':') ? element.qname === step : element.localName === step;
}

/**
 * Finds the parent element by a path of element names separated by `/`. Without a leading `/` the
 * path starts below the root element (`DSCKS/NBan`); with one it names the root first
 * (`/HDon/DSCKS/NBan`). A step without a colon matches the local name in any namespace; `p:name`
 * matches the name exactly as written. At each step the first matching child is taken.
 */
export function selectParent(document: XmlDocument, path: string | undefined): XmlElement {
  if (path === undefined || path === '' || path === '/') return document.root;
  const steps = path.split('/');
  let current: XmlElement | undefined;
  if (path.startsWith('/')) {
    steps.shift();
    const rootStep = steps.shift() ?? '';
    current = matches(document.root, rootStep) ? document.root : undefined;
  } else {
    current = document.root;
  }
  for (const step of steps) {
    if (!current) break;
    current = step ? childElements(current).find((child) => matches(child, step)) : undefined;
  }
  if (!current) {
    throw xmlOptionError('XML_PARENT_NOT_FOUND', 'parent', {
      vi: `Không tìm thấy phần tử "${path}" để đặt chữ ký. Hãy kiểm tra đường dẫn (ví dụ "DSCKS/NBan").`,
      en: `No element matches "${path}" to hold the signature. Check the path (for example "DSCKS/NBan").`,
    });
  }
  return current;
}

/** The splice that makes a Signature the last child of `parent` (an empty `<x/>` becomes `<x>…</x>`). */
export function insertionInto(parent: XmlElement): Insertion {
  if (parent.selfClosing) {
    return { parent, from: parent.endTagStart, to: parent.end, before: '>', after: `</${parent.qname}>` };
  }
  return { parent, from: parent.endTagStart, to: parent.endTagStart, before: '', after: '' };
}
