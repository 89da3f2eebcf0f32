import { setTimeout as delay } from "node:timers/promises";
import type { Request, RequestHandler, Response } from "express";
import { verifySignature } from "../auth/verify-signature.ts";
import type { SimulatorContext } from "../context.ts";
import type { FaultOutcome } from "../faults/fault-engine.ts";
import { OPERATIONS } from "../operations/index.ts";
import { keyIdOnItsFace } from "../operations/key-ref.ts";
import type { Operation } from "../operations/operation.ts";
import { isOperationName } from "../operations/operation-names.ts";
import { AwsError } from "./aws-error.ts";
import { parseInput, parseJsonObject } from "./json-body.ts";
import { sendError, sendJson } from "./reply.ts";

const TARGET_PREFIX = "TrentService.";
const CONTENT_TYPES = new Set(["application/x-amz-json-1.1", "application/x-amz-json-1.0"]);

/** The operation `X-Amz-Target` names, or UnknownOperationException. */
function operationOf(req: Request): Operation {
  const target = req.get("x-amz-target") ?? "";
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
  const contentType = (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const operation = isOperationName(name) ? OPERATIONS.get(name) : undefined;
  if (operation === undefined || !CONTENT_TYPES.has(contentType)) {
    throw new AwsError("UnknownOperationException", `The simulator has no operation for target '${target}'.`);
  }
  return operation;
}

/** The key a request names on its face, for fault rules and counters (undefined when none or unreadable). */
function keyIdOf(raw: Buffer): string | undefined {
  try {
    const body = parseJsonObject(raw);
    return keyIdOnItsFace(body.KeyId ?? body.TargetKeyId);
  } catch {
    return undefined;
  }
}

function faultError(outcome: FaultOutcome): AwsError | undefined {
  if (outcome.kind === "throttled") return new AwsError("ThrottlingException", "Rate exceeded");
  if (outcome.kind === "error") {
    return new AwsError(outcome.errorType, `injected fault: status ${outcome.status}`, outcome.status);
  }
  return undefined;
}

/** Verifies the signature, checks the input and runs the operation; its output or its AWS error. */
async function serve(req: Request, raw: Buffer, operation: Operation, ctx: SimulatorContext) {
  const now = ctx.now();
  const caller = await verifySignature(
    { method: req.method, url: req.originalUrl, headers: req.headers, body: raw },
    ctx.accessKeys,
    now,
  );
  const input = parseInput(operation.input, parseJsonObject(raw));
  ctx.store.purgeDeleted(now);
  const call = {
    ctx,
    operation: operation.name,
    caller,
    account: caller.accessKey.accountId,
    region: caller.region,
    now,
  };
  return operation.handle(input, call);
}

/**
 * `POST /`: one AWS JSON 1.1 request. Counts it, applies the fault rules (before the work, or after
 * it with `after`), verifies the SigV4 signature, validates the input and runs the operation. An
 * AwsError becomes its AWS error answer; anything else reaches the error handler as a 500.
 */
export function kmsRoute(ctx: SimulatorContext): RequestHandler {
  return async (req: Request, res: Response) => {
    let operation: Operation;
    try {
      operation = operationOf(req);
    } catch (error) {
      return sendError(res, error as AwsError);
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const keyId = keyIdOf(raw);
    ctx.counter.received(operation.name, keyId);
    res.on("finish", () => ctx.counter.answered(operation.name, keyId, res.statusCode));
    const decision = ctx.faults.decide(operation.name, keyId);
    if (decision.applied.length > 0) res.set("x-sim-faults", decision.applied.join(","));
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    const { outcome } = decision;
    const before = outcome.kind === "throttled" || (outcome.kind !== "none" && !outcome.after);
    if (before) {
      if (outcome.kind === "hang") return; // never answered; the socket closes when the client gives up
      return sendError(res, faultError(outcome) as AwsError);
    }
    let result: { output: unknown } | { error: AwsError };
    try {
      result = { output: await serve(req, raw, operation, ctx) };
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      result = { error };
    }
    if (outcome.kind === "hang") return;
    const injected = faultError(outcome);
    if (injected !== undefined) return sendError(res, injected);
    if ("error" in result) return sendError(res, result.error);
    sendJson(res, 200, result.output);
  };
}
