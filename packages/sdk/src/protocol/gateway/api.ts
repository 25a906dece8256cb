import { parseInner } from '../../internal/parse.js';
import type { RetryPolicy, Transport } from '../../internal/transport.js';
import type { GatewayCredential, GatewayGrant, GatewayTokens } from '../../model/gateway.js';
import type { StatusUpdate } from '../../model/status-update.js';
import type { DocumentToSign, RequestOptions } from '../../model/transaction.js';
import { mapGatewayFailure, mapOAuthFailure } from './errors.js';
import { toGatewayCredential, toGrantForm, toSignFilesBody, toSignHashBody, toTokens } from './map.js';
import type { FileToSign } from '../../model/files.js';
import {
  GATEWAY_SUCCESS_CODES,
  gatewayAnswer,
  gatewayCredentialInfo,
  gatewayCredentialList,
  gatewayEnvelope,
  gatewaySignHashContent,
  gatewayToken,
  gatewayTranInfo,
} from './schemas.js';
import { gatewayDocuments, gatewayUpdate, type TranDocument } from './status.js';
import type { Schema } from '../../internal/lazy-schema.js';

/** The OAuth2 client VNPT registers for the partner (Client ID / Client secret). */
export interface GatewayClientCredentials {
  /** `client_id`. */
  clientId: string;
  /** `client_secret`. Never logged, never put in an error. */
  clientSecret: string;
}

/**
 * The gateway's wire calls: OAuth2 at `/auth/*` (form-encoded) and the bearer-authenticated `/csc/*`
 * endpoints with their `{code, codeDesc, message, content}` envelope. Arguments and results are in the
 * SDK's terms; VNPT's field names stay inside this folder.
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
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.#client().clientId,
      redirect_uri: params.redirectUri,
      state: params.state,
      scope: params.scope,
    });
    return `${this.#baseUrl}/auth/authorize?${query}`;
  }

  /**
   * `POST /auth/token` with the partner's client credentials added. Codes are single use and refresh
   * tokens may rotate, so a token call is retried only when the server says it did not process it.
   */
  async token(grant: GatewayGrant, options: RequestOptions): Promise<GatewayTokens> {
    const { clientId, clientSecret } = this.#client();
    const form = toGrantForm(grant);
    const result = await this.#transport.request({
      operation: `gateway.token.${grant.grant}`,
      url: `${this.#baseUrl}/auth/token`,
      form: { ...form, client_id: clientId, client_secret: clientSecret },
      schema: gatewayToken,
      retry: grant.grant === 'authorization_code' ? 'never' : 'server-signalled',
      mapError: mapOAuthFailure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    return toTokens(result.data, grant.grant === 'refresh_token' ? grant.refreshToken : undefined);
  }

  /** `/csc/credentials/list`: the user's credential ids. */
  async listCredentials(accessToken: string, options: RequestOptions): Promise<string[]> {
    return (
      await this.#call(
        'csc/credentials/list',
        'gateway.credentials.list',
        accessToken,
        {},
        gatewayCredentialList,
        'idempotent',
        options,
      )
    ).content;
  }

  /** `/csc/credentials/info` with the full chain, cert and auth info, and the service packs. */
  async credentialInfo(accessToken: string, credentialId: string, options: RequestOptions): Promise<GatewayCredential> {
    const answer = await this.#call(
      'csc/credentials/info',
      'gateway.credentials.info',
      accessToken,
      { credentialId, certificates: 'chain', certInfo: true, authInfo: true },
      gatewayCredentialInfo,
      'idempotent',
      options,
    );
    return toGatewayCredential(credentialId, answer.content, answer.requestId);
  }

  /**
   * `/csc/signature/signhash`. Not retried after an ambiguous failure: VNPT documents no deduplication
   * of `refTranId`, so only a 429/503 (not processed) is retried.
   */
  async signHash(
    accessToken: string,
    input: {
      credentialId: string;
      transactionId: string;
      description: string | undefined;
      notifyUrl: string | undefined;
      documents: readonly DocumentToSign[];
    },
    options: RequestOptions,
  ): Promise<{ providerId: string; requestId: string }> {
    const answer = await this.#call(
      'csc/signature/signhash',
      'gateway.signhash',
      accessToken,
      toSignHashBody(input),
      gatewaySignHashContent,
      'server-signalled',
      options,
    );
    return { providerId: answer.content.tranId, requestId: answer.requestId };
  }

  /**
   * `/csc/signature/sign`: whole files, which SmartCA signs itself once the user approves. Retried like
   * signhash, only when the server says it did not process the request.
   */
  async signFiles(
    accessToken: string,
    input: {
      credentialId: string;
      transactionId: string;
      description: string | undefined;
      notifyUrl: string | undefined;
      files: readonly FileToSign[];
    },
    options: RequestOptions,
  ): Promise<{ providerId: string; requestId: string }> {
    const answer = await this.#call(
      'csc/signature/sign',
      'gateway.sign',
      accessToken,
      toSignFilesBody(input),
      gatewaySignHashContent,
      'server-signalled',
      options,
    );
    return { providerId: answer.content.tranId, requestId: answer.requestId };
  }

  /**
   * `/csc/credentials/gettraninfo` as a {@link StatusUpdate}, with the partner's `refTranId` and what it
   * says of each document.
   */
  async tranInfo(
    accessToken: string,
    providerId: string,
    options: RequestOptions,
  ): Promise<StatusUpdate & { transactionId: string | undefined; documents: TranDocument[] }> {
    const answer = await this.#call(
      'csc/credentials/gettraninfo',
      'gateway.gettraninfo',
      accessToken,
      { tranId: providerId },
      gatewayTranInfo,
      'idempotent',
      options,
    );
    return {
      ...gatewayUpdate(answer.content, answer.requestId),
      transactionId: answer.content.refTranId ?? undefined,
      documents: gatewayDocuments(answer.content),
    };
  }

  /**
   * A bearer-authenticated `/csc/*` call. An answer with `code` is an envelope: success is `code` 0 (or
   * 1, see {@link GATEWAY_SUCCESS_CODES}) and `content` is the result; anything else is mapped to an
   * error. A 2xx answer without `code` is the result itself, as VNPT's `credentials/info` is documented.
   */
  async #call<T>(
    path: string,
    operation: string,
    accessToken: string,
    body: object,
    schema: Schema<T>,
    retry: RetryPolicy,
    options: RequestOptions,
  ): Promise<{ content: T; requestId: string }> {
    const result = await this.#transport.request({
      operation,
      url: `${this.#baseUrl}/${path}`,
      json: body,
      headers: { authorization: `Bearer ${accessToken}` },
      schema: gatewayAnswer,
      retry,
      mapError: mapGatewayFailure,
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
    const context = { operation, requestId: result.requestId, status: result.status };
    if (!isEnvelope(result.data)) {
      return { content: parseInner(schema, result.data, { ...context, field: '' }), requestId: result.requestId };
    }
    const envelope = parseInner(gatewayEnvelope, result.data, { ...context, field: '' });
    if (!GATEWAY_SUCCESS_CODES.includes(envelope.code)) {
      throw mapGatewayFailure({ status: result.status, body: envelope, requestId: result.requestId });
    }
    return {
      content: parseInner(schema, envelope.content, { ...context, field: 'content' }),
      requestId: result.requestId,
    };
  }
}

/** An answer is an envelope when it is an object with a `code`; VNPT's bare results have none. */
function isEnvelope(answer: unknown): boolean {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    !Array.isArray(answer) &&
    (answer as { code?: unknown }).code !== undefined &&
    (answer as { code?: unknown }).code !== null
  );
}
