// The PostgreSQL store's statements, on the tables of migrations/postgres/0001_smartca_store.sql. Every
// write is one statement (atomic on its own), every expiry is the server's clock plus a TTL in ms, and
// an expired row counts as absent: it is overwritten by the next writer and deleted by the sweep.

const EXPIRES = "clock_timestamp() + $TTL::float8 * interval '1 millisecond'";
const expires = (n: number) => EXPIRES.replace('$TTL', `$${n}`);

/** The statements, by operation. */
export const SQL = {
  /** $1 key, $2 fingerprint, $3 owner, $4 TTL: one row back when the caller took the key. */
  begin: `INSERT INTO smartca_idempotency AS t (key, fingerprint, state, owner, expires_at)
    VALUES ($1, $2, 'started', $3, ${expires(4)})
    ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, state = 'started', owner = EXCLUDED.owner,
      response = NULL, created_at = clock_timestamp(), expires_at = EXCLUDED.expires_at
    WHERE t.expires_at <= clock_timestamp()
    RETURNING owner`,
  /** $1 key. */
  findIdempotency: `SELECT state, fingerprint, owner, response FROM smartca_idempotency
    WHERE key = $1 AND expires_at > clock_timestamp()`,
  /** $1 key, $2 owner, $3 response, $4 TTL: written unless another owner holds a live record. */
  finish: `INSERT INTO smartca_idempotency AS t (key, fingerprint, state, owner, response, expires_at)
    VALUES ($1, '', 'done', $2, $3, ${expires(4)})
    ON CONFLICT (key) DO UPDATE SET state = 'done', owner = EXCLUDED.owner, response = EXCLUDED.response,
      expires_at = EXCLUDED.expires_at
    WHERE t.owner = EXCLUDED.owner OR t.expires_at <= clock_timestamp()`,
  /** $1 key, $2 owner. */
  abandon: "DELETE FROM smartca_idempotency WHERE key = $1 AND owner = $2 AND state = 'started'",
  /** $1 key, $2 token, $3 TTL: one row back for the first claimant (or its own retry). */
  claim: `INSERT INTO smartca_webhook_deliveries AS t (key, token, expires_at) VALUES ($1, $2, ${expires(3)})
    ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, created_at = clock_timestamp(), expires_at = EXCLUDED.expires_at
    WHERE t.expires_at <= clock_timestamp() OR t.token = EXCLUDED.token
    RETURNING token`,
  /** $1 id, $2 state, $3 TTL. */
  putState: `INSERT INTO smartca_transactions AS t (id, state, expires_at) VALUES ($1, $2, ${expires(3)})
    ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = clock_timestamp(), expires_at = EXCLUDED.expires_at`,
  /** $1 id. */
  getState: 'SELECT state FROM smartca_transactions WHERE id = $1 AND expires_at > clock_timestamp()',
  /** $1 name, $2 holder token, $3 TTL: the fence back when granted (or to the same holder's retry). */
  acquire: `INSERT INTO smartca_leases AS t (name, fence, holder, expires_at)
    VALUES ($1, nextval('smartca_lease_fence'), $2, ${expires(3)})
    ON CONFLICT (name) DO UPDATE SET fence = EXCLUDED.fence, holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
    WHERE t.expires_at <= clock_timestamp() OR t.holder = EXCLUDED.holder
    RETURNING fence`,
  /** $1 name, $2 fence, $3 TTL. */
  renew: `UPDATE smartca_leases SET expires_at = ${expires(3)}
    WHERE name = $1 AND fence = $2 AND expires_at > clock_timestamp()`,
  /** $1 name, $2 fence. */
  release: 'DELETE FROM smartca_leases WHERE name = $1 AND fence = $2',
  /** $1 how long large messages are kept (an interval). One statement: the other tables' deletes are CTEs. */
  sweep: `WITH i AS (DELETE FROM smartca_idempotency WHERE expires_at < clock_timestamp()),
    d AS (DELETE FROM smartca_webhook_deliveries WHERE expires_at < clock_timestamp()),
    t AS (DELETE FROM smartca_transactions WHERE expires_at < clock_timestamp()),
    l AS (DELETE FROM smartca_leases WHERE expires_at < clock_timestamp())
    DELETE FROM smartca_messages WHERE created_at < clock_timestamp() - $1::interval`,
} as const;
