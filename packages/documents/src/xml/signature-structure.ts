// The child order XMLDSig's schema fixes for Signature, SignedInfo and Reference. A verifier that takes
// "the first SignedInfo" can be shown one SignedInfo and sign another (xml-crypto's
// saml_multiple_signed_info_nodes vector): xmlsec1 and xml-crypto refuse anything off the schema, so do we.
import { NS } from './algorithms.js';
import { childElements, type XmlElement } from './dom.js';

/** One expected child: its local name (in the dsig namespace) and how many times it may appear. */
type Slot = readonly [localName: string, min: number, max: number];

const SIGNATURE: readonly Slot[] = [
  ['SignedInfo', 1, 1],
  ['SignatureValue', 1, 1],
  ['KeyInfo', 0, 1],
  ['Object', 0, Infinity],
];
const SIGNED_INFO: readonly Slot[] = [
  ['CanonicalizationMethod', 1, 1],
  ['SignatureMethod', 1, 1],
  ['Reference', 1, Infinity],
];
const REFERENCE: readonly Slot[] = [
  ['Transforms', 0, 1],
  ['DigestMethod', 1, 1],
  ['DigestValue', 1, 1],
];

/** Why `element`'s children break `slots`, or `undefined` when they follow it. */
function sequenceProblem(element: XmlElement, slots: readonly Slot[]): string | undefined {
  const children = childElements(element);
  const names = children.map((child) =>
    child.namespaceURI === NS.dsig ? child.localName : `{${child.namespaceURI}}${child.localName}`,
  );
  let at = 0;
  for (const [localName, min, max] of slots) {
    let count = 0;
    while (count < max && names[at] === localName) {
      count++;
      at++;
    }
    if (count < min) {
      return `${element.localName} must have ${min === 1 && max === 1 ? 'one' : 'a'} ${localName} ${at === 0 ? 'first' : `after ${names[at - 1]}`}, found ${names[at] ?? 'nothing'}`;
    }
  }
  if (at < names.length)
    return `${element.localName} has an unexpected ${names[at]} after ${names[at - 1] ?? 'its start'} (children: ${names.join(', ')})`;
  return undefined;
}

/** Every way a Signature departs from the XMLDSig structure (its SignedInfo and References included). */
export function structureProblems(signature: XmlElement): string[] {
  const problems: string[] = [];
  const own = sequenceProblem(signature, SIGNATURE);
  if (own) problems.push(own);
  for (const signedInfo of childElements(signature).filter(
    (child) => child.namespaceURI === NS.dsig && child.localName === 'SignedInfo',
  )) {
    const info = sequenceProblem(signedInfo, SIGNED_INFO);
    if (info) problems.push(info);
    for (const reference of childElements(signedInfo)) {
      if (reference.namespaceURI !== NS.dsig || reference.localName !== 'Reference') continue;
      const ref = sequenceProblem(reference, REFERENCE);
      if (ref) problems.push(ref);
    }
  }
  return problems;
}
