-- smartca-kit store (@smartca-kit/sdk/store-postgres), version 1. Applied by migratePostgresStore(),
-- or by your own migration tool: every statement is idempotent, so running it twice changes nothing.
-- Every expiry is computed from the server's clock (clock_timestamp()), never a client's.

-- Idempotency records: one row per key. `owner` is the token of the request that started it.
CREATE TABLE IF NOT EXISTS smartca_idempotency (
  key         text        PRIMARY KEY,
  fingerprint text        NOT NULL,
  state       text        NOT NULL CHECK (state IN ('started', 'done')),
  owner       text        NOT NULL,
  response    text,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS smartca_idempotency_expires ON smartca_idempotency (expires_at);

-- Webhook deliveries accepted (replay and dedup): one row per delivery or event key.
CREATE TABLE IF NOT EXISTS smartca_webhook_deliveries (
  key         text        PRIMARY KEY,
  token       text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS smartca_webhook_deliveries_expires ON smartca_webhook_deliveries (expires_at);

-- Pending-transaction state: the last final status recorded for a transaction (JSON text).
CREATE TABLE IF NOT EXISTS smartca_transactions (
  id          text        PRIMARY KEY,
  state       text        NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS smartca_transactions_expires ON smartca_transactions (expires_at);

-- Wake-up messages too large for a NOTIFY payload (8000 bytes): the NOTIFY then carries the row id.
CREATE TABLE IF NOT EXISTS smartca_messages (
  id          bigserial   PRIMARY KEY,
  channel     text        NOT NULL,
  payload     text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS smartca_messages_created ON smartca_messages (created_at);

-- Leases: one row per name; `fence` comes from one sequence, so it grows with every grant.
CREATE SEQUENCE IF NOT EXISTS smartca_lease_fence;
CREATE TABLE IF NOT EXISTS smartca_leases (
  name        text        PRIMARY KEY,
  fence       bigint      NOT NULL,
  holder      text        NOT NULL,
  expires_at  timestamptz NOT NULL
);
