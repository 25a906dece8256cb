import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSmartCA, SmartCACertificate } from '@smartca-kit/sdk';
import { createLocalSigner } from '../support/local-signer.js';

// The SP769 status messages the SDK knows, each pinned: VNPT's documented ones (V1 §3.1, §3.4), and the
// ones real clients match for outcomes VNPT does not document (docs/wire-contract.md §3: C3, C4, C12).
// Sandbox-only spellings must not be what the rule is built on, but must still read right.
const CASES: Array<[message: string | undefined, withSignature: boolean, status: string, source: string]> = [
  ['SUCCESS', true, 'signed', 'V1 §3.4'],
  [' SUCCESS', true, 'signed', 'V1 §3.1 (a stray space)'],
  ['Success', true, 'signed', 'V1 §3.2 spelling'],
  [undefined, true, 'signed', 'no message: read by the signatures (C16, C18)'],
  ['SUCCESS', false, 'pending', 'SUCCESS without a signature is not a result'],
  ['sig_wait_for_user_confirm', false, 'pending', 'V1 §3.3'],
  ['PENDING', false, 'pending', 'C12'],
  ['REJECTED', false, 'rejected', 'C4'],
  ['user_denied', false, 'rejected', 'C3 matches "deny"'],
  ['EXPIRED', false, 'expired', 'C4, C12'],
  ['TIMEOUT', false, 'expired', 'C4'],
  ['CANCELLED', false, 'expired', 'C4 reads it as expired'],
  ['sig_user_rejected', false, 'rejected', 'the sandbox'],
  ['sig_expired', false, 'expired', 'the sandbox'],
  ['sig_failed', false, 'failed', 'the sandbox'],
  ['something new', false, 'pending', 'unknown: never an invented outcome'],
];

describe('SP769 status messages, pinned', () => {
  it('each known message maps to its outcome', async () => {
    const signer = await createLocalSigner();
    const certificate = new SmartCACertificate(signer.der, { chain: signer.chain });
    const digest = new Uint8Array(32).fill(4);
    for (const [message, withSignature, status, source] of CASES) {
      const body = {
        status_code: 200,
        ...(message === undefined ? {} : { message }),
        data: {
          transaction_id: 't',
          signatures: withSignature
            ? [{ doc_id: 'd', signature_value: Buffer.from(signer.signDigest(digest)).toString('base64') }]
            : null,
        },
      };
      const smartca = createSmartCA({
        environment: 'https://vnpt.example',
        credentials: { spId: 's', spPassword: 'p' },
        trustedRoots: [signer.rootPem],
        maxRetries: 0,
        fetch: async (input) =>
          new Response(
            JSON.stringify(
              String(input).includes('/status')
                ? body
                : {
                    status_code: 200,
                    message: 'sig_wait_for_user_confirm',
                    data: { transaction_id: 't', tran_code: 'c' },
                  },
            ),
          ),
      });
      const tx = await smartca.signatures.sign({
        userId: 'u',
        certificate,
        transactionId: 't',
        documents: [{ docId: 'd', digest }],
      });
      assert.equal((await tx.refresh()).status, status, `${JSON.stringify(message)} (${source})`);
    }
  });
});
