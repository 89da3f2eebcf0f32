import { z } from "zod";
import { auditRecordResourceSchema } from "../handlers/audit/audit-record-resource.ts";
import { tokenResponse } from "../handlers/auth/create-token.ts";
import { probeOutcome } from "../handlers/connections/connection-probe.ts";
import { connectionResourceSchema } from "../handlers/connections/connection-resource.ts";
import { groupResourceSchema } from "../handlers/groups/group-resource.ts";
import { jobEventSchema } from "../handlers/jobs/job-event-resource.ts";
import { jobResourceSchema } from "../handlers/jobs/job-resource.ts";
import { keyResourceSchema } from "../handlers/keys/key-resource.ts";
import { syncResourceSchema } from "../handlers/sync/sync-resource.ts";
import { userResourceSchema } from "../handlers/users/user-resource.ts";
import { versionResourceSchema } from "../handlers/versions/version-resource.ts";
import { errorBodySchema } from "../http/errors.ts";

/** The schemas that are components of the document, by name; an answer that uses one refers to it. */
function componentRegistry() {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, z.ZodType> = {
    Error: errorBodySchema,
    Token: tokenResponse,
    ConnectionTest: probeOutcome,
    User: userResourceSchema,
    AuditRecord: auditRecordResourceSchema,
    SapConnection: connectionResourceSchema,
    SapGroup: groupResourceSchema,
    SapKey: keyResourceSchema,
    SapKeyVersion: versionResourceSchema,
    SapKeyJob: jobResourceSchema,
    SapKeyJobEvent: jobEventSchema,
    SapSynchronizationJob: syncResourceSchema,
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  return registry;
}

export type Components = Record<string, unknown>;

/**
 * Converts zod schemas to OpenAPI 3.1 (JSON Schema 2020-12). The named schemas a schema uses are
 * collected into `components` and referred to as `#/components/schemas/<name>`.
 */
export function openApiConverter() {
  const registry = componentRegistry();
  const components: Components = {};
  const rewrite = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
  const convert = (schema: z.ZodType, io: "input" | "output"): Record<string, unknown> => {
    const json = z.toJSONSchema(schema, { io, metadata: registry, unrepresentable: "any", target: "draft-2020-12" });
    const { $schema: _dialect, $defs, ...rest } = json as Record<string, unknown> & { $defs?: Components };
    for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= rewrite(def);
    return rewrite(rest);
  };
  convert(errorBodySchema, "output");
  return { convert, components };
}
