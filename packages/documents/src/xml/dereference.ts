// Checks one ds:Reference of a signature found in a document: resolves its URI to a node-set, runs
// its transforms (see transforms.ts) and compares the digest.
import { base64ToBytes } from '@smartca-kit/sdk/core';
import { compareBytes } from '../internal/der.js';
import { DIGEST_METHODS, digest, NS } from './algorithms.js';
import type { NodeSet } from './c14n.js';
import { runTransforms } from './transforms.js';
import type { XmlReferenceReport } from './verify-report.js';
import {
  attribute,
  childrenNamed,
  elementsById,
  firstChild,
  textContent,
  type XmlDocument,
  type XmlElement,
} from './dom.js';

/** What was found about one reference: the public {@link XmlReferenceReport}, plus what the URI resolved to. */
export interface ReferenceCheck extends XmlReferenceReport {
  /** What the URI resolved to. */
  target: XmlDocument | XmlElement | undefined;
}

export { inclusivePrefixes } from './transforms.js';

function resolve(document: XmlDocument, uri: string | undefined): NodeSet | string {
  if (uri === undefined) return 'the Reference has no URI (application-defined references are not supported)';
  if (uri === '') return { apex: document, comments: false };
  if (uri === '#xpointer(/)') return { apex: document, comments: true };
  if (!uri.startsWith('#')) return `external reference "${uri}" is not supported`;
  const xpointer = /^#xpointer\(id\((['"])([^'"]+)\1\)\)$/.exec(uri);
  const id = xpointer ? (xpointer[2] as string) : uri.slice(1);
  const found = elementsById(document, id);
  if (found.length === 0) return `no element has Id "${id}"`;
  if (found.length > 1) return `${found.length} elements have Id "${id}" (ambiguous: possible signature wrapping)`;
  return { apex: found[0] as XmlElement, comments: xpointer !== null };
}

/** Recomputes the digest of a reference inside `signature`. Never throws: problems are reported. */
export async function checkReference(
  document: XmlDocument,
  signature: XmlElement,
  reference: XmlElement,
): Promise<ReferenceCheck> {
  const uri = attribute(reference, 'URI');
  const transformElements = childrenNamed(
    firstChild(reference, NS.dsig, 'Transforms') ?? reference,
    NS.dsig,
    'Transform',
  );
  const digestAlgorithm = attribute(firstChild(reference, NS.dsig, 'DigestMethod') ?? reference, 'Algorithm');
  const check: ReferenceCheck = {
    uri,
    type: attribute(reference, 'Type'),
    digestAlgorithm,
    digestValid: false,
    problem: undefined,
    unsupportedAlgorithm: undefined,
    target: undefined,
    transforms: transformElements.map((transform) => attribute(transform, 'Algorithm') ?? ''),
  };
  const resolved = resolve(document, uri);
  if (typeof resolved === 'string') return { ...check, problem: resolved };
  check.target = resolved.apex;
  const transformed = runTransforms(document, signature, resolved, transformElements);
  if ('problem' in transformed)
    return { ...check, problem: transformed.problem, unsupportedAlgorithm: transformed.unsupported };
  const hash = digestAlgorithm ? DIGEST_METHODS[digestAlgorithm] : undefined;
  if (!hash)
    return {
      ...check,
      problem: `digest method ${digestAlgorithm ?? '(none)'} is not supported`,
      unsupportedAlgorithm: digestAlgorithm ?? '',
    };
  const valueElement = firstChild(reference, NS.dsig, 'DigestValue');
  const expected = valueElement && base64ToBytes(textContent(valueElement));
  if (!expected) return { ...check, problem: 'DigestValue is missing or not base64' };
  const actual = await digest(hash, transformed.octets);
  const digestValid = compareBytes(actual, expected) === 0;
  return {
    ...check,
    digestValid,
    problem: digestValid ? undefined : 'the digest does not match: the referenced content was changed',
  };
}
