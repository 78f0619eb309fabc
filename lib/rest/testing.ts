// Test helpers for the REST API: finds the route files under app/api/v1, calls their handlers in
// process like Next would, and checks every answer against the OpenAPI document with a JSON Schema
// 2020-12 validator. Used by the contract and route-table tests only.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { PEER_HEADER } from "@/lib/server/client-ip";

export const API_DIR = path.join(process.cwd(), "app", "api", "v1");

export interface RouteFile {
  file: string;
  /** The OpenAPI path the file serves: `app/api/v1/teams/[team]/route.ts` -> `/api/v1/teams/{team}`. */
  template: string;
}

export function routeFiles(dir = API_DIR): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(path.join(process.cwd(), "app"), path.dirname(full));
    const template = `/${relative.split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
    return [{ file: full, template }];
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Module = Partial<Record<string, Handler>>;

const modules = new Map<string, Module>();

async function moduleFor(template: string): Promise<Module> {
  const cached = modules.get(template);
  if (cached) return cached;
  const file = routeFiles().find((r) => r.template === template);
  if (!file) throw new Error(`no route file serves ${template}`);
  const mod = (await import(file.file)) as Module;
  modules.set(template, mod);
  return mod;
}

/** Which template a concrete path matches, and its decoded parameters. */
export function matchPath(pathname: string): { template: string; params: Record<string, string> } {
  const segments = pathname.split("/");
  for (const { template } of routeFiles()) {
    const parts = template.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = parts.every((part, i) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name) {
        params[name] = decodeURIComponent(segments[i]!);
        return true;
      }
      return part === segments[i];
    });
    if (fits) return { template, params };
  }
  throw new Error(`no route matches ${pathname}`);
}

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

export class ContractChecker {
  private ajv = new Ajv2020({ strict: false, allErrors: true });
  constructor(readonly document: Document) {
    this.ajv.addFormat("date-time", (v: string) => !Number.isNaN(Date.parse(v)) && /T/.test(v));
    this.ajv.addSchema(document as object, "openapi.json");
  }

  /** Fails unless the status is documented for the operation and the body fits its schema. */
  check(method: string, template: string, status: number, contentType: string | null, body: unknown) {
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    expect(operation, `${method} ${template} is not in the document`).toBeDefined();
    const response = operation!.responses[String(status)];
    expect(
      response,
      `${method} ${template} answered ${status}, which the document does not list`,
    ).toBeDefined();
    if (!response!.content) {
      expect(body, `${method} ${template} ${status} must have no body`).toBe("");
      return;
    }
    const mediaType = Object.keys(response!.content)[0]!;
    expect(contentType ?? "").toContain(mediaType);
    const pointer = [
      "paths",
      template,
      method.toLowerCase(),
      "responses",
      String(status),
      "content",
      mediaType,
      "schema",
    ]
      .map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1"))
      .join("/");
    const valid = this.ajv.validate({ $ref: `openapi.json#/${pointer}` }, body);
    expect(
      valid,
      `${method} ${template} ${status}: ${this.ajv.errorsText(this.ajv.errors)}\n${JSON.stringify(body)}`,
    ).toBe(true);
  }
}

export interface ApiCall {
  key?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  bearer?: boolean;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked against the document, then read freely
  body: any;
}

export const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

/** Calls the route file serving `pathname` (with a query string, if any) and checks the answer's contract. */
export async function callApi(
  checker: ContractChecker | null,
  method: string,
  url: string,
  opts: ApiCall = {},
): Promise<ApiAnswer> {
  const { pathname } = new URL(url, "http://localhost");
  const { template, params } = matchPath(pathname);
  const handler = (await moduleFor(template))[method];
  if (!handler) throw new Error(`${template} serves no ${method}`);
  const headers: Record<string, string> = { [PEER_HEADER]: "10.9.0.1", ...opts.headers };
  if (opts.key) headers.authorization = opts.bearer ? `Bearer ${opts.key}` : basic(opts.key);
  const hasBody = opts.rawBody !== undefined || opts.body !== undefined;
  if (hasBody) headers["content-type"] = "application/json";
  const res = await handler(
    new Request(`http://localhost${url}`, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    }),
    // Like Next: routes without dynamic segments get no params object.
    { params: Promise.resolve(Object.keys(params).length ? params : (undefined as never)) },
  );
  const text = await res.text();
  const body = text ? JSON.parse(text) : "";
  checker?.check(method, template, res.status, res.headers.get("content-type"), body);
  return { status: res.status, headers: res.headers, body };
}
