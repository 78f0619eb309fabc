// Runs after every other spec but zz-secrets (files run in name order, on one database): the audit
// log accounts for everything the suites did, with the right actor. It reads the log the way an org
// admin does (the Audit log tab's JSON Lines export, as ada) and the state the suites left (the REST
// API, with ada's key), replays the log and compares: every service account, key, revocation,
// deactivation, visibility change and listing has its event, by whoever the state says did it. Then
// a few named actions of the suites, by their stable names and actors.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import type { AuditEventView } from "@/lib/audit/query";
import { basicAuth, fixtures } from "./fixtures";
import { signIn } from "./helpers";

test.describe.configure({ timeout: 300_000 });

/** An exported event as lib/audit/query.ts shapes it; `details` differ per action, each check reads its own. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type AuditEvent = Omit<AuditEventView, "details"> & { details: Record<string, any> | null };

interface ServiceAccount {
  id: string;
  name: string;
  team: string;
  scope: "org" | "team";
  authMethod: "api_key" | "federated";
  status: "active" | "deactivated";
  createdBy: string | null;
}

interface ApiKey {
  keyId: string;
  name: string;
  status: "active" | "expired" | "revoked";
  createdBy: string | null;
}

interface Project {
  id: string;
  name: string;
  team: string;
  visibility: string;
}

const KEY_ID = /^(stw_sa|stw_u)-[A-Za-z0-9]{12}$/;
const TOKEN_ID = /^stw_at-[A-Za-z0-9]{12}$/;
const SECRET = /\b(stw_sa|stw_u|stw_at)-[A-Za-z0-9]{40}\b/;
const keyIdOf = (key: string) => key.slice(0, key.indexOf("-") + 13);

/** The org's whole log, oldest first, as its admin exports it. */
async function exportedLog(page: Page): Promise<{ text: string; events: AuditEvent[] }> {
  await signIn(page, "ada");
  const res = await page.request.get("/org/acme/audit-log/export");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  const text = await res.text();
  const events = text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as AuditEvent)
    .reverse();
  // Events of one transaction share its time, and an account created with a key records the key
  // first: within a transaction, creations go first.
  const rank = (e: AuditEvent) => (/:create_(service_account|project)$/.test(e.action) ? 0 : 1);
  events.sort((a, b) =>
    a.at === b.at ? rank(a) - rank(b) || Number(a.id) - Number(b.id) : a.at < b.at ? -1 : 1,
  );
  return { text, events };
}

/** Every item of a REST list, page by page, as ada. */
async function everyItem<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await request.get(`${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { Authorization: basicAuth(fixtures().keys.ada) },
    });
    expect(res.status(), path).toBe(200);
    const body = (await res.json()) as { items: T[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

/** Discrepancies, gathered so one failure lists them all. */
class Findings {
  readonly list: string[] = [];
  check(ok: boolean, what: () => string) {
    if (!ok) this.list.push(what());
  }
}

const who = (e: AuditEvent) =>
  `#${e.id} ${e.action} by ${e.actor.kind}:${e.actor.name}${e.actor.credentialId ? ` (${e.actor.credentialId})` : ""}`;

/** The actor the state names: a user by username, else the CLI (fixtures, seed). */
function actedAs(e: AuditEvent, createdBy: string | null): boolean {
  return createdBy === null ? e.actor.kind === "cli" : e.actor.kind === "user" && e.actor.name === createdBy;
}

interface ReplayedAccount {
  id: string;
  team: string;
  name: string;
  scope: string;
  authMethod: string;
  status: "active" | "deactivated" | "deleted";
  created: AuditEvent;
}

test("the audit log accounts for every action of the suites, with the right actor", async ({
  page,
  request,
}) => {
  const { text, events } = await exportedLog(page);
  const found = new Findings();

  // ---------------------------------------------------------------------------------------------
  // The export: whole, unique, never a key.
  expect(events.length).toBeGreaterThan(100);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  expect(text).not.toMatch(SECRET);
  for (const key of Object.values(fixtures().keys)) expect(text).not.toContain(key);

  // Every actor is one of the four kinds, shaped as such; credentials are IDs, never keys.
  for (const e of events) {
    const { kind, id, name, credentialId } = e.actor;
    if (kind === "cli") {
      found.check(
        id === null && name === "steward CLI" && credentialId === null,
        () => `${who(e)}: CLI shape`,
      );
    } else if (kind === "user") {
      found.check(!!id && !!name, () => `${who(e)}: a user without id or name`);
      found.check(
        credentialId === null || /^stw_u-/.test(credentialId),
        () => `${who(e)}: a user acting by a credential that is not a personal key`,
      );
    } else if (kind === "service_account") {
      found.check(!!id && !!name, () => `${who(e)}: a service account without id or name`);
      found.check(
        !!credentialId && (/^stw_sa-/.test(credentialId) || TOKEN_ID.test(credentialId)),
        () => `${who(e)}: a service account acts only with its key or access token`,
      );
    } else {
      found.check(
        kind === "anonymous" &&
          e.outcome === "failure" &&
          ["auth:failed", "service_account:exchange_token"].includes(e.action),
        () => `${who(e)}: only failed authentications and exchanges have no actor`,
      );
    }
    if (credentialId !== null)
      found.check(KEY_ID.test(credentialId) || TOKEN_ID.test(credentialId), () => `${who(e)}: credential`);
    if (e.outcome === "failure")
      found.check(
        ["auth:failed", "service_account:exchange_token"].includes(e.action),
        () => `${who(e)}: an unexpected failure event`,
      );
  }

  // ---------------------------------------------------------------------------------------------
  // Service accounts: replay their lives from the log, compare with what the REST API lists.
  const replayed = new Map<string, ReplayedAccount>();
  const accountEvent = (e: AuditEvent) =>
    e.target?.kind === "service_account" && e.target.id && e.outcome === "success";
  for (const e of events.filter(accountEvent)) {
    const id = e.target!.id!;
    const sa = replayed.get(id);
    if (e.action === "org:create_service_account" || e.action === "team:create_service_account") {
      found.check(!sa, () => `${who(e)}: ${e.target!.name} created twice`);
      const [team, name] = e.target!.name!.split("/") as [string, string];
      found.check(
        e.details?.scope === e.action.split(":")[0],
        () => `${who(e)}: scope ${e.details?.scope} under ${e.action}`,
      );
      replayed.set(id, {
        id,
        team,
        name,
        scope: e.details?.scope,
        authMethod: e.details?.authMethod,
        status: "active",
        created: e,
      });
      continue;
    }
    if (!sa) {
      found.check(false, () => `${who(e)} on ${e.target!.name}: no creation event before it`);
      continue;
    }
    found.check(sa.status !== "deleted", () => `${who(e)} on ${e.target!.name}: after its deletion`);
    switch (e.action) {
      case "service_account:rename":
        found.check(e.details?.before?.name === sa.name, () => `${who(e)}: renamed from ${sa.name}?`);
        sa.name = e.details?.after?.name;
        break;
      case "service_account:deactivate":
      case "service_account:reactivate":
        found.check(e.details?.before === sa.status, () => `${who(e)}: from ${sa.status}?`);
        sa.status = e.details?.after;
        break;
      case "service_account:delete":
        sa.status = "deleted";
        break;
    }
  }
  const live = await everyItem<ServiceAccount>(request, "/api/v1/orgs/acme/service-accounts");
  expect(live.length).toBeGreaterThan(30);
  for (const sa of live) {
    const r = replayed.get(sa.id);
    if (!r) {
      found.check(false, () => `${sa.team}/${sa.name}: exists, but the log never created it`);
      continue;
    }
    found.check(
      r.name === sa.name && r.team === sa.team && r.scope === sa.scope && r.authMethod === sa.authMethod,
      () => `${sa.team}/${sa.name}: the log says ${r.team}/${r.name} (${r.scope}, ${r.authMethod})`,
    );
    found.check(
      r.status === sa.status,
      () => `${sa.team}/${sa.name}: ${sa.status}, the log says ${r.status}`,
    );
    found.check(
      actedAs(r.created, sa.createdBy),
      () => `${sa.team}/${sa.name}: created by ${sa.createdBy ?? "the CLI"}, logged as ${who(r.created)}`,
    );
  }
  const liveIds = new Set(live.map((sa) => sa.id));
  for (const r of replayed.values()) {
    if (r.status !== "deleted")
      found.check(liveIds.has(r.id), () => `${r.team}/${r.name}: gone without a deletion event`);
  }
  const deleted = [...replayed.values()].filter((r) => r.status === "deleted");
  expect(deleted.length).toBeGreaterThan(0);

  // ---------------------------------------------------------------------------------------------
  // Keys: each one's creation by whoever the key row names, each revocation, nothing unaccounted.
  const byDetail = (list: AuditEvent[], field: string) => {
    const map = new Map<string, AuditEvent[]>();
    for (const e of list) {
      const keyId = e.details?.[field] as string | undefined;
      if (keyId) map.set(keyId, [...(map.get(keyId) ?? []), e]);
    }
    return map;
  };
  const ofAction = (action: string) => events.filter((e) => e.action === action && e.outcome === "success");
  const created = byDetail(ofAction("service_account:create_api_key"), "keyId");
  const revoked = byDetail(ofAction("service_account:revoke_api_key"), "keyId");
  const rotated = byDetail(ofAction("service_account:rotate_api_key"), "oldKeyId");
  const keysOf = new Map<string, ApiKey[]>();
  for (const sa of live) {
    const keys = await everyItem<ApiKey>(
      request,
      `/api/v1/teams/${sa.team}/service-accounts/${sa.name}/keys`,
    );
    keysOf.set(sa.id, keys);
    if (sa.authMethod === "federated")
      found.check(keys.length === 0, () => `${sa.name}: federated, with keys`);
    for (const key of keys) {
      const [creation, ...again] = created.get(key.keyId) ?? [];
      if (!creation) {
        found.check(false, () => `${sa.team}/${sa.name} ${key.keyId}: no creation event`);
        continue;
      }
      found.check(again.length === 0, () => `${key.keyId}: created twice`);
      found.check(creation.target?.id === sa.id, () => `${key.keyId}: created for ${creation.target?.name}`);
      found.check(
        actedAs(creation, key.createdBy),
        () => `${key.keyId}: created by ${key.createdBy ?? "the CLI"}, logged as ${who(creation)}`,
      );
      const ended = [...(revoked.get(key.keyId) ?? []), ...(rotated.get(key.keyId) ?? [])];
      if (key.status === "revoked") {
        found.check(ended.length > 0, () => `${sa.team}/${sa.name} ${key.keyId}: revoked without an event`);
      } else {
        found.check(
          (revoked.get(key.keyId) ?? []).length === 0,
          () => `${key.keyId}: ${key.status}, yet logged as revoked`,
        );
      }
      for (const e of ended)
        found.check(
          e.actor.kind === "user" || e.actor.kind === "cli",
          () => `${who(e)}: a key revoked by neither a person nor the CLI`,
        );
    }
    const listed = new Set(keys.map((k) => k.keyId));
    for (const [keyId, [creation]] of created)
      if (creation!.target?.id === sa.id)
        found.check(listed.has(keyId), () => `${sa.team}/${sa.name}: logged key ${keyId} is not listed`);
  }
  for (const [keyId, list] of rotated) {
    for (const e of list) {
      found.check(created.has(e.details?.newKeyId), () => `${who(e)}: rotated ${keyId} into an unlogged key`);
      found.check(e.actor.kind === "user", () => `${who(e)}: a rotation not by a person`);
    }
  }
  // What a service account did with a key, it did with one of its own.
  for (const e of events.filter((x) => x.actor.kind === "service_account")) {
    const keys = keysOf.get(e.actor.id!);
    const credential = e.actor.credentialId!;
    if (keys && credential.startsWith("stw_sa-"))
      found.check(
        keys.some((k) => k.keyId === credential),
        () => `${who(e)}: acted with a key that is not its own`,
      );
  }

  // ---------------------------------------------------------------------------------------------
  // Token exchanges: attributed to the service account, by the token they issued.
  const exchanges = events.filter((e) => e.action === "service_account:exchange_token");
  const issued = new Map<string, string>(); // token ID -> service account
  for (const e of exchanges) {
    if (e.outcome === "success") {
      found.check(
        e.actor.kind === "service_account" && e.actor.id === e.target?.id,
        () => `${who(e)}: an exchange not attributed to its service account`,
      );
      found.check(
        TOKEN_ID.test(e.details?.tokenId) && e.actor.credentialId === e.details?.tokenId,
        () => `${who(e)}: exchange without its token ID`,
      );
      found.check(
        replayed.get(e.target?.id ?? "")?.authMethod === "federated",
        () => `${who(e)}: a token for a service account that is not federated`,
      );
      issued.set(e.details?.tokenId, e.actor.id!);
    } else {
      found.check(e.actor.credentialId === null && !!e.details?.error, () => `${who(e)}: failed exchange`);
    }
  }
  expect(exchanges.filter((e) => e.outcome === "success").length).toBeGreaterThan(0);
  expect(exchanges.filter((e) => e.outcome === "failure").length).toBeGreaterThan(0);
  for (const e of events.filter((x) => TOKEN_ID.test(x.actor.credentialId ?? "") && x.outcome === "success"))
    found.check(
      issued.get(e.actor.credentialId!) === e.actor.id,
      () => `${who(e)}: a token it was never issued`,
    );

  // ---------------------------------------------------------------------------------------------
  // Failed authentications: one event per key ID, address and minute, counted, never the key.
  const failures = events.filter((e) => e.action === "auth:failed");
  expect(failures.length).toBeGreaterThan(0);
  const buckets = new Set<string>();
  for (const e of failures) {
    const d = e.details ?? {};
    found.check(
      Number.isInteger(d.count) && d.count >= 1 && Array.isArray(d.reasons) && d.reasons.length > 0,
      () => `${who(e)}: count and reasons`,
    );
    found.check(d.keyId === e.actor.credentialId, () => `${who(e)}: key ID ${d.keyId}`);
    const bucket = `${d.keyId}|${e.ip}|${d.minute}`;
    found.check(!buckets.has(bucket), () => `${who(e)}: a second event for ${bucket}`);
    buckets.add(bucket);
    // a refused key of a live service account is one it owns, and it was not simply active
    const keys = e.target?.kind === "service_account" ? keysOf.get(e.target.id!) : undefined;
    const key = keys?.find((k) => k.keyId === d.keyId);
    if (keys && (d.keyId as string).startsWith("stw_sa-"))
      found.check(!!key, () => `${who(e)}: names ${e.target!.name}, which does not own ${d.keyId}`);
  }

  // ---------------------------------------------------------------------------------------------
  // Projects: the latest visibility change is the visibility; restricted listings add up.
  const visibility = new Map<string, { name: string; visibility: string }>();
  for (const e of events.filter((x) => x.outcome === "success" && x.projectId)) {
    const id = e.projectId!;
    if (e.action === "team:create_project") {
      found.check(!visibility.has(id), () => `${who(e)}: ${e.target?.name} created twice`);
      visibility.set(id, { name: e.target!.name!, visibility: e.details?.visibility });
    } else if (e.action === "project:change_visibility") {
      const known = visibility.get(id);
      found.check(!!known, () => `${who(e)}: a change of a project never created`);
      found.check(
        known?.visibility === e.details?.before,
        () => `${who(e)} on ${e.target?.name}: from ${e.details?.before}, the log says ${known?.visibility}`,
      );
      found.check(
        e.actor.kind === "user" || e.actor.kind === "cli",
        () => `${who(e)}: visibility by a machine`,
      );
      visibility.set(id, { name: e.target!.name!, visibility: e.details?.after });
    }
  }
  const teams = await everyItem<{ name: string }>(request, "/api/v1/orgs/acme/teams");
  const projects: Project[] = [];
  for (const team of teams)
    projects.push(...(await everyItem<Project>(request, `/api/v1/teams/${team.name}/projects`)));
  for (const p of projects) {
    const logged = visibility.get(p.id);
    found.check(!!logged, () => `${p.team}/${p.name}: exists, but the log never created it`);
    if (logged)
      found.check(
        logged.visibility === p.visibility,
        () => `${p.team}/${p.name}: ${p.visibility}, the latest event says ${logged.visibility}`,
      );
  }
  const shown = new Set(projects.map((p) => p.id));
  // an org admin reads every project of the org but the restricted ones they are not listed on
  for (const [id, p] of visibility)
    if (!shown.has(id)) found.check(p.visibility === "restricted", () => `${p.name}: missing from the list`);
  expect(ofAction("project:change_visibility").length).toBeGreaterThan(0);

  const listings = new Map<string, boolean>(); // project|kind|id -> listed
  for (const e of events.filter((x) => x.outcome === "success")) {
    if (e.action === "service_account:delete")
      for (const k of listings.keys()) if (k.endsWith(`|service_account|${e.target?.id}`)) listings.delete(k);
    if (e.action !== "project:add_member" && e.action !== "project:remove_member") continue;
    found.check(
      e.actor.kind === "user" || e.actor.kind === "cli",
      () => `${who(e)}: a listing changed by a machine`,
    );
    const k = `${e.projectId}|${e.target?.kind}|${e.target?.id}`;
    if (e.action === "project:add_member") {
      found.check(!listings.get(k), () => `${who(e)}: ${e.target?.name} listed twice on ${e.project}`);
      listings.set(k, true);
    } else {
      // a restricted project's owner (or the account whose first write created it) is listed
      // with it, without an event of their own
      found.check(
        listings.get(k) !== false,
        () => `${who(e)}: ${e.target?.name} unlisted from ${e.project} without being listed`,
      );
      listings.set(k, false);
    }
  }

  expect(found.list).toEqual([]);
});

test("named actions of the suites carry their stable names and actors", async ({ page }) => {
  const { events } = await exportedLog(page);
  const tomKeyId = keyIdOf(fixtures().keys.tom);
  const on = (target: RegExp | string) => (e: AuditEvent) =>
    typeof target === "string" ? e.target?.name === target : target.test(e.target?.name ?? "");
  const find = (action: string, target: RegExp | string) =>
    events.filter((e) => e.action === action && on(target)(e));
  const one = (action: string, target: RegExp | string) => {
    const matches = find(action, target);
    expect(matches.length, `${action} on ${target}`).toBeGreaterThan(0);
    return matches;
  };
  const actor = (e: AuditEvent) => ({
    kind: e.actor.kind,
    name: e.actor.name,
    credentialId: e.actor.credentialId,
  });
  const cli = { kind: "cli", name: "steward CLI", credentialId: null };
  const bySession = (name: string) => ({ kind: "user", name, credentialId: null });

  // e2e/fixtures/setup.ts, by the operator's CLI: the accounts and their first keys
  for (const [action, path] of [
    ["team:create_service_account", "ml-platform/ci-bot"],
    ["team:create_service_account", "research/etl"],
    ["org:create_service_account", "research/trainer"],
  ] as const) {
    const [created] = one(action, path);
    expect(actor(created!)).toEqual(cli);
    const [key] = one("service_account:create_api_key", path);
    expect(actor(key!)).toEqual(cli);
    expect(key!.details).toMatchObject({ name: "default" });
  }

  // audit-log.spec.ts: tom in a browser, then with his personal key; the refused revoked key, counted
  const [uiAccount] = one("team:create_service_account", /^ml-platform\/audit-ui-/);
  expect(actor(uiAccount!)).toEqual(bySession("tom"));
  for (const action of ["service_account:create_api_key", "service_account:revoke_api_key"])
    expect(find(action, uiAccount!.target!.name!).map(actor)).toContainEqual(bySession("tom"));
  const [apiAccount] = one("team:create_service_account", /^ml-platform\/audit-api-/);
  expect(actor(apiAccount!)).toEqual({ kind: "user", name: "tom", credentialId: tomKeyId });
  const [apiRevoked] = one("service_account:revoke_api_key", apiAccount!.target!.name!);
  expect(actor(apiRevoked!)).toEqual({ kind: "user", name: "tom", credentialId: tomKeyId });
  const refused = events.filter(
    (e) => e.action === "auth:failed" && e.actor.credentialId === apiRevoked!.details?.keyId,
  );
  expect(refused.reduce((n, e) => n + e.details!.count, 0)).toBeGreaterThanOrEqual(3);
  for (const e of refused) {
    expect(e.target?.name).toBe(apiAccount!.target!.name);
    expect(e.details!.reasons).toContain("revoked");
  }

  // rest-api.spec.ts: one creation despite the replayed Idempotency-Key; every step by tom's key
  const byTomsKey = { kind: "user", name: "tom", credentialId: tomKeyId };
  const deployers = one("team:create_service_account", /^ml-platform\/deployer-/);
  for (const created of deployers) {
    const path = created.target!.name!;
    expect(deployers.filter((e) => e.target!.name === path)).toHaveLength(1);
    for (const action of [
      "team:create_service_account",
      "service_account:create_api_key",
      "service_account:revoke_api_key",
      "project:add_member",
      "project:remove_member",
      "service_account:delete",
    ]) {
      const [e] = one(action, path);
      expect(actor(e!), `${action} ${path}`).toEqual(byTomsKey);
    }
    expect(find("project:add_member", path)[0]!.project).toBe("ml-platform/secret-sauce");
  }

  // service-accounts.spec.ts: ada's thirty org accounts, posted as server actions from her session
  const paged = events.filter(
    (e) => e.action === "org:create_service_account" && /^research\/zz-page-\d\d$/.test(e.target?.name ?? ""),
  );
  expect(paged).toHaveLength(30);
  for (const e of paged) expect(actor(e)).toEqual(bySession("ada"));

  // org-api-keys.spec.ts: ada's bulk revocation on the org's API keys tab
  for (const path of ["ml-platform/keys-tab-a", "ml-platform/keys-tab-b", "research/keys-tab-c"]) {
    const revocations = one("service_account:revoke_api_key", path);
    expect(revocations.some((e) => e.details?.bulk === true && e.actor.name === "ada")).toBe(true);
  }

  // service-account-page.spec.ts: tom's deactivation round trip and deletion; ada's rotation and rename
  for (const action of ["service_account:deactivate", "service_account:reactivate"]) {
    expect(one(action, "ml-platform/pg-status").map(actor)).toContainEqual(bySession("tom"));
  }
  expect(one("service_account:delete", "ml-platform/pg-delete").map(actor)).toContainEqual(bySession("tom"));
  const [rotation] = one("service_account:rotate_api_key", "research/pg-rotate");
  expect(actor(rotation!)).toEqual(bySession("ada"));
  expect(rotation!.details).toMatchObject({ overlap: "7d" });
  const broughtForward = find("service_account:revoke_api_key", "research/pg-rotate");
  expect(broughtForward.map((e) => e.details?.keyId)).toContain(rotation!.details!.oldKeyId);
  const [rename] = one("service_account:rename", "research/pg-rotate");
  expect(actor(rename!)).toEqual(bySession("ada"));
  expect(rename!.details).toMatchObject({ before: { name: "pg-rotate" }, after: { name: "pg-rotated" } });

  // project-access.spec.ts: mia, the owner, makes training public
  const training = one("project:change_visibility", "ml-platform/training");
  expect(
    training.map((e) => ({ ...actor(e), before: e.details?.before, after: e.details?.after })),
  ).toContainEqual({ ...bySession("mia"), before: "team", after: "public" });

  // team-settings.spec.ts: ada, org admin outside research, turns on private future projects
  expect(
    one("team:update_settings", "research").some(
      (e) => e.actor.name === "ada" && e.details?.futureProjectsPrivate?.after === true,
    ),
  ).toBe(true);

  // federation.spec.ts: ada adds and removes the issuer; tom's federated account exchanges a token
  for (const action of ["org:add_jwt_issuer", "org:remove_jwt_issuer"]) {
    const list = events.filter((e) => e.action === action);
    expect(list.map(actor), action).toContainEqual(bySession("ada"));
  }
  const [federated] = one("team:create_service_account", "ml-platform/e2e-federated");
  expect(actor(federated!)).toEqual(bySession("tom"));
  expect(federated!.details).toMatchObject({
    authMethod: "federated",
    subject: "repo:acme/e2e:ref:refs/heads/main",
  });
  const [exchange] = one("service_account:exchange_token", "ml-platform/e2e-federated").filter(
    (e) => e.outcome === "success",
  );
  expect(exchange!.actor).toMatchObject({ kind: "service_account", id: federated!.target!.id });
  expect(exchange!.actor.credentialId).toBe(exchange!.details!.tokenId);
});
