import { type OpenApiDocument, openApiChecker } from "./openapi-answers.ts";
import type { TestStack } from "./stack-processes.ts";

/**
 * Calls a stack's API as the admin, checks every answer against the OpenAPI document the API serves,
 * and keeps every answer's text (for the tests that prove a secret is in none of them). `load()`
 * reads the document once the stack runs.
 */
export function recordingCaller(stackOf: () => TestStack) {
  const answers: string[] = [];
  let checker: ReturnType<typeof openApiChecker> | undefined;
  return {
    answers,
    async load() {
      const doc = (await (await fetch(`${stackOf().apiUrl}/api/docs/openapi.json`)).json()) as OpenApiDocument;
      checker = openApiChecker(doc);
    },
    async call(method: string, path: string, body?: unknown) {
      const s = stackOf();
      if (!checker) throw new Error("recordingCaller: load() the OpenAPI document first");
      const res = await s.call(method, path, body);
      checker.check(method, `${s.apiUrl}/api/v1${path}`, res.status, res.body ?? undefined);
      answers.push(JSON.stringify(res.body));
      return res;
    },
  };
}
