import type { CertificateCheckOptions } from '../certificates/verify.js';
import type { ResolvedEndpoints } from '../environment.js';
import type { CommerceApi } from '../protocol/commerce/api.js';
import type { GatewayApi } from '../protocol/gateway/api.js';
import type { PdfHelperApi } from '../protocol/pdf-helper/api.js';
import type { Sp769Api } from '../protocol/sp769/api.js';
import type { TransactionRegistry } from '../transaction/registry.js';
import type { SharedTransactions } from '../transaction/shared-transactions.js';
import type { Transport } from '../internal/transport.js';

/** What every resource of one client shares. Built once by `createSmartCA`. */
export interface ClientContext {
  transport: Transport;
  endpoints: ResolvedEndpoints;
  trust: CertificateCheckOptions;
  approvalWindowMs: number;
  registry: TransactionRegistry;
  /** The client's link to the other instances on its store (webhooks, results, the poll lease). */
  shared: SharedTransactions;
  /** The SP769 wire client; throws `ConfigurationError` when no SP769 credentials were given. */
  sp769: () => Sp769Api;
  /** The gateway wire client; throws `ConfigurationError` when no gateway client was given. */
  gateway: () => GatewayApi;
  /** VNPT's PDF helper wire client (SP769 credentials); throws `ConfigurationError` without them. */
  pdfHelper: () => PdfHelperApi;
  /** The commerce wire client (partner token from the gateway client); throws without a gateway client. */
  commerce: () => CommerceApi;
}
