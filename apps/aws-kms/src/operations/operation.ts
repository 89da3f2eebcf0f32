import type { z } from "zod";
import type { Caller } from "../auth/verify-signature.ts";
import type { SimulatorContext } from "../context.ts";
import type { OperationName } from "./operation-names.ts";

/** One signed request being served: who sent it, for which account and region, and when. */
export interface Call {
  ctx: SimulatorContext;
  operation: OperationName;
  caller: Caller;
  /** The caller's account (their access key's). */
  account: string;
  /** The region of the request's credential scope. */
  region: string;
  now: number;
}

/** One KMS operation: its input schema (checked at the edge) and a handler that returns its output. */
export interface Operation<S extends z.ZodType = z.ZodType> {
  name: OperationName;
  input: S;
  handle(input: z.infer<S>, call: Call): unknown;
}

/** Keeps an operation's input type for its handler while the table holds them all alike. */
export const defineOperation = <S extends z.ZodType>(operation: Operation<S>): Operation => operation as Operation;
