import type pg from "pg";

/** The peer's own tables, in a schema of their own beside graphile-worker's. */
export const PEER_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS peer;
CREATE TABLE IF NOT EXISTS peer.delete_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sap_key_id text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'backed_up', 'done', 'failed')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE TABLE IF NOT EXISTS peer.backups (
  job_id uuid NOT NULL REFERENCES peer.delete_jobs (id),
  version int NOT NULL,
  ciphertext bytea NOT NULL,
  nonce bytea NOT NULL,
  tag bytea NOT NULL,
  wrapped_dek bytea NOT NULL,
  digest text NOT NULL,
  PRIMARY KEY (job_id, version)
);`;

export async function createPeerSchema(db: pg.ClientBase | pg.Pool): Promise<void> {
  await db.query(PEER_SCHEMA_SQL);
}
