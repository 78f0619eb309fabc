// The admin CLI, run in process against a real database: every command's human line and --json
// object, exit codes (0 ok, 1 error, 2 usage), and that a failed command leaves the database as it was.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  organizationMembers,
  organizations,
  projectMembers,
  projects,
  teamMembers,
  teams,
  users,
} from "@/lib/db/schema";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { dbState, uniqueName } from "@/lib/testing/fixtures";
import { runCli } from "./program";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
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

/** Runs a command that must succeed: exit 0, nothing on stderr, and one human line on stdout. */
async function ok(...argv: string[]): Promise<string> {
  const run = await cli(...argv);
  expect(run, `steward ${argv.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout).toMatch(/^[^\n]+\n$/);
  return run.stdout.trimEnd();
}

/** Runs a command with --json: exit 0, nothing on stderr, and stdout is exactly one JSON object. */
async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const run = await cli(...argv, "--json");
  expect(run, `steward ${argv.join(" ")} --json`).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout.endsWith("\n")).toBe(true);
  expect(run.stdout.trimEnd()).not.toContain("\n");
  const parsed: unknown = JSON.parse(run.stdout);
  expect(parsed).toBeTypeOf("object");
  expect(Array.isArray(parsed)).toBe(false);
  return parsed as Record<string, unknown>;
}

/**
 * Runs a command that must fail with `code`: nothing on stdout (with or without --json), one line
 * on stderr matching `message`, and the database exactly as it was.
 */
async function fails(code: 1 | 2, message: RegExp, ...argv: string[]): Promise<string> {
  const before = await dbState(t.db);
  const run = await cli(...argv);
  expect(run, `steward ${argv.join(" ")}`).toMatchObject({ code, stdout: "" });
  expect(run.stderr).toMatch(message);
  if (code === 1) expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
  const withJson = await cli(...argv, "--json");
  expect(withJson).toMatchObject({ code, stdout: "" });
  expect(await dbState(t.db)).toEqual(before);
  return run.stderr;
}

// Builders through the CLI itself, so each test reads as a short operator session.
async function user(prefix = "u"): Promise<string> {
  const name = uniqueName(prefix);
  await ok("user", "create", name, "--email", `${name}@example.test`, "--password", "long-enough-1");
  return name;
}
async function org(plan: "free" | "enterprise" = "enterprise"): Promise<string> {
  const slug = uniqueName("org");
  await ok("org", "create", slug, "--plan", plan);
  return slug;
}
async function team(orgSlug: string): Promise<string> {
  const name = uniqueName("team");
  await ok("team", "create", orgSlug, name);
  return name;
}
/** An org with an admin, and a team with a member in it. */
async function setup() {
  const [admin, member] = [await user("adm"), await user("mem")];
  const o = await org();
  await ok("org", "add-member", o, admin, "--role", "admin");
  await ok("org", "add-member", o, member, "--role", "member");
  const tm = await team(o);
  await ok("team", "add-member", tm, member, "--role", "member");
  return { org: o, team: tm, admin, member };
}

async function userId(username: string) {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row?.id ?? null;
}

async function orgRole(slug: string, username: string) {
  const [row] = await t.db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.orgId))
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(and(eq(organizations.slug, slug), eq(users.username, username)));
  return row?.role ?? null;
}

/** username -> team role, for every member of the team. */
async function teamRoles(teamName: string) {
  const rows = await t.db
    .select({ username: users.username, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teams.name, teamName));
  return Object.fromEntries(rows.map((r) => [r.username, r.role]));
}

/** The project's visibility, owner and listed usernames, or null if there is no such project. */
async function projectState(teamName: string, name: string) {
  const [row] = await t.db
    .select({ id: projects.id, visibility: projects.visibility, owner: users.username })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(users, eq(users.id, projects.ownerId))
    .where(and(eq(teams.name, teamName), eq(projects.name, name)));
  if (!row) return null;
  const listed = await t.db
    .select({ username: users.username })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, row.id));
  return { visibility: row.visibility, owner: row.owner, listed: listed.map((l) => l.username).sort() };
}

describe("help and usage errors", () => {
  it("--help prints the usage and every command group, and exits 0", async () => {
    const run = await cli("--help");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^Usage: steward/);
    for (const group of ["org", "user", "team", "project", "seed"])
      expect(run.stdout).toMatch(new RegExp(`\\n  ${group}\\b`));
  });

  it.each([
    "org create",
    "org set-plan",
    "org list",
    "org add-member",
    "org set-role",
    "org remove-member",
    "user create",
    "team create",
    "team add-member",
    "team remove-member",
    "project create",
    "project add-member",
    "project remove-member",
    "project set-visibility",
    "seed",
  ])("%s --help prints its usage and exits 0", async (command) => {
    const words = command.split(" ");
    const before = await dbState(t.db);
    const run = await cli(...words, "--help");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`^Usage: steward ${words.join(" ")}`));
    expect(await dbState(t.db)).toEqual(before);
  });

  it("no command at all is a usage error that shows the usage", async () => {
    const run = await cli();
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/Usage: steward/);
  });

  it("an unknown command or subcommand is a usage error", async () => {
    await fails(2, /unknown command 'frobnicate'/, "frobnicate");
    await fails(2, /unknown command 'delete'/, "org", "delete", "acme");
  });

  it("a missing argument or required option is a usage error", async () => {
    await fails(2, /missing required argument 'slug'/, "org", "create");
    await fails(2, /missing required argument 'username'/, "org", "add-member", "o", "--role", "member");
    await fails(2, /missing required argument 'role'/, "org", "set-role", "o", "someone");
    await fails(2, /--role <role>.* not specified/, "org", "add-member", uniqueName("org"), "someone");
    await fails(
      2,
      /--password <password>.* not specified/,
      "user",
      "create",
      "someone",
      "--email",
      "s@x.test",
    );
    await fails(
      2,
      /Name exactly one member: --user <username> or --service-account/,
      "project",
      "add-member",
      "team/proj",
    );
  });

  it("a bad --role, --plan or --visibility choice is a usage error naming the choices", async () => {
    const stderr = await fails(
      2,
      /argument 'boss' is invalid/,
      "org",
      "add-member",
      "o",
      "u",
      "--role",
      "boss",
    );
    expect(stderr).toMatch(/admin, member, viewer/);
    await fails(
      2,
      /Allowed choices are admin, member, viewer/,
      "team",
      "add-member",
      "t",
      "u",
      "--role",
      "owner",
    );
    await fails(
      2,
      /Allowed choices are free, enterprise/,
      "org",
      "create",
      uniqueName("o"),
      "--plan",
      "gold",
    );
    await fails(
      2,
      /Allowed choices are open, public, team, restricted/,
      "project",
      "create",
      "t/p",
      "--visibility",
      "x",
    );
  });

  it("a bad positional role, plan or visibility is a usage error too", async () => {
    const { org: o, member } = await setup();
    await fails(2, /admin, member, viewer/, "org", "set-role", o, member, "boss");
    await fails(2, /free, enterprise/, "org", "set-plan", o, "gold");
    await fails(2, /open, public, team, restricted/, "project", "set-visibility", "t/p", "hidden");
    expect(await orgRole(o, member)).toBe("member");
  });

  it("a project path without exactly one slash is a usage error", async () => {
    for (const path of ["lonely", "a/b/c", "/p", "t/"]) {
      await fails(2, /must look like <team>\/<name>/, "project", "create", path);
    }
  });
});

describe("org", () => {
  it("create prints one line, or with --json the organization", async () => {
    const slug = uniqueName("acme");
    expect(await ok("org", "create", slug)).toBe(`Created organization ${slug} (free plan).`);
    const other = uniqueName("acme");
    const out = await json("org", "create", other, "--name", "Acme Labs", "--plan", "enterprise");
    expect(out).toEqual({
      organization: {
        id: expect.stringMatching(/^org_/),
        slug: other,
        name: "Acme Labs",
        plan: "enterprise",
      },
    });
    const [row] = await t.db.select().from(organizations).where(eq(organizations.slug, other));
    expect(row).toMatchObject({ name: "Acme Labs", plan: "enterprise" });
  });

  it("create refuses a duplicate slug and an invalid one", async () => {
    const slug = await org();
    await fails(1, new RegExp(`Organization ${slug} already exists`), "org", "create", slug);
    await fails(1, /lowercase letters, digits and '-'/, "org", "create", "Bad_Slug");
  });

  it("set-plan changes the plan; an unknown org is refused", async () => {
    const slug = await org("free");
    expect(await ok("org", "set-plan", slug, "enterprise")).toBe(
      `Organization ${slug} is now on the enterprise plan.`,
    );
    expect(await json("org", "set-plan", slug, "free")).toMatchObject({
      organization: { slug, plan: "free" },
    });
    const [row] = await t.db
      .select({ plan: organizations.plan })
      .from(organizations)
      .where(eq(organizations.slug, slug));
    expect(row?.plan).toBe("free");
    await fails(1, /No organization named nowhere-x/, "org", "set-plan", "nowhere-x", "free");
  });

  it("list shows every organization, one per line, or as JSON", async () => {
    const [a, b] = [await org("free"), await org("enterprise")];
    const run = await cli("org", "list");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.split("\n")).toEqual(
      expect.arrayContaining([`${a}\tfree\t${a}`, `${b}\tenterprise\t${b}`]),
    );
    const out = await json("org", "list");
    expect(out.organizations).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), slug: a, name: a, plan: "free" },
        { id: expect.any(String), slug: b, name: b, plan: "enterprise" },
      ]),
    );
    // --json works before the command too.
    const before = await cli("--json", "org", "list");
    expect(JSON.parse(before.stdout)).toEqual(out);
  });

  it("add-member adds an existing user by username or email with a role", async () => {
    const [o, ann, bob] = [await org(), await user(), await user()];
    expect(await ok("org", "add-member", o, ann, "--role", "admin")).toBe(`Added ${ann} to ${o} as admin.`);
    expect(await json("org", "add-member", o, `${bob}@EXAMPLE.test`, "--role", "viewer")).toEqual({
      org: o,
      username: bob,
      role: "viewer",
    });
    expect([await orgRole(o, ann), await orgRole(o, bob)]).toEqual(["admin", "viewer"]);
  });

  it("add-member refuses an unknown org, an unknown user and someone already in the org", async () => {
    const { org: o, member } = await setup();
    await fails(
      1,
      /No organization named/,
      "org",
      "add-member",
      uniqueName("nowhere"),
      member,
      "--role",
      "member",
    );
    await fails(1, /No user named ghost-x/, "org", "add-member", o, "ghost-x", "--role", "member");
    await fails(
      1,
      new RegExp(`${member} is already a member of ${o}`),
      "org",
      "add-member",
      o,
      member,
      "--role",
      "admin",
    );
    expect(await orgRole(o, member)).toBe("member");
  });

  it("set-role changes a member's role", async () => {
    const { org: o, member } = await setup();
    expect(await ok("org", "set-role", o, member, "admin")).toBe(`${member} is now admin of ${o}.`);
    expect(await json("org", "set-role", o, member, "viewer")).toEqual({
      org: o,
      username: member,
      role: "viewer",
    });
    expect(await orgRole(o, member)).toBe("viewer");
  });

  it("set-role and remove-member refuse to leave the org without an admin", async () => {
    const { org: o, admin } = await setup();
    await fails(
      1,
      /at least one admin: make someone else an admin first/,
      "org",
      "set-role",
      o,
      admin,
      "member",
    );
    await fails(1, /at least one admin/, "org", "remove-member", o, admin);
    expect(await orgRole(o, admin)).toBe("admin");
  });

  it("set-role and remove-member refuse someone outside the org", async () => {
    const { org: o } = await setup();
    const stranger = await user();
    await fails(
      1,
      new RegExp(`${stranger} is not a member of ${o}`),
      "org",
      "set-role",
      o,
      stranger,
      "member",
    );
    await fails(1, new RegExp(`${stranger} is not a member of ${o}`), "org", "remove-member", o, stranger);
    await fails(1, /No organization named/, "org", "remove-member", uniqueName("nowhere"), stranger);
  });

  it("remove-member removes the user from the org, its teams and its restricted projects", async () => {
    const { org: o, team: tm, member } = await setup();
    const name = uniqueName("secret");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted", "--owner", member);
    expect(await ok("org", "remove-member", o, member)).toBe(`Removed ${member} from ${o}.`);
    expect(await orgRole(o, member)).toBeNull();
    expect(await teamRoles(tm)).toEqual({});
    expect((await projectState(tm, name))?.listed).toEqual([]);
    await ok("org", "add-member", o, member, "--role", "member");
    expect(await json("org", "remove-member", o, member)).toEqual({
      org: o,
      username: member,
      removed: true,
    });
  });
});

describe("user", () => {
  it("create prints the user, and --json never includes the password or its hash", async () => {
    const name = uniqueName("ada");
    expect(
      await ok("user", "create", name, "--email", `${name}@Example.TEST`, "--password", "long-enough-1"),
    ).toBe(`Created user ${name} <${name}@example.test>.`);
    const other = uniqueName("bob");
    const run = await cli(
      "user",
      "create",
      other,
      "--email",
      `${other}@example.test`,
      "--password",
      "secret-pass-9",
      "--display-name",
      "Bob B",
      "--json",
    );
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toEqual({
      user: {
        id: expect.stringMatching(/^usr_/),
        username: other,
        email: `${other}@example.test`,
        displayName: "Bob B",
      },
    });
    expect(run.stdout).not.toMatch(/secret-pass-9|scrypt/);
    expect(await userId(other)).not.toBeNull();
  });

  it("create refuses a taken username or email, and bad input, saying what to fix", async () => {
    const taken = await user();
    await fails(
      1,
      new RegExp(`Username ${taken} is taken`),
      "user",
      "create",
      taken,
      "--email",
      "x1@x.test",
      "--password",
      "long-enough-1",
    );
    await fails(
      1,
      new RegExp(`email ${taken}@example.test already exists`),
      "user",
      "create",
      uniqueName("u"),
      "--email",
      `${taken}@example.test`,
      "--password",
      "long-enough-1",
    );
    await fails(
      1,
      /at least 8 characters/,
      "user",
      "create",
      uniqueName("u"),
      "--email",
      "s@x.test",
      "--password",
      "short",
    );
    await fails(
      1,
      /valid email/,
      "user",
      "create",
      uniqueName("u"),
      "--email",
      "nope",
      "--password",
      "long-enough-1",
    );
    await fails(
      1,
      /lowercase letters/,
      "user",
      "create",
      "Not_Lower",
      "--email",
      "n@x.test",
      "--password",
      "long-enough-1",
    );
  });
});

describe("team", () => {
  it("create prints the team, or with --json its id, name and org", async () => {
    const o = await org();
    const name = uniqueName("ml");
    expect(await ok("team", "create", o, name)).toBe(`Created team ${name} in ${o}.`);
    const other = uniqueName("ml");
    expect(await json("team", "create", o, other)).toEqual({
      team: { id: expect.stringMatching(/^team_/), name: other, org: o },
    });
    const rows = await t.db.select({ name: teams.name }).from(teams).where(eq(teams.name, other));
    expect(rows).toHaveLength(1);
    expect(await teamRoles(other)).toEqual({});
  });

  it("create refuses a reserved name, an invalid name, a duplicate and an unknown org", async () => {
    const o = await org();
    for (const reserved of ["api", "org", "graphql", "settings"]) {
      await fails(1, /This name is reserved; choose another/, "team", "create", o, reserved);
    }
    await fails(1, /lowercase letters, digits/, "team", "create", o, "ML Team");
    const existing = await team(await org());
    await fails(1, new RegExp(`The name ${existing} is already taken`), "team", "create", o, existing);
    await fails(1, /No organization named nowhere-y/, "team", "create", "nowhere-y", uniqueName("t"));
  });

  it("add-member adds an org member with a role", async () => {
    const { org: o, team: tm, member } = await setup();
    const other = await user();
    await ok("org", "add-member", o, other, "--role", "viewer");
    expect(await ok("team", "add-member", tm, other, "--role", "viewer")).toBe(
      `Added ${other} to ${tm} as viewer.`,
    );
    expect(await teamRoles(tm)).toEqual({ [member]: "member", [other]: "viewer" });
    const third = await user();
    await ok("org", "add-member", o, third, "--role", "member");
    expect(await json("team", "add-member", tm, third, "--role", "admin")).toEqual({
      team: tm,
      username: third,
      role: "admin",
    });
  });

  it("add-member refuses someone outside the org, a member twice, and an unknown team", async () => {
    const { team: tm, member } = await setup();
    const stranger = await user();
    await fails(
      1,
      /add them to the organization first/,
      "team",
      "add-member",
      tm,
      stranger,
      "--role",
      "member",
    );
    await fails(
      1,
      new RegExp(`${member} is already in ${tm}`),
      "team",
      "add-member",
      tm,
      member,
      "--role",
      "admin",
    );
    await fails(1, /No team named nowhere-z/, "team", "add-member", "nowhere-z", member, "--role", "member");
    expect(await teamRoles(tm)).toEqual({ [member]: "member" });
  });

  it("remove-member removes the user from the team and its restricted projects", async () => {
    const { team: tm, member } = await setup();
    const name = uniqueName("secret");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted", "--owner", member);
    expect(await ok("team", "remove-member", tm, member)).toBe(`Removed ${member} from ${tm}.`);
    expect(await teamRoles(tm)).toEqual({});
    expect((await projectState(tm, name))?.listed).toEqual([]);
    await fails(1, new RegExp(`${member} is not a member of ${tm}`), "team", "remove-member", tm, member);
  });

  it("remove-member --json says what was removed", async () => {
    const { team: tm, member } = await setup();
    expect(await json("team", "remove-member", tm, member)).toEqual({
      team: tm,
      username: member,
      removed: true,
    });
  });
});

describe("project", () => {
  it("create makes a team-visible project owned by the team, or with --json describes it", async () => {
    const { team: tm } = await setup();
    const name = uniqueName("Eval.v1");
    expect(await ok("project", "create", `${tm}/${name}`)).toBe(`Created project ${tm}/${name} (team).`);
    expect(await projectState(tm, name)).toEqual({ visibility: "team", owner: null, listed: [] });
    const other = uniqueName("zoo");
    expect(await json("project", "create", `${tm}/${other}`, "--visibility", "public")).toEqual({
      project: { id: expect.stringMatching(/^proj_/), team: tm, name: other, visibility: "public" },
    });
  });

  it("create with --owner makes a team member the owner, listed on a restricted project", async () => {
    const { team: tm, member } = await setup();
    const name = uniqueName("secret");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted", "--owner", member);
    expect(await projectState(tm, name)).toEqual({
      visibility: "restricted",
      owner: member,
      listed: [member],
    });
  });

  it("create refuses reserved and invalid names, duplicates, unknown teams and owners outside the team", async () => {
    const { team: tm, admin } = await setup();
    for (const reserved of ["settings", "service-accounts", "users"]) {
      await fails(1, /This name is reserved; choose another/, "project", "create", `${tm}/${reserved}`);
    }
    await fails(1, /Use letters, digits/, "project", "create", `${tm}/.hidden`);
    const name = uniqueName("p");
    await ok("project", "create", `${tm}/${name}`);
    await fails(
      1,
      new RegExp(`${tm} already has a project named ${name}`),
      "project",
      "create",
      `${tm}/${name}`,
    );
    await fails(1, /No team named nowhere-w/, "project", "create", "nowhere-w/p");
    await fails(
      1,
      new RegExp(`${admin} is not a member of ${tm}`),
      "project",
      "create",
      `${tm}/${uniqueName("p")}`,
      "--owner",
      admin,
    );
  });

  it("create respects the team's 'future projects private' setting", async () => {
    const { team: tm } = await setup();
    await t.db.update(teams).set({ futureProjectsPrivate: true }).where(eq(teams.name, tm));
    await fails(
      1,
      /keeps new projects private/,
      "project",
      "create",
      `${tm}/${uniqueName("p")}`,
      "--visibility",
      "open",
    );
    const name = uniqueName("p");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted");
    expect((await projectState(tm, name))?.visibility).toBe("restricted");
  });

  it("set-visibility changes the visibility; an unknown project is refused", async () => {
    const { team: tm } = await setup();
    const name = uniqueName("p");
    await ok("project", "create", `${tm}/${name}`);
    expect(await ok("project", "set-visibility", `${tm}/${name}`, "open")).toBe(`${tm}/${name} is now open.`);
    expect(await json("project", "set-visibility", `${tm}/${name}`, "restricted")).toEqual({
      project: { team: tm, name, visibility: "restricted" },
    });
    expect((await projectState(tm, name))?.visibility).toBe("restricted");
    await fails(1, new RegExp(`No project ${tm}/nope`), "project", "set-visibility", `${tm}/nope`, "open");
  });

  it("add-member and remove-member list and unlist a team member on a restricted project", async () => {
    const { team: tm, member } = await setup();
    const name = uniqueName("secret");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted");
    expect(await ok("project", "add-member", `${tm}/${name}`, "--user", member)).toBe(
      `Listed ${member} on ${tm}/${name}.`,
    );
    expect((await projectState(tm, name))?.listed).toEqual([member]);
    await fails(
      1,
      new RegExp(`${member} is already listed`),
      "project",
      "add-member",
      `${tm}/${name}`,
      "--user",
      member,
    );
    expect(await json("project", "remove-member", `${tm}/${name}`, "--user", member)).toEqual({
      project: `${tm}/${name}`,
      user: member,
      listed: false,
    });
    expect((await projectState(tm, name))?.listed).toEqual([]);
    await fails(
      1,
      new RegExp(`${member} is not listed`),
      "project",
      "remove-member",
      `${tm}/${name}`,
      "--user",
      member,
    );
    expect(await json("project", "add-member", `${tm}/${name}`, "--user", member)).toEqual({
      project: `${tm}/${name}`,
      user: member,
      listed: true,
    });
  });

  it("add-member refuses someone outside the team and an unknown project", async () => {
    const { team: tm } = await setup();
    const name = uniqueName("secret");
    await ok("project", "create", `${tm}/${name}`, "--visibility", "restricted");
    const stranger = await user();
    await fails(
      1,
      new RegExp(`${stranger} is not a member of ${tm}`),
      "project",
      "add-member",
      `${tm}/${name}`,
      "--user",
      stranger,
    );
    await fails(1, /No project/, "project", "add-member", `${tm}/nope`, "--user", stranger);
  });
});

describe("seed", () => {
  it("loads the demo data all at once or not at all, and only once", async () => {
    // A user named like a demo user: refused before anything is written.
    await ok("user", "create", "hal", "--email", "hal@elsewhere.test", "--password", "long-enough-1");
    await fails(1, /a user hal already exists/, "seed");
    expect(await userId("ada")).toBeNull();
    await t.db.delete(users).where(eq(users.username, "hal"));

    // A demo team name taken by another org makes the seed fail part-way: nothing of it remains.
    const elsewhere = await org();
    await ok("team", "create", elsewhere, "research");
    await fails(1, /The name research is already taken/, "seed");
    expect(await userId("ada")).toBeNull();
    await t.db.delete(teams).where(eq(teams.name, "research"));

    expect(await ok("seed")).toBe("Loaded the demo data (password for every demo user: steward-demo).");
    expect(await orgRole("acme", "ada")).toBe("admin");
    expect(await teamRoles("research")).toEqual({ mia: "member", vic: "viewer" });
    expect(await projectState("ml-platform", "secret-sauce")).toEqual({
      visibility: "restricted",
      owner: "tom",
      listed: ["mia", "tom"],
    });

    const before = await dbState(t.db);
    expect(await ok("seed")).toBe("Demo data already present: nothing to do.");
    expect(await json("seed")).toEqual({ loaded: false });
    expect(await dbState(t.db)).toEqual(before);
  });
});
