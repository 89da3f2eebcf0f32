import { z } from "zod";
import type { AdminRoute } from "../../http/admin-route.ts";
import { notFound, OciApiError } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { newTenancy, newVault } from "../../store/factory.ts";
import { type Tenancy, VAULT_TYPES } from "../../store/records.ts";
import { vaultView } from "../../views.ts";

const tenancyView = (t: Tenancy) => ({
  id: t.id,
  name: t.name,
  homeRegion: t.homeRegion,
  users: t.users.map((u) => ({ id: u.id, name: u.name, fingerprints: u.apiKeys.map((k) => k.fingerprint) })),
  compartments: t.compartments,
});

/** `GET /admin/tenancies` → `{tenancies: [{id, name, homeRegion, users: [{id, name, fingerprints}], compartments}]}`. */
export const tenanciesList: AdminRoute = {
  method: "get",
  path: "/tenancies",
  handle: (_req, ctx) => ({ status: 200, body: { tenancies: ctx.store.listTenancies().map(tenancyView) } }),
};

const tenancySchema = z.object({
  name: z.string().min(1).max(100),
  publicKeyPem: z.string().min(1).max(10_000),
  homeRegion: z.string().min(1).max(64).optional(),
  compartments: z.array(z.string().min(1).max(100)).max(20).optional(),
});

/** `POST /admin/tenancies {name, publicKeyPem, homeRegion?, compartments?}` → 201 a new tenancy with one API user. */
export const tenanciesCreate: AdminRoute = {
  method: "post",
  path: "/tenancies",
  handle: (req, ctx) => {
    const body = parseBody(tenancySchema, req.body);
    let tenancy: Tenancy;
    try {
      tenancy = newTenancy({ ...body, homeRegion: body.homeRegion ?? ctx.defaultRegion });
    } catch {
      throw new OciApiError("InvalidParameter", "publicKeyPem must be an RSA public key (PEM)");
    }
    return { status: 201, body: tenancyView(ctx.store.addTenancy(tenancy)) };
  },
};

const vaultSchema = z.object({
  tenancyId: z.string().min(1).max(255),
  compartmentId: z.string().min(1).max(255).optional(),
  displayName: z.string().min(1).max(255),
  region: z.string().min(1).max(64).optional(),
  vaultType: z.enum(VAULT_TYPES).default("DEFAULT"),
});

/** `POST /admin/vaults {tenancyId, displayName, compartmentId?, region?, vaultType?}` → 201 the vault (OCI's Vault). */
export const vaultsCreate: AdminRoute = {
  method: "post",
  path: "/vaults",
  handle: (req, ctx) => {
    const body = parseBody(vaultSchema, req.body);
    const tenancy = ctx.store.tenancy(body.tenancyId);
    if (tenancy === undefined) throw notFound(`tenancy ${body.tenancyId}`);
    const compartmentId = body.compartmentId ?? tenancy.id;
    if (!ctx.store.hasCompartment(tenancy, compartmentId)) throw notFound(`compartment ${compartmentId}`);
    const vault = newVault({
      ...body,
      compartmentId,
      region: body.region ?? ctx.defaultRegion,
      timeCreated: new Date(ctx.clock()).toISOString(),
    });
    const base = ctx.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
    return { status: 201, body: vaultView(ctx.store.addVault(vault), base) };
  },
};
