// Scenario 3: two instances on one PostgreSQL, requests alternating between them. A key
// revocation, a service-account deactivation and a restricted-member removal, committed through
// the services (as the CLI and the dashboard do), take effect on both within a second.
import { revokeApiKey } from "@/lib/api-keys/service";
import { addProjectServiceAccount, removeProjectServiceAccount } from "@/lib/projects/service";
import { setServiceAccountStatus } from "@/lib/service-accounts/service";
import { basicAuth, request, Stats, sleep } from "../http";
import { keyStatus, newServiceAccountKey, type ScenarioResult, SYSTEM, TEAM, type World } from "../world";

const LIMIT_MS = 1000;
const RESTRICTED = "secret-sauce";

export async function instancesScenario(world: World): Promise<ScenarioResult> {
  const stats = new Stats();
  const violations: string[] = [];
  const ctx = { db: world.handle.db, actor: SYSTEM };
  const origins = world.servers.map((s) => s.origin);
  const stamp = Date.now().toString(36);

  const whoami = async (origin: string, key: string) => {
    const a = await keyStatus(origin, key, "127.0.0.3");
    stats.add(a);
    return a.status === 200;
  };
  const readsRestricted = async (origin: string, key: string) => {
    const a = await request(`${origin}/traces/calls/query_stats`, {
      headers: { authorization: basicAuth(key), "content-type": "application/json" },
      body: JSON.stringify({ project_id: `${TEAM}/${RESTRICTED}` }),
      from: "127.0.0.3",
    });
    stats.add(a);
    return a.status === 200;
  };

  /** Alternates A, B, A, ... until both refuse; returns the time from the commit, or a violation. */
  async function check(
    what: string,
    allowed: (origin: string) => Promise<boolean>,
    change: () => Promise<unknown>,
  ) {
    for (const origin of origins) {
      if (!(await allowed(origin))) {
        violations.push(`${what}: refused before the change on ${origin}`);
        return "-";
      }
    }
    await change();
    const since = Date.now();
    const refused = new Set<string>();
    for (let i = 0; Date.now() - since < LIMIT_MS + 500; i++) {
      const origin = origins[i % origins.length]!;
      if (!(await allowed(origin))) refused.add(origin);
      else if (refused.has(origin)) violations.push(`${what}: ${origin} accepted again after refusing`);
      if (refused.size === origins.length) {
        const ms = Date.now() - since;
        if (ms > LIMIT_MS) violations.push(`${what}: took ${ms} ms`);
        return `${ms} ms`;
      }
      await sleep(10);
    }
    violations.push(
      `${what}: still accepted by ${origins.filter((o) => !refused.has(o)).join(", ")} after ${LIMIT_MS} ms`,
    );
    return "never";
  }

  const revokedKey = await newServiceAccountKey(world, `multi-revoke-${stamp}`);
  const revoke = await check(
    "key revocation",
    (o) => whoami(o, revokedKey),
    () => revokeApiKey(ctx, revokedKey.slice(0, "stw_sa-".length + 12)),
  );
  const saName = `multi-deactivate-${stamp}`;
  const saKey = await newServiceAccountKey(world, saName);
  const deactivate = await check(
    "service-account deactivation",
    (o) => whoami(o, saKey),
    () => setServiceAccountStatus(ctx, TEAM, saName, "deactivated"),
  );
  const memberName = `multi-member-${stamp}`;
  const memberKey = await newServiceAccountKey(world, memberName);
  await addProjectServiceAccount(ctx, TEAM, RESTRICTED, `${TEAM}/${memberName}`);
  const removal = await check(
    "restricted-member removal",
    (o) => readsRestricted(o, memberKey),
    () => removeProjectServiceAccount(ctx, TEAM, RESTRICTED, `${TEAM}/${memberName}`),
  );
  return {
    scenario: "3 two instances",
    requests: stats.requests,
    errors: stats.errors,
    lostWrites: 0,
    p99: stats.p99(),
    violations,
    note: `refused on both after: revocation ${revoke}, deactivation ${deactivate}, member removal ${removal}`,
  };
}
