// Namespaces in XML 1.0: turns a start tag's raw attributes into namespace declarations, the
// in-scope prefix map, and element/attribute names resolved to (namespace URI, local name).
import { XML_NAMESPACE, type XmlAttribute, type XmlElement, type XmlNamespaceDeclaration } from './dom.js';

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

/** An attribute as written in a start tag, before namespace processing. */
export interface RawAttribute {
  /** The name as written. */
  qname: string;
  /** The decoded, normalised value. */
  value: string;
  /** Index of the name in the source. */
  at: number;
}

/** Reports a problem at a source index; never returns. */
export type Fail = (at: number, detail: string) => never;

const isDeclaration = (attr: RawAttribute) => attr.qname === 'xmlns' || attr.qname.startsWith('xmlns:');

function split(qname: string, at: number, fail: Fail): [string, string] {
  const colon = qname.indexOf(':');
  if (colon === -1) return ['', qname];
  if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) !== -1) {
    fail(at, `${qname} is not a valid namespace-qualified name`);
  }
  return [qname.slice(0, colon), qname.slice(colon + 1)];
}

function declare(attr: RawAttribute, fail: Fail): XmlNamespaceDeclaration {
  const prefix = attr.qname === 'xmlns' ? '' : split(attr.qname, attr.at, fail)[1];
  const uri = attr.value;
  const ok =
    prefix === 'xml'
      ? uri === XML_NAMESPACE
      : prefix !== 'xmlns' && uri !== XML_NAMESPACE && uri !== XMLNS_NAMESPACE && (prefix === '' || uri !== '');
  if (!ok) fail(attr.at, `invalid namespace declaration ${attr.qname}="${uri}"`);
  return { prefix, uri };
}

function lookup(namespaces: ReadonlyMap<string, string>, prefix: string, at: number, fail: Fail): string {
  if (prefix === 'xml') return XML_NAMESPACE;
  const uri = namespaces.get(prefix);
  if (uri === undefined) fail(at, `namespace prefix '${prefix}' is not declared`);
  return uri;
}

/**
 * Builds the element of a start tag: declarations applied to the parent's scope (a new map only when
 * the element declares something), names resolved, and attributes unique by expanded name.
 */
export function resolveElement(
  qname: string,
  raw: readonly RawAttribute[],
  parent: XmlElement | undefined,
  start: number,
  fail: Fail,
): XmlElement {
  const declarations = raw.filter(isDeclaration).map((attr) => declare(attr, fail));
  let namespaces = parent?.namespaces ?? NO_NAMESPACES;
  const own = declarations.filter((decl) => decl.prefix !== 'xml');
  if (own.length) {
    const scope = new Map(namespaces);
    for (const decl of own) scope.set(decl.prefix, decl.uri);
    namespaces = scope;
  }
  const [prefix, localName] = split(qname, start + 1, fail);
  const namespaceURI = prefix === '' ? (namespaces.get('') ?? '') : lookup(namespaces, prefix, start + 1, fail);
  const attributes: XmlAttribute[] = [];
  const expanded = new Set<string>();
  for (const attr of raw) {
    if (isDeclaration(attr)) continue;
    const [attrPrefix, attrLocal] = split(attr.qname, attr.at, fail);
    const uri = attrPrefix === '' ? '' : lookup(namespaces, attrPrefix, attr.at, fail);
    const key = `${uri} ${attrLocal}`;
    if (expanded.has(key)) fail(attr.at, `attribute ${attr.qname} appears twice (same namespace and name)`);
    expanded.add(key);
    attributes.push({
      qname: attr.qname,
      prefix: attrPrefix,
      localName: attrLocal,
      namespaceURI: uri,
      value: attr.value,
    });
  }
  return {
    type: 'element',
    qname,
    prefix,
    localName,
    namespaceURI,
    attributes,
    namespaceDeclarations: declarations,
    namespaces,
    children: [],
    parent,
    start,
    startTagEnd: -1,
    endTagStart: -1,
    end: -1,
    selfClosing: false,
  };
}
