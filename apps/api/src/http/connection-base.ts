import { z } from "zod";
import { KIND, resourceBase, resourceBaseShape } from "./resource.ts";

/** What every cloud's connection row holds in common (each inventory view has these columns). */
export interface ConnectionBaseRow {
  id: string;
  name: string;
  description: string | null;
  meta: unknown;
  labels: unknown;
  lastTestOk: boolean | null;
  lastTestError: string | null;
  lastTestedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const object = z.record(z.string(), z.unknown());
const objectOr = (value: unknown) => (value && typeof value === "object" ? value : {}) as Record<string, unknown>;

/**
 * The fields every CipherTrust connection answers, whatever its cloud (docs/cckm-compatibility.md
 * §2.3); each cloud's connection schema adds its `service` and its own fields to these.
 */
export const connectionBaseShape = {
  ...resourceBaseShape,
  name: z.string(),
  description: z.string().nullable(),
  category: z.literal("cloud"),
  products: z.array(z.string()),
  resource_url: z.string(),
  meta: object,
  labels: object,
  last_connection_ok: z.boolean().nullable(),
  last_connection_error: z.string(),
  last_connection_at: z.iso.datetime().nullable(),
};

/** The common fields of a connection served under `collectionPath` (its `resource_url` is there). */
export function connectionBase(row: ConnectionBaseRow, collectionPath: string) {
  return {
    ...resourceBase(KIND.connection, row, row.name),
    name: row.name,
    description: row.description,
    category: "cloud" as const,
    products: ["cckm"],
    resource_url: `${collectionPath}/${row.id}`,
    meta: objectOr(row.meta),
    labels: objectOr(row.labels),
    last_connection_ok: row.lastTestOk,
    last_connection_error: row.lastTestError ?? "",
    last_connection_at: row.lastTestedAt?.toISOString() ?? null,
  };
}
