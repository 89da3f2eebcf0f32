import type { Request } from "express";
import { z } from "zod";

/** What the admin fault routes need of a simulator's fault engine. */
export interface FaultRuleStore<Rule> {
  list(): unknown[];
  replace(rules: Rule[]): unknown[];
  add(rule: Rule): unknown;
  remove(id: string): boolean;
}

/** One admin fault route, in the shape of every simulator's admin routes. */
export interface FaultAdminRoute<Ctx> {
  method: "get" | "post" | "put" | "delete";
  path: string;
  handle(req: Request, ctx: Ctx): { status: number; body?: unknown };
}

/** What differs between the simulators' admin fault routes. */
export interface FaultAdminOptions<Ctx, Rule> {
  /** The rule schema of `POST` (and of each rule of `PUT`). */
  schema: z.ZodType<Rule>;
  /** The simulator's fault engine. */
  faults(ctx: Ctx): FaultRuleStore<Rule>;
  /** Parses a body with a schema, throwing the simulator's 400. */
  parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S>;
  /** The simulator's 404 for a rule id it does not have. */
  notFound(message: string): Error;
}

/**
 * The admin fault routes: `GET /faults` → `{faults: [...]}` with each rule's id and how often it
 * applied; `PUT /faults {faults: [...]}` replaces every rule (random sequences start afresh);
 * `POST /faults {rule}` adds one → 201 with its id; `DELETE /faults` clears every rule;
 * `DELETE /faults/{id}` removes one.
 */
export function faultAdminRoutes<Ctx, Rule>(options: FaultAdminOptions<Ctx, Rule>) {
  const { schema, faults, parseBody, notFound } = options;
  const replaceSchema = z.object({ faults: z.array(schema).max(100) }).strict();
  const faultsList: FaultAdminRoute<Ctx> = {
    method: "get",
    path: "/faults",
    handle: (_req, ctx) => ({ status: 200, body: { faults: faults(ctx).list() } }),
  };
  const faultsReplace: FaultAdminRoute<Ctx> = {
    method: "put",
    path: "/faults",
    handle: (req, ctx) => ({
      status: 200,
      body: { faults: faults(ctx).replace(parseBody(replaceSchema, req.body).faults as Rule[]) },
    }),
  };
  const faultsAdd: FaultAdminRoute<Ctx> = {
    method: "post",
    path: "/faults",
    handle: (req, ctx) => ({ status: 201, body: faults(ctx).add(parseBody(schema, req.body) as Rule) }),
  };
  const faultsClear: FaultAdminRoute<Ctx> = {
    method: "delete",
    path: "/faults",
    handle: (_req, ctx) => {
      faults(ctx).replace([]);
      return { status: 204 };
    },
  };
  const faultsRemove: FaultAdminRoute<Ctx> = {
    method: "delete",
    path: "/faults/:faultId",
    handle: (req, ctx) => {
      const id = String(req.params.faultId);
      if (!faults(ctx).remove(id)) throw notFound(`no fault rule ${id}`);
      return { status: 204 };
    },
  };
  return { faultsList, faultsReplace, faultsAdd, faultsClear, faultsRemove };
}
