import { AuthenticationError } from '../errors/authentication-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { ClientContext } from './client-context.js';
import { randomId } from '../internal/ids.js';
import { SigningTransaction } from '../transaction/signing-transaction.js';
import type { DocumentToSign, RequestOptions, TransactionSnapshot } from '../model/transaction.js';
import { validateDocuments } from '../transaction/validate.js';
import type { SmartCACertificate } from '../certificates/certificate.js';
import type { GatewayCredential, GatewayTokens } from '../model/gateway.js';
import { FileSigningTransaction } from '../transaction/file-signing-transaction.js';
import { type FileToSign } from '../model/files.js';

/** Arguments of {@link GatewaySession.signHash}. */
export interface SignHashParams extends RequestOptions {
  /** `credentialId`. When omitted and the user has exactly one credential, that one is used. */
  credentialId?: string | undefined;
  /** The credential's certificate, when you already have it (skips `credentials/info`). */
  certificate?: SmartCACertificate | undefined;
  /** 1 to 50 digests, sent base64 in `datas[]`. */
  documents: DocumentToSign[];
  /** `description`, shown in the app. */
  description?: string | undefined;
  /** Your id for the transaction (sent as `refTranId`); generated when omitted. VNPT does not deduplicate it. */
  transactionId?: string | undefined;
  /** @deprecated Use {@link SignHashParams.transactionId}. */
  refTranId?: string | undefined;
  /** `notifyUrl`: VNPT POSTs the transaction's status there once. Feed it to `smartca.webhooks`. */
  notifyUrl?: string | undefined;
}

/** Arguments of {@link GatewaySession.signFiles}. */
export interface SignFilesParams extends RequestOptions {
  /** `credentialId`. When omitted and the user has exactly one credential, that one is used. */
  credentialId?: string | undefined;
  /** The credential's certificate, when you already have it (skips `credentials/info`). */
  certificate?: SmartCACertificate | undefined;
  /** 1 to 10 files, sent base64 in `datas[]`. */
  files: FileToSign[];
  /** `description`, shown in the app. */
  description?: string | undefined;
  /** Your id for the transaction (sent as `refTranId`); generated when omitted. VNPT does not deduplicate it. */
  transactionId?: string | undefined;
  /** @deprecated Use {@link SignFilesParams.transactionId}. */
  refTranId?: string | undefined;
  /** `notifyUrl`: VNPT POSTs the transaction's status there once. Feed it to `smartca.webhooks`. */
  notifyUrl?: string | undefined;
}

/** `/csc/signature/sign` takes at most this many files. */
export const MAX_FILES_PER_TRANSACTION = 10;

/**
 * One user's authorised session on the OAuth2 gateway. Refreshes its access token before it expires
 * (and once more if the gateway answers 401), and reports new tokens through `onTokens`.
 *
 * @example
 * ```ts
 * const session = await smartca.gateway.login({ grant: 'password', username: '001099000001', password });
 * const [credentialId] = await session.listCredentials();
 * const tx = await session.signHash({ credentialId, documents: [{ docId: 'HD-01', digest }] });
 * await tx.wait();
 * ```
 */
export class GatewaySession {
  readonly #ctx: ClientContext;
  readonly #onTokens: ((tokens: GatewayTokens) => void) | undefined;
  #tokens: GatewayTokens;
  #obtainedAt = Date.now();
  #refreshing: Promise<GatewayTokens> | undefined;

  constructor(ctx: ClientContext, tokens: GatewayTokens, onTokens?: (tokens: GatewayTokens) => void) {
    this.#ctx = ctx;
    this.#tokens = tokens;
    this.#onTokens = onTokens;
  }

  /** The current tokens. */
  get tokens(): GatewayTokens {
    return { ...this.#tokens };
  }

  /** Exchanges the refresh token for new tokens now. Concurrent callers share one request. */
  refresh(options: RequestOptions = {}): Promise<GatewayTokens> {
    this.#refreshing ??= this.#doRefresh(options).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** `/csc/credentials/list`: the user's credential ids. */
  listCredentials(options: RequestOptions = {}): Promise<string[]> {
    return this.#authorized((token) => this.#ctx.gateway().listCredentials(token, options));
  }

  /** `/csc/credentials/info` with the full chain, cert and auth info, and the service packs. */
  getCredential(credentialId: string, options: RequestOptions = {}): Promise<GatewayCredential> {
    return this.#authorized((token) => this.#ctx.gateway().credentialInfo(token, credentialId, options));
  }

  /**
   * `/csc/signature/signhash`: asks the user to approve in the SmartCA app and returns the pending
   * transaction. Not retried after an ambiguous failure: VNPT documents no deduplication of `refTranId`.
   */
  async signHash(params: SignHashParams): Promise<SigningTransaction> {
    validateDocuments(params.documents);
    const credentialId = params.credentialId ?? (await this.#onlyCredential(params));
    const certificate = params.certificate ?? (await this.getCredential(credentialId, params)).certificate;
    const transactionId = params.transactionId ?? params.refTranId ?? randomId();
    const createdAt = new Date();
    const { providerId, requestId } = await this.#authorized((token) =>
      this.#ctx.gateway().signHash(
        token,
        {
          credentialId,
          transactionId,
          description: params.description,
          notifyUrl: params.notifyUrl,
          documents: params.documents,
        },
        params,
      ),
    );
    const tx = new SigningTransaction({
      id: transactionId,
      providerId,
      documents: [...params.documents],
      certificate,
      trust: this.#ctx.trust,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.#ctx.approvalWindowMs),
      requestId,
      onSettled: (settled) => this.#ctx.registry.remove(settled),
      shared: this.#ctx.shared,
      driver: { surface: 'gateway', fetchStatus: (options) => this.#tranInfo(providerId, options) },
    });
    this.#ctx.registry.add(tx);
    return tx;
  }

  /**
   * `/csc/signature/sign`: sends whole files (PDF, XML) for SmartCA to sign itself once the user
   * approves in the app, as VNPT's demo app and mobile SDK do. SmartCA computes what is signed, so the
   * SDK asks `gettraninfo` once for those digests; the wait then verifies each signature against them.
   * Prefer `@smartca-kit/documents` with {@link signHash} when the file should not leave your server.
   */
  async signFiles(params: SignFilesParams): Promise<FileSigningTransaction> {
    validateFiles(params.files);
    const credentialId = params.credentialId ?? (await this.#onlyCredential(params));
    const certificate = params.certificate ?? (await this.getCredential(credentialId, params)).certificate;
    const transactionId = params.transactionId ?? params.refTranId ?? randomId();
    const createdAt = new Date();
    const { providerId, requestId } = await this.#authorized((token) =>
      this.#ctx.gateway().signFiles(
        token,
        {
          credentialId,
          transactionId,
          description: params.description,
          notifyUrl: params.notifyUrl,
          files: params.files,
        },
        params,
      ),
    );
    let latest = await this.#tranInfo(providerId, params);
    const names = params.files.map((f) => f.name);
    const signedFiles = () => {
      const files = latest.documents.map((d) => d.signedData);
      return files.length === names.length && files.every((f) => f && f.length > 0)
        ? (files as Uint8Array[])
        : undefined;
    };
    const tx = new SigningTransaction({
      id: transactionId,
      providerId,
      certificate,
      trust: this.#ctx.trust,
      createdAt,
      requestId,
      documents: names.map((name, i) => ({ docId: name, name, digest: latest.documents[i]?.hash ?? new Uint8Array() })),
      expiresAt: new Date(createdAt.getTime() + this.#ctx.approvalWindowMs),
      onSettled: (settled) => this.#ctx.registry.remove(settled),
      driver: {
        surface: 'gateway',
        fetchStatus: async (options) => (latest = await this.#tranInfo(providerId, options)),
      },
    });
    this.#ctx.registry.add(tx);
    return new FileSigningTransaction(tx, names, {
      latest: signedFiles,
      fetch: async (options) => {
        latest = await this.#tranInfo(providerId, options);
        return signedFiles();
      },
    });
  }

  /** `/csc/credentials/gettraninfo` as a snapshot (signatures are only handed out, verified, by `wait`). */
  async getTransaction(providerId: string, options: RequestOptions = {}): Promise<TransactionSnapshot> {
    const info = await this.#tranInfo(providerId, options);
    return {
      id: info.transactionId ?? providerId,
      providerId,
      surface: 'gateway',
      status: info.status,
      wireStatus: info.wireStatus,
      wireCode: info.wireCode,
      requestId: info.requestId,
    };
  }

  #tranInfo(providerId: string, options: RequestOptions) {
    return this.#authorized((token) => this.#ctx.gateway().tranInfo(token, providerId, options));
  }

  async #onlyCredential(options: RequestOptions): Promise<string> {
    const ids = await this.listCredentials(options);
    if (ids.length === 1) return ids[0] as string;
    throw new InvalidInputError({
      field: 'credentialId',
      message: {
        vi: `Người dùng có ${ids.length} chứng thư số; hãy chỉ định credentialId (${ids.join(', ') || '-'}).`,
        en: `The user has ${ids.length} credentials; pass credentialId (${ids.join(', ') || '-'}).`,
      },
    });
  }

  async #authorized<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    if (this.#needsRefresh()) await this.refresh();
    try {
      return await call(this.#tokens.accessToken);
    } catch (error) {
      // A token revoked or expired early: one refresh, one more try.
      if (!(error instanceof AuthenticationError) || error.status !== 401 || !this.#tokens.refreshToken) throw error;
      await this.refresh();
      return call(this.#tokens.accessToken);
    }
  }

  #needsRefresh(): boolean {
    if (!this.#tokens.refreshToken) return false;
    const expiresAt = this.#tokens.expiresAt.getTime();
    const margin = Math.min(REFRESH_MARGIN_MS, (expiresAt - this.#obtainedAt) / 5);
    return expiresAt - Date.now() < margin;
  }

  async #doRefresh(options: RequestOptions): Promise<GatewayTokens> {
    const refreshToken = this.#tokens.refreshToken;
    if (!refreshToken) {
      throw new AuthenticationError({
        code: 'NO_REFRESH_TOKEN',
        message: {
          vi: 'Phiên đăng nhập SmartCA đã hết hạn và không có refresh token; người dùng cần đăng nhập lại.',
          en: 'The SmartCA session expired and has no refresh token; the user must sign in again.',
        },
      });
    }
    this.#tokens = await this.#ctx.gateway().token({ grant: 'refresh_token', refreshToken }, options);
    this.#obtainedAt = Date.now();
    this.#onTokens?.(this.tokens);
    return this.tokens;
  }
}

// Refresh a minute early (VNPT tokens live an hour), or a fifth of the lifetime for short-lived tokens,
// so a call never leaves with a token about to die.
const REFRESH_MARGIN_MS = 60_000;

/** 1 to 10 files, each with a name and some bytes: checked before anything is sent or charged. */
function validateFiles(files: readonly FileToSign[] | undefined): void {
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES_PER_TRANSACTION) {
    throw new InvalidInputError({
      field: 'files',
      message: {
        vi: `Cần từ 1 đến ${MAX_FILES_PER_TRANSACTION} tệp để ký (đã gửi ${Array.isArray(files) ? files.length : 0}).`,
        en: `Pass 1 to ${MAX_FILES_PER_TRANSACTION} files to sign (got ${Array.isArray(files) ? files.length : 0}).`,
      },
    });
  }
  files.forEach((file, index) => {
    if (typeof file?.name !== 'string' || file.name.trim() === '') {
      throw new InvalidInputError({
        field: `files[${index}].name`,
        message: {
          vi: `Tệp thứ ${index + 1} thiếu tên.`,
          en: `files[${index}].name must be a non-empty string.`,
        },
      });
    }
    if (!(file.data instanceof Uint8Array) || file.data.length === 0) {
      throw new InvalidInputError({
        field: `files[${index}].data`,
        message: {
          vi: `Tệp "${file.name}" trống hoặc không phải Uint8Array.`,
          en: `files[${index}].data must be a non-empty Uint8Array.`,
        },
      });
    }
  });
}
