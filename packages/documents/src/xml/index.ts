// The XML part of @smartca-kit/documents: enveloped XMLDSig / XAdES-BES signing and verification.
export { prepareXml, type XmlSignatureOptions } from './prepare.js';
export { verifyXml } from './verify.js';
export type { XadesReport, XmlReferenceReport, XmlSignatureReport, XmlVerification } from './verify-report.js';
