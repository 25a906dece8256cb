import { checkCode, COMMERCE_SCOPE } from '@smartca-kit/sdk';
import { certificateStatusCode } from '../engine/certificate-state.js';
import { readJsonWithText } from '../http/body.js';
import { gateway } from '../http/reply.js';
import type { RouteContext, Router } from '../http/router.js';
import type { TokenStore } from '../gateway/tokens.js';
import type { PartnerRecord } from '../state/types.js';
import { acceptanceRecord, submitAcceptance } from './approval.js';
import type { Commerce } from './commerce.js';
import { documentView, type RegistrationDocumentText } from './documents.js';
import { oncePerKey } from './idempotency.js';
import { createOrder, expire } from './orders.js';
import { Refusal, fieldRefusal, refuse, type Outcome } from './refusal.js';
import {
  activate,
  createRegistration,
  requestContract,
  resendActivationCode,
  signContract,
  submitEkyc,
} from './registrations.js';
import type { RegistrationRecord } from './state.js';
import { usageView } from './usage.js';
import { catalogView, orderView, registrationView } from './views.js';

/** Where the commerce API lives: smartca-kit's extension, beside VNPT's `/csc`. */
export const COMMERCE_PREFIX = '/commerce/v1';
// eKYC sends three base64 images of up to 2 MiB each; other commerce bodies keep the 1 MiB default.
const MAX_EKYC_BODY = 8 * 1024 * 1024;
const SUCCESS = [0, 'SUCCESS', 'Thành công'] as const;

type Call = { partner: PartnerRecord; body: Record<string, unknown>; url: URL };

/**
 * The partner commerce API: OAuth2 client-credentials bearer, JSON POSTs, the gateway's envelope.
 * Reads answer at once; every mutating call runs at most once per `Idempotency-Key`.
 */
export function registerCommerceRoutes(
  router: Router,
  c: Commerce,
  tokens: TokenStore,
  onAppraisal: (r: RegistrationRecord) => void,
): void {
  const route = (
    path: string,
    mutating: boolean,
    handler: (call: Call) => Outcome<Response> | Promise<Outcome<Response>>,
    maxBodyBytes?: number,
  ) => {
    router.on(
      'POST',
      `${COMMERCE_PREFIX}/${path}`,
      async ({ request, url }: RouteContext) => {
        const token = await tokens.bearer(request.headers.get('authorization'));
        const partner = token && token.scope === COMMERCE_SCOPE ? c.engine.partner(token.clientId) : undefined;
        if (!partner) {
          return gateway(
            63000,
            'SIGNER_AUTHENTICATION_FAILED',
            'invalid_token: a client_credentials bearer token with the "commerce" scope is required',
            null,
            401,
          );
        }
        const read = await readJsonWithText(request);
        if (!read.ok)
          return refuse(
            'CLIENT_INPUT_INVALID',
            `Nội dung yêu cầu không hợp lệ: ${read.reason}.`,
            `Bad body: ${read.reason}.`,
          ).toResponse();
        const answer = async () => {
          const outcome = await handler({ partner, body: read.value.json, url });
          return outcome instanceof Refusal ? outcome.toResponse() : outcome;
        };
        return mutating ? oncePerKey(c, partner.spId, request, path, read.value.text, answer) : answer();
      },
      { mutates: mutating, maxBodyBytes },
    );
  };
  const ok = (content: unknown) => gateway(...SUCCESS, content);
  const registration = (r: Outcome<RegistrationRecord>) =>
    r instanceof Refusal ? r : ok(registrationView(r, c.serialOf(r)));
  const doc = (d: Outcome<RegistrationDocumentText>) => (d instanceof Refusal ? d : ok(documentView(d)));
  const withRegistration = (
    body: Record<string, unknown>,
    partner: PartnerRecord,
    then: (r: RegistrationRecord) => Outcome<Response> | Promise<Outcome<Response>>,
  ) => {
    const found = c.state.registrations.find(
      (r) => r.registrationId === body.registrationId && r.spId === partner.spId,
    );
    return found
      ? then(found)
      : refuse(
          'REGISTRATION_NOT_FOUND',
          'registrationId: không có hồ sơ này.',
          'registrationId: no such registration for this partner.',
          { field: 'registrationId' },
        );
  };

  route('pricing/list', false, () => ok(catalogView(c.state.pricing)));

  route('balance', false, ({ body }) => {
    const certs = certificatesOf(c, body);
    if (certs instanceof Refusal) return certs;
    return ok({
      uid: body.uid,
      credentials: certs.map((cert) => ({
        credentialId: cert.certId,
        serialNumber: cert.serialNumber,
        serviceType: cert.serviceType,
        signType: cert.pack.billing === 'per-turn' ? 1 : 0,
        certStatus: certificateStatusCode(cert, c.now()),
        validTo: new Date(cert.validTo).toISOString(),
        servicePack: {
          servicePackId: cert.pack.servicePackId,
          totalSignLimit: cert.pack.totalSignLimit,
          signedTurn: cert.pack.signedTurn,
          reserved: cert.pack.reserved,
        },
      })),
    });
  });

  route('usage', false, ({ body }) => {
    const certs = certificatesOf(c, body);
    if (certs instanceof Refusal) return certs;
    const limit = body.limit === undefined ? 50 : body.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) {
      return refuse(
        'CLIENT_INPUT_INVALID',
        'limit: số nguyên từ 1 đến 500.',
        'limit must be a whole number from 1 to 500.',
        { field: 'limit' },
      );
    }
    const ids = new Set(certs.map((cert) => cert.certId));
    const entries = c.state.usage
      .filter((u) => ids.has(u.certId))
      .slice(-limit)
      .reverse();
    return ok({ entries: entries.map(usageView) });
  });

  route('orders/create', true, ({ partner, body, url }) => {
    const order = createOrder(c, partner, body, url.origin);
    return order instanceof Refusal ? order : ok(orderView(order));
  });

  route('orders/get', false, ({ partner, body }) => {
    const order = c.state.orders.find((o) => o.orderId === body.orderId && o.spId === partner.spId);
    if (!order)
      return refuse('ORDER_NOT_FOUND', 'orderId: không có đơn hàng này.', 'orderId: no such order for this partner.', {
        field: 'orderId',
      });
    expire(c, order);
    return ok(orderView(order));
  });

  route('registrations/create', true, ({ partner, body }) => registration(createRegistration(c, partner, body)));
  route('registrations/get', false, ({ partner, body }) => withRegistration(body, partner, (r) => registration(r)));
  route('registrations/activate', true, ({ partner, body }) =>
    withRegistration(body, partner, (r) => registration(activate(c, r, body))),
  );
  route('registrations/activation-code/resend', true, ({ partner, body }) =>
    withRegistration(body, partner, (r) => registration(resendActivationCode(c, r))),
  );
  route(
    'registrations/ekyc',
    true,
    ({ partner, body }) => withRegistration(body, partner, (r) => registration(submitEkyc(c, r, body))),
    MAX_EKYC_BODY,
  );
  route('registrations/contract', true, ({ partner, body }) =>
    withRegistration(body, partner, async (r) => doc(await requestContract(c, r))),
  );
  route('registrations/contract/sign', true, ({ partner, body }) =>
    withRegistration(body, partner, (r) => registration(signContract(c, r, body, onAppraisal))),
  );
  route('registrations/acceptance', false, ({ partner, body }) =>
    withRegistration(body, partner, async (r) => doc(await acceptanceRecord(c, r))),
  );
  route('registrations/acceptance/submit', true, ({ partner, body }) =>
    withRegistration(body, partner, async (r) => registration(await submitAcceptance(c, partner, r, body))),
  );
}

function certificatesOf(c: Commerce, body: Record<string, unknown>) {
  const uid = checkCode(body.uid, 'uid', 'mã thuê bao');
  if (!uid.ok) return fieldRefusal(uid);
  if (!c.engine.user(uid.value))
    return refuse('CLIENT_INPUT_INVALID', `uid: không có thuê bao ${uid.value}.`, `uid: no subscriber ${uid.value}.`, {
      field: 'uid',
    });
  const all = c.engine.certificatesOf(uid.value);
  if (body.serialNumber === undefined) return all;
  const one = all.filter(
    (cert) =>
      typeof body.serialNumber === 'string' && cert.serialNumber.toLowerCase() === body.serialNumber.toLowerCase(),
  );
  return one.length > 0
    ? one
    : refuse(
        'CREDENTIAL_NOT_EXIST',
        'serialNumber: thuê bao không có chứng thư số này.',
        'serialNumber: the subscriber has no such certificate.',
        { field: 'serialNumber' },
      );
}
