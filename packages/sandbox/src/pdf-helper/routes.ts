import { preparePdf } from '@smartca-kit/documents';
import { base64ToBytes, bytesToBase64, isSmartCAError } from '@smartca-kit/sdk/core';
import type { Engine } from '../engine/engine.js';
import { readJsonObject, str } from '../http/body.js';
import { json, sp769Error } from '../http/reply.js';
import type { Router } from '../http/router.js';
import { unb64 } from '../pki/encoding.js';
import { checkSigOptions } from './sig-options.js';
import { HelperSessions, type HelperFile } from './sessions.js';

/** VNPT's PDF helper lives here, beside SP769 (`https://gwsca.vnpt.vn/rest/v2/signature/...`). */
export const PDF_HELPER_PREFIX = '/rest/v2/signature';
/** Files per calculateHash; VNPT documents no limit, so the sandbox takes the gateway's whole-file one. */
const MAX_FILES = 10;
/** Bytes per PDF; VNPT documents none. */
const MAX_PDF_BYTES = 10 * 1024 * 1024;

/**
 * VNPT's PDF helper, as its PHP sample calls it (research note §1.3 (7)): `calculateHash` takes the
 * signer's certificate and the PDFs and answers the digest to sign for each (the PAdES signed
 * attributes, built here with @smartca-kit/documents); the partner signs those over SP769; then
 * `signExternal` takes the raw signatures and answers the signed PDFs. Success has no envelope, as at
 * VNPT; failures use SP769's, which VNPT's sample would print (it treats any non-200 as failure).
 */
export function registerPdfHelperRoutes(router: Router, engine: Engine): void {
  const sessions = new HelperSessions();

  router.on(
    'POST',
    `${PDF_HELPER_PREFIX}/calculateHash`,
    async ({ request }) => {
      const body = await readJsonObject(request);
      if (!body.ok) return sp769Error(400, body.reason);
      const partner = engine.partner(str(body.value, 'sp_id'), str(body.value, 'sp_password') ?? '');
      if (!partner) return sp769Error(401, 'sp_id/sp_password do not match a partner');
      const algorithm = (str(body.value, 'digestAlgorithm') ?? 'sha256').toLowerCase().replace('-', '');
      if (algorithm !== 'sha256') return sp769Error(400, 'digestAlgorithm must be "sha256"');
      const signer = signerFor(engine, str(body.value, 'signerCert') ?? '');
      if (!signer) return sp769Error(400, "signerCert must be the signer's certificate, base64 DER");
      const items = body.value.sign_files;
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_FILES) {
        return sp769Error(400, `sign_files must hold 1 to ${MAX_FILES} PDFs`);
      }
      const files: HelperFile[] = [];
      for (const [i, item] of items.entries()) {
        const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
        const pdf = base64ToBytes(str(record, 'pdfContent') ?? '');
        if (!pdf || pdf.length === 0) return sp769Error(400, `sign_files[${i}].pdfContent must be the PDF in base64`);
        if (pdf.length > MAX_PDF_BYTES)
          return sp769Error(400, `sign_files[${i}] is larger than ${MAX_PDF_BYTES} bytes`);
        const options = checkSigOptions(record.sigOptions, `sign_files[${i}].sigOptions`);
        if (options) return sp769Error(400, options);
        try {
          const prepared = await preparePdf(pdf, signer, { signingTime: new Date(engine.now()) });
          files.push({ fileId: globalThis.crypto.randomUUID(), prepared, bytes: pdf.length });
        } catch (error) {
          return sp769Error(
            400,
            `sign_files[${i}] cannot be signed: ${isSmartCAError(error) ? error.message : String(error)}`,
          );
        }
      }
      // The one tranId seen in a real client's doc_id is a UUID written without dashes.
      const tranId = globalThis.crypto.randomUUID().replace(/-/g, '');
      sessions.add({ tranId, spId: partner.spId, createdAt: engine.now(), files }, engine.now());
      return json({
        tranId,
        hashResps: files.map((f) => ({
          code: 'sigSuccess',
          hash: bytesToBase64(f.prepared.digestToSign),
          fileID: f.fileId,
        })),
      });
    },
    { mutates: false, maxBodyBytes: Math.ceil(MAX_FILES * MAX_PDF_BYTES * 1.4) },
  );

  router.on(
    'POST',
    `${PDF_HELPER_PREFIX}/signExternal`,
    async ({ request }) => {
      const body = await readJsonObject(request);
      if (!body.ok) return sp769Error(400, body.reason);
      const partner = engine.partner(str(body.value, 'sp_id'), str(body.value, 'sp_password') ?? '');
      if (!partner) return sp769Error(401, 'sp_id/sp_password do not match a partner');
      const tranId = str(body.value, 'tranId') ?? '';
      const session = sessions.get(tranId, engine.now());
      if (!session || session.spId !== partner.spId) {
        return sp769Error(400, `no calculateHash session "${tranId}" (sessions live an hour, in memory)`);
      }
      const signatures = body.value.signatures;
      if (!Array.isArray(signatures) || signatures.length === 0)
        return sp769Error(400, 'signatures must be a non-empty array');
      const signResps = [];
      for (const [i, item] of signatures.entries()) {
        const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
        const fileId = str(record, 'fileID') ?? '';
        const file = session.files.find((f) => f.fileId === fileId);
        if (!file) return sp769Error(400, `signatures[${i}].fileID "${fileId}" is not a file of session ${tranId}`);
        const signature = base64ToBytes(str(record, 'signature') ?? '');
        if (!signature || signature.length === 0) return sp769Error(400, `signatures[${i}].signature must be base64`);
        try {
          const signed = await file.prepared.finish(signature);
          signResps.push({ fileID: fileId, code: 'sigSuccess', signedData: bytesToBase64(await signed.toBytes()) });
        } catch (error) {
          return sp769Error(
            400,
            `signatures[${i}] does not verify against file ${fileId}'s hash and the signer's certificate: ` +
              (isSmartCAError(error) ? error.message : String(error)),
          );
        }
      }
      return json({ signResps });
    },
    { mutates: false },
  );
}

/**
 * The signer for `signerCert` (base64 DER; VNPT's own samples strip the CRLFs `cert_data` comes with):
 * a sandbox certificate signs with the sandbox's chain, any other certificate alone.
 */
function signerFor(engine: Engine, signerCert: string): { der: Uint8Array; chain: Uint8Array[] } | undefined {
  const der = base64ToBytes(signerCert);
  if (!der || der.length < 16 || der[0] !== 0x30) return undefined;
  const known = engine.state.certificates.some((c) => c.certDer === bytesToBase64(der));
  const { issuing, root } = engine.state.authority;
  return { der, chain: known ? [unb64(issuing.certDer), unb64(root.certDer)] : [] };
}
