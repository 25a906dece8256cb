// The parsed form of an XML document: just what canonicalization, signing and verification need.
// Every node keeps its position in the source text, so a signature can be inserted into the original
// bytes instead of re-serialising the document.

/** The XML namespace, bound to the `xml` prefix in every document. */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** An attribute (namespace declarations are kept apart, in {@link XmlElement.namespaceDeclarations}). */
export interface XmlAttribute {
  /** The name as written, e.g. `xml:lang`. */
  qname: string;
  /** The prefix, or `''`. */
  prefix: string;
  /** The name without its prefix. */
  localName: string;
  /** The namespace URI; `''` for an unprefixed attribute. */
  namespaceURI: string;
  /** The value after reference decoding and attribute-value normalisation. */
  value: string;
}

/** An `xmlns` or `xmlns:p` attribute. */
export interface XmlNamespaceDeclaration {
  /** The declared prefix; `''` for the default namespace. */
  prefix: string;
  /** The URI; `''` only for `xmlns=""`. */
  uri: string;
}

/** An element. */
export interface XmlElement {
  readonly type: 'element';
  /** The name as written, e.g. `ds:Signature`. */
  qname: string;
  /** The prefix, or `''`. */
  prefix: string;
  /** The name without its prefix. */
  localName: string;
  /** The namespace URI, `''` for none. */
  namespaceURI: string;
  /** Attributes in document order, without namespace declarations. */
  attributes: XmlAttribute[];
  /** The namespace declarations written on this element. */
  namespaceDeclarations: XmlNamespaceDeclaration[];
  /** Prefix → URI in scope here (`''` is the default namespace; an empty URI means "none"). */
  namespaces: ReadonlyMap<string, string>;
  /** Child nodes in document order. */
  children: XmlNode[];
  /** The parent element; `undefined` for the root element. */
  parent: XmlElement | undefined;
  /** Index of `<` of the start tag in the source text. */
  start: number;
  /** Index just past the start tag's `>`. */
  startTagEnd: number;
  /** Index of `</` of the end tag, or of `/>` when the element is written empty. */
  endTagStart: number;
  /** Index just past the element. */
  end: number;
  /** Written as `<x/>`. */
  selfClosing: boolean;
}

/** Character data: text, references and CDATA sections, line ends normalised. */
export interface XmlText {
  readonly type: 'text';
  /** The characters (already decoded). */
  value: string;
}

/** A comment. */
export interface XmlComment {
  readonly type: 'comment';
  /** The text between `<!--` and `-->`. */
  value: string;
}

/** A processing instruction other than the XML declaration. */
export interface XmlProcessingInstruction {
  readonly type: 'pi';
  /** The target name. */
  target: string;
  /** Everything after the target and its separating white space. */
  data: string;
}

/** Any node that can be a child. */
export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

/** A parsed document. */
export interface XmlDocument {
  readonly type: 'document';
  /** Comments, processing instructions and the root element (white space outside the root is dropped). */
  children: Array<XmlElement | XmlComment | XmlProcessingInstruction>;
  /** The document (root) element. */
  root: XmlElement;
  /** The source text the offsets refer to. */
  text: string;
}

/** The element children of an element. */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.type === 'element');
}

/** The first child element with this namespace and local name. */
export function firstChild(element: XmlElement, namespaceURI: string, localName: string): XmlElement | undefined {
  return element.children.find(
    (child): child is XmlElement =>
      child.type === 'element' && child.namespaceURI === namespaceURI && child.localName === localName,
  );
}

/** Every child element with this namespace and local name. */
export function childrenNamed(element: XmlElement, namespaceURI: string, localName: string): XmlElement[] {
  return childElements(element).filter((child) => child.namespaceURI === namespaceURI && child.localName === localName);
}

/** Every element of the subtree (the element itself first), in document order. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [element];
  while (stack.length) {
    const next = stack.pop() as XmlElement;
    yield next;
    const kids = childElements(next);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as XmlElement);
  }
}

/** The value of an unprefixed attribute. */
export function attribute(element: XmlElement, localName: string, namespaceURI = ''): string | undefined {
  return element.attributes.find((attr) => attr.localName === localName && attr.namespaceURI === namespaceURI)?.value;
}

/** The concatenated text of the subtree. */
export function textContent(element: XmlElement): string {
  let out = '';
  for (const child of element.children) {
    if (child.type === 'text') out += child.value;
    else if (child.type === 'element') out += textContent(child);
  }
  return out;
}

/** The identifier attribute of an element: `Id`, `ID`, `id` (unprefixed) or `xml:id`. */
export function idOf(element: XmlElement): string | undefined {
  for (const attr of element.attributes) {
    if (
      (attr.namespaceURI === '' && (attr.localName === 'Id' || attr.localName === 'ID' || attr.localName === 'id')) ||
      (attr.namespaceURI === XML_NAMESPACE && attr.localName === 'id')
    )
      return attr.value;
  }
  return undefined;
}

/**
 * Every element whose identifier is `id`. More than one means the document is ambiguous: a reference
 * to it must not be trusted (that is how signature-wrapping attacks work).
 */
export function elementsById(document: XmlDocument, id: string): XmlElement[] {
  return [...descendants(document.root)].filter((element) => idOf(element) === id);
}
