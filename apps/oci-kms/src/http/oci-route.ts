import { setTimeout as delay } from "node:timers/promises";
import type { FaultOutcome } from "@cckm/sim-faults";
import type { Request, Response, Router } from "express";
import { authenticate } from "../auth/signature.ts";
import type { SimulatorContext } from "../context.ts";
import type { RouteId } from "../routes/route-ids.ts";
import type { VaultRecord } from "../store/records.ts";
import type { Caller } from "../store/store.ts";
import { OciApiError } from "./errors.ts";
import { rawBodyOf } from "./raw-body.ts";
import { errorReply, type Reply, send } from "./reply.ts";

export interface OciRequest {
  req: Request;
  ctx: SimulatorContext;
  caller: Caller;
  /** The base the simulator's advertised endpoints start with (its public URL, or this request's). */
  baseUrl: string;
  /** Vault endpoint routes: the region the endpoint serves. */
  region: string;
  /** Management endpoint routes: the vault the endpoint belongs to (always one of the caller's). */
  vault: VaultRecord | undefined;
}

/** One route of OCI's KMS API: a small handler that returns its reply. */
export interface OciRoute {
  id: RouteId;
  method: "get" | "post" | "put";
  /** Under `/20180608` of its endpoint. */
  path: string;
  /** The region's vault endpoint, or a vault's management endpoint. */
  endpoint: "vault" | "management";
  handle(request: OciRequest): Promise<Reply> | Reply;
}

const params = (req: Request) => req.params as Record<string, string | undefined>;

/** The resource a request is about (fault rules, request counts): the key, else the vault. */
const resourceOf = (req: Request) => params(req).keyId ?? params(req).vaultId;

function faultReply(outcome: FaultOutcome): Reply | undefined {
  if (outcome.kind === "rateLimited") {
    const error = new OciApiError("TooManyRequests", "User-rate limit exceeded.");
    return errorReply(error, { "retry-after": String(outcome.retryAfterSeconds) });
  }
  if (outcome.kind === "error") {
    const code =
      outcome.status === 429
        ? "TooManyRequests"
        : outcome.status === 503
          ? "ServiceUnavailable"
          : "InternalServerError";
    return errorReply(new OciApiError(code, `injected fault: status ${outcome.status}`, outcome.status));
  }
  return undefined;
}

function baseUrl(req: Request, ctx: SimulatorContext): string {
  return ctx.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

async function run(route: OciRoute, req: Request, ctx: SimulatorContext): Promise<Reply> {
  const caller = authenticate(req, rawBodyOf(req), ctx.store);
  const { vaultId, region } = params(req);
  const vault = route.endpoint === "management" && vaultId ? ctx.store.vault(caller.tenancy.id, vaultId) : undefined;
  const request: OciRequest = {
    req,
    ctx,
    caller,
    baseUrl: baseUrl(req, ctx),
    region: region ?? ctx.defaultRegion,
    vault,
  };
  const token = route.method === "get" ? undefined : req.get("opc-retry-token");
  const tokenKey = token === undefined ? undefined : `${caller.tenancy.id} ${route.id} ${req.originalUrl} ${token}`;
  const earlier = tokenKey === undefined ? undefined : ctx.retryTokens.get(tokenKey);
  if (earlier !== undefined) return earlier;
  const reply = await route.handle(request);
  if (tokenKey !== undefined) ctx.retryTokens.set(tokenKey, reply);
  return reply;
}

/** Leaves the request unanswered; the socket closes when the client gives up or the server stops. */
function hang(_res: Response): void {}

/**
 * Mounts a route: counts the request, applies the fault rules (before the work, or after it with
 * `after`), verifies the request signature, finds the management endpoint's vault, answers a
 * retried request (same `opc-retry-token`) as before, runs the handler and sends its reply. An
 * OciApiError becomes its error reply; anything else reaches the error handler as a 500.
 */
export function mountOciRoute(router: Router, route: OciRoute, ctx: SimulatorContext): void {
  router[route.method](`/20180608${route.path}`, async (req: Request, res: Response) => {
    const resourceId = resourceOf(req);
    const requestId = req.get("opc-request-id");
    ctx.counter.received(route.id, resourceId);
    res.on("finish", () => ctx.counter.answered(route.id, resourceId, res.statusCode));
    const decision = ctx.faults.decide(route.id, resourceId);
    if (decision.applied.length > 0) res.set("x-sim-faults", decision.applied.join(","));
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    const { outcome } = decision;
    const before = outcome.kind === "rateLimited" || (outcome.kind !== "none" && !outcome.after);
    if (before) {
      if (outcome.kind === "hang") return hang(res);
      return send(res, faultReply(outcome) as Reply, requestId);
    }
    let reply: Reply;
    try {
      reply = await run(route, req, ctx);
    } catch (error) {
      if (!(error instanceof OciApiError)) throw error;
      reply = errorReply(error);
    }
    if (outcome.kind === "hang") return hang(res);
    send(res, faultReply(outcome) ?? reply, requestId);
  });
}
