import { AuthenticationError } from '../../errors/authentication-error.js';
import { ResponseSchemaError } from '../../errors/response-schema-error.js';
import { messages } from '../../internal/messages.js';
import { parseInner } from '../../internal/parse.js';
import type { Transport } from '../../internal/transport.js';
import type { RequestOptions } from '../../model/transaction.js';
import type { GatewayClientCredentials } from '../gateway/api.js';
import { mapOAuthFailure } from '../gateway/errors.js';
import { gatewayEnvelope, gatewayToken } from '../gateway/schemas.js';
import { mapCommerceFailure } from './errors.js';
import { toDocument } from './map.js';
import { wireDocument } from './schemas.js';
import type { RegistrationDocument } from '../../model/commerce.js';
import type { Schema } from '../../internal/lazy-schema.js';

/** The scope of a partner (client-credentials) token for the commerce API. */
export const COMMERCE_SCOPE = 'commerce';
// Renew a partner token this long before it expires, so no call leaves with a token about to die.
const TOKEN_MARGIN_MS = 60_000;

/**
 * The commerce API's wire calls: smartca-kit's extension in the gateway's style. The partner
 * authenticates with an OAuth2 client-credentials token from the gateway's `/auth/token`; every call is
 * a JSON POST answered with `{code, codeDesc, message, content}`; every mutating call carries an
 * `Idempotency-Key` that its retries reuse, so it is retried like a read.
 */
export class CommerceApi {
  readonly #transport: Transport;
  readonly #baseUrl: string;
  readonly #tokenUrl: string;
  readonly #client: () => GatewayClientCredentials;
  #token: { value: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(transport: Transport, baseUrl: string, tokenUrl: string, client: () => GatewayClientCredentials) {
    this.#transport = transport;
    this.#baseUrl = baseUrl;
    this.#tokenUrl = tokenUrl;
    this.#client = client;
  }

  /**
   * One call: `path` below the commerce base, `body` as JSON, `content` validated against `schema`.
   * A 401 drops the cached partner token and tries once more with a new one.
   */
  async call<T>(
    path: string,
    body: object,
    schema: Schema<T>,
    options: RequestOptions & {
      idempotencyKey?: string | undefined;
    },
  ): Promise<{ content: T; requestId: string }> {
    try {
      return await this.#call(path, body, schema, options, await this.#accessToken(options));
    } catch (error) {
      if (!(error instanceof AuthenticationError) || error.status !== 401) throw error;
      this.#token = undefined;
      return this.#call(path, body, schema, options, await this.#accessToken(options));
    }
  }

  /** A registration document (contract or acceptance record) with its digest checked. */
  async document(
    path: string,
    body: object,
    options: RequestOptions & { idempotencyKey?: string | undefined },
  ): Promise<RegistrationDocument> {
    const answer = await this.call(path, body, wireDocument, options);
    const document = toDocument(answer.content);
    if (document) return document;
    throw new ResponseSchemaError({
      code: 'RESPONSE_SCHEMA_MISMATCH',
      requestId: answer.requestId,
      operation: `commerce.${path}`,
      message: messages.schemaDrift(`commerce.${path}`),
      issues: [{ path: ['content', 'digest'], code: 'invalid_digest', message: 'not base64 of a SHA-256 digest' }],
    });
  }

  async #call<T>(
    path: string,
    body: object,
    schema: Schema<T>,
    options: RequestOptions & {
      idempotencyKey?: string | undefined;
    },
    token: string,
  ): Promise<{ content: T; requestId: string }> {
    const operation = `commerce.${path}`;
    const result = await this.#transport.request({
      operation,
      url: `${this.#baseUrl}/${path}`,
      json: body,
      schema: gatewayEnvelope,
      retry: 'idempotent',
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      mapError: mapCommerceFailure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    if (result.data.code !== 0) {
      throw mapCommerceFailure({ status: result.status, body: result.data, requestId: result.requestId });
    }
    const content = parseInner(schema, result.data.content, {
      field: 'content',
      operation,
      requestId: result.requestId,
      status: result.status,
    });
    return { content, requestId: result.requestId };
  }

  #accessToken(options: RequestOptions): Promise<string> {
    if (this.#token && this.#token.expiresAt - Date.now() > TOKEN_MARGIN_MS) return Promise.resolve(this.#token.value);
    this.#pending ??= this.#fetchToken(options).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetchToken(options: RequestOptions): Promise<string> {
    const { clientId, clientSecret } = this.#client();
    const result = await this.#transport.request({
      // Asking for another partner token changes nothing, so the call is retried like a read.
      operation: 'commerce.token',
      url: this.#tokenUrl,
      schema: gatewayToken,
      retry: 'idempotent',
      form: {
        grant_type: 'client_credentials',
        scope: COMMERCE_SCOPE,
        client_id: clientId,
        client_secret: clientSecret,
      },
      mapError: mapOAuthFailure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    this.#token = { value: result.data.access_token, expiresAt: Date.now() + result.data.expires_in * 1000 };
    return this.#token.value;
  }
}
