import '../internal/reflect-polyfill.js';
import { AuthorityKeyIdentifierExtension, Extension, X509Certificate, X509CrlGenerator } from '@peculiar/x509';
import type { SandboxState } from '../state/types.js';
import { bufferOf, tlv } from './der.js';
import { unb64 } from './encoding.js';
import { importPrivateKey, RSA_ALGORITHM } from './keys.js';
import { revokedEntries } from './revocation.js';

/** A CRL is good for a week; a new one is cut on every request, so a revocation shows at once. */
const CRL_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const CRL_NUMBER = '2.5.29.20';

/** The CA a CRL is for. */
export type CrlIssuer = 'root' | 'issuing';

/**
 * The CRL of one of the sandbox's CAs at the sandbox time `now` (DER): thisUpdate `now`, nextUpdate
 * a week later, a CRL number that grows with the clock, and the revoked certificates it issued (the
 * root revokes nothing). Signed by the CA's own key, SHA-256 with RSA.
 */
export async function crlOf(state: SandboxState, issuer: CrlIssuer, now: number): Promise<Uint8Array> {
  const ca = state.authority[issuer];
  const cert = new X509Certificate(unb64(ca.certDer));
  const thisUpdate = new Date(Math.floor(now / 1000) * 1000);
  const entries =
    issuer === 'root'
      ? []
      : revokedEntries(state).map((e) => ({
          serialNumber: e.serialNumber,
          revocationDate: new Date(Math.floor(e.at / 1000) * 1000),
          // RFC 5280 §5.3.1: reasonCode unspecified (0) SHOULD be absent.
          ...(e.reason === 0 ? {} : { reason: e.reason }),
        }));
  const crl = await X509CrlGenerator.create({
    issuer: cert.subjectName.toJSON(),
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + CRL_LIFETIME_MS),
    signingKey: await importPrivateKey(ca.keyPkcs8),
    signingAlgorithm: { name: RSA_ALGORITHM.name, hash: 'SHA-256' },
    entries,
    extensions: [
      await AuthorityKeyIdentifierExtension.create(cert.publicKey),
      new Extension(CRL_NUMBER, false, bufferOf(tlv(0x02, crlNumber(thisUpdate.getTime())))),
    ],
  });
  return new Uint8Array(crl.rawData);
}

/** Seconds since the epoch as a positive DER INTEGER's bytes: later CRLs get larger numbers. */
function crlNumber(ms: number): Uint8Array {
  let hex = Math.max(1, Math.floor(ms / 1000)).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
