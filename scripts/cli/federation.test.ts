// The CLI's `issuer` commands and `sa create --issuer --subject`, in process against a real database
// and a loopback issuer: human lines, --json objects, warnings, usage errors.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestIssuer, type TestIssuer } from "@/lib/federation/test-issuer";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { dbState, uniqueName } from "@/lib/testing/fixtures";
import { describeLifetime, parseLifetime } from "./federation";
import { runCli } from "./program";

let t: TestDb;
let idp: TestIssuer;
let org: string;
let team: string;

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    openDb: async () => ({ ...t, close: async () => {} }),
  });
  return { code, stdout, stderr };
}

async function ok(...argv: string[]): Promise<string> {
  const run = await cli(...argv);
  expect(run, `steward ${argv.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  return run.stdout.trimEnd();
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const run = await cli(...argv, "--json");
  expect(run, `steward ${argv.join(" ")} --json`).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout.trimEnd()).not.toContain("\n");
  return JSON.parse(run.stdout);
}

async function fails(code: 1 | 2, message: RegExp, ...argv: string[]) {
  const before = await dbState(t.db);
  const run = await cli(...argv);
  expect(run, `steward ${argv.join(" ")}`).toMatchObject({ code, stdout: "" });
  expect(run.stderr).toMatch(message);
  expect(await dbState(t.db)).toEqual(before);
}

beforeAll(async () => {
  vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
  t = await createTestDb();
  idp = await startTestIssuer();
  org = uniqueName("org");
  team = uniqueName("team");
  await ok("org", "create", org, "--plan", "enterprise");
  await ok("team", "create", org, team);
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
  vi.unstubAllEnvs();
});

describe("steward issuer", () => {
  it("adds an issuer, printing what discovery found", async () => {
    expect(await ok("issuer", "add", org, "--url", idp.url)).toBe(
      `Added JWT issuer ${idp.url} to ${org} (audience ${org}; jwks_uri ${idp.jwksUri}; keys: ${idp.kid}).`,
    );
    await fails(1, /already a JWT issuer/, "issuer", "add", org, "--url", idp.url);
    await fails(1, /must start with https/, "issuer", "add", org, "--url", "ftp://x.example.com");
    await fails(2, /--url/, "issuer", "add", org);
  });

  it("lists issuers for people and for scripts", async () => {
    expect(await ok("issuer", "list", org)).toBe(
      `${idp.url}\taudience=${org}\t${idp.jwksUri}\tkeys=${idp.kid}\t0 service account(s)`,
    );
    const listed = await json("issuer", "list", org);
    expect(listed).toMatchObject({
      org,
      issuers: [
        { url: idp.url, audience: org, jwksUri: idp.jwksUri, keyIds: [idp.kid], boundServiceAccounts: 0 },
      ],
    });
    await fails(1, /No organization named/, "issuer", "list", "no-such-org");
  });

  it("shows and sets the access-token lifetime", async () => {
    expect(await ok("issuer", "token-lifetime", org)).toBe(`Access tokens of ${org} live 1 h.`);
    expect(await ok("issuer", "token-lifetime", org, "30m")).toBe(`Access tokens of ${org} live 30 min.`);
    expect(await json("issuer", "token-lifetime", org)).toEqual({ org, accessTokenLifetimeSeconds: 1800 });
    await fails(1, /at most 12 hours/, "issuer", "token-lifetime", org, "13h");
    await fails(2, /Unknown lifetime/, "issuer", "token-lifetime", org, "soon");
    expect(parseLifetime("3600")).toBe(3600);
    expect(describeLifetime(5400)).toBe("90 min");
  });
});

describe("steward sa create --issuer --subject", () => {
  it("creates a federated team service account, warning on stderr about an email-like subject", async () => {
    const run = await cli(
      "sa",
      "create",
      "--team",
      team,
      "deploy",
      "--issuer",
      idp.url,
      "--subject",
      "ci@acme.com",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Created federated team service account ${team}/deploy (issuer ${idp.url}, subject "ci@acme.com").\n`,
    );
    expect(run.stderr).toMatch(/^warning: The subject looks like an email address/);
  });

  it("puts the warnings in the JSON with --json, and stores the subject exactly as given", async () => {
    const created = await json(
      "sa",
      "create",
      "--team",
      team,
      "pipeline",
      "--issuer",
      idp.url,
      "--subject",
      " repo:a/b ",
    );
    expect(created).toMatchObject({
      serviceAccount: { path: `${team}/pipeline`, authMethod: "federated", scope: "team", org },
      federation: { issuer: idp.url, subject: " repo:a/b " },
      warnings: [expect.stringMatching(/whitespace/)],
    });
    expect(await json("sa", "list", "--team", team)).toMatchObject({
      serviceAccounts: [
        { name: "deploy", authMethod: "federated", activeKeys: 0 },
        { name: "pipeline", authMethod: "federated", activeKeys: 0 },
      ],
    });
  });

  it("refuses half a binding, org scope, keys, unknown issuers and taken subjects", async () => {
    await fails(2, /both --issuer/, "sa", "create", "--team", team, "x1", "--issuer", idp.url);
    await fails(2, /both --issuer/, "sa", "create", "--team", team, "x2", "--subject", "s");
    await fails(
      2,
      /team-scoped/,
      "sa",
      "create",
      "--org",
      org,
      "--default-team",
      team,
      "x3",
      "--issuer",
      idp.url,
      "--subject",
      "s",
    );
    await fails(
      2,
      /owns no API keys/,
      "sa",
      "create",
      "--team",
      team,
      "x4",
      "--issuer",
      idp.url,
      "--subject",
      "s",
      "--with-key",
    );
    await fails(
      1,
      /did you mean/,
      "sa",
      "create",
      "--team",
      team,
      "x5",
      "--issuer",
      `${idp.url}/`,
      "--subject",
      "s",
    );
    await fails(
      1,
      /already bound/,
      "sa",
      "create",
      "--team",
      team,
      "x6",
      "--issuer",
      idp.url,
      "--subject",
      "ci@acme.com",
    );
    await fails(1, /owns no API keys/, "key", "create", "--service-account", `${team}/deploy`);
  });

  it("leaves built-in service accounts as they were", async () => {
    expect(await ok("sa", "create", "--team", team, "plain")).toBe(
      `Created team service account ${team}/plain.`,
    );
    const withKey = await cli("sa", "create", "--team", team, "keyed", "--with-key");
    expect(withKey.code).toBe(0);
    expect(withKey.stdout).toMatch(/API key \(shown once\): stw_sa-/);
  });
});

describe("steward issuer remove", () => {
  it("removes the issuer and names the service accounts that stopped working", async () => {
    expect(await ok("issuer", "remove", org, "--url", idp.url)).toBe(
      `Removed JWT issuer ${idp.url} from ${org}. 2 service account(s) bound to it stopped working: deploy, pipeline.`,
    );
    await fails(1, /has no JWT issuer/, "issuer", "remove", org, "--url", idp.url);
    expect(await ok("issuer", "list", org)).toBe(`${org} has no JWT issuers.`);
  });
});
