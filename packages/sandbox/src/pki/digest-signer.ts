import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { unb64 } from './encoding.js';
import { signDigestInfoWithWebCrypto } from './webcrypto-rsa.js';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/**
 * The longest value PKCS#1 v1.5 can sign with an RSA-2048 key: 256 bytes less 11 of padding. The
 * gateway's `signhash` takes values other than SHA-256 digests (see {@link signDigest}) up to this.
 */
export const MAX_SIGNED_VALUE_BYTES = 245;

/**
 * Signs a hash the way SmartCA's HSM does: RSASSA-PKCS1-v1_5 over DigestInfo(SHA-256, digest),
 * returning the raw signature. A value that is not 32 bytes is signed as given, inside the same
 * padding but without DigestInfo (what an HSM's CKM_RSA_PKCS does): VNPT's own `signhash` example
 * sends a 42-byte value, and what VNPT signs for it is not documented; this is the sandbox's guess
 * (docs/wire-contract.md). WebCrypto cannot sign a pre-hashed value, so on Node the private-key
 * operation runs through `node:crypto` (0.3 ms per signature), found with `process.getBuiltinModule`
 * so that importing this module stays safe in a browser. Elsewhere (the sandbox inside msw in a test
 * browser) it falls back to RSASP1 on BigInt with the key's JWK numbers, a few ms per signature.
 */
export function signDigest(keyPkcs8: string, digest: Uint8Array): Promise<Uint8Array> {
  const digestInfo =
    digest.length !== 32
      ? digest
      : new Uint8Array(
          AsnConvert.serialize(
            new DigestInfo({
              digestAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256_OID, parameters: null }),
              digest: new OctetString(new Uint8Array(digest)),
            }),
          ),
        );
  const node = nodeCrypto();
  if (!node) return signDigestInfoWithWebCrypto(keyPkcs8, digestInfo);
  return Promise.resolve(signWithNode(node, keyPkcs8, digestInfo));
}

type NodeCrypto = {
  createPrivateKey(input: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): unknown;
  privateEncrypt(input: { key: unknown; padding: number }, data: Uint8Array): Uint8Array;
  constants: { RSA_PKCS1_PADDING: number };
};

function nodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

const nodeKeys = new Map<string, unknown>();

function signWithNode(node: NodeCrypto, keyPkcs8: string, digestInfo: Uint8Array): Uint8Array {
  let key = nodeKeys.get(keyPkcs8);
  if (!key) {
    key = node.createPrivateKey({ key: unb64(keyPkcs8), format: 'der', type: 'pkcs8' });
    nodeKeys.set(keyPkcs8, key);
  }
  // RSA_private_encrypt with PKCS#1 padding is exactly EMSA-PKCS1-v1_5 block type 1 + RSASP1.
  return new Uint8Array(node.privateEncrypt({ key, padding: node.constants.RSA_PKCS1_PADDING }, digestInfo));
}
