import { pemOf } from '../pki/encoding.js';
import { REVOCATION_REASONS, type RevocationReason } from '../pki/revocation-reasons.js';
import { readJsonObject } from '../http/body.js';
import { json, sandboxError } from '../http/reply.js';
import type { Router } from '../http/router.js';
import type { Engine } from '../engine/engine.js';
import { availableTurns, certificateStatusText } from '../engine/turns.js';
import type { WebhookSender } from '../engine/webhooks.js';

/**
 * `/_sandbox/*`: controls that VNPT does out of band (registering a webhook URL, topping up turns,
 * revoking) and views for tests. Not part of SmartCA's contract; the sandbox binds to loopback by default.
 */
export function registerAdminRoutes(router: Router, engine: Engine, webhooks: WebhookSender, reset: () => void): void {
  router.on('GET', '/_sandbox', () => json(summary(engine)));

  router.on(
    'GET',
    '/_sandbox/ca.pem',
    () =>
      new Response(pemOf(engine.state.authority.root.certDer), {
        headers: { 'content-type': 'application/x-pem-file' },
      }),
  );
  router.on('GET', '/_sandbox/ca', () =>
    json({
      root: pemOf(engine.state.authority.root.certDer),
      issuing: pemOf(engine.state.authority.issuing.certDer),
    }),
  );

  router.on('PUT', '/_sandbox/partners/:spId/webhook', async ({ request, params }) => {
    const partner = engine.partner(params.spId);
    if (!partner) return sandboxError(404, `no partner ${params.spId}`);
    // A body that cannot be read must change nothing: it once cleared the URL silently.
    const body = await readJsonObject(request);
    if (!body.ok) return json({ error: body.reason, code: 'BODY_INVALID' }, 400);
    const url = body.value.url;
    if (url !== null && typeof url !== 'string') {
      return json(
        { error: 'url is required: an http(s) URL, or null or "" to clear the webhook', code: 'URL_REQUIRED' },
        400,
      );
    }
    if (url && !/^https?:\/\//.test(url)) return json({ error: 'url must be http(s)', code: 'URL_INVALID' }, 400);
    partner.webhookUrl = url || undefined;
    return json({ spId: partner.spId, webhookUrl: partner.webhookUrl ?? null });
  });

  router.on('GET', '/_sandbox/webhooks', () => json(webhooks.log));
  router.on('GET', '/_sandbox/transactions', ({ url }) => {
    const userId = url.searchParams.get('userId');
    return json(
      engine.state.transactions
        .filter((t) => !userId || t.userId === userId)
        .map((t) => {
          engine.refresh(t);
          const { sad: _sad, ...visible } = t;
          return visible;
        }),
    );
  });

  router.on('PUT', '/_sandbox/certificates/:certId/pack', async ({ request, params }) => {
    const cert = engine.certificate(params.certId ?? '');
    if (!cert) return sandboxError(404, `no certificate ${params.certId}`);
    const body = await readJsonObject(request);
    if (!body.ok) return sandboxError(400, body.reason);
    for (const key of ['totalSignLimit', 'signedTurn'] as const) {
      const value = body.value[key];
      if (value === undefined) continue;
      if (!Number.isInteger(value) || (value as number) < 0)
        return sandboxError(400, `${key} must be a non-negative integer`);
      cert.pack[key] = value as number;
    }
    if (body.value.billing === 'per-turn' || body.value.billing === 'unlimited') cert.pack.billing = body.value.billing;
    return json(cert.pack);
  });

  router.on('POST', '/_sandbox/certificates/:certId/revoke', async ({ request, params }) => {
    const cert = engine.certificate(params.certId ?? '');
    if (!cert) return sandboxError(404, `no certificate ${params.certId}`);
    // The body is optional: `{ "reason": "keyCompromise" }` names the CRL reason.
    const text = await request.text().catch(() => '');
    let reason: RevocationReason | undefined;
    if (text.trim() !== '') {
      const body = parseObject(text);
      const given = body?.reason;
      if (!body || (given !== undefined && !(typeof given === 'string' && given in REVOCATION_REASONS))) {
        return sandboxError(400, `reason must be one of ${Object.keys(REVOCATION_REASONS).join(', ')}`);
      }
      reason = given as RevocationReason | undefined;
    }
    if (!cert.revoked) {
      cert.revoked = true;
      cert.revokedAt = engine.now();
      cert.revocationReason = reason;
    }
    return json({
      certId: cert.certId,
      revoked: true,
      revokedAt: new Date(cert.revokedAt ?? cert.validFrom).toISOString(),
      reason: cert.revocationReason ?? 'unspecified',
    });
  });

  router.on('POST', '/_sandbox/reset', () => {
    reset();
    return json({ reset: true });
  });
}

/** Partners and users with their certificates and turns: what the CLI prints at start. */
export interface SandboxSummary {
  /** Every partner. */
  partners: Array<{
    /** `sp_id`, also the OAuth2 `client_id`. */
    spId: string;
    /** The partner's display name. */
    name: string;
    /** A public-service platform: signing through it costs no turn. */
    publicService: boolean;
    /** Where SP769 webhooks go, or null when none is registered. */
    webhookUrl: string | null;
  }>;
  /** Every user, with their certificates. */
  users: Array<{
    /** `user_id`, the ID card number. */
    userId: string;
    /** The user's full name. */
    fullName: string;
    /** The user's certificates and their turns. */
    certificates: Array<{
      /** `cert_id` (SP769) and `credentialId` (gateway). */
      certId: string;
      /** `service_type`: `SMARTCA` or `ESEAL`. */
      serviceType: string;
      /** The certificate's serial number, lowercase hex. */
      serialNumber: string;
      /** `cert_status` as SP769 prints it, e.g. `Đang hoạt động`. */
      status: string;
      /** The service pack's billing: `per-turn` or `unlimited`. */
      billing: string;
      /** Turns bought (meaningless when unlimited). */
      totalSignLimit: number;
      /** Turns charged by signed transactions. */
      signedTurn: number;
      /** Turns still free to reserve, or null when unlimited. */
      availableTurns: number | null;
    }>;
  }>;
}

/** See {@link SandboxSummary}. */
export function summary(engine: Engine): SandboxSummary {
  const now = engine.now();
  return {
    partners: engine.state.partners.map((p) => ({
      spId: p.spId,
      name: p.name,
      publicService: p.publicService,
      webhookUrl: p.webhookUrl ?? null,
    })),
    users: engine.state.users.map((u) => ({
      userId: u.userId,
      fullName: u.fullName,
      certificates: engine.certificatesOf(u.userId).map((c) => ({
        certId: c.certId,
        serviceType: c.serviceType,
        serialNumber: c.serialNumber,
        status: certificateStatusText(c, now),
        billing: c.pack.billing,
        totalSignLimit: c.pack.totalSignLimit,
        signedTurn: c.pack.signedTurn,
        availableTurns: Number.isFinite(availableTurns(c)) ? availableTurns(c) : null,
      })),
    })),
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
