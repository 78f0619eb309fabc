// Scenario 7 (after all others): no key, token or secret of the run appears in the servers' logs,
// in any table (keys are stored only as hashes), or in any answer other than the one creating it.
import { recorded } from "../http";
import type { ScenarioResult, World } from "../world";

export async function secretsScenario(world: World): Promise<ScenarioResult> {
  const violations: string[] = [];
  const secrets = [...world.secrets].filter((s) => s.length >= 16);
  const found = (text: string) => secrets.filter((s) => text.includes(s));

  for (const server of world.servers) {
    const leaked = found(server.log);
    if (leaked.length) violations.push(`${leaked.length} secrets in server ${server.name}'s log`);
  }

  const tables = await world.sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`;
  let rows = 0;
  for (const t of tables) {
    const dump = await world.sql<
      { row: string }[]
    >`select t::text as row from ${world.sql(t.schema)}.${world.sql(t.name)} t`;
    rows += dump.length;
    const leaked = new Set(dump.flatMap((r) => found(r.row)));
    if (leaked.size) violations.push(`${leaked.size} secrets in table ${t.schema}.${t.name}`);
  }

  let leakyAnswers = 0;
  for (const r of recorded) {
    const leaked = found(r.body + r.headers).filter((s) => !r.creates?.includes(s));
    if (leaked.length) {
      leakyAnswers++;
      if (leakyAnswers <= 3) violations.push(`a secret in the answer of ${new URL(r.url).pathname}`);
    }
  }
  if (leakyAnswers > 3) violations.push(`${leakyAnswers} answers leaked secrets in all`);
  return {
    scenario: "7 secrets",
    requests: 0,
    errors: 0,
    lostWrites: 0,
    p99: 0,
    violations,
    note: `${secrets.length} secrets searched in ${world.servers.length} logs, ${tables.length} tables (${rows} rows), ${recorded.length} answers`,
  };
}
