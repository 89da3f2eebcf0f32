import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes } from "../routes.ts";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { openApiPath } from "./document.ts";

describe("the OpenAPI document", () => {
  let api: TestApi;
  let token: string;
  let doc: { openapi: string; paths: Record<string, Record<string, any>> };
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("docs-admin", "docs-password", ["admin"]);
    token = (await api.login("docs-admin", "docs-password")).jwt;
    doc = (await (await api.request("GET", "/api/docs/openapi.json")).json()) as typeof doc;
  });
  afterAll(async () => {
    await api.close();
  });

  it("is OpenAPI 3.1 with every route of the API, and nothing else", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const routes = apiRoutes.map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it("documents only operations that are really served", async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const res = await api.request(
          method.toUpperCase(),
          path.replace("{id}", "00000000-0000-4000-8000-000000000000").replace("{versionID}", "1"),
          {
            token,
            ...(method === "post" || method === "patch" ? { body: {} } : {}),
          },
        );
        const body = await res.text();
        expect(body, `${method} ${path}`).not.toContain("no route for");
      }
    }
  });

  it("carries the validation rules of the zod schemas", () => {
    const submit = doc.paths["/api/v1/cckm/sap/keys/jobs"]?.post;
    const schema = submit.requestBody.content["application/json"].schema;
    expect(schema).toMatchObject({
      type: "object",
      required: expect.arrayContaining(["id", "operation"]),
      properties: { operation: { enum: ["delete", "restore"] }, delete_if_backup_fails: { type: "boolean" } },
    });
    const list = doc.paths["/api/v1/cckm/sap/keys/jobs"]?.get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["skip", "limit", "sort", "state", "operation", "cckm_key_id"]),
    );
    expect(doc.paths["/api/v1/auth/tokens"]?.post.security).toEqual([]);
  });

  it("has a browsable page", async () => {
    const page = await api.request("GET", "/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/v1/cckm/sap/keys/jobs");
    expect(html).not.toMatch(/<script/i);
  });
});
