import type { z } from 'zod';
import { parseInner } from '../../internal/parse.js';
import type { RetryPolicy, Transport } from '../../internal/transport.js';
import type { RequestOptions } from '../../transaction/types.js';
import { mapGatewayFailure, mapOAuthFailure } from './errors.js';
import { gatewayEnvelope, gatewayToken } from './schemas.js';

/** The OAuth2 client VNPT registers for the partner (Client ID / Client secret). */
export interface GatewayClientCredentials {
  /** `client_id`. */
  clientId: string;
  /** `client_secret`. Never logged, never put in an error. */
  clientSecret: string;
}

/**
 * The gateway's wire calls: OAuth2 at `/auth/*` (form-encoded) and the bearer-authenticated `/csc/*`
 * endpoints with their `{code, codeDesc, message, content}` envelope.
 */
export class GatewayApi {
  readonly #transport: Transport;
  readonly #baseUrl: string;
  readonly #client: () => GatewayClientCredentials;

  constructor(transport: Transport, baseUrl: string, client: () => GatewayClientCredentials) {
    this.#transport = transport;
    this.#baseUrl = baseUrl;
    this.#client = client;
  }

  /** The `/auth/authorize` URL to send the user to (authorization-code grant). */
  authorizeUrl(params: { redirectUri: string; state: string; scope: string }): string {
    const query = new URLSearchParams({ response_type: 'code', client_id: this.#client().clientId,
      redirect_uri: params.redirectUri, state: params.state, scope: params.scope });
    return `${this.#baseUrl}/auth/authorize?${query}`;
  }

  /**
   * `POST /auth/token` with the partner's client credentials added. Codes are single use and refresh
   * tokens may rotate, so a token call is retried only when the server says it did not process it.
   */
  async token(grant: Record<string, string>, options: RequestOptions):
  Promise<{ data: z.infer<typeof gatewayToken>; requestId: string }> {
    const { clientId, clientSecret } = this.#client();
    const result = await this.#transport.request({
      operation: `gateway.token.${grant.grant_type}`, url: `${this.#baseUrl}/auth/token`,
      form: { ...grant, client_id: clientId, client_secret: clientSecret }, schema: gatewayToken,
      retry: grant.grant_type === 'authorization_code' ? 'never' : 'server-signalled', mapError: mapOAuthFailure,
      signal: options.signal, timeout: options.timeout, maxRetries: options.maxRetries,
    });
    return { data: result.data, requestId: result.requestId };
  }

  /** A bearer-authenticated `/csc/*` call. Success is envelope `code` 0; anything else is mapped. */
  async call<T>(path: string, operation: string, accessToken: string, body: object, schema: z.ZodType<T>,
    retry: RetryPolicy, options: RequestOptions): Promise<{ content: T; message: string; requestId: string }> {
    const result = await this.#transport.request({
      operation, url: `${this.#baseUrl}/${path}`, json: body, headers: { authorization: `Bearer ${accessToken}` },
      schema: gatewayEnvelope, retry, mapError: mapGatewayFailure,
      signal: options.signal, timeout: options.timeout, maxRetries: options.maxRetries,
    });
    const envelope = result.data;
    if (envelope.code !== 0) {
      throw mapGatewayFailure({ status: result.status, body: envelope, requestId: result.requestId });
    }
    const content = parseInner(schema, envelope.content, { field: 'content', operation, requestId: result.requestId,
      status: result.status });
    return { content, message: envelope.message ?? '', requestId: result.requestId };
  }
}
