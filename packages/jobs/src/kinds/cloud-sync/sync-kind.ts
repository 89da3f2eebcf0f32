import { type Db, SYNC_ACTIVE_STATUS } from "@cckm/db";
import type { CloudProvider } from "@cckm/inventory";
import type { z } from "zod";
import { PermanentError, TransientError } from "../../engine/errors.ts";
import { defineKind, type JobKind, type JobRef } from "../../engine/kind.ts";
import { rateLimitAware } from "../../engine/rate-limit-aware.ts";
import { keyGuards } from "../sync/key-guards.ts";
import { type SyncJobStatements, syncJobStatements } from "./sync-job-sql.ts";

/** What a cloud's sync kind is besides its provider: its queue, its id-only payload, its attempts. */
export interface SyncKindSpec<Payload, Clients> {
  queue: string;
  payload: z.ZodType<Payload>;
  idOf(payload: Payload): string;
  payloadOf(id: string): Payload;
  attempts(): number;
  /** The cloud's client registry among the worker's services. */
  clientsOf(services: never): Clients;
}

/** A cloud's sync kind and its statements (the API's cancel uses them too). */
export interface SyncKind<Payload, Target, S> {
  kind: JobKind<Payload, Target & { id: string; abort: boolean }, S>;
  statements: SyncJobStatements;
  /** The queue job of a sync job: the BullMQ job id is the row's id. */
  ref(id: string): JobRef;
}

/**
 * The one synchronization mechanism, made a job kind for a cloud's provider: claims a running row
 * (the provider reads it), ends it `completed` at once when a cancel came first, runs the provider's
 * sync (handed the job side's key guards, a cancel's question between containers and the rate-limit
 * wrapper), and ends the row in one guarded statement. A cloud's error is recorded with the code its
 * provider gives and retried when transient; a final failure keeps the details recorded so far.
 */
export function defineSyncKind<Payload, Clients, Target, Details, S extends { db: Db }>(
  provider: CloudProvider<Clients, Target, Details>,
  spec: Omit<SyncKindSpec<Payload, Clients>, "clientsOf"> & { clientsOf(services: S): Clients },
): SyncKind<Payload, Target, S> {
  const sync = provider.sync;
  const statements = syncJobStatements({ ...sync.table, operation: sync.operation });
  const kind = defineKind<Payload, Target & { id: string; abort: boolean }, S>({
    name: sync.kind,
    logField: "syncJobId",
    queue: spec.queue,
    payload: spec.payload,
    idOf: spec.idOf,
    payloadOf: spec.payloadOf,
    attempts: () => spec.attempts(),
    concurrency: (n) => Math.max(1, Math.min(4, n)),
    table: {
      name: sync.table.table,
      queueJobId: "id::text",
      jobName: `'${sync.jobName}'`,
      active: `overall_status = '${SYNC_ACTIVE_STATUS}'`,
    },
    claim: (_db, id, _actor, services) => sync.claim(services.db, id),
    async run(claimed, { services, db, log, mayWait }) {
      if (claimed.abort) {
        return statements.end(db, claimed.id, { status: "completed", details: sync.nothing, error: null });
      }
      let outcome: Awaited<ReturnType<typeof sync.run>>;
      try {
        outcome = await sync.run(services.db, spec.clientsOf(services), claimed, {
          guards: keyGuards,
          stopRequested: () => statements.abortRequested(db, claimed.id),
          waitAware: (client) => rateLimitAware(client, mayWait),
        });
      } catch (error) {
        const named = sync.engineError(error);
        if (!named) throw error;
        throw new (named.transient ? TransientError : PermanentError)(named.code, named.message);
      }
      log.info({ cloud: provider.cloud, status: outcome.status }, `${provider.cloud} sync finished`);
      return statements.end(db, claimed.id, outcome);
    },
    fail: (db, id, _actor, failure) =>
      statements.end(db, id, { status: "failed", details: null, error: `${failure.code}: ${failure.message}` }),
  });
  return { kind, statements, ref: (id) => ({ id, queueJobId: id, name: sync.jobName }) };
}
