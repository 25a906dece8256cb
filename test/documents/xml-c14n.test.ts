import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { C14N, c14nMethod, canonicalize, type C14nMethod } from '../../packages/documents/src/xml/c14n.js';
import { descendants, type XmlElement } from '../../packages/documents/src/xml/dom.js';
import { parseXml } from '../../packages/documents/src/xml/parser.js';

const INCLUSIVE = c14nMethod(C14N.inclusive) as C14nMethod;
const INCLUSIVE_COMMENTS = c14nMethod(C14N.inclusiveWithComments) as C14nMethod;
const EXCLUSIVE = c14nMethod(C14N.exclusive) as C14nMethod;

function wholeDocument(xml: string, method: C14nMethod, comments = true): string {
  return canonicalize({ apex: parseXml(xml), comments }, method);
}

function subtree(xml: string, qname: string, method: C14nMethod): string {
  const element = [...descendants(parseXml(xml).root)].find((el) => el.qname === qname) as XmlElement;
  return canonicalize({ apex: element, comments: false }, method);
}

// Examples of Canonical XML 1.0 §3 and Exclusive XML Canonicalization §2.2. Where the W3C input has a
// DOCTYPE (which the parser refuses), it is dropped and the expected output is the one without DTD
// defaults or attribute types (noted at each test).
describe('XML canonicalization (W3C vectors)', () => {
  it('c14n §3.1: PIs, comments and what lies outside the document element', () => {
    const input =
      '<?xml version="1.0"?>\n\n<?xml-stylesheet   href="doc.xsl"\n   type="text/xsl"   ?>\n\n' +
      '<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->\n';
    assert.equal(
      wholeDocument(input, INCLUSIVE),
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>',
    );
    assert.equal(
      wholeDocument(input, INCLUSIVE_COMMENTS),
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->',
    );
    // a node-set without comments (URI="") keeps none, even under #WithComments
    assert.equal(
      wholeDocument(input, INCLUSIVE_COMMENTS, false),
      '<?xml-stylesheet href="doc.xsl"\n   type="text/xsl"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>',
    );
  });

  it('c14n §3.2: white space in content is kept as is', () => {
    const doc =
      '<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n' +
      '      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>';
    assert.equal(wholeDocument(`<?xml version="1.0"?>\n${doc}\n`, INCLUSIVE), doc);
  });

  it('c14n §3.3: start and end tags, attribute and namespace order, superfluous declarations', () => {
    // the DTD's default attribute on e9 is gone with the DTD
    const input =
      '<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = "elem3"   id="elem3"   />\n' +
      '   <e4   name="elem4"   id="elem4"   ></e4>\n   <e5 a:attr="out" b:attr="sorted" attr2="all" attr="I\'m"\n' +
      '      xmlns:b="http://www.ietf.org"\n      xmlns:a="http://www.w3.org"\n      xmlns="http://example.org"/>\n' +
      '   <e6 xmlns="" xmlns:a="http://www.w3.org">\n      <e7 xmlns="http://www.ietf.org">\n' +
      '         <e8 xmlns="" xmlns:a="http://www.w3.org">\n            <e9 xmlns="" xmlns:a="http://www.ietf.org"/>\n' +
      '         </e8>\n      </e7>\n   </e6>\n</doc>';
    assert.equal(
      wholeDocument(input, INCLUSIVE),
      '<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id="elem3" name="elem3"></e3>\n' +
        '   <e4 id="elem4" name="elem4"></e4>\n' +
        '   <e5 xmlns="http://example.org" xmlns:a="http://www.w3.org" xmlns:b="http://www.ietf.org" attr="I\'m" attr2="all" b:attr="sorted" a:attr="out"></e5>\n' +
        '   <e6 xmlns:a="http://www.w3.org">\n      <e7 xmlns="http://www.ietf.org">\n         <e8 xmlns="">\n' +
        '            <e9 xmlns:a="http://www.ietf.org"></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>',
    );
  });

  it('c14n §3.4: character references, CDATA and attribute-value normalisation (all attributes CDATA)', () => {
    const input =
      '<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n' +
      '   <compute><![CDATA[value>"0" && value<"10" ?"valid":"error"]]></compute>\n' +
      '   <compute expr=\'value>"0" &amp;&amp; value&lt;"10" ?"valid":"error"\'>valid</compute>\n' +
      "   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n" +
      "   <normNames attr='   A   &#x20;&#13;&#xa;&#9;   B   '/>\n</doc>";
    assert.equal(
      wholeDocument(input, INCLUSIVE),
      '<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n' +
        '   <compute>value&gt;"0" &amp;&amp; value&lt;"10" ?"valid":"error"</compute>\n' +
        '   <compute expr="value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;">valid</compute>\n' +
        '   <norm attr=" \'    &#xD;&#xA;&#x9;   \' "></norm>\n' +
        '   <normNames attr="   A    &#xD;&#xA;&#x9;   B   "></normNames>\n</doc>',
    );
  });

  it('exc-c14n §2.2: a subtree drops the namespaces it does not use; inclusive c14n keeps them', () => {
    const first =
      '<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org">\n  <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">\n' +
      '    <n3:stuff xmlns:n3="ftp://example.org"/>\n  </n1:elem2>\n</n0:local>';
    const second =
      '<n2:pdu xmlns:n1="http://example.com" xmlns:n2="http://foo.example" xml:lang="fr" xml:space="retain">\n' +
      '  <n1:elem2 xmlns:n1="http://example.net" xml:lang="en">\n    <n3:stuff xmlns:n3="ftp://example.org"/>\n  </n1:elem2>\n</n2:pdu>';
    assert.equal(
      subtree(first, 'n1:elem2', INCLUSIVE),
      '<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" ' +
        'xmlns:n3="ftp://example.org" xml:lang="en">\n    <n3:stuff></n3:stuff>\n  </n1:elem2>',
    );
    assert.equal(
      subtree(second, 'n1:elem2', INCLUSIVE),
      '<n1:elem2 xmlns:n1="http://example.net" xmlns:n2="http://foo.example" ' +
        'xml:lang="en" xml:space="retain">\n    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>\n  </n1:elem2>',
    );
    const exclusive =
      '<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">\n    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>\n  </n1:elem2>';
    assert.equal(subtree(first, 'n1:elem2', EXCLUSIVE), exclusive);
    assert.equal(subtree(second, 'n1:elem2', EXCLUSIVE), exclusive);
  });

  it('exc-c14n: InclusiveNamespaces PrefixList renders listed prefixes the inclusive way', () => {
    const xml = '<r xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b"><b:x><y>t</y></b:x></r>';
    assert.equal(subtree(xml, 'b:x', EXCLUSIVE), '<b:x xmlns:b="urn:b"><y xmlns="urn:d">t</y></b:x>');
    assert.equal(
      subtree(xml, 'b:x', { ...EXCLUSIVE, inclusivePrefixes: ['a', ''] }),
      '<b:x xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b"><y>t</y></b:x>',
    );
  });

  it('exc-c14n: xmlns="" only where an output ancestor used a non-empty default namespace', () => {
    const xml = '<a xmlns="urn:a"><b xmlns=""><c/></b><p:d xmlns:p="urn:p" xmlns=""><e/></p:d></a>';
    assert.equal(
      wholeDocument(xml, EXCLUSIVE),
      '<a xmlns="urn:a"><b xmlns=""><c></c></b><p:d xmlns:p="urn:p"><e xmlns=""></e></p:d></a>',
    );
    assert.equal(subtree(xml, 'b', EXCLUSIVE), '<b><c></c></b>');
  });

  it('sorts attributes by namespace URI, then local name, and keeps Unicode as is (no normalisation)', () => {
    const nfd = 'Nguye\u0302\u0303n';
    const xml = `<r xmlns:z="urn:a" xmlns:a="urn:z" b="1" a:b="2" z:c="3" a="${nfd}">Tiếng Việt ${nfd}</r>`;
    assert.equal(
      wholeDocument(xml, EXCLUSIVE),
      `<r xmlns:a="urn:z" xmlns:z="urn:a" a="${nfd}" b="1" z:c="3" a:b="2">Tiếng Việt ${nfd}</r>`,
    );
  });

  it('leaves out excluded subtrees (the enveloped-signature transform) without touching the text around them', () => {
    const document = parseXml('<r>ab<s:Signature xmlns:s="urn:s"><x/></s:Signature>cd</r>');
    const signature = document.root.children[1] as XmlElement;
    assert.equal(
      canonicalize({ apex: document, comments: false, excluded: new Set([signature]) }, EXCLUSIVE),
      '<r>abcd</r>',
    );
  });
});
