import type { Db } from "@cckm/db";
import type { KeyGuards } from "../sap/sync-state.ts";
import type { KeyTable } from "./vanished.ts";

/** CipherTrust's name of a cloud: its connections' `service`, its routes' `/cckm/<cloud>/…`, its `cloud_name`. */
export type CloudName = "sap" | "aws" | "oci";

/**
 * A cloud's synchronization job table as the shared sync job statements (packages/jobs) see it: the
 * columns every sync table has (`overall_status`, `details`, `error`, `abort`, `completed_at`) in a
 * table of its own; `release` names the rows that hold a container while a job runs (AWS's per-KMS
 * rows, `running`), set free when it ends.
 */
export interface SyncJobTable {
  table: string;
  release?: { table: string; jobColumn: string } | undefined;
}

/** How a synchronization ended; the sync kind records it in its guarded statement. */
export interface CloudSyncOutcome<D> {
  status: "completed" | "failed";
  details: D;
  error: string | null;
}

/** What a sync claim found: the running job with what its run needs, or why there is nothing to run. */
export type SyncClaim<T> =
  | { outcome: "claimed"; claimed: T & { id: string; abort: boolean } }
  | { outcome: "missing" }
  | { outcome: "finished" };

/** What the job side hands a run: a cancel's question, the key guards, the rate-limit wrapper. */
export interface SyncHooks {
  /** Whether a cancel asked the job to stop (asked between containers; what is done stays). */
  stopRequested(): Promise<boolean>;
  /** The job side's statements that leave a key a job works on alone (packages/jobs). */
  guards: KeyGuards;
  /** Wraps a client while the attempt may still wait on a rate limit instead of spending an attempt. */
  waitAware<T extends object>(client: T): T;
}

/**
 * A cloud's synchronization: the per-cloud part of the one sync mechanism (packages/jobs
 * `defineSyncKind`: claim, cancel before the run, run, end in one guarded statement, errors mapped).
 * `Clients` is the process's client registry for the cloud (SapClients, AwsClients, OciClients).
 */
export interface CloudSync<Clients, Target, Details> {
  /** The job kind's name (`<cloud>-sync`), its BullMQ job name and its metrics' `operation`. */
  kind: string;
  jobName: string;
  operation: string;
  table: SyncJobTable;
  /** The details of a run that did nothing (cancelled before it began). */
  nothing: Details;
  /** Reads a running job with what its run needs (its connection, its containers). */
  claim(db: Db, syncJobId: string): Promise<SyncClaim<Target>>;
  /** Brings the cloud's keys in: upserts by the cloud's ids, marks vanished ones gone (provider/vanished.ts). */
  run(db: Db, clients: Clients, target: Target, hooks: SyncHooks): Promise<CloudSyncOutcome<Details>>;
  /**
   * The cloud's error as the engine records it (`code`, retried when `transient`); undefined when it is
   * none of the cloud's or the engine reads the cloud's errors itself (SAP: its error class carries
   * the engine's protocol).
   */
  engineError(error: unknown): { code: string; message: string; transient: boolean } | undefined;
}

/**
 * One cloud, as the shared mechanisms see it. Connections, synchronization and the key inventory are
 * one mechanism each; a provider gives the per-cloud parts: its name, how its connection secret is
 * sealed (the AAD: provider/sealed-secret.ts seals and opens), its containers, its key table (the
 * gone marking) and its synchronization. SAP is the first provider; AWS and OCI the next
 * (`sapProvider`, `awsProvider`, `ociProvider`). A fourth cloud adds one.
 */
export interface CloudProvider<Clients = unknown, Target = unknown, Details = unknown> {
  cloud: CloudName;
  connections: {
    /** The AAD its connection secret is sealed under: bound to the cloud and the connection's id. */
    secretAad(connectionId: string): string;
  };
  /** What CipherTrust calls the cloud's containers of keys (SAP groups, AWS KMS accounts, OCI vaults). */
  containers: { noun: string; uriKind: string };
  /** Its key table as the gone marking sees it, and the `uri` kind of its keys. */
  keys: { table: KeyTable; uriKind: string };
  /** The `uri` kind of its asynchronous key jobs, where its keys have them (SAP's delete and restore jobs). */
  keyJobs?: { uriKind: string };
  sync: CloudSync<Clients, Target, Details>;
}
