import { type ExportWrappingKey, type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import type { Task } from "graphile-worker";
import { open, seal, sha256Hex } from "./envelope.ts";

export interface DeleteTaskDeps {
  sap: SapKmsClient;
  /** The export wrapping key of this process (the client's own export wrapping, as the orchestrator's). */
  exportKey: ExportWrappingKey;
  kek: Buffer;
}

const aadOf = (jobId: string, version: number) => `peer-backup:${jobId}:${version}`;

/**
 * `delete_key {id}`: claim the job → export every version from SAP → envelope-encrypt each →
 * commit the backup → read it back and prove it opens to SAP's material → delete the key on SAP
 * ("not found" counts as deleted) → finish. A throw hands the job back to graphile-worker's own
 * retry (exponential backoff, 25 attempts); each step is safe to run again.
 */
export function deleteKeyTask(deps: DeleteTaskDeps): Task {
  return async (payload, helpers) => {
    const { id } = payload as { id: string };
    const claimed = await helpers.query<{ sap_key_id: string; state: string }>(
      `UPDATE peer.delete_jobs SET state = CASE WHEN state = 'backed_up' THEN state ELSE 'running' END
        WHERE id = $1 AND state IN ('queued', 'running', 'backed_up') RETURNING sap_key_id, state`,
      [id],
    );
    const job = claimed.rows[0];
    if (job === undefined) return; // done or failed already
    if (job.state !== "backed_up") await backUp(deps, helpers, id, job.sap_key_id);
    try {
      await deps.sap.deleteKey(job.sap_key_id);
    } catch (error) {
      if (!(error instanceof SapKmsError && error.code === "NOT_FOUND")) throw error;
    }
    await helpers.query("UPDATE peer.delete_jobs SET state = 'done', completed_at = now() WHERE id = $1", [id]);
  };
}

async function backUp(deps: DeleteTaskDeps, helpers: Parameters<Task>[1], id: string, sapKeyId: string) {
  const exported = await deps.sap.exportAllVersions(sapKeyId, deps.exportKey);
  try {
    const sealed = exported.map((e) => ({
      version: e.version,
      digest: sha256Hex(e.material),
      ...seal(deps.kek, e.material, aadOf(id, e.version)),
    }));
    await helpers.withPgClient(async (client) => {
      await client.query("BEGIN");
      try {
        await client.query("DELETE FROM peer.backups WHERE job_id = $1", [id]);
        for (const s of sealed) {
          await client.query(
            `INSERT INTO peer.backups (job_id, version, ciphertext, nonce, tag, wrapped_dek, digest)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [id, s.version, s.ciphertext, s.nonce, s.tag, s.wrappedDek, s.digest],
          );
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    });
    // Prove: what Postgres holds opens to SAP's material, before SAP is asked to delete.
    const stored = await helpers.query<{
      version: number;
      ciphertext: Buffer;
      nonce: Buffer;
      tag: Buffer;
      wrapped_dek: Buffer;
      digest: string;
    }>("SELECT version, ciphertext, nonce, tag, wrapped_dek, digest FROM peer.backups WHERE job_id = $1", [id]);
    if (stored.rows.length !== exported.length) throw new Error("the backup is incomplete");
    for (const row of stored.rows) {
      const material = open(deps.kek, { ...row, wrappedDek: row.wrapped_dek }, aadOf(id, row.version));
      const matches = sha256Hex(material) === row.digest;
      material.fill(0);
      if (!matches) throw new Error(`version ${row.version} of the backup does not match`);
    }
    await helpers.query("UPDATE peer.delete_jobs SET state = 'backed_up' WHERE id = $1", [id]);
  } finally {
    for (const e of exported) e.material.fill(0);
  }
}
