import { OCSPResponseStatus } from '@peculiar/asn1-ocsp';
import { base64ToBytes } from '@smartca-kit/sdk';
import type { Engine } from '../engine/engine.js';
import type { Router } from '../http/router.js';
import { crlOf } from '../pki/crl.js';
import { unb64 } from '../pki/encoding.js';
import { answerOcspRequest, status } from '../pki/ocsp-responder.js';
import { answerTimestampQuery, rejection } from '../pki/timestamp-authority.js';
import { TRUST_PATHS } from '../pki/trust-urls.js';

/** RFC 3161 queries and RFC 6960 requests are a few hundred bytes; anything near this is not one. */
const MAX_QUERY_BYTES = 64 * 1024;

/**
 * The CA's public services, at the URLs its certificates carry: the RFC 3161 TSA (`POST /tsa`), the
 * RFC 6960 OCSP responder (`POST /ocsp`, `GET /ocsp/<base64 request>`), each CA's CRL and
 * certificate. Every answer is the protocol's own: a bad query is a `rejection` or `malformedRequest`
 * with status 200, as real TSAs and responders answer, never a 5xx. None changes state.
 */
export function registerTrustServiceRoutes(router: Router, engine: Engine): void {
  const query = { mutates: false, maxBodyBytes: MAX_QUERY_BYTES };

  router.on(
    'POST',
    TRUST_PATHS.tsa,
    async ({ request }) => {
      const body = await bytesOf(request);
      const answer = body
        ? await answerTimestampQuery(engine.state.authority, body, engine.now())
        : rejection('badDataFormat', 'the request body could not be read');
      return binary(answer, 'application/timestamp-reply');
    },
    query,
  );

  const ocsp = async (body: Uint8Array | undefined) =>
    binary(
      body ? await answerOcspRequest(engine.state, body, engine.now()) : status(OCSPResponseStatus.malformedRequest),
      'application/ocsp-response',
    );
  router.on('POST', TRUST_PATHS.ocsp, async ({ request }) => ocsp(await bytesOf(request)), query);
  // RFC 6960 Appendix A.1: GET {url}/{url-encoding of base64 of the DER request}.
  router.on('GET', `${TRUST_PATHS.ocsp}/:request`, ({ params }) =>
    ocsp(base64ToBytes(params.request ?? '') ?? undefined),
  );

  router.on('GET', TRUST_PATHS.rootCrl, async () =>
    binary(await crlOf(engine.state, 'root', engine.now()), 'application/pkix-crl'),
  );
  router.on('GET', TRUST_PATHS.issuingCrl, async () =>
    binary(await crlOf(engine.state, 'issuing', engine.now()), 'application/pkix-crl'),
  );
  router.on('GET', TRUST_PATHS.rootCert, () =>
    binary(unb64(engine.state.authority.root.certDer), 'application/pkix-cert'),
  );
  router.on('GET', TRUST_PATHS.issuingCert, () =>
    binary(unb64(engine.state.authority.issuing.certDer), 'application/pkix-cert'),
  );
}

async function bytesOf(request: Request): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await request.arrayBuffer());
  } catch {
    return undefined;
  }
}

function binary(bytes: Uint8Array, type: string): Response {
  return new Response(bytes.slice(), { headers: { 'content-type': type, 'cache-control': 'no-store' } });
}
