import type { Catalog, CertificateBalance, UsageEntry } from '../model/commerce.js';
import { checkCode } from '../commerce/validation/registration.js';
import { orThrow } from '../commerce/validation/field-check.js';
import type { ClientContext } from './client-context.js';
import { toBalances, toCatalog, toUsage } from '../protocol/commerce/map.js';
import { wireBalance, wireCatalog, wireUsage } from '../protocol/commerce/schemas.js';
import type { RequestOptions } from '../model/transaction.js';

/** Arguments of {@link PackagesResource.balance}. */
export interface BalanceParams extends RequestOptions {
  /** The subscriber: CCCD/CMND number. */
  userId: string;
  /** Only this certificate. Default: all of the user's certificates. */
  serialNumber?: string | undefined;
}

/** Arguments of {@link PackagesResource.usage}. */
export interface UsageParams extends BalanceParams {
  /** At most this many entries, newest first. Default 50, at most 500. */
  limit?: number | undefined;
}

/**
 * Packages and signing turns (commerce API, smartca-kit's extension): the catalog, each certificate's
 * balance (`totalSignLimit − signedTurn`) and its usage history.
 *
 * @example
 * ```ts
 * const { turnPacks } = await smartca.packages.catalog();
 * const [balance] = await smartca.packages.balance({ userId: '001199000002' });
 * balance.availableTurns; // 0: time to buy a pack
 * ```
 */
export class PackagesResource {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** Certificate packages and turn packs with their VND prices. */
  async catalog(options: RequestOptions = {}): Promise<Catalog> {
    return toCatalog((await this.#ctx.commerce().call('pricing/list', {}, wireCatalog, options)).content);
  }

  /** The turns of each of the user's certificates (or of one, by serial number). */
  async balance(params: BalanceParams): Promise<CertificateBalance[]> {
    const body = userBody(params);
    return toBalances((await this.#ctx.commerce().call('balance', body, wireBalance, params)).content);
  }

  /** Purchases and signatures, newest first. A public-service or acceptance signature shows as 0 turns. */
  async usage(params: UsageParams): Promise<UsageEntry[]> {
    const body = { ...userBody(params), limit: params.limit ?? 50 };
    return toUsage((await this.#ctx.commerce().call('usage', body, wireUsage, params)).content);
  }
}

function userBody(params: BalanceParams): Record<string, unknown> {
  const uid = orThrow(checkCode(params.userId, 'userId', 'mã người dùng'));
  return params.serialNumber === undefined
    ? { uid }
    : { uid, serialNumber: orThrow(checkCode(params.serialNumber, 'serialNumber', 'số serial')) };
}
