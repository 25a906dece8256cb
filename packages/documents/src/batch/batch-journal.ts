import type { SmartCAStore } from '@smartca-kit/sdk';

/**
 * Where {@link signBatch} notes its progress so that a run killed half-way resumes without signing a
 * document twice or paying for a transaction twice: which transaction each group of documents went
 * out in (with the digests sent and the signing time they were prepared at), and which documents are
 * finished and delivered. Values are short JSON text.
 *
 * Two ship: {@link storeJournal} over the client's {@link SmartCAStore} (memory, Redis or PostgreSQL,
 * so any instance can resume a batch), and `fileJournal` from `@smartca-kit/documents/node` (a file
 * beside the outputs, what the CLI uses).
 */
export interface BatchJournal {
  /** The value last put under `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Records `value` under `key`, durably before it resolves. */
  put(key: string, value: string): Promise<void>;
}

/** How long a batch's notes are kept in a store: long enough to resume after a weekend's outage. */
export const BATCH_JOURNAL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A journal kept in a {@link SmartCAStore}, under `smartca-batch:` keys in its transaction states, for
 * {@link BATCH_JOURNAL_TTL_MS} unless `ttlMs` says otherwise. Store failures reach `signBatch` as the
 * store's own `StoreError`.
 */
export function storeJournal(store: SmartCAStore, ttlMs = BATCH_JOURNAL_TTL_MS): BatchJournal {
  return {
    get: (key) => store.transactions.get(`smartca-batch:${key}`),
    put: (key, value) => store.transactions.put(`smartca-batch:${key}`, value, ttlMs),
  };
}
