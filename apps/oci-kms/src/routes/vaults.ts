import { z } from "zod";
import { notFound } from "../http/errors.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { listQuery, paginate } from "../http/pagination.ts";
import { ok } from "../http/reply.ts";
import { parseQuery, pathParam } from "../http/validate.ts";
import { vaultSummaryView, vaultView } from "../views.ts";
import { ocidField } from "./schemas.ts";

const listSchema = z.object({ compartmentId: ocidField, ...listQuery });

/** `GET /20180608/vaults?compartmentId=...` → the compartment's vaults in this endpoint's region. */
export const vaultsList: OciRoute = {
  id: "vaults.list",
  method: "get",
  path: "/vaults",
  endpoint: "vault",
  handle: ({ req, ctx, caller, region, baseUrl }) => {
    const query = parseQuery(listSchema, req.query);
    if (!ctx.store.hasCompartment(caller.tenancy, query.compartmentId)) {
      throw notFound(`compartment ${query.compartmentId}`);
    }
    const vaults = ctx.store
      .listVaults(caller.tenancy.id)
      .filter((v) => v.compartmentId === query.compartmentId && v.region === region);
    const page = paginate(vaults, query);
    return ok(
      page.items.map((v) => vaultSummaryView(v, baseUrl)),
      page.headers,
    );
  },
};

/** `GET /20180608/vaults/{vaultId}` → the vault, when it is the caller's and in this endpoint's region. */
export const vaultsGet: OciRoute = {
  id: "vaults.get",
  method: "get",
  path: "/vaults/:vaultId",
  endpoint: "vault",
  handle: ({ req, ctx, caller, region, baseUrl }) => {
    const vaultId = pathParam(req, "vaultId");
    const vault = ctx.store.vault(caller.tenancy.id, vaultId);
    if (vault.region !== region) throw notFound(`vault ${vaultId}`);
    return ok(vaultView(vault, baseUrl), { etag: vault.timeCreated });
  },
};
