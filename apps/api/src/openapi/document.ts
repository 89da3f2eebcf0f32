import type { z } from "zod";
import { API_PREFIX } from "../app-constants.ts";
import { apiRoutes, type RouteDef } from "../routes.ts";
import { openApiConverter } from "./schemas.ts";

/** The path in OpenAPI's spelling: `:id` → `{id}`. */
export const openApiPath = (path: string) => `${API_PREFIX}${path.replace(/:(\w+)/g, "{$1}")}`;

const PATH_PARAMETER: Record<string, string> = {
  id: "the resource's id; connections, groups and keys also by name or URI, users by `local|<id>`",
  versionID: "the version's id, or its number",
};

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted: still running; poll the job",
  204: "No Content",
  304: "Not Modified (ETag)",
};

function operation(route: RouteDef, schema: (s: z.ZodType, io: "input" | "output") => Record<string, unknown>) {
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name = ""]) => ({
    name,
    in: "path",
    required: true,
    description: PATH_PARAMETER[name],
    schema: { type: "string" },
  }));
  const query = route.query
    ? (schema(route.query, "input") as { properties?: Record<string, unknown>; required?: string[] })
    : {};
  const queryParameters = Object.entries(query.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: (query.required ?? []).includes(name) && !(s as { default?: unknown }).default,
    schema: s,
  }));
  // A 200 that may come as server-sent events: its `data` schema, and what the stream does in its description.
  const stream = route.eventStream
    ? { "text/event-stream": { schema: schema(route.eventStream.data, "output") } }
    : undefined;
  const success = Object.fromEntries(
    Object.entries(route.responses).map(([status, body]) => {
      const streamed = status === "200" ? stream : undefined;
      const content = {
        ...(body ? { "application/json": { schema: schema(body, "output") } } : {}),
        ...streamed,
      };
      const text = STATUS_TEXT[Number(status)] ?? "Success";
      return [
        status,
        {
          description: streamed ? `${text}; as text/event-stream: ${route.eventStream?.description}` : text,
          ...(Object.keys(content).length > 0 ? { content } : {}),
        },
      ];
    }),
  );
  const error = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    summary: route.summary,
    ...(route.access === "public" ? { security: [] } : {}),
    "x-required-right": route.access,
    parameters: [...pathParameters, ...queryParameters],
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: schema(route.body, "input") } } } }
      : {}),
    responses: {
      ...success,
      "4XX": error("CipherTrust error body: 400 bad input, 401/403 sign-in and rights, 404, 409, 415, 429"),
      "5XX": error("CipherTrust error body: 502/504 SAP failed, 503 an outage (Retry-After)"),
    },
  };
}

/**
 * OpenAPI 3.1 of every route of the table: requests from the zod schemas the handlers validate
 * with, answers from the schemas that type the handlers' resources (components by name).
 */
export function openApiDocument() {
  const { convert, components } = openApiConverter();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, convert) };
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
      schemas: components,
    },
    paths,
  };
}
