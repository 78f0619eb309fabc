// Scenario 6: one client (a loopback source address) sending bad keys is answered 429 with
// Retry-After once over AUTH_FAILURE_LIMIT, while a client with a valid key and another client
// with a single bad key are unaffected.
import { randomBytes } from "node:crypto";
import { Stats } from "../http";
import { keyStatus, type ScenarioResult, type World } from "../world";

const ATTACKER = "127.0.0.66";
const GOOD_CLIENT = "127.0.0.67";
const OTHER_CLIENT = "127.0.0.68";

export async function bruteForceScenario(world: World): Promise<ScenarioResult> {
  const stats = new Stats();
  const violations: string[] = [];
  const limit = world.profile.authFailureLimit;
  const origin = world.servers[0]!.origin;
  const whoami = async (key: string, from: string) => {
    const a = await keyStatus(origin, key, from);
    stats.add(a);
    return a;
  };
  const badKey = () => `stw_sa-${randomBytes(30).toString("base64url").replace(/[-_]/g, "x").slice(0, 40)}`;
  let firstLimited = -1;
  for (let i = 0; i < limit + 10; i++) {
    const a = await whoami(badKey(), ATTACKER);
    if (a.status === 429) {
      if (firstLimited < 0) firstLimited = i + 1;
      if (!a.headers["retry-after"]) violations.push("429 without Retry-After");
    } else if (a.status !== 401) violations.push(`bad key answered ${a.status}`);
    else if (firstLimited > 0) violations.push(`attempt ${i + 1} answered 401 after the limit`);
    if (i % 5 === 0) {
      const good = await whoami(world.loadKeys[0]!, GOOD_CLIENT);
      if (good.status !== 200) violations.push(`a valid key from another client answered ${good.status}`);
    }
  }
  if (firstLimited !== limit + 1)
    violations.push(`first 429 at attempt ${firstLimited}, expected ${limit + 1}`);
  const attackerGood = await whoami(world.loadKeys[0]!, ATTACKER);
  if (attackerGood.status !== 200)
    violations.push(`a valid key from the limited address answered ${attackerGood.status}`);
  const other = await whoami(badKey(), OTHER_CLIENT);
  if (other.status !== 401) violations.push(`another client's single bad key answered ${other.status}`);
  return {
    scenario: `6 brute force (limit ${limit})`,
    requests: stats.requests,
    errors: stats.errors,
    lostWrites: 0,
    p99: stats.p99(),
    violations,
    note: `first 429 at attempt ${firstLimited}; ${stats.statusSummary()}`,
  };
}
