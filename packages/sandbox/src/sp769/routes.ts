import { readJsonObject, str } from '../http/body.js';
import { sp769, sp769Error } from '../http/reply.js';
import type { Router } from '../http/router.js';
import { certificateStatusText } from '../engine/turns.js';
import { certificateStatusName } from '../engine/certificate-state.js';
import type { Engine } from '../engine/engine.js';
import { SP769_STATUS_MESSAGES, sp769SignedFiles } from './wire.js';
import type { CertificateRecord, TransactionRecord } from '../state/types.js';
import { authenticate, checkCertificateAndTurns, prepareSign, replay } from './sign-checks.js';
import { registerThRoutes } from './th-routes.js';

/** SP769 lives under this prefix, as at VNPT (`https://gwsca.vnpt.vn/sca/sp769/...`). */
export const SP769_PREFIX = '/sca/sp769';

/** Registers SP769 v1 (and, through th-routes, v2) on VNPT's paths. */
export function registerSp769Routes(router: Router, engine: Engine): void {
  // v1 answers with VNPT's full listing (V1 §3.2); v2, SmartCA TH's path, with the short one of V1 §4.2:
  // no service_type, status, subject or dates, and root_cert null. Both spell the message "Success".
  for (const version of ['v1', 'v2'] as const) {
    router.on(
      'POST',
      `${SP769_PREFIX}/${version}/credentials/get_certificate`,
      async ({ request }) => {
        const auth = await authenticate(engine, request);
        if (!auth.ok) return auth.response;
        const serial = str(auth.body, 'serial_number') ?? '';
        const transactionId = str(auth.body, 'transaction_id') ?? '';
        const certs = engine
          .certificatesOf(auth.user.userId)
          .filter((c) => !serial || c.serialNumber.toLowerCase() === serial.toLowerCase());
        const listing = version === 'v1' ? certificateListing : thCertificateListing;
        return sp769(200, 'Success', { user_certificates: certs.map((c) => listing(engine, c, transactionId)) });
      },
      { mutates: false },
    );
  }

  router.on('POST', `${SP769_PREFIX}/v1/signatures/sign`, async ({ request }) => {
    const auth = await authenticate(engine, request);
    if (!auth.ok) return auth.response;
    const prepared = prepareSign(engine, auth.partner, auth.user, auth.body, false);
    if (!prepared.ok) return prepared.response;
    const { cert, files, transactionId, fingerprint } = prepared;
    const earlier = engine.previous(auth.partner.spId, transactionId, ['sp769', 'sp769-th']);
    if (earlier) return replay(earlier, fingerprint, engine.now());
    const blocked = checkCertificateAndTurns(engine, auth.partner, cert, files);
    if (blocked) return blocked;
    const tx = engine.create({
      surface: 'sp769',
      partner: auth.partner,
      user: auth.user,
      cert,
      transactionId,
      description: str(auth.body, 'transaction_desc') ?? '',
      files,
      fingerprint,
    });
    return sp769(200, 'sig_wait_for_user_confirm', { transaction_id: tx.transactionId, tran_code: tx.tranId });
  });

  router.on(
    'POST',
    `${SP769_PREFIX}/v1/signatures/sign/:id/status`,
    async ({ request, params }) => {
      const body = await readJsonObject(request);
      if (!body.ok) return sp769Error(400, body.reason);
      // VNPT's PHP sample sends no credentials here; when they are sent they must be right.
      const spId = str(body.value, 'sp_id');
      if (spId !== undefined && !engine.partner(spId, str(body.value, 'sp_password'))) {
        return sp769Error(401, 'sp_id/sp_password do not match a partner');
      }
      const tx = engine.transaction(params.id ?? '', spId, 'sp769');
      if (!tx) return sp769Error(400, `no transaction with transaction_id or tran_code "${params.id}"`);
      return sp769(200, SP769_STATUS_MESSAGES[tx.status], statusData(engine, tx));
    },
    { mutates: false },
  );

  registerThRoutes(router, engine);
}

function statusData(engine: Engine, tx: TransactionRecord): Record<string, unknown> {
  return {
    transaction_id: tx.transactionId,
    // Seconds left to approve, as real answers carry it (not in V1's example).
    expired_in: Math.max(0, Math.round((tx.expiresAt - engine.now()) / 1000)),
    signatures: tx.status === 'signed' ? sp769SignedFiles(tx) : null,
  };
}

function certificateListing(engine: Engine, c: CertificateRecord, transactionId: string): Record<string, unknown> {
  const issuing = engine.state.authority.issuing.certDer;
  return {
    service_type: c.serviceType,
    service_name: c.serviceName,
    cert_id: c.certId,
    cert_status: certificateStatusText(c, engine.now()),
    // The machine code integrators select on, beside the Vietnamese text (not in V1's example).
    cert_status_code: certificateStatusName(c, engine.now()),
    serial_number: c.serialNumber,
    cert_subject: c.subject,
    cert_valid_from: new Date(c.validFrom).toISOString(),
    cert_valid_to: new Date(c.validTo).toISOString(),
    cert_data: c.certDer,
    // VNPT sometimes sends a null root_cert; the sandbox sends the root so chains can be built offline.
    chain_data: { ca_cert: issuing, root_cert: engine.state.authority.root.certDer },
    transaction_id: transactionId,
  };
}

/** SmartCA TH's listing (V1 §4.2): only the id, the certificate, the CA without its root, and the serial. */
function thCertificateListing(engine: Engine, c: CertificateRecord, transactionId: string): Record<string, unknown> {
  return {
    cert_id: c.certId,
    cert_data: c.certDer,
    chain_data: { ca_cert: engine.state.authority.issuing.certDer, root_cert: null },
    serial_number: c.serialNumber,
    transaction_id: transactionId,
  };
}
