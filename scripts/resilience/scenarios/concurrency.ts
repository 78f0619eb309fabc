// Scenario 5: races through the server actions, alternating between the instances. 50 creates
// of one service-account name: exactly one succeeds, the rest get a clear conflict. 50 rotations
// of one key: one new key set, consistent with what the callers were told. 50 visibility changes:
// the final visibility is the one the last audit event records.
import { createProject } from "@/lib/projects/service";
import { rotateServiceAccountKey } from "@/lib/service-accounts/service";
import { type Answer, Stats } from "../http";
import {
  type ActionRef,
  actionState,
  keyStatus,
  newServiceAccountKey,
  noteCreated,
  postAction,
  type ScenarioResult,
  SYSTEM,
  serverActions,
  signIn,
  TEAM,
  type World,
} from "../world";

export async function concurrencyScenario(world: World): Promise<ScenarioResult> {
  const stats = new Stats();
  const violations: string[] = [];
  const notes: string[] = [];
  const n = world.profile.concurrency;
  const origins = world.servers.map((s) => s.origin);
  const cookie = await signIn(origins[0]!, "ada");
  const actions = serverActions(world.distDir);
  const find = (name: string) => actions.find((a) => a.name === name);
  const stamp = Date.now().toString(36);
  const post = async (action: ActionRef, i: number, input: Record<string, unknown>) => {
    const a = await postAction(origins[i % origins.length]!, action, [undefined, input], cookie);
    stats.add(a);
    return a;
  };
  const states = (answers: Answer[]) => answers.map((a) => actionState(a.body));

  // 1. The same name, n times at once.
  const create = find("createTeamServiceAccountAction");
  if (!create) violations.push("no createTeamServiceAccountAction in the build");
  else {
    const name = `race-${stamp}`;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => post(create, i, { team: TEAM, name, authMethod: "api_key" })),
    );
    const results = states(answers);
    answers.forEach((a, i) => {
      const key = (results[i]?.data as { key?: { key?: string } } | undefined)?.key?.key;
      if (key) {
        noteCreated(world, a, key);
      }
    });
    const won = results.filter((r) => r?.ok === true).length;
    const transient = results.filter(
      (r) => r?.ok === false && /try again in a few seconds/.test(r.message ?? ""),
    ).length;
    const conflicts = results.filter(
      (r) => r?.ok === false && /already|exists|taken|in use/i.test(r.message ?? ""),
    ).length;
    const rows = await world.sql`select id from service_accounts where name = ${name}`;
    if (won !== 1) violations.push(`create: ${won} of ${n} creates of one name succeeded`);
    // A "try again" (the database was too busy to connect) is honest; anything else is unclear.
    if (conflicts + transient !== n - 1) {
      const other = results.find(
        (r) =>
          !(
            r?.ok === false && /already|exists|taken|in use|try again in a few seconds/i.test(r.message ?? "")
          ) && r?.ok !== true,
      );
      violations.push(
        `create: ${conflicts} clear conflicts of ${n - 1} (e.g. ${JSON.stringify(other)?.slice(0, 200)})`,
      );
    }
    if (rows.length !== 1)
      violations.push(`create: ${rows.length} service accounts named ${name} in the database`);
    notes.push(`create ${won} ok/${conflicts} conflict/${transient} try again`);
  }

  // 2. One key rotated n times at once (through the action when the build has it).
  const saName = `rotate-${stamp}`;
  const oldKey = await newServiceAccountKey(world, saName);
  const oldKeyId = oldKey.slice(0, "stw_sa-".length + 12);
  const rotate = find("rotateServiceAccountKeyAction");
  let newKeys: string[] = [];
  let rotateRefusals = 0;
  if (rotate) {
    const input = { team: TEAM, serviceAccount: saName, keyId: oldKeyId, overlap: "now" };
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => post(rotate, i, input)));
    states(answers).forEach((r, i) => {
      const key = (r?.data as { key?: string } | undefined)?.key;
      if (r?.ok && key) {
        newKeys.push(key);
        noteCreated(world, answers[i]!, key);
      } else if (r?.ok === false) rotateRefusals++;
    });
    notes.push("rotation via action");
  } else {
    const ctx = { db: world.handle.db, actor: SYSTEM };
    const settled = await Promise.allSettled(
      Array.from({ length: n }, () => rotateServiceAccountKey(ctx, TEAM, saName, oldKeyId, "now")),
    );
    newKeys = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.created.key] : []));
    rotateRefusals = settled.filter((s) => s.status === "rejected").length;
    for (const k of newKeys) world.secrets.add(k);
    notes.push("rotation via the service (no action in this build)");
  }
  const active = await world.sql<{ key_id: string }[]>`
    select k.key_id from api_keys k join service_accounts s on s.id = k.service_account_id
    where s.name = ${saName} and (k.revoked_at is null or k.revoked_at > now())`;
  if (newKeys.length !== 1)
    violations.push(`rotation: ${newKeys.length} of ${n} rotations of one key succeeded`);
  if (newKeys.length + rotateRefusals !== n)
    violations.push(`rotation: ${n - newKeys.length - rotateRefusals} unclear answers`);
  if (active.length !== newKeys.length)
    violations.push(`rotation: ${active.length} active keys for ${newKeys.length} successful rotations`);
  const whoami = async (key: string) => {
    const a = await keyStatus(origins[1] ?? origins[0]!, key, "127.0.0.4");
    stats.add(a);
    return a.status;
  };
  if ((await whoami(oldKey)) !== 401) violations.push("rotation: the old key still works");
  for (const k of newKeys)
    if ((await whoami(k)) !== 200) violations.push("rotation: a returned key does not work");
  notes.push(`rotate ${newKeys.length} ok/${rotateRefusals} refused/${active.length} active`);

  // 3. Visibility changed n times at once: the final state is the last audit event's.
  const visibility = find("setProjectVisibilityAction");
  if (!visibility) violations.push("no setProjectVisibilityAction in the build");
  else {
    const project = `race-vis-${stamp}`;
    await createProject({ db: world.handle.db, actor: SYSTEM }, TEAM, {
      name: project,
      visibility: "team",
      owner: "tom",
      description: "",
    });
    const choices = ["open", "public", "team", "restricted"];
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        post(visibility, i, { team: TEAM, project, visibility: choices[i % 4] }),
      ),
    );
    const ok = states(answers).filter((r) => r?.ok === true).length;
    const [final] = await world.sql<{ visibility: string; after: string | null; events: number }[]>`
      select p.visibility::text as visibility,
        (select e.details->>'after' from audit_events e where e.target_id = p.id
          and e.action = 'project:change_visibility' order by e.id desc limit 1) as after,
        (select count(*)::int from audit_events e where e.target_id = p.id
          and e.action = 'project:change_visibility') as events
      from projects p join teams t on t.id = p.team_id where t.name = ${TEAM} and p.name = ${project}`;
    if (!final) violations.push("visibility: project missing");
    else {
      if (final.after !== null && final.after !== final.visibility)
        violations.push(`visibility: final ${final.visibility} but the last audit event says ${final.after}`);
      // An answer lost after its commit (a busy machine) leaves an event without an "ok": fine.
      if (final.events < ok || final.events > n)
        violations.push(`visibility: ${final.events} audit events for ${ok} successful changes`);
      notes.push(`visibility ${ok} ok, ${final.events} events, final ${final.visibility}`);
    }
  }
  return {
    scenario: `5 concurrency (${n} parallel)`,
    requests: stats.requests,
    errors: stats.errors,
    lostWrites: 0,
    p99: stats.p99(),
    violations,
    note: notes.join("; "),
  };
}
