// Canonical XML 1.0 (inclusive) and Exclusive XML Canonicalization 1.0, over the node-sets XML
// signatures actually use: a whole document or an element's subtree, minus comments (unless asked)
// and minus excluded subtrees (the enveloped-signature transform).
import { XML_NAMESPACE, type XmlDocument, type XmlElement, type XmlNode } from './dom.js';

/** A canonicalization algorithm and its parameters. */
export interface C14nMethod {
  /** Exclusive (`xml-exc-c14n#`) rather than inclusive (`REC-xml-c14n-20010315`). */
  exclusive: boolean;
  /** Keep comments (the `#WithComments` variants); they are output only if the node-set has them. */
  withComments: boolean;
  /** Exclusive only: prefixes treated the inclusive way (`InclusiveNamespaces PrefixList`; `#default` is ''). */
  inclusivePrefixes?: readonly string[] | undefined;
}

/** The nodes to canonicalize. */
export interface NodeSet {
  /** The whole document, or one element and its descendants. */
  apex: XmlDocument | XmlElement;
  /** Whether comments are in the set (a same-document `URI=""` or `#id` reference drops them). */
  comments: boolean;
  /** Subtrees left out, e.g. the Signature element for the enveloped-signature transform. */
  excluded?: ReadonlySet<XmlElement> | undefined;
}

/** Algorithm URIs. */
export const C14N = {
  inclusive: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  inclusiveWithComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  exclusive: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  exclusiveWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
} as const;

/** The method an algorithm URI names, or `undefined` when it is not a supported canonicalization. */
export function c14nMethod(uri: string, inclusivePrefixes?: readonly string[]): C14nMethod | undefined {
  switch (uri) {
    case C14N.inclusive:
      return { exclusive: false, withComments: false };
    case C14N.inclusiveWithComments:
      return { exclusive: false, withComments: true };
    case C14N.exclusive:
      return { exclusive: true, withComments: false, inclusivePrefixes };
    case C14N.exclusiveWithComments:
      return { exclusive: true, withComments: true, inclusivePrefixes };
    default:
      return undefined;
  }
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function escapeAttribute(value: string): string {
  return value.replace(
    /[&<"\t\n\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' })[c] as string,
  );
}

/** Compares by Unicode code point (what the spec asks), not by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

class Canonicalizer {
  out = '';

  constructor(
    private readonly set: NodeSet,
    private readonly method: C14nMethod,
  ) {}

  private keepComments(): boolean {
    return this.set.comments && this.method.withComments;
  }

  document(document: XmlDocument): void {
    let seenRoot = false;
    for (const node of document.children) {
      if (node.type === 'element') {
        if (!this.set.excluded?.has(node)) this.element(node, new Map(), true);
        seenRoot = true;
        continue;
      }
      const text = this.misc(node);
      if (text !== undefined) this.out += seenRoot ? `\n${text}` : `${text}\n`;
    }
  }

  private misc(node: XmlNode): string | undefined {
    if (node.type === 'comment') return this.keepComments() ? `<!--${node.value}-->` : undefined;
    if (node.type === 'pi') return `<?${node.target}${node.data ? ` ${node.data}` : ''}?>`;
    return undefined;
  }

  /** The namespace declarations to write on `element`, given what output ancestors already wrote. */
  private namespaces(element: XmlElement, rendered: Map<string, string>): Array<[string, string]> {
    let prefixes: Iterable<string>;
    if (this.method.exclusive) {
      const used = new Set<string>([element.prefix]);
      for (const attr of element.attributes) if (attr.prefix && attr.prefix !== 'xml') used.add(attr.prefix);
      for (const prefix of this.method.inclusivePrefixes ?? []) if (element.namespaces.has(prefix)) used.add(prefix);
      prefixes = used;
    } else {
      prefixes = element.namespaces.keys();
    }
    const out: Array<[string, string]> = [];
    for (const prefix of prefixes) {
      if (prefix === 'xml') continue;
      const uri = element.namespaces.get(prefix) ?? '';
      const previous = rendered.get(prefix) ?? '';
      if (uri === previous && (uri !== '' || prefix === '')) continue;
      if (uri === '' && prefix !== '') continue;
      out.push([prefix, uri]);
    }
    return out.sort((a, b) => compareCodePoints(a[0], b[0]));
  }

  /** xml:* attributes an inclusive apex inherits from ancestors outside the node-set. */
  private inheritedXmlAttributes(element: XmlElement): Array<[string, string, string]> {
    const own = new Set(element.attributes.filter((a) => a.namespaceURI === XML_NAMESPACE).map((a) => a.localName));
    const out: Array<[string, string, string]> = [];
    for (let up = element.parent; up; up = up.parent) {
      for (const attr of up.attributes) {
        if (attr.namespaceURI === XML_NAMESPACE && !own.has(attr.localName)) {
          own.add(attr.localName);
          out.push([XML_NAMESPACE, attr.localName, `xml:${attr.localName}="${escapeAttribute(attr.value)}"`]);
        }
      }
    }
    return out;
  }

  element(element: XmlElement, renderedByAncestors: Map<string, string>, apex: boolean): void {
    const declarations = this.namespaces(element, renderedByAncestors);
    let rendered = renderedByAncestors;
    if (declarations.length) {
      rendered = new Map(renderedByAncestors);
      for (const [prefix, uri] of declarations) rendered.set(prefix, uri);
    }
    const attributes: Array<[string, string, string]> = element.attributes.map((attr) => [
      attr.namespaceURI,
      attr.localName,
      `${attr.qname}="${escapeAttribute(attr.value)}"`,
    ]);
    if (apex && !this.method.exclusive) attributes.push(...this.inheritedXmlAttributes(element));
    attributes.sort((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]));
    this.out += `<${element.qname}`;
    for (const [prefix, uri] of declarations)
      this.out += ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttribute(uri)}"`;
    for (const attr of attributes) this.out += ` ${attr[2]}`;
    this.out += '>';
    for (const child of element.children) {
      if (child.type === 'element') {
        if (!this.set.excluded?.has(child)) this.element(child, rendered, false);
      } else if (child.type === 'text') {
        this.out += escapeText(child.value);
      } else {
        this.out += this.misc(child) ?? '';
      }
    }
    this.out += `</${element.qname}>`;
  }
}

/** The canonical form of a node-set, as text (encode it as UTF-8 to hash it). */
export function canonicalize(set: NodeSet, method: C14nMethod): string {
  const canonicalizer = new Canonicalizer(set, method);
  if (set.apex.type === 'document') canonicalizer.document(set.apex);
  else if (!set.excluded?.has(set.apex)) canonicalizer.element(set.apex, new Map(), true);
  return canonicalizer.out;
}
