// The route files under app/api/v1 and the route table the OpenAPI document is generated from must
// agree: every file's handlers serve table entries of the same method and path, and every entry is
// served by exactly one file. So an endpoint cannot exist without its document entry, or the reverse.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// Unwrapped, the exported handlers are the ones restHandler made, which know their definition.
vi.mock("@/lib/server/route", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/route")>()),
  route: (handler: unknown) => handler,
}));

const { endpointOf } = await import("./endpoint");
const { openApiDocument } = await import("./openapi");
const { ENDPOINTS } = await import("./table");
const { ContractChecker, routeFiles } = await import("./testing");

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

describe("the route table", () => {
  it("matches the route files under app/api/v1, method by method", async () => {
    const served = new Map<string, string>();
    for (const { file, template } of routeFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      const where = path.relative(process.cwd(), file);
      const methods = Object.keys(mod).filter((name) => METHODS.includes(name));
      expect(methods.length, `${where} serves nothing`).toBeGreaterThan(0);
      for (const method of methods) {
        const endpoint = endpointOf(mod[method]);
        expect(endpoint, `${where} ${method} is not served from the route table`).toBeDefined();
        expect(`${endpoint!.method} ${endpoint!.path}`, where).toBe(`${method} ${template}`);
        expect(ENDPOINTS, `${where} ${method} is missing from lib/rest/table.ts`).toContain(endpoint);
        served.set(`${method} ${template}`, where);
      }
    }
    const listed = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(listed).size, "a method and path twice in the table").toBe(listed.length);
    expect([...served.keys()].sort()).toEqual([...listed].sort());
  });

  it("is what the document lists: the same paths, methods, and path parameters", () => {
    const doc = openApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    for (const endpoint of ENDPOINTS) {
      const inPath = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(endpoint.params.shape).sort(), endpoint.path).toEqual(inPath.sort());
    }
  });

  it("covers every endpoint the issue asks for", () => {
    const listed = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`));
    const sa = "/api/v1/teams/{team}/service-accounts/{name}";
    const project = "/api/v1/teams/{team}/projects/{project}/members/{kind}/{name}";
    for (const wanted of [
      "GET /api/v1/orgs/{org}/service-accounts",
      "POST /api/v1/orgs/{org}/service-accounts",
      "GET /api/v1/teams/{team}/service-accounts",
      "POST /api/v1/teams/{team}/service-accounts",
      `GET ${sa}`,
      `PATCH ${sa}`,
      `DELETE ${sa}`,
      `POST ${sa}/deactivate`,
      `POST ${sa}/reactivate`,
      `GET ${sa}/keys`,
      `POST ${sa}/keys`,
      "DELETE /api/v1/keys/{keyId}",
      "GET /api/v1/orgs/{org}/teams",
      "GET /api/v1/teams/{team}/projects",
      `PUT ${project}`,
      `DELETE ${project}`,
      "GET /api/v1/orgs/{org}/audit-events",
    ]) {
      expect(listed, wanted).toContain(wanted);
    }
  });
});

describe("the contract checker", () => {
  const checker = new ContractChecker(openApiDocument() as never);
  const sa = {
    id: "sa_1",
    name: "ci",
    team: "ml",
    org: "acme",
    scope: "team",
    authMethod: "api_key",
    status: "active",
    description: "",
    createdBy: null,
    createdAt: "2026-11-30T10:00:00.000Z",
    lastUsedAt: null,
  };
  const get = "/api/v1/teams/{team}/service-accounts/{name}";

  it("accepts an answer that fits the document", () => {
    checker.check("GET", get, 200, "application/json", sa);
  });

  it("fails on a missing or extra field, a wrong type, or an undocumented status", () => {
    const { status: _missing, ...withoutStatus } = sa;
    expect(() => checker.check("GET", get, 200, "application/json", withoutStatus)).toThrow();
    expect(() => checker.check("GET", get, 200, "application/json", { ...sa, secret: "x" })).toThrow();
    expect(() => checker.check("GET", get, 200, "application/json", { ...sa, createdAt: 5 })).toThrow();
    expect(() => checker.check("GET", get, 201, "application/json", sa)).toThrow();
    expect(() => checker.check("GET", get, 404, "application/problem+json", { error: "nope" })).toThrow();
  });
});
