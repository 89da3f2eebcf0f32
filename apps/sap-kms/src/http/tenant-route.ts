import { setTimeout as delay } from "node:timers/promises";
import type { FaultOutcome } from "@cckm/sim-faults";
import type { Request, Response, Router } from "express";
import type { SimulatorContext } from "../context.ts";
import type { RouteId } from "../routes/route-ids.ts";
import type { TechnicalUser } from "../store/records.ts";
import { KmsError } from "./errors.ts";
import { errorReply, type Reply, send } from "./reply.ts";
import { authenticate } from "./tenant-auth.ts";

export interface TenantRequest {
  req: Request;
  /** The caller; `ANONYMOUS` on the login route. */
  user: TechnicalUser;
  ctx: SimulatorContext;
}

/** One route of the SAP API: a small handler that returns its reply. */
export interface TenantRoute {
  id: RouteId;
  method: "get" | "post" | "delete";
  path: string;
  /** false only for the login route. */
  authenticated?: boolean;
  /** The key a request is about, for fault rules and request counts; `:id` by default. */
  keyIdOf?: (req: Request) => string | undefined;
  handle(request: TenantRequest): Promise<Reply> | Reply;
}

const ANONYMOUS: TechnicalUser = { id: "", name: "anonymous", apiKey: "", secret: "" };

function faultReply(outcome: FaultOutcome): Reply | undefined {
  if (outcome.kind === "rateLimited") {
    const error = new KmsError("RATE_LIMITED", "too many requests; retry later");
    return errorReply(error, { "retry-after": String(outcome.retryAfterSeconds) });
  }
  if (outcome.kind === "error") {
    return errorReply(new KmsError("INJECTED_FAULT", `injected fault: status ${outcome.status}`, outcome.status));
  }
  return undefined;
}

/** Leaves the request unanswered; the socket closes when the client gives up or the server stops. */
function hang(_res: Response): void {}

/**
 * Mounts a route: counts the request, applies the fault rules (before the work, or after it with
 * `after`), authenticates, runs the handler and sends its reply. A KmsError becomes its error reply;
 * anything else reaches the error handler as a 500.
 */
export function mountTenantRoute(router: Router, route: TenantRoute, ctx: SimulatorContext): void {
  router[route.method](route.path, async (req: Request, res: Response) => {
    const keyId = route.keyIdOf ? route.keyIdOf(req) : (req.params as Record<string, string | undefined>).id;
    ctx.counter.received(route.id, keyId);
    res.on("finish", () => ctx.counter.answered(route.id, keyId, res.statusCode));
    const decision = ctx.faults.decide(route.id, keyId);
    if (decision.applied.length > 0) res.set("x-sim-faults", decision.applied.join(","));
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    const { outcome } = decision;
    const before = outcome.kind === "rateLimited" || (outcome.kind !== "none" && !outcome.after);
    if (before) {
      if (outcome.kind === "hang") return hang(res);
      return send(res, faultReply(outcome) as Reply);
    }
    let reply: Reply;
    try {
      const user = route.authenticated === false ? ANONYMOUS : authenticate(req, ctx.tokens, ctx.store);
      reply = await route.handle({ req, user, ctx });
    } catch (error) {
      if (!(error instanceof KmsError)) throw error;
      reply = errorReply(error, error.status === 401 ? { "www-authenticate": "Bearer" } : undefined);
    }
    if (outcome.kind === "hang") return hang(res);
    send(res, faultReply(outcome) ?? reply);
  });
}
