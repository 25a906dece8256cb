// A small, safe, non-validating XML 1.0 + Namespaces parser, written for signing: it refuses any
// DOCTYPE (so there is no entity expansion and no external fetch: no XXE, no "billion laughs"),
// knows only the predefined entities and character references, and records where each element sits
// in the source so a signature can be spliced into the original text. Pure string work: runs the
// same in Node and browsers.
import { CharDataError, decodeCharData, ILLEGAL_CHAR, isXmlSpace, NAME_AT, normaliseLineEnds } from './char-data.js';
import type { XmlDocument, XmlElement, XmlNode } from './dom.js';
import { xmlError } from './errors.js';
import { resolveElement, type RawAttribute } from './namespaces.js';

/** Deeper documents are refused: no legitimate invoice nests a thousand levels. */
export const MAX_DEPTH = 1000;
const DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][\w.-]*)"|'([A-Za-z][\w.-]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/;

/**
 * Parses a whole document. Throws `DocumentFormatError` (`XML_MALFORMED`, `XML_DOCTYPE_FORBIDDEN` or
 * `XML_ENCODING_UNSUPPORTED`) with the byte offset, line and column of the first problem.
 */
export function parseXml(text: string): XmlDocument {
  return new Parser(text).parse();
}

class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  private fail(at: number, detail: string): never {
    throw xmlError('XML_MALFORMED', this.text, at, detail);
  }

  parse(): XmlDocument {
    const { text } = this;
    const illegal = ILLEGAL_CHAR.exec(text);
    if (illegal)
      this.fail(
        illegal.index,
        `character U+${(illegal[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
      );
    if (text.charCodeAt(0) === 0xfeff) this.i = 1;
    this.declaration();
    const children: XmlDocument['children'] = [];
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    while (this.i < text.length) {
      const top = stack[stack.length - 1];
      const at = this.i;
      if (text[at] !== '<') {
        this.characters(top);
        continue;
      }
      let node: XmlNode;
      if (text[at + 1] === '/') {
        if (!top) this.fail(at, 'end tag without a matching start tag');
        this.endTag(top);
        stack.pop();
        continue;
      } else if (text.startsWith('<!--', at)) {
        node = this.comment();
      } else if (text.startsWith('<!DOCTYPE', at)) {
        throw xmlError('XML_DOCTYPE_FORBIDDEN', text, at);
      } else if (text.startsWith('<![CDATA[', at)) {
        if (!top) this.fail(at, 'CDATA section outside the root element');
        node = this.cdata();
      } else if (text[at + 1] === '!') {
        this.fail(at, "unexpected '<!' (only comments and CDATA sections start so)");
      } else if (text[at + 1] === '?') {
        node = this.processingInstruction();
      } else {
        if (!top && root) this.fail(at, 'a second root element (a document has exactly one)');
        if (stack.length >= MAX_DEPTH) this.fail(at, `elements nested deeper than ${MAX_DEPTH}`);
        const element = this.startTag(top);
        if (!top) root = element;
        if (!element.selfClosing) stack.push(element);
        node = element;
      }
      if (top) top.children.push(node);
      else children.push(node as XmlDocument['children'][number]);
    }
    const open = stack[stack.length - 1];
    if (open) this.fail(text.length, `<${open.qname}> is not closed`);
    if (!root) this.fail(text.length, 'no root element');
    return { type: 'document', children, root, text };
  }

  private declaration(): void {
    const { text } = this;
    if (!text.startsWith('<?xml', this.i) || !isXmlSpace(text[this.i + 5])) return;
    const match = DECLARATION.exec(text.slice(this.i, this.i + 200));
    if (!match) this.fail(this.i, 'bad XML declaration');
    const encoding = match[1] ?? match[2];
    if (encoding && !/^utf-?8$/i.test(encoding))
      throw xmlError('XML_ENCODING_UNSUPPORTED', text, this.i, `encoding="${encoding}"`);
    this.i += match[0].length;
  }

  private name(what: string): string {
    NAME_AT.lastIndex = this.i;
    const match = NAME_AT.exec(this.text);
    if (!match) this.fail(this.i, `expected ${what}`);
    this.i += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const from = this.i;
    while (isXmlSpace(this.text[this.i])) this.i += 1;
    return this.i > from;
  }

  private characters(parent: XmlElement | undefined): void {
    const { text } = this;
    const at = this.i;
    const lt = text.indexOf('<', at);
    const end = lt === -1 ? text.length : lt;
    const raw = text.slice(at, end);
    this.i = end;
    if (!parent) {
      if (!/^[ \t\r\n]*$/.test(raw)) this.fail(at + raw.search(/[^ \t\r\n]/), 'text outside the root element');
      return;
    }
    const cdataEnd = raw.indexOf(']]>');
    if (cdataEnd !== -1) this.fail(at + cdataEnd, "']]>' is not allowed in text");
    try {
      parent.children.push({ type: 'text', value: decodeCharData(raw, at, false) });
    } catch (error) {
      if (error instanceof CharDataError) this.fail(error.index, error.message);
      throw error;
    }
  }

  private comment(): XmlNode {
    const at = this.i;
    const end = this.text.indexOf('-->', at + 4);
    if (end === -1) this.fail(at, 'comment is not closed with -->');
    const value = this.text.slice(at + 4, end);
    if (value.includes('--') || value.endsWith('-')) this.fail(at, "'--' is not allowed inside a comment");
    this.i = end + 3;
    return { type: 'comment', value: normaliseLineEnds(value) };
  }

  private cdata(): XmlNode {
    const at = this.i;
    const end = this.text.indexOf(']]>', at + 9);
    if (end === -1) this.fail(at, 'CDATA section is not closed with ]]>');
    this.i = end + 3;
    return { type: 'text', value: normaliseLineEnds(this.text.slice(at + 9, end)) };
  }

  private processingInstruction(): XmlNode {
    const at = this.i;
    this.i += 2;
    const target = this.name('a processing-instruction target');
    if (/^xml$/i.test(target)) this.fail(at, 'the XML declaration is only allowed at the very start');
    const end = this.text.indexOf('?>', this.i);
    if (end === -1) this.fail(at, 'processing instruction is not closed with ?>');
    if (end !== this.i && !this.skipSpace()) this.fail(this.i, 'expected white space after the target');
    const data = this.text.slice(Math.min(this.i, end), end);
    this.i = end + 2;
    return { type: 'pi', target, data: normaliseLineEnds(data) };
  }

  private startTag(parent: XmlElement | undefined): XmlElement {
    const { text } = this;
    const start = this.i;
    this.i += 1;
    const qname = this.name('an element name');
    const raw: RawAttribute[] = [];
    const seen = new Set<string>();
    let selfClosing = false;
    let endTagStart = -1;
    for (;;) {
      const spaced = this.skipSpace();
      const char = text[this.i];
      if (char === '>') {
        this.i += 1;
        break;
      }
      if (char === '/' && text[this.i + 1] === '>') {
        selfClosing = true;
        endTagStart = this.i;
        this.i += 2;
        break;
      }
      if (char === undefined) this.fail(this.i, `<${qname}> start tag is not closed`);
      if (!spaced) this.fail(this.i, 'expected white space, > or /> after an attribute');
      raw.push(this.attribute(seen));
    }
    const element = resolveElement(qname, raw, parent, start, (at, detail) => this.fail(at, detail));
    element.startTagEnd = this.i;
    if (selfClosing) {
      element.selfClosing = true;
      element.endTagStart = endTagStart;
      element.end = this.i;
    }
    return element;
  }

  private attribute(seen: Set<string>): RawAttribute {
    const { text } = this;
    const at = this.i;
    const qname = this.name('an attribute name');
    if (seen.has(qname)) this.fail(at, `duplicate attribute ${qname}`);
    seen.add(qname);
    this.skipSpace();
    if (text[this.i] !== '=') this.fail(this.i, `expected '=' after ${qname}`);
    this.i += 1;
    this.skipSpace();
    const quote = text[this.i];
    if (quote !== '"' && quote !== "'") this.fail(this.i, 'attribute values must be quoted');
    const close = text.indexOf(quote, this.i + 1);
    if (close === -1) this.fail(this.i, 'attribute value is not closed');
    const rawValue = text.slice(this.i + 1, close);
    const lt = rawValue.indexOf('<');
    if (lt !== -1) this.fail(this.i + 1 + lt, "'<' is not allowed in an attribute value (write &lt;)");
    let value: string;
    try {
      value = decodeCharData(rawValue, this.i + 1, true);
    } catch (error) {
      if (error instanceof CharDataError) this.fail(error.index, error.message);
      throw error;
    }
    this.i = close + 1;
    return { qname, value, at };
  }

  private endTag(element: XmlElement): void {
    const at = this.i;
    this.i += 2;
    const name = this.name('an element name in the end tag');
    this.skipSpace();
    if (this.text[this.i] !== '>') this.fail(this.i, "expected '>' to close the end tag");
    if (name !== element.qname) this.fail(at, `expected </${element.qname}>, found </${name}>`);
    this.i += 1;
    element.endTagStart = at;
    element.end = this.i;
  }
}
