// Scenario 4: every API route and every server action of the build, fuzzed with fast-check
// (malformed, oversized, wrong-typed and unicode input): no 5xx, no stack trace or internal detail
// in any answer; a fuzzed Authorization header is always a 401.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { root } from "../harness";
import { type Answer, basicAuth, request, Stats } from "../http";
import {
  actionState,
  postAction,
  type ScenarioResult,
  serverActions,
  signIn,
  TEAM,
  type World,
} from "../world";

/** What an answer must never show: stack frames, file paths, driver and database errors. */
const INTERNAL_DETAIL =
  /\n\s+at [^\n]*:\d+:\d+|node_modules\/|\/work\/|\/tmp\/|ECONNREFUSED|DrizzleQueryError|Failed query:|PostgresError|\bTypeError:|\bReferenceError:|\bRangeError:|duplicate key value|violates .* constraint|relation "[^"]+"/;

const PARAMS: Record<string, string> = {
  entity: TEAM,
  project: "resilience-load",
  run: "fuzz-run",
  nextauth: "session",
};
const FIELDS = [
  "batch",
  "files",
  "query",
  "variables",
  "project_id",
  "obj",
  "table",
  "id",
  "digest",
  "refs",
  "filter",
  "limit",
  "team",
  "name",
  "org",
  "project",
  "keyId",
  "visibility",
  "username",
  "url",
  "serviceAccount",
  "login",
  "password",
  "grant_type",
  "assertion",
];

interface Route {
  path: string;
  methods: string[];
}

function apiRoutes(distDir: string): Route[] {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([file]) => file.endsWith("/route"))
    .map(([file, url]) => {
      let source = "";
      for (const ext of [".ts", ".tsx", ".js"]) {
        try {
          source = readFileSync(path.join(root, `app${file}${ext}`), "utf8");
          break;
        } catch {}
      }
      const methods = new Set<string>();
      for (const line of source.split("\n").filter((l) => l.startsWith("export")))
        for (const m of line.match(/\b(GET|POST|PUT|PATCH|DELETE)\b/g) ?? []) methods.add(m);
      const concrete = url.replace(/\[+\.*(\w+)\]+/g, (_, p: string) => PARAMS[p] ?? "x");
      return { path: concrete, methods: methods.size ? [...methods] : ["GET", "POST"] };
    });
}

const unicode = fc.string({ unit: "binary", maxLength: 200 });
const scalar = fc.oneof(
  unicode,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant("x".repeat(70_000)),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(unicode, scalar, { maxKeys: 4 }),
);
const wrongTyped = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 5 });
const bodyText = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  wrongTyped.map((o) => JSON.stringify(o)),
  fc.array(wrongTyped, { maxLength: 3 }).map((a) => JSON.stringify(a)),
  wrongTyped.map((o) =>
    new URLSearchParams(
      Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    ).toString(),
  ),
  fc.constant('{"batch":[{"mode":"start","req":{"start":{"project_id":"ml-platform/resilience-load"}}}]}'),
  fc.constant("\u0000\uFFFF\uD800"),
);
const contentType = fc.constantFrom(
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
);

/** Unicode as a header can carry it: its UTF-8 bytes as latin1, without control characters. */
const headerSafe = (s: string) =>
  Buffer.from(s, "utf8")
    .toString("latin1")
    .split("")
    .filter((ch) => ch === "\t" || (ch >= " " && ch !== "\u007f"))
    .join("");

const authHeader = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `Basic ${headerSafe(s)}!!`), // bad base64
  fc
    .string({ maxLength: 40 })
    .map((s) => `Basic ${Buffer.from(`api${s.replace(/:/g, "")}`).toString("base64")}`), // no colon
  fc.constant(`Basic ${"A".repeat(10 * 1024)}`),
  fc.constant(`Basic ${Buffer.from(`api:${"k".repeat(10 * 1024)}`).toString("base64")}`),
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }).map((s) => `Basic ${headerSafe(s)}`),
  fc
    .string({ unit: "binary", minLength: 1, maxLength: 60 })
    .map((s) => `Basic ${Buffer.from(`api:${s}`).toString("base64")}`),
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }).map((s) => `Bearer ${headerSafe(s)}x`),
  fc.string({ maxLength: 60 }).map((s) => `stw_sa-${headerSafe(s)}`),
  fc.constantFrom(
    "Basic",
    "Basic ",
    "Bearer ",
    "Basic Og==",
    "Basic YXBpOg==",
    `Basic ${Buffer.from("api:stw_sa-").toString("base64")}`,
  ),
);

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function fuzzScenario(world: World): Promise<ScenarioResult> {
  const stats = new Stats();
  const violations = new Map<string, number>();
  const seed = Number(process.env.RESILIENCE_SEED ?? Date.now() % 2 ** 31);
  const runs = world.profile.fuzzRuns;
  const origin = world.servers[1]?.origin ?? world.servers[0]!.origin;
  const key = world.loadKeys[0]!;
  const examples = new Map<string, string>();
  const violation = (what: string, example?: string) => {
    violations.set(what, (violations.get(what) ?? 0) + 1);
    if (example && !examples.has(what)) examples.set(what, example);
  };
  const judge = (where: string, a: Answer, expect?: number) => {
    stats.add(a);
    if (a.status === 0) violation(`${where}: no answer (${a.error})`);
    else if (a.status >= 500) violation(`${where}: ${a.status}`, a.body.slice(0, 160).replace(/\s+/g, " "));
    else if (expect && a.status !== expect) violation(`${where}: ${a.status} instead of ${expect}`);
    const detail = INTERNAL_DETAIL.exec(a.body);
    if (detail) violation(`${where}: internal detail "${detail[0].trim().slice(0, 60)}"`);
  };

  // API routes: structured garbage with a valid key (so handlers run), sometimes anonymous.
  const routes = apiRoutes(world.distDir);
  const cases = routes.flatMap((route, r) =>
    fc
      .sample(fc.tuple(fc.constantFrom(...route.methods), bodyText, contentType, fc.boolean(), unicode), {
        numRuns: runs,
        seed: seed + r,
      })
      .map(([method, body, type, anonymous, q]) => ({ route, method, body, type, anonymous, q })),
  );
  await pool(cases, 4, async (c) => {
    const withBody = c.method !== "GET";
    const a = await request(`${origin}${c.route.path}?q=${encodeURIComponent(c.q)}`, {
      method: c.method,
      headers: {
        ...(c.type ? { "content-type": c.type } : {}),
        ...(c.anonymous ? {} : { authorization: basicAuth(key) }),
      },
      body: withBody ? c.body : undefined,
    });
    judge(`${c.method} ${c.route.path}`, a);
  });
  // Oversized bodies: one per route that takes a body.
  const huge = `{"batch":[${'"x",'.repeat((11 * 1024 * 1024) / 4)}"x"]}`;
  for (const route of routes.filter((r) => r.methods.includes("POST"))) {
    const a = await request(`${origin}${route.path}`, {
      headers: { "content-type": "application/json", authorization: basicAuth(key) },
      body: huge,
      timeoutMs: 60_000,
    });
    // A server may answer (and close) before reading all of an oversized body: the client then
    // sees its write fail. That is a refusal, not a crash.
    if (a.status === 0 && /EPIPE|ECONNRESET/.test(a.error ?? "")) stats.add(a);
    else judge(`POST ${route.path} (11 MiB)`, a);
  }

  // Authorization headers: always a 401 (from many loopback addresses: the failure limit is not the point here).
  const authTargets = [
    "/api/v1/whoami",
    "/graphql",
    "/traces/call/upsert_batch",
    `/files/${TEAM}/resilience-load/fuzz-run/file_stream`,
  ];
  const headers = fc.sample(authHeader, { numRuns: runs * 8, seed });
  let i = 0;
  await pool(headers, 4, async (authorization) => {
    const n = i++;
    const target = authTargets[n % authTargets.length]!;
    const a = await request(`${origin}${target}`, {
      method: target === "/api/v1/whoami" ? "GET" : "POST",
      headers: { authorization, "content-type": "application/json" },
      body: target === "/api/v1/whoami" ? undefined : "{}",
      from: `127.0.${3 + ((n % 200) >> 7)}.${(n % 128) + 1}`,
    });
    judge(`Authorization fuzz on ${target}`, a, 401);
  });

  // Server actions: signed in as an org admin (the handler runs) or anonymous (a forged post).
  const cookie = await signIn(origin, "ada");
  const actionArgs = fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.tuple(fc.constant(undefined), wrongTyped),
    fc.tuple(fc.constant(undefined), fc.dictionary(fc.constantFrom(...FIELDS), fc.string({ maxLength: 30 }))),
    fc.string({ maxLength: 200 }),
  );
  const actions = serverActions(world.distDir);
  const actionCases = actions.flatMap((action, k) =>
    fc
      .sample(fc.tuple(actionArgs, fc.boolean()), { numRuns: runs, seed: seed + 1000 + k })
      .map(([args, anonymous]) => ({ action, args, anonymous })),
  );
  let forgedOk = 0;
  await pool(actionCases, 4, async (c) => {
    const a = await postAction(
      origin,
      c.action,
      c.args as unknown[] | string,
      c.anonymous ? undefined : cookie,
    );
    judge(`action ${c.action.name}`, a);
    if (c.anonymous && actionState(a.body)?.ok === true && !/signIn|signOut|list/i.test(c.action.name))
      forgedOk++;
  });
  if (forgedOk) violation(`${forgedOk} anonymous action posts answered ok`);

  const list = [...violations].map(
    ([what, n]) =>
      `${what}${n > 1 ? ` (×${n})` : ""}${examples.has(what) ? `, e.g. ${examples.get(what)}` : ""}`,
  );
  return {
    scenario: `4 bad input (${routes.length} routes, ${actions.length} actions, ${runs} runs each)`,
    requests: stats.requests,
    errors: stats.errors,
    lostWrites: 0,
    p99: stats.p99(),
    violations: list,
    note: `seed ${seed}; ${stats.statusSummary()}`,
  };
}
