import { checkRawSignature } from '../cms/check-signature.js';
import { resolveSigner, type SignerCertificate } from '../cms/signer.js';
import { sha256 } from '../hash/sha256.js';
import type { PreparedDocument } from '../prepared-document.js';
import { readAll, toByteSource, type DocumentInput } from '../source/byte-source.js';
import { SignedDocument } from '../source/signed-document.js';
import { NS, URI } from './algorithms.js';
import { C14N, canonicalize, type NodeSet } from './c14n.js';
import { NCNAME } from './char-data.js';
import { decodeXmlBytes } from './decode.js';
import { descendants, elementsById, idOf, type XmlDocument, type XmlElement } from './dom.js';
import { xmlOptionError } from './errors.js';
import { parseXml } from './parser.js';
import { insertionInto, selectParent } from './placement.js';
import {
  keyInfoXml,
  Names,
  signatureEndTag,
  signatureStartTag,
  signatureValueXml,
  signedInfoXml,
  type ReferenceSpec,
} from './signature-xml.js';
import { qualifyingPropertiesObject } from './xades.js';

/** Options of {@link prepareXml}. */
export interface XmlSignatureOptions {
  /**
   * Add XAdES-BES qualifying properties (SigningTime, SigningCertificateV2 and a DataObjectFormat),
   * signed through a reference of type `http://uri.etsi.org/01903#SignedProperties`.
   */
  xades?: boolean | undefined;
  /** XAdES SigningTime. Default: now. Ignored without {@link xades}. */
  signingTime?: Date | undefined;
  /** The Signature's `Id`. Default: `Signature-1` (or the next number free in the document). */
  signatureId?: string | undefined;
  /**
   * The element that receives the Signature as its last child, by a path of element names: `DSCKS/NBan`
   * starts below the root, `/HDon/DSCKS/NBan` names the root too. A step matches the local name (any
   * namespace) or, written `p:name`, the exact name. The first match is taken at each step; an empty
   * `<NBan/>` becomes `<NBan>…</NBan>`. Default: the root element.
   */
  parent?: string | undefined;
  /**
   * Sign only the element whose `Id` (or `ID`, `id`, `xml:id`) is this value (`URI="#value"`), as
   * Vietnamese e-invoices sign `<DLHDon Id="…">`. Then several signatures (seller, buyer, tax authority)
   * can each cover the data without covering one another. Default: the whole document (`URI=""`),
   * which also covers any signature already present, so a later whole-document signature invalidates
   * an earlier one.
   */
  referenceId?: string | undefined;
  /** Prefix for the XML Signature elements: `ds` (default) or `''` for `xmlns="…xmldsig#"`. */
  prefix?: string | undefined;
}

const EXC_C14N = { exclusive: true, withComments: false } as const;
const encoder = new TextEncoder();

function checkId(value: string, field: string): string {
  if (!NCNAME.test(value)) {
    throw xmlOptionError('XML_ID_INVALID', field, {
      vi: `"${value}" không dùng được làm Id XML (phải là NCName: bắt đầu bằng chữ cái hoặc "_", không có dấu cách hay ":").`,
      en: `"${value}" cannot be an XML Id (it must be an NCName: start with a letter or "_", no spaces or ":").`,
    });
  }
  return value;
}

function freeId(document: XmlDocument, wanted: string | undefined, field: string, base: string): string {
  if (wanted !== undefined) {
    if (elementsById(document, checkId(wanted, field)).length) {
      throw xmlOptionError('XML_ID_TAKEN', field, {
        vi: `Id "${wanted}" đã có trong tài liệu; hãy chọn Id khác cho chữ ký.`,
        en: `Id "${wanted}" is already used in the document; choose another Id for the signature.`,
      });
    }
    return wanted;
  }
  const taken = new Set([...descendants(document.root)].map(idOf));
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

function referencedElement(document: XmlDocument, id: string): XmlElement {
  const found = elementsById(document, id);
  if (found.length !== 1) {
    throw xmlOptionError(
      found.length ? 'XML_ID_AMBIGUOUS' : 'XML_REFERENCE_NOT_FOUND',
      'referenceId',
      found.length
        ? {
            vi: `Có ${found.length} phần tử cùng Id "${id}"; Id phải là duy nhất để ký.`,
            en: `${found.length} elements carry Id "${id}"; it must be unique to be signed.`,
          }
        : { vi: `Không có phần tử nào mang Id "${id}" để ký.`, en: `No element carries Id "${id}" to be signed.` },
    );
  }
  return found[0] as XmlElement;
}

/** SHA-256 of the exclusive canonical form of `element`, read from a standalone Signature wrapper. */
function digestInWrapper(
  ds: Names,
  signatureId: string,
  inner: string,
  pick: (doc: XmlDocument) => XmlElement,
): { digest: Uint8Array; canonical: Uint8Array } {
  const wrapper = parseXml(`${signatureStartTag(ds, signatureId)}${inner}${signatureEndTag(ds)}`);
  const canonical = encoder.encode(canonicalize({ apex: pick(wrapper), comments: false }, EXC_C14N));
  return { digest: sha256(canonical), canonical };
}

/**
 * Prepares an enveloped XML signature (XMLDSig, RSA-SHA256, exclusive c14n, X509Data; optionally
 * XAdES-BES). `digestToSign` is the SHA-256 of the canonical SignedInfo; `finish` checks SmartCA's raw
 * signature and splices the Signature into the original bytes, which stay untouched around it.
 * Throws `DocumentFormatError` for malformed XML or a DOCTYPE, `InvalidInputError` for a certificate
 * that may not sign or a bad option.
 */
export async function prepareXml(
  input: DocumentInput,
  signer: SignerCertificate,
  options: XmlSignatureOptions = {},
): Promise<PreparedDocument> {
  const resolved = resolveSigner(signer);
  const bytes = await readAll(toByteSource(input));
  const text = decodeXmlBytes(bytes);
  const document = parseXml(text);
  const prefix = options.prefix ?? 'ds';
  if (prefix !== '' && (!NCNAME.test(prefix) || /^xml/i.test(prefix) || prefix === 'xades')) {
    throw xmlOptionError('XML_PREFIX_INVALID', 'prefix', {
      vi: `Tiền tố "${prefix}" không dùng được cho XML Signature; hãy dùng "ds" hoặc "".`,
      en: `"${prefix}" cannot prefix the XML Signature elements; use "ds" or "".`,
    });
  }
  const ds = new Names(prefix);
  const insertion = insertionInto(selectParent(document, options.parent));
  const signatureId = freeId(document, options.signatureId, 'signatureId', 'Signature');

  const content: NodeSet =
    options.referenceId === undefined
      ? { apex: document, comments: false }
      : { apex: referencedElement(document, options.referenceId), comments: false };
  const references: ReferenceSpec[] = [
    {
      id: options.xades ? `${signatureId}-ref-0` : undefined,
      uri: options.referenceId === undefined ? '' : `#${options.referenceId}`,
      transforms: [URI.envelopedSignature, C14N.exclusive],
      digest: sha256(encoder.encode(canonicalize(content, EXC_C14N))),
    },
  ];
  let object = '';
  if (options.xades) {
    const signedPropertiesId = `${signatureId}-SignedProperties`;
    object = qualifyingPropertiesObject(ds, {
      signatureId,
      signedPropertiesId,
      dataReferenceId: `${signatureId}-ref-0`,
      signingTime: options.signingTime ?? new Date(),
      signer: resolved.certificate,
    });
    const { digest } = digestInWrapper(
      ds,
      signatureId,
      object,
      (doc) =>
        [...descendants(doc.root)].find(
          (el) => el.namespaceURI === NS.xades && el.localName === 'SignedProperties',
        ) as XmlElement,
    );
    references.push({
      uri: `#${signedPropertiesId}`,
      type: URI.signedPropertiesType,
      transforms: [C14N.exclusive],
      digest,
    });
  }
  const signedInfo = signedInfoXml(ds, references);
  const { digest: digestToSign, canonical } = digestInWrapper(
    ds,
    signatureId,
    signedInfo,
    (doc) => doc.root.children[0] as XmlElement,
  );

  return {
    format: 'xml',
    digestToSign,
    async finish(signature) {
      await checkRawSignature(resolved, { der: canonical }, signature);
      const signatureXml =
        signatureStartTag(ds, signatureId) +
        signedInfo +
        signatureValueXml(ds, `${signatureId}-SignatureValue`, signature) +
        keyInfoXml(ds, resolved.certificates) +
        object +
        signatureEndTag(ds);
      const from = encoder.encode(text.slice(0, insertion.from)).length;
      const to = from + encoder.encode(text.slice(insertion.from, insertion.to)).length;
      return new SignedDocument('xml', [
        bytes.subarray(0, from),
        encoder.encode(insertion.before + signatureXml + insertion.after),
        bytes.subarray(to),
      ]);
    },
  };
}
