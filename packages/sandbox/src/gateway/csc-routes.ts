import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from '@smartca-kit/sdk/core';
import { certificateStatusName } from '../engine/certificate-state.js';
import { subjectOf } from '../pki/authority.js';
import { readJsonObject, str } from '../http/body.js';
import { gateway, json } from '../http/reply.js';
import type { RouteContext, Router } from '../http/router.js';
import type { Engine } from '../engine/engine.js';
import { TRAN_STATUS_CODES, tranStatusName } from './tran-status.js';
import { availableTurns, certificateUsable } from '../engine/turns.js';
import type { CertificateRecord, PartnerRecord, TransactionRecord, UserRecord } from '../state/types.js';
import { MAX_SIGN_FILES } from '../sp769/sign-request.js';
import { MAX_SIGNED_VALUE_BYTES } from '../pki/digest-signer.js';
import { MAX_WHOLE_FILE_BODY_BYTES, prepareWholeFiles, signedFileOf, signerOf } from './whole-files.js';
import type { TokenStore } from './tokens.js';

const SUCCESS = [0, 'SUCCESS'] as const;

type Caller = { partner: PartnerRecord; user: UserRecord; body: Record<string, unknown> };

/**
 * The gateway's `/csc/*` endpoints (V2 §5) with the `{code, codeDesc, message, content}` envelope. Also
 * served under `/vi/` and `/en/`, the language prefix VNPT's own demo app uses.
 */
export function registerCscRoutes(router: Router, engine: Engine, tokens: TokenStore): void {
  // `/csc/*` changes state only through the engine (new transactions), which reports its own changes.
  const route = (path: string, handler: (caller: Caller) => Response | Promise<Response>, maxBodyBytes?: number) => {
    const wrapped = async ({ request }: RouteContext) => {
      const token = await tokens.bearer(request.headers.get('authorization'));
      const user = token ? engine.user(token.userId) : undefined;
      const partner = token ? engine.partner(token.clientId) : undefined;
      if (!token || !user || !partner) {
        return gateway(
          63000,
          'SIGNER_AUTHENTICATION_FAILED',
          'invalid_token: missing, expired or revoked bearer token',
          null,
          401,
        );
      }
      const body = await readJsonObject(request);
      if (!body.ok) return gateway(30000, 'CLIENT_INPUT_INVALID', body.reason);
      return handler({ partner, user, body: body.value });
    };
    for (const prefix of ['', '/vi', '/en'])
      router.on('POST', `${prefix}/csc/${path}`, wrapped, { mutates: false, maxBodyBytes });
  };

  route('credentials/list', ({ user }) =>
    gateway(
      ...SUCCESS,
      'Success',
      engine.certificatesOf(user.userId).map((c) => c.certId),
    ),
  );

  // VNPT answers credentials/info bare, without the envelope (V2's example, VNPT's .NET sample and the
  // clients built on it read `cert` at the top level); its errors are enveloped like every other.
  route('credentials/info', ({ user, body }) => {
    const found = credentialOf(engine, user, str(body, 'credentialId'));
    if (found instanceof Response) return found;
    return json(credentialInfo(engine, user, found, str(body, 'certificates') ?? 'chain'));
  });

  route('signature/signhash', (caller) => {
    const datas = caller.body.datas;
    if (!Array.isArray(datas) || datas.length === 0 || datas.length > MAX_SIGN_FILES) {
      return gateway(30000, 'CLIENT_INPUT_INVALID', `datas must hold 1 to ${MAX_SIGN_FILES} items`);
    }
    const files: TransactionRecord['files'] = [];
    for (const [i, item] of datas.entries()) {
      const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      // A SHA-256 digest, usually; VNPT's own example also sends a 42-byte value for a .docx, so any
      // length the key can sign is taken (signDigest says how it is signed).
      const hash = base64ToBytes(str(record, 'hash') ?? '');
      if (!hash || hash.length === 0 || hash.length > MAX_SIGNED_VALUE_BYTES) {
        return gateway(
          62010,
          'SIGNATURE_DATA_REQUEST_INVALID_FORMAT',
          `datas[${i}].hash must be base64 of 1 to ${MAX_SIGNED_VALUE_BYTES} bytes (a SHA-256 digest is 32)`,
        );
      }
      const name = str(record, 'name') ?? `document-${i + 1}`;
      files.push({ docId: name, fileType: 'hash', name, digestHex: bytesToHex(hash) });
    }
    return start(caller, () => files);
  });

  // Whole files (V2 §5.2.3; VNPT's demo app and mobile SDK): SmartCA computes what to sign and returns
  // the signed file itself, in gettraninfo's `dataSigned`.
  route(
    'signature/sign',
    (caller) =>
      start(caller, (cert) =>
        prepareWholeFiles(caller.body.datas, signerOf(engine.state.authority, cert), engine.now()),
      ),
    MAX_WHOLE_FILE_BODY_BYTES,
  );

  /**
   * What signhash and sign share: the credential, `notifyUrl`, the certificate's validity and the turns,
   * then a new transaction. V2 marks refTranId required on signhash, but a production client omits it
   * and VNPT's own samples send one constant for every request: it is the partner's label, never a key.
   */
  async function start(
    { partner, user, body }: Caller,
    filesFor: (
      cert: CertificateRecord,
    ) => TransactionRecord['files'] | Promise<Awaited<ReturnType<typeof prepareWholeFiles>>>,
  ): Promise<Response> {
    const found = credentialOf(engine, user, str(body, 'credentialId'));
    if (found instanceof Response) return found;
    const refTranId = str(body, 'refTranId') ?? '';
    const notifyUrl = str(body, 'notifyUrl');
    if (notifyUrl !== undefined && notifyUrl !== '' && !/^https?:\/\//.test(notifyUrl)) {
      return gateway(30000, 'CLIENT_INPUT_INVALID', 'notifyUrl must be an http(s) URL');
    }
    const prepared = await filesFor(found);
    if (!Array.isArray(prepared) && !prepared.ok) {
      const { code, codeDesc, message } = prepared.refusal;
      return gateway(code, codeDesc, message);
    }
    const files = Array.isArray(prepared) ? prepared : prepared.files;
    if (
      !certificateUsable(
        found,
        engine.now(),
        files.map((f) => f.digestHex),
      )
    ) {
      return gateway(60003, 'CREDENTIAL_STATUS_INVALID', `credential ${found.certId} is not valid`);
    }
    if (!engine.canAfford(partner, found, files.length)) {
      return gateway(65000, 'SERVICE_PACK_EXEED_OR_INVALID', 'Gói cước không hợp lệ hoặc đã hết lượt ký');
    }
    const fingerprint = JSON.stringify([user.userId, found.certId, files.map((f) => [f.name, f.digestHex])]);
    const tx = engine.create({
      surface: 'gateway',
      partner,
      user,
      cert: found,
      transactionId: refTranId,
      description: str(body, 'description') ?? '',
      files,
      fingerprint,
      notifyUrl: notifyUrl || undefined,
    });
    return gateway(...SUCCESS, 'Chờ người dùng xác nhận', { tranId: tx.tranId });
  }

  route('credentials/gettraninfo', async ({ user, body }) => {
    const tranId = str(body, 'tranId') ?? '';
    const tx = engine.byTranId(tranId, (t) => t.surface === 'gateway');
    if (!tx) return gateway(62000, 'SIGNATURE_TRANSACTION_NOT_FOUND', `no transaction ${tranId}`);
    if (tx.userId !== user.userId)
      return gateway(62001, 'SIGNATURE_TRANSACTION_NOT_MATCH_IDENTITY', 'not your transaction');
    const code = TRAN_STATUS_CODES[tx.status];
    const cert = engine.certificate(tx.certId);
    const wholeFiles = tx.files.some((f) => f.document);
    // Field for field as V2's example: `type` the name's extension, `size` as text ("30KB"), `data` the
    // hash again, `sub` the user's subject UUID (not the CCCD), the signature in `sig`. Whole files come
    // back signed in `dataSigned` (as VNPT's PHP OAuth sample reads them), with `data` null.
    const documents = await Promise.all(
      tx.files.map(async (f, i) => {
        const hash = bytesToBase64(hexToBytes(f.digestHex) ?? new Uint8Array());
        const signed = cert ? signedFileOf(tx, i, signerOf(engine.state.authority, cert)) : undefined;
        return {
          name: f.name,
          type: extensionOf(f.name) || (f.document?.format ?? ''),
          size: sizeText(f.document ? Math.floor((f.document.dataBase64.length * 3) / 4) : f.digestHex.length / 2),
          data: f.document ? null : hash,
          hash,
          sig: tx.status === 'signed' ? (tx.signatures?.[i] ?? null) : null,
          dataSigned: signed ? await signed : null,
          url: null,
        };
      }),
    );
    return gateway(...SUCCESS, 'success', {
      refTranId: tx.transactionId || null,
      tranId: tx.tranId,
      sub: await subjectIdOf(user.userId),
      credentialId: tx.certId,
      reqTime: new Date(tx.createdAt).toISOString(),
      documents,
      tranType: wholeFiles ? 2 : 3,
      tranTypeDesc: wholeFiles ? 'SIGN' : 'SIGNHASH',
      tranStatus: code,
      tranStatusDesc: tranStatusName(code),
    });
  });
}

function credentialOf(engine: Engine, user: UserRecord, id: string | undefined): CertificateRecord | Response {
  if (!id) return gateway(30000, 'CLIENT_INPUT_INVALID', 'credentialId is required');
  const cert = engine.certificate(id);
  if (!cert) return gateway(60000, 'CREDENTIAL_NOT_EXIST', `no_credential_match_id_${id}`);
  if (cert.userId !== user.userId) return gateway(60001, 'CREDENTIAL_NOT_MATCH_IDENTITY', 'not your credential');
  return cert;
}

function credentialInfo(
  engine: Engine,
  user: UserRecord,
  c: CertificateRecord,
  certificates: string,
): Record<string, unknown> {
  const { root, issuing } = engine.state.authority;
  const now = engine.now();
  const chain =
    certificates === 'none' ? [] : certificates === 'single' ? [c.certDer] : [c.certDer, issuing.certDer, root.certDer];
  const perTurn = c.pack.billing === 'per-turn';
  return {
    key: { status: 'ENABLED', alg: ['1.2.840.113549.1.1.1'], len: 2048 },
    cert: {
      status: certificateStatusName(c, now),
      serialNumber: c.serialNumber,
      subjectDN: c.subject,
      issuerDN: subjectOf(issuing.certDer),
      certificates: chain,
      validFrom: cscTime(c.validFrom),
      validTo: cscTime(c.validTo),
    },
    authMode: 'oauth2code',
    scal: 'SCAL2',
    multisign: 1,
    status: 'ENABLED',
    servicePacks: [
      {
        servicePackId: c.pack.servicePackId,
        name: c.pack.name,
        admin: { id: user.userId, uid: user.userId, fullName: user.fullName, email: user.email, phone: user.phone },
        type: perTurn ? 'TURN' : 'PERIOD',
        status: 'ACTIVE',
        ...(perTurn
          ? { totalSignLimit: c.pack.totalSignLimit, signedTurn: c.pack.signedTurn, availableTurns: availableTurns(c) }
          : {}),
      },
    ],
    signType: perTurn ? 1 : 0,
    defaultServicePackId: c.pack.servicePackId,
  };
}

/** `20240514073200Z`, the gateway's time format. */
function cscTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/** A file name's extension, lowercase, as `gettraninfo` reports `type` (`sample.pdf` → `pdf`). */
function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** A size as VNPT writes it in `gettraninfo`: whole kilobytes, rounded up, as text (`"30KB"`). */
function sizeText(bytes: number): string {
  return `${Math.ceil(bytes / 1024)}KB`;
}

/**
 * The user's subject id, a UUID as VNPT's `sub` is, stable per user: the bytes of SHA-256(user id),
 * formatted as a version-8 (name-based, custom) UUID.
 */
async function subjectIdOf(userId: string): Promise<string> {
  const bytes = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`sub:${userId}`)),
  ).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
