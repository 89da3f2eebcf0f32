import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

interface Operation {
  responses: Record<string, { content?: { "application/json"?: { schema: unknown } } }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** A documented operation, as `<method> <path template>`. */
export type OperationName = string;

/**
 * Checks real answers against the OpenAPI document the API serves: each answer must be one the
 * document declares for its route (its status, or the 4XX/5XX range) and its body must match that
 * response's schema. Records which operations answered with which statuses.
 */
export function openApiChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`),
    }))
    .sort((a, b) => a.params - b.params);
  const validators = new Map<string, ValidateFunction>();
  const seen = new Map<OperationName, Set<number>>();

  const validatorOf = (key: string, schema: unknown) => {
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile({ ...(schema as object), components: doc.components });
      validators.set(key, v);
    }
    return v;
  };

  return {
    /**
     * Throws with the route, status and what did not match when the answer is not the documented one;
     * answers the operation (`GET /api/v1/…/{id}`).
     */
    check(method: string, url: string, status: number, body: unknown): string {
      const path = decodeURI(new URL(url, "http://x").pathname).replace(/(.)\/$/, "$1");
      const m = method.toLowerCase();
      const match = templates.find((t) => t.pattern.test(path) && doc.paths[t.template]?.[m]);
      if (!match) throw new Error(`${method} ${path}: not in the OpenAPI document`);
      const name = `${m} ${match.template}`;
      const op = doc.paths[match.template]?.[m] as Operation;
      const declared = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
      if (!declared) throw new Error(`${name}: answered ${status}, which the document does not declare`);
      const schema = declared.content?.["application/json"]?.schema;
      if (schema === undefined) {
        if (body !== undefined) throw new Error(`${name} ${status}: a body where the document declares none`);
      } else {
        const validate = validatorOf(`${name} ${status}`, schema);
        if (!validate(body)) {
          throw new Error(
            `${name} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
          );
        }
      }
      const statuses = seen.get(name) ?? new Set<number>();
      statuses.add(status);
      seen.set(name, statuses);
      return `${method.toUpperCase()} ${match.template}`;
    },
    /**
     * Every documented success status that no checked answer had, as `<operation> <status>`, among the
     * paths `include` keeps (all by default).
     */
    unseenSuccesses(except: string[] = [], include: (path: string) => boolean = () => true): string[] {
      const missing: string[] = [];
      for (const [template, ops] of Object.entries(doc.paths)) {
        if (!include(template)) continue;
        for (const [m, op] of Object.entries(ops)) {
          for (const status of Object.keys(op.responses).filter((s) => /^2\d\d|304$/.test(s))) {
            const name = `${m} ${template}`;
            if (!seen.get(name)?.has(Number(status)) && !except.includes(`${name} ${status}`)) {
              missing.push(`${name} ${status}`);
            }
          }
        }
      }
      return missing;
    },
  };
}
