import { z } from "zod";
import {
  authPart,
  awsClientPart,
  databasePart,
  enqueuePart,
  hostPart,
  httpPart,
  keyringPart,
  launcherPart,
  ociClientPart,
  processPart,
  redisPart,
  sapClientPart,
  sapKmsPart,
  stackPart,
  workerPart,
} from "./parts.ts";

/** One schema per process, composed from the shared parts (parts.ts): each validates only what it reads. */

/** apps/api */
export const apiEnvSchema = z.object({
  ...processPart,
  ...hostPart,
  ...databasePart,
  ...redisPart,
  ...keyringPart,
  ...sapClientPart,
  ...awsClientPart,
  ...ociClientPart,
  ...enqueuePart,
  ...httpPart,
  ...authPart,
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;

/** apps/worker (its workers, the reconciler, the health server) */
export const workerEnvSchema = z.object({
  ...processPart,
  ...hostPart,
  ...databasePart,
  ...redisPart,
  ...keyringPart,
  ...sapClientPart,
  ...awsClientPart,
  ...ociClientPart,
  ...enqueuePart,
  ...workerPart,
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** apps/sap-kms, the simulator */
export const sapKmsEnvSchema = z.object({ ...processPart, ...hostPart, ...sapKmsPart });
export type SapKmsEnv = z.infer<typeof sapKmsEnvSchema>;

/** A simulator with a schema of its own for the rest (apps/aws-kms): how it runs and where it listens. */
export const simulatorEnvSchema = z.object({ ...processPart, ...hostPart });
export type SimulatorEnv = z.infer<typeof simulatorEnvSchema>;

/** `npm run migrate` */
export const migrateEnvSchema = z.object({ ...processPart, ...databasePart });
export type MigrateEnv = z.infer<typeof migrateEnvSchema>;

/** `npm run verify`: reads Postgres, opens backups, asks SAP. */
export const verifyEnvSchema = z.object({ ...processPart, ...databasePart, ...keyringPart, ...sapClientPart });
export type VerifyEnv = z.infer<typeof verifyEnvSchema>;

/** The launcher's own variables (where to find or start Postgres and Redis). */
export const launcherEnvSchema = z.object({ ...launcherPart });
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

/**
 * `npm start`: its own variables and everything the processes it starts read, so a bad value stops
 * the start before anything runs.
 */
export const stackEnvSchema = z.object({
  ...apiEnvSchema.shape,
  ...workerEnvSchema.shape,
  ...sapKmsEnvSchema.shape,
  ...launcherPart,
  ...stackPart,
});
export type StackEnv = z.infer<typeof stackEnvSchema>;
