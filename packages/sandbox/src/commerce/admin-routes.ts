import { readJsonObject, str } from '../http/body.js';
import { json, sandboxError } from '../http/reply.js';
import type { Router } from '../http/router.js';
import { approveRegistration, rejectRegistration } from './approval.js';
import type { Commerce } from './commerce.js';
import { Refusal } from './refusal.js';
import type { NotificationRecord, RegistrationRecord } from './state.js';
import { orderView, registrationView } from './views.js';

/**
 * `/_sandbox/*` controls for commerce: what VNPT does out of band (appraising dossiers, setting prices,
 * registering the partner's event URL and secrets) and the notifications outbox.
 */
export function registerCommerceAdminRoutes(router: Router, c: Commerce): void {
  router.on('GET', '/_sandbox/outbox', ({ url }) => json(outbox(c, Object.fromEntries(url.searchParams))));
  router.on('GET', '/_sandbox/orders', () => json(c.state.orders.map(orderView)));
  router.on('GET', '/_sandbox/registrations', () =>
    json(c.state.registrations.map((r) => registrationView(r, c.serialOf(r)))),
  );

  router.on('POST', '/_sandbox/registrations/:id/approve', async ({ params }) =>
    answer(c, params.id, (r) => approveRegistration(c, r)),
  );
  router.on('POST', '/_sandbox/registrations/:id/reject', async ({ request, params }) => {
    const body = await readJsonObject(request);
    const reason = body.ok ? str(body.value, 'reason') : undefined;
    if (!reason) return sandboxError(400, 'reason is required: the user is told why');
    return answer(c, params.id, (r) => rejectRegistration(c, r, reason));
  });

  router.on('PUT', '/_sandbox/partners/:spId/commerce-webhook', async ({ request, params }) => {
    const partner = c.engine.partner(params.spId);
    if (!partner) return sandboxError(404, `no partner ${params.spId}`);
    const body = await readJsonObject(request);
    if (!body.ok) return sandboxError(400, body.reason);
    // Like the SP769 webhook route: only an explicit "url": null or "" clears it; a body without one is refused.
    if (!('url' in body.value)) return sandboxError(400, 'url is required: a http(s) URL, or null to clear it');
    const url = str(body.value, 'url');
    if (body.value.url !== null && url === undefined) return sandboxError(400, 'url must be a string or null');
    if (url !== undefined && url !== '' && !/^https?:\/\//.test(url)) return sandboxError(400, 'url must be http(s)');
    const secrets = body.value.secrets;
    if (
      secrets !== undefined &&
      (!Array.isArray(secrets) || secrets.length === 0 || !secrets.every((s) => typeof s === 'string' && s.length >= 8))
    ) {
      return sandboxError(400, 'secrets must be a non-empty list of strings of 8 characters or more');
    }
    partner.commerceWebhookUrl = url || undefined;
    if (secrets) partner.webhookSecrets = secrets as string[];
    return json({
      spId: partner.spId,
      url: partner.commerceWebhookUrl ?? null,
      secrets: partner.webhookSecrets?.length ?? 0,
    });
  });

  router.on('PUT', '/_sandbox/pricing/:code', async ({ request, params }) => {
    const pricing = c.state.pricing.find((p) => p.pricingCode === params.code);
    if (!pricing) return sandboxError(404, `no pricing ${params.code}`);
    const body = await readJsonObject(request);
    const price = body.ok ? body.value.price : undefined;
    if (typeof price !== 'number' || !Number.isInteger(price) || price < 0)
      return sandboxError(400, 'price must be a whole number of VND');
    pricing.price = price;
    return json(pricing);
  });
}

/** Outbox messages matching every given filter (`to`, `userId`, `registrationId`, `orderId`, `kind`, `channel`). */
export function outbox(c: Commerce, filter: Partial<Record<keyof NotificationRecord, string>>): NotificationRecord[] {
  return c.state.notifications.filter((n) =>
    Object.entries(filter).every(
      ([key, value]) => value === undefined || String(n[key as keyof NotificationRecord] ?? '') === value,
    ),
  );
}

async function answer(
  c: Commerce,
  id: string | undefined,
  act: (r: RegistrationRecord) => RegistrationRecord | Refusal | Promise<RegistrationRecord | Refusal>,
): Promise<Response> {
  const registration = c.state.registrations.find((r) => r.registrationId === id);
  if (!registration) return sandboxError(404, `no registration ${id}`);
  const outcome = await act(registration);
  if (outcome instanceof Refusal) return json({ error: outcome.messages.en, code: outcome.codeDesc }, 409);
  return json(registrationView(outcome, c.serialOf(outcome)));
}
