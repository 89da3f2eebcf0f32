import { type KeyView, sapProvider } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";

/** The SAP tenant a key or group lives in: the connection's, else the connection's name (decisions, issue 13). */
export const tenantOf = (connection: { name: string; tenant: string | null }) => connection.tenant ?? connection.name;

const text = z.string();
const textOf = (value: unknown) => (typeof value === "string" ? value : null);
const object = z.record(z.string(), z.unknown());

/** The answer's schema of a SAP key (OpenAPI); `keyResource` is typed by it. */
export const keyResourceSchema = z.object({
  ...resourceBaseShape,
  name: text,
  cloud_name: z.literal(sapProvider.cloud),
  tenant: text,
  connection: text,
  sap_group_name: text,
  origin: z.literal("native").meta({ description: "every SAP key is SAP's own (a restore re-imports it as such)" }),
  creator_id: text.nullable(),
  creator_name: text.nullable(),
  sap_application: text.nullable(),
  gone: z.boolean(),
  gone_at: z.iso.datetime().nullable(),
  backup: z.boolean().meta({ description: "whether a backup of the key's material is held (never the material)" }),
  versions: z.number().int(),
  synced_at: z.iso.datetime().nullable(),
  sap_param: z.object({
    sap_key_id: text,
    groupId: text,
    name: text,
    description: text,
    type: text,
    size: z.number().int().nullable(),
    curve: text.nullable(),
    operations: z.array(text),
    enabled: z.boolean(),
    exportable: z.boolean(),
    state: text.nullable(),
    role: text.nullable(),
    keystoreContext: object,
    meta: z.looseObject({ primaryVersion: z.number().int().nullable(), totalVersions: z.number().int() }),
  }),
});

export type KeyResource = z.output<typeof keyResourceSchema>;

/**
 * A SAP key of the inventory as CipherTrust draws one (docs/cckm-compatibility.md §2.1): native
 * attributes under `sap_param`; whether a backup is held, never its material.
 */
export function keyResource(row: KeyView): KeyResource {
  const meta = (row.sapMeta && typeof row.sapMeta === "object" ? row.sapMeta : {}) as Record<string, unknown>;
  return {
    ...resourceBase(sapProvider.keys.uriKind, row, row.name),
    name: row.name,
    cloud_name: sapProvider.cloud,
    tenant: tenantOf(row.connection),
    connection: row.connection.name,
    sap_group_name: row.group.name,
    origin: "native",
    creator_id: textOf(meta.creatorId),
    creator_name: textOf(meta.creatorName),
    sap_application: textOf((row.group.sapMeta as { application?: unknown } | null | undefined)?.application),
    gone: row.gone,
    gone_at: row.goneAt?.toISOString() ?? null,
    backup: row.backupId !== null,
    versions: row.totalVersions,
    synced_at: row.lastSyncedAt?.toISOString() ?? null,
    sap_param: {
      sap_key_id: row.sapKeyId,
      groupId: row.group.sapGroupId,
      name: row.name,
      description: row.description ?? "",
      type: row.type,
      size: row.size,
      curve: row.curve,
      operations: row.operations,
      enabled: row.enabled,
      exportable: row.exportable,
      state: row.sapState,
      role: row.role,
      keystoreContext: (row.keystoreContext && typeof row.keystoreContext === "object"
        ? row.keystoreContext
        : {}) as Record<string, unknown>,
      meta: { ...meta, primaryVersion: row.primaryVersion, totalVersions: row.totalVersions },
    },
  };
}
