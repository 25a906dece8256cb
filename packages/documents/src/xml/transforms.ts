// The Transforms chain of a ds:Reference, as XMLDSig §4.3.3.2 and §6.6 run it: each transform takes a
// node-set or octets and gives one of the two; octets a node-set transform needs are parsed again as
// XML, and a node-set left at the end is canonicalized with inclusive c14n. E-invoice software chains
// them (VNPAY writes exclusive c14n then inclusive c14n), so a chain must not be cut at the first c14n.
import { base64ToBytes } from '@smartca-kit/sdk/core';
import { NS, URI } from './algorithms.js';
import { C14N, c14nMethod, canonicalize, type NodeSet } from './c14n.js';
import { decodeXmlBytes } from './decode.js';
import {
  attribute,
  descendants,
  firstChild,
  textContent,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
} from './dom.js';
import { parseXml } from './parser.js';

const BASE64 = 'http://www.w3.org/2000/09/xmldsig#base64';
const XPATH = 'http://www.w3.org/TR/1999/REC-xpath-19991116';

/** A transform's input or output. */
type Data = { kind: 'nodes'; set: NodeSet } | { kind: 'octets'; bytes: Uint8Array };

/** The chain's outcome: the octets to digest, or why it cannot be run (`unsupported` names the algorithm). */
export type TransformResult = { octets: Uint8Array } | { problem: string; unsupported?: string | undefined };

const encoder = new TextEncoder();

/** The `PrefixList` of an `ec:InclusiveNamespaces` child, `#default` read as `''`. */
export function inclusivePrefixes(method: XmlElement): string[] | undefined {
  const list = firstChild(method, NS.excC14n, 'InclusiveNamespaces');
  const value = list && attribute(list, 'PrefixList');
  return value
    ?.split(/[ \t\r\n]+/)
    .filter(Boolean)
    .map((prefix) => (prefix === '#default' ? '' : prefix));
}

/** Octets parsed again as XML (the node-set of the whole new document, comments kept for #WithComments). */
function reparse(bytes: Uint8Array): NodeSet {
  return { apex: parseXml(decodeXmlBytes(bytes)), comments: true };
}

function asNodes(data: Data): NodeSet {
  return data.kind === 'nodes' ? data.set : reparse(data.bytes);
}

/** The string value of a node-set: its text nodes in order, excluded subtrees left out (base64 reads it). */
function stringValue(set: NodeSet): string {
  const walk = (nodes: readonly XmlNode[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return node.value;
        if (node.type === 'element' && !set.excluded?.has(node)) return walk(node.children);
        return '';
      })
      .join('');
  return set.apex.type === 'document'
    ? walk(set.apex.children)
    : set.excluded?.has(set.apex)
      ? ''
      : textContent(set.apex);
}

/**
 * The XPath filters worth supporting without an XPath engine are the two spellings of "leave the
 * signature out": xmlsec's `here()` form (this signature only) and `not(ancestor-or-self::ds:Signature)`
 * (every signature). Both become excluded subtrees. Anything else is refused by name.
 */
function xpathExclusions(
  transform: XmlElement,
  document: XmlDocument,
  signature: XmlElement,
): XmlElement[] | undefined {
  const xpath = firstChild(transform, NS.dsig, 'XPath');
  if (!xpath) return undefined;
  const expression = textContent(xpath).replace(/\s+/g, '');
  const prefixes = [...xpath.namespaces]
    .filter(([, uri]) => uri === NS.dsig)
    .map(([prefix]) => prefix)
    .filter(Boolean);
  for (const p of prefixes) {
    if (
      expression ===
      `count(ancestor-or-self::${p}:Signature|here()/ancestor::${p}:Signature[1])>count(ancestor-or-self::${p}:Signature)`
    )
      return [signature];
    if (expression === `not(ancestor-or-self::${p}:Signature)`) {
      return [...descendants(document.root)].filter((e) => e.namespaceURI === NS.dsig && e.localName === 'Signature');
    }
  }
  return undefined;
}

function withExcluded(set: NodeSet, elements: readonly XmlElement[]): NodeSet {
  return { ...set, excluded: new Set([...(set.excluded ?? []), ...elements]) };
}

/** Runs `transforms` over `input` (what the Reference URI resolved to) for the Signature `signature`. */
export function runTransforms(
  document: XmlDocument,
  signature: XmlElement,
  input: NodeSet,
  transforms: readonly XmlElement[],
): TransformResult {
  let data: Data = { kind: 'nodes', set: input };
  for (const transform of transforms) {
    const algorithm = attribute(transform, 'Algorithm') ?? '';
    const method = c14nMethod(algorithm, inclusivePrefixes(transform));
    try {
      if (algorithm === URI.envelopedSignature) {
        // After a re-parse the Signature is a node of another document: there is nothing left to take out.
        if (data.kind === 'octets')
          return {
            problem: 'enveloped-signature after a transform that gave octets is not supported',
            unsupported: algorithm,
          };
        data = { kind: 'nodes', set: withExcluded(data.set, [signature]) };
      } else if (method) {
        data = { kind: 'octets', bytes: encoder.encode(canonicalize(asNodes(data), method)) };
      } else if (algorithm === BASE64) {
        const text = data.kind === 'nodes' ? stringValue(data.set) : decodeXmlBytes(data.bytes);
        const bytes = base64ToBytes(text.replace(/[ \t\r\n]+/g, ''));
        if (!bytes) return { problem: 'the base64 transform input is not base64' };
        data = { kind: 'octets', bytes };
      } else if (algorithm === XPATH) {
        if (data.kind === 'octets')
          return {
            problem: 'an XPath filter after a transform that gave octets is not supported',
            unsupported: algorithm,
          };
        const excluded = xpathExclusions(transform, document, signature);
        if (!excluded)
          return {
            problem: `transform ${algorithm} is supported only as the enveloped-signature filter; this XPath is not`,
            unsupported: algorithm,
          };
        data = { kind: 'nodes', set: withExcluded(data.set, excluded) };
      } else {
        return { problem: `transform ${algorithm || '(none)'} is not supported`, unsupported: algorithm };
      }
    } catch (error) {
      return { problem: `transform ${algorithm}: its input is not well-formed XML (${(error as Error).message})` };
    }
  }
  if (data.kind === 'octets') return { octets: data.bytes };
  return {
    octets: encoder.encode(
      canonicalize(data.set, c14nMethod(C14N.inclusive) as NonNullable<ReturnType<typeof c14nMethod>>),
    ),
  };
}
