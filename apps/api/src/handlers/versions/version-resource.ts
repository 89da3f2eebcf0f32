import { createHash } from "node:crypto";
import type { KeyView } from "@cckm/inventory";
import type { KeyVersion } from "@cckm/sap-kms-client";
import { z } from "zod";
import { ACCOUNT, resourceBaseShape } from "../../http/resource.ts";
import { parse } from "../../http/validate.ts";
import { tenantOf } from "../keys/key-resource.ts";

// Versions live on SAP only; their resource id is a name-based UUID (RFC 9562 v5) of the key's
// resource id and the version number, so it is stable, survives a restore (which re-imports the
// versions in order) and needs no table.
const NAMESPACE = Buffer.from("6f2c1f0a9b3e4d5c8a7b1e2d3c4b5a69", "hex");

export function versionId(cckmKeyId: string, version: number): string {
  const hash = createHash("sha1").update(NAMESPACE).update(`${cckmKeyId}/${version}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function dateOr(value: unknown, fallback: Date): string {
  const date = typeof value === "string" ? new Date(value) : fallback;
  return (Number.isNaN(date.getTime()) ? fallback : date).toISOString();
}

/** The answer's schema of a key version (OpenAPI); `versionResource` is typed by it. */
export const versionResourceSchema = z.object({
  ...resourceBaseShape,
  cloud_name: z.literal("sap"),
  tenant: z.string(),
  groupId: z.string(),
  sap_key_id: z.string(),
  origin: z.enum(["native", "cckm"]),
  enabled: z.boolean(),
  operations: z.array(z.string()),
  version: z.number().int(),
  primary: z.boolean(),
  state: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});

export type VersionResource = z.output<typeof versionResourceSchema>;

/**
 * A key version as CipherTrust draws it (`uri` kind `sap-key-version`). `origin` is `native` for a
 * version SAP made, `cckm` for one we imported (a restore). `primary` and `state` are ours.
 */
export function versionResource(key: KeyView, v: KeyVersion): VersionResource {
  const id = versionId(key.id, v.version);
  const created = dateOr(v.meta?.created, key.createdAt);
  return {
    id,
    uri: `kylo:kylo:cckm:sap-key-version:${id}`,
    account: ACCOUNT,
    createdAt: created,
    updatedAt: created,
    cloud_name: "sap" as const,
    tenant: tenantOf(key.connection),
    groupId: key.group.sapGroupId,
    sap_key_id: key.sapKeyId,
    origin: v.meta?.imported ? ("cckm" as const) : ("native" as const),
    enabled: v.state === undefined ? key.enabled : v.state === "ENABLED",
    operations: key.operations,
    version: v.version,
    primary: v.primary ?? v.version === key.primaryVersion,
    state: v.state ?? null,
    meta: (v.meta ?? {}) as Record<string, unknown>,
  };
}

const versionParams = z.object({
  id: z.uuid({ message: "must be a UUID" }),
  versionID: z.union([z.uuid(), z.string().regex(/^\d{1,9}$/, "must be the version's id (a UUID) or its number")]),
});

/** `:id` and `:versionID` (the version's resource id, or its number as SAP counts them). */
export function versionParamsOf(params: unknown): { keyId: string; pick: (v: KeyVersion) => boolean } {
  const { id, versionID } = parse(versionParams, params, "path");
  if (/^\d+$/.test(versionID)) return { keyId: id, pick: (v) => v.version === Number(versionID) };
  return { keyId: id, pick: (v) => versionId(id, v.version) === versionID.toLowerCase() };
}
