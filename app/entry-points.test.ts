// Every server action and route handler must go through the shared wrappers (lib/server/action.ts,
// lib/server/route.ts): they resolve the actor and map refusals, and the services behind them
// authorize. A new entry point that skips them fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.join(process.cwd(), "app");

function filesNamed(dir: string, names: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, names);
    return names.includes(entry.name) ? [full] : [];
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Top-level `export ...` statements, one line each. */
function exportsOf(source: string): string[] {
  return source.split("\n").filter((line) => line.startsWith("export "));
}

/** Auth.js serves its own routes (session, CSRF, callback): nothing of ours to authorize there. */
const AUTH_JS_ROUTE = path.join("app", "api", "auth", "[...nextauth]", "route.ts");

const ROUTE_WRAPPERS =
  /^export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=\s*(route|apiRoute)(<.*>)?\(/;
const ROUTE_CONFIG = /^export const (dynamic|runtime|maxDuration|revalidate)\s*=/;

describe("entry points", () => {
  // Any module with a top-level "use server" directive (after comments, if any) is a server-action module.
  const serverModules = filesUnder(APP).filter((f) =>
    /^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*["']use server["']/.test(readFileSync(f, "utf8")),
  );
  const routeModules = filesNamed(APP, ["route.ts"]).filter(
    (f) => path.relative(process.cwd(), f) !== AUTH_JS_ROUTE,
  );

  it("finds the app's server actions and route handlers", () => {
    expect(serverModules.length).toBeGreaterThanOrEqual(3);
    expect(routeModules.length).toBeGreaterThanOrEqual(2);
  });

  it.each(serverModules.map((f) => [path.relative(process.cwd(), f), f]))(
    "every export of %s is an action(...) wrapper",
    (_name, file) => {
      const offenders = exportsOf(readFileSync(file, "utf8")).filter(
        (line) => !/^export const \w+ = action\(/.test(line),
      );
      expect(offenders).toEqual([]);
    },
  );

  it.each(routeModules.map((f) => [path.relative(process.cwd(), f), f]))(
    "every handler of %s is a route(...) wrapper",
    (_name, file) => {
      const offenders = exportsOf(readFileSync(file, "utf8")).filter(
        (line) => !ROUTE_WRAPPERS.test(line) && !ROUTE_CONFIG.test(line),
      );
      expect(offenders).toEqual([]);
    },
  );
});
