import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import {
  createOrderBodySchema,
  orderStatusBodySchema,
  relayBalanceResponseSchema,
  relayCatalogResponseSchema,
  relayOrderResponseSchema,
} from '../../packages/sdk/src/relay/contract/purchase-wire.js';
import {
  relayErrorResponseSchema,
  relayTransactionResponseSchema,
  signatureStatusBodySchema,
  startSignatureBodySchema,
} from '../../packages/sdk/src/relay/contract/wire.js';

// The relay contract left zod/mini for its own small validators (5.6 KB less in the widget's CDN
// file). The server reads request bodies with them, so they must stay exactly as strict: here each is
// held to the zod/mini schema it replaced (copied from the contract as it was), on valid bodies, on
// valid bodies with one part broken, and on arbitrary JSON. Same verdict; on a pass, the same data.

const bilingual = z.object({ vi: z.string(), en: z.string() });
const errorBody = z.object({
  category: z.enum(['session', 'turns', 'certificate', 'provider', 'network', 'implementation']),
  code: z.string(),
  message: bilingual,
  detail: z.optional(bilingual),
  recoverable: z.boolean(),
  requestId: z.optional(z.string()),
});
const ZOD = {
  error: z.object({ error: errorBody }),
  transaction: z.object({
    transaction: z.object({
      id: z.string().check(z.minLength(1)),
      status: z.enum(['pending', 'signed', 'rejected', 'expired', 'failed', 'cancelled']),
      expiresAt: z.optional(z.string()),
      documents: z.array(z.object({ docId: z.string(), name: z.optional(z.string()) })),
      result: z.optional(
        z.object({
          signatures: z.array(z.object({ docId: z.string(), digest: z.string(), signature: z.string() })),
          certificate: z.string(),
          chain: z.array(z.string()),
          document: z.optional(z.object({ url: z.string(), name: z.optional(z.string()) })),
        }),
      ),
      error: z.optional(errorBody),
    }),
  }),
  start: z.object({
    documents: z.optional(z.array(z.object({ docId: z.string(), digest: z.string() }))),
    attempt: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(99))),
  }),
  status: z.object({ waitSeconds: z.optional(z.number().check(z.minimum(0), z.maximum(600))) }),
  balance: z.object({ balance: z.object({ unlimited: z.boolean(), availableTurns: z.nullable(z.number()) }) }),
  catalog: z.object({
    catalog: z.object({
      currency: z.literal('VND'),
      turnPacks: z.array(
        z.object({
          pricingCode: z.string(),
          name: z.string(),
          turns: z.number(),
          price: z.number(),
        }),
      ),
    }),
  }),
  order: z.object({
    order: z.object({
      id: z.string().check(z.minLength(1)),
      status: z.enum(['pending', 'paid', 'declined', 'abandoned', 'expired']),
      pricingCode: z.string(),
      quantity: z.number(),
      amount: z.number(),
      paymentMethod: z.enum(['vnpt-money', 'credit-card', 'atm-card']),
      paymentUrl: z.string(),
      turnsAdded: z.number(),
    }),
  }),
  createOrder: z.object({
    pricingCode: z.string().check(z.minLength(1), z.maxLength(64)),
    quantity: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
    paymentMethod: z.enum(['vnpt-money', 'credit-card', 'atm-card']),
    returnUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
  }),
};

const OURS = {
  error: relayErrorResponseSchema,
  transaction: relayTransactionResponseSchema,
  start: startSignatureBodySchema,
  status: signatureStatusBodySchema,
  balance: relayBalanceResponseSchema,
  catalog: relayCatalogResponseSchema,
  order: relayOrderResponseSchema,
  createOrder: createOrderBodySchema,
};

const message = { vi: 'Lỗi', en: 'Error' };
const VALID: Record<keyof typeof ZOD, unknown> = {
  error: {
    error: {
      category: 'turns',
      code: 'OUT_OF_SIGNING_TURNS',
      message,
      detail: message,
      recoverable: true,
      requestId: 'r1',
    },
  },
  transaction: {
    transaction: {
      id: 'tx.1',
      status: 'signed',
      expiresAt: '2026-01-01T00:00:00Z',
      documents: [{ docId: 'HS-1', name: 'Tờ khai' }, { docId: 'HS-2' }],
      result: {
        signatures: [{ docId: 'HS-1', digest: 'ZGln', signature: 'c2ln' }],
        certificate: 'Y2VydA==',
        chain: ['Y2E='],
        document: { url: '/signed.pdf', name: 'signed.pdf' },
      },
      error: { category: 'provider', code: 'X', message, recoverable: false },
    },
  },
  start: { documents: [{ docId: 'HS-1', digest: 'ZGln' }], attempt: 2 },
  status: { waitSeconds: 25 },
  balance: { balance: { unlimited: false, availableTurns: 3 } },
  catalog: {
    catalog: { currency: 'VND', turnPacks: [{ pricingCode: 'LK10', name: 'Gói 10 lượt ký', turns: 10, price: 50000 }] },
  },
  order: {
    order: {
      id: 'o1',
      status: 'paid',
      pricingCode: 'LK10',
      quantity: 1,
      amount: 50000,
      paymentMethod: 'atm-card',
      paymentUrl: 'https://pay/o1',
      turnsAdded: 10,
    },
  },
  createOrder: { pricingCode: 'LK10', quantity: 1, paymentMethod: 'vnpt-money', returnUrl: 'https://portal/' },
};

/** Every path to a value inside `value`. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

/** `value` with the thing at `path` replaced (or, for `undefined`, removed). */
function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (by === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = by;
  return copy;
}

const odd = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    'x',
    0,
    -1,
    0.5,
    1,
    2,
    99,
    100,
    101,
    600,
    601,
    1e300,
    true,
    false,
    [],
    {},
    'VND',
    'signed',
    'turns',
    'atm-card',
    'a'.repeat(65),
    'a'.repeat(2049),
    [{}],
    { vi: 'a' },
  ),
  fc.jsonValue(),
);

function agree(name: keyof typeof ZOD, input: unknown): void {
  const theirs = ZOD[name].safeParse(input);
  const ours = OURS[name].safeParse(input);
  assert.equal(ours.success, theirs.success, `${name}: ${JSON.stringify(input)} (zod: ${theirs.success})`);
  if (ours.success && theirs.success) assert.deepEqual(ours.data, theirs.data, `${name}: the same data`);
}

describe('relay contract: its own validators are exactly as strict as the zod/mini schemas they replaced', () => {
  for (const name of Object.keys(ZOD) as (keyof typeof ZOD)[]) {
    it(`${name}: the valid body with any one part replaced, removed or extended`, () => {
      const valid = VALID[name];
      agree(name, valid);
      const where = paths(valid);
      fc.assert(
        fc.property(fc.constantFrom(...where), odd, (path, by) => agree(name, replaced(valid, path, by))),
        { numRuns: 400, seed: 13 },
      );
      const objects = where.filter((path) => {
        const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], valid);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      });
      fc.assert(
        fc.property(fc.constantFrom(...objects), fc.string(), odd, (path, key, by) =>
          agree(name, replaced(valid, [...path, key], by)),
        ),
        { numRuns: 200, seed: 14 },
      );
    });
    it(`${name}: arbitrary JSON`, () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => agree(name, value)),
        { numRuns: 300, seed: 15 },
      );
    });
  }

  it('a body that sets __proto__ gains no prototype and passes only its declared keys', () => {
    const input = JSON.parse('{"waitSeconds": 5, "__proto__": {"polluted": true}, "extra": 1}') as unknown;
    const ours = signatureStatusBodySchema.safeParse(input);
    assert.ok(ours.success);
    assert.deepEqual(Object.keys(ours.data), ['waitSeconds']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
