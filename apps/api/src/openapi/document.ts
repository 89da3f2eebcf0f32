import { z } from "zod";
import { API_PREFIX } from "../app-constants.ts";
import { apiRoutes, type RouteDef } from "../routes.ts";

const ERROR_BODY = {
  type: "object",
  required: ["code", "codeDesc", "message"],
  properties: {
    code: { type: "integer" },
    codeDesc: { type: "string", examples: ["NCERRResourceNotFound: Resource not found"] },
    message: { type: "string" },
    requestID: { type: "string", description: "the request this answers (also the X-Request-ID header)" },
  },
} as const;

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

function queryParameters(route: RouteDef) {
  if (!route.query) return [];
  const schema = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: (schema.required ?? []).includes(name) && !(s as { default?: unknown }).default,
    schema: s,
  }));
}

function operation(route: RouteDef) {
  const path = route.path.includes(":id")
    ? [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }]
    : [];
  const errors = Object.fromEntries(
    ["400", ...(route.access === "public" ? [] : ["401", "403"]), "404", "409", "500"].map((status) => [
      status,
      {
        description: "CipherTrust error body",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
  return {
    summary: route.summary,
    ...(route.access === "public" ? { security: [] } : {}),
    "x-required-right": route.access,
    parameters: [...path, ...queryParameters(route)],
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body) } } } }
      : {}),
    responses: { "2XX": { description: "Success" }, ...errors },
  };
}

/** OpenAPI 3.1 of every route of the table, from the zod schemas the handlers validate with. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const path = `${API_PREFIX}${route.path.replaceAll(":id", "{id}")}`;
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CCKM SAP key jobs",
      version: "1.0.0",
      description: "A CipherTrust-compatible API that deletes and restores SAP Data Custodian keys asynchronously.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Error: ERROR_BODY },
    },
    paths,
  };
}
