// The admin CLI's commands. Each command is a few lines: parse arguments, call one service with
// the operator's context, describe the result for people (one line) and for scripts (--json).
import { Argument, Command, CommanderError, Option } from "commander";
import { type Ctx, inTransaction } from "@/lib/context";
import { DataDirLockedError, type DbHandle, openDb } from "@/lib/db/client";
import { Conflict, NotFound, ServiceError } from "@/lib/errors";
import {
  addOrganizationMember,
  changeOrganizationRole,
  createOrganization,
  getOrganization,
  listOrganizations,
  removeOrganizationMember,
  setOrganizationPlan,
} from "@/lib/orgs/service";
import {
  addProjectMember,
  addProjectServiceAccount,
  createProject,
  removeProjectMember,
  removeProjectServiceAccount,
  setProjectVisibility,
} from "@/lib/projects/service";
import { DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { addTeamMember, createTeam, removeTeamMember } from "@/lib/teams/service";
import { createUser, findUserByLogin } from "@/lib/users/service";

import { registerCredentialCommands } from "./credentials";
import { registerFederationCommands } from "./federation";
import { UsageError } from "./usage";

/** What a command returns: a line for people, an object for `--json`. */
export interface Outcome {
  human: string;
  json: Record<string, unknown>;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Opens the database; tests pass an already-open one. */
  openDb: () => Promise<DbHandle>;
}

export { UsageError } from "./usage";

/** What commander calls for a command. */
export type ActionFn = (...args: unknown[]) => Promise<void>;
/** The wrapper `run` every command body goes through (see buildProgram). */
export type Run = <A extends unknown[]>(body: (ctx: Ctx, ...args: A) => Promise<Outcome>) => ActionFn;

const ROLES = ["admin", "member", "viewer"];
const VISIBILITIES = ["open", "public", "team", "restricted"];

/** `<team>/<project>` -> its two parts. */
function splitPath(value: string, what: string): [string, string] {
  const parts = value.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw new UsageError(`${what} must look like <team>/<name>, got "${value}".`);
  return [parts[0], parts[1]];
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("steward")
    .description(
      "Administer a Steward instance on its configured database (DATABASE_URL, or the embedded one).",
    )
    .option("--json", "print exactly one JSON object on stdout")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  /** Wraps a command body: open the database, run, print, close; errors become one line + exit code. */
  function run<A extends unknown[]>(body: (ctx: Ctx, ...args: A) => Promise<Outcome>): ActionFn {
    return async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const json = Boolean(command.optsWithGlobals().json);
      let handle: DbHandle | undefined;
      try {
        handle = await io.openDb();
        const outcome = await body(
          { db: handle.db, actor: { kind: "system", via: "cli" } },
          ...(args.slice(0, -1) as A),
        );
        io.stdout(`${json ? JSON.stringify(outcome.json) : outcome.human}\n`);
      } catch (err) {
        setExitCode(err instanceof UsageError ? 2 : 1);
        io.stderr(`error: ${explain(err)}\n`);
      } finally {
        await handle?.close();
      }
    };
  }

  const org = program.command("org").description("organizations and their members");
  org
    .command("create <slug>")
    .description("create an organization")
    .option("--name <name>", "display name (default: the slug)")
    .addOption(new Option("--plan <plan>", "plan").choices(["free", "enterprise"]).default("free"))
    .action(
      run(async (ctx, slug: string, opts: { name?: string; plan: string }) => {
        const o = await createOrganization(ctx, { slug, name: opts.name, plan: opts.plan as "free" });
        return { human: `Created organization ${o.slug} (${o.plan} plan).`, json: { organization: o } };
      }),
    );
  org
    .command("set-plan <slug>")
    .description("change an organization's plan (free|enterprise)")
    .addArgument(new Argument("<plan>", "free|enterprise").choices(["free", "enterprise"]))
    .action(
      run(async (ctx, slug: string, plan: string) => {
        const o = await setOrganizationPlan(ctx, slug, plan);
        return { human: `Organization ${o.slug} is now on the ${o.plan} plan.`, json: { organization: o } };
      }),
    );
  org
    .command("list")
    .description("list organizations")
    .action(
      run(async (ctx) => {
        const orgs = (await listOrganizations(ctx)).map(({ role: _, ...o }) => o);
        const human = orgs.length
          ? orgs.map((o) => `${o.slug}\t${o.plan}\t${o.name}`).join("\n")
          : "No organizations yet.";
        return { human, json: { organizations: orgs } };
      }),
    );
  org
    .command("add-member <org> <username>")
    .description("add an existing user to an organization")
    .addOption(new Option("--role <role>", "org role").choices(ROLES).makeOptionMandatory())
    .action(
      run(async (ctx, slug: string, username: string, opts: { role: string }) => {
        const m = await addOrganizationMember(ctx, slug, {
          kind: "existing",
          login: username,
          role: opts.role as "member",
        });
        return {
          human: `Added ${m.username} to ${slug} as ${m.role}.`,
          json: { org: slug, username: m.username, role: m.role },
        };
      }),
    );
  org
    .command("set-role <org> <username>")
    .description("change a member's org role (admin|member|viewer)")
    .addArgument(new Argument("<role>", "admin|member|viewer").choices(ROLES))
    .action(
      run(async (ctx, slug: string, username: string, role: string) => {
        const m = await changeOrganizationRole(ctx, slug, username, role);
        return {
          human: `${m.username} is now ${m.role} of ${slug}.`,
          json: { org: slug, username: m.username, role: m.role },
        };
      }),
    );
  org
    .command("remove-member <org> <username>")
    .description("remove a user from an organization (and its teams)")
    .action(
      run(async (ctx, slug: string, username: string) => {
        const m = await removeOrganizationMember(ctx, slug, username);
        return {
          human: `Removed ${m.username} from ${slug}.`,
          json: { org: slug, username: m.username, removed: true },
        };
      }),
    );

  const user = program.command("user").description("people who sign in");
  user
    .command("create <username>")
    .description("create a user")
    .requiredOption("--email <email>", "email address")
    .requiredOption("--password <password>", "initial password (at least 8 characters)")
    .option("--display-name <name>", "display name")
    .action(
      run(async (ctx, username: string, opts: { email: string; password: string; displayName?: string }) => {
        const u = await createUser(ctx, {
          username,
          email: opts.email,
          password: opts.password,
          displayName: opts.displayName,
        });
        return { human: `Created user ${u.username} <${u.email}>.`, json: { user: u } };
      }),
    );

  const team = program.command("team").description("teams and their members");
  team
    .command("create <org> <team>")
    .description("create a team in an organization")
    .action(
      run(async (ctx, slug: string, name: string) => {
        const t = await createTeam(ctx, slug, name);
        return {
          human: `Created team ${t.name} in ${t.orgSlug}.`,
          json: { team: { id: t.id, name: t.name, org: t.orgSlug } },
        };
      }),
    );
  team
    .command("add-member <team> <username>")
    .description("add an org member to a team")
    .addOption(new Option("--role <role>", "team role").choices(ROLES).makeOptionMandatory())
    .action(
      run(async (ctx, name: string, username: string, opts: { role: string }) => {
        const m = await addTeamMember(ctx, name, username, opts.role);
        return {
          human: `Added ${m.username} to ${name} as ${m.role}.`,
          json: { team: name, username: m.username, role: m.role },
        };
      }),
    );
  team
    .command("remove-member <team> <username>")
    .description("remove a user from a team")
    .action(
      run(async (ctx, name: string, username: string) => {
        const m = await removeTeamMember(ctx, name, username);
        return {
          human: `Removed ${m.username} from ${name}.`,
          json: { team: name, username: m.username, removed: true },
        };
      }),
    );

  const project = program.command("project").description("projects, visibility and restricted members");
  project
    .command("create <team/project>")
    .description("create a project")
    .addOption(new Option("--visibility <visibility>", "visibility").choices(VISIBILITIES).default("team"))
    .option("--owner <username>", "owning user (a member of the team)")
    .action(
      run(async (ctx, target: string, opts: { visibility: string; owner?: string }) => {
        const [teamName, name] = splitPath(target, "The project");
        const p = await createProject(ctx, teamName, {
          name,
          visibility: opts.visibility,
          owner: opts.owner,
        });
        return {
          human: `Created project ${teamName}/${p.name} (${p.visibility}).`,
          json: { project: { id: p.id, team: teamName, name: p.name, visibility: p.visibility } },
        };
      }),
    );
  project
    .command("set-visibility <team/project>")
    .description("change a project's visibility (open|public|team|restricted)")
    .addArgument(new Argument("<visibility>", "open|public|team|restricted").choices(VISIBILITIES))
    .action(
      run(async (ctx, target: string, visibility: string) => {
        const [teamName, name] = splitPath(target, "The project");
        const p = await setProjectVisibility(ctx, teamName, name, visibility);
        return {
          human: `${teamName}/${p.name} is now ${p.visibility}.`,
          json: { project: { team: teamName, name: p.name, visibility: p.visibility } },
        };
      }),
    );
  /** `--user U` or `--service-account T/N`: exactly one. */
  function member(opts: { user?: string; serviceAccount?: string }) {
    if (Boolean(opts.user) === Boolean(opts.serviceAccount)) {
      throw new UsageError("Name exactly one member: --user <username> or --service-account <team>/<name>.");
    }
    return opts.user ? { user: opts.user } : { serviceAccount: opts.serviceAccount! };
  }
  project
    .command("add-member <team/project>")
    .description("list a user or a service account on a restricted project")
    .option("--user <username>", "a member of the project's team (or an org admin)")
    .option("--service-account <team/name>", "a team service account of the project's team, or an org one")
    .action(
      run(async (ctx, target: string, opts: { user?: string; serviceAccount?: string }) => {
        const who = member(opts);
        const [teamName, name] = splitPath(target, "The project");
        if (who.user) {
          const m = await addProjectMember(ctx, teamName, name, who.user);
          return {
            human: `Listed ${m.username} on ${target}.`,
            json: { project: target, user: m.username, listed: true },
          };
        }
        const m = await addProjectServiceAccount(ctx, teamName, name, who.serviceAccount!);
        return {
          human: `Listed ${m.serviceAccount} on ${target}.`,
          json: { project: target, serviceAccount: m.serviceAccount, listed: true },
        };
      }),
    );
  project
    .command("remove-member <team/project>")
    .description("remove a user or a service account from a restricted project's list")
    .option("--user <username>", "the listed user")
    .option("--service-account <team/name>", "the listed service account")
    .action(
      run(async (ctx, target: string, opts: { user?: string; serviceAccount?: string }) => {
        const who = member(opts);
        const [teamName, name] = splitPath(target, "The project");
        if (who.user) {
          const m = await removeProjectMember(ctx, teamName, name, who.user);
          return {
            human: `Removed ${m.username} from ${target}.`,
            json: { project: target, user: m.username, listed: false },
          };
        }
        const m = await removeProjectServiceAccount(ctx, teamName, name, who.serviceAccount!);
        return {
          human: `Removed ${m.serviceAccount} from ${target}.`,
          json: { project: target, serviceAccount: m.serviceAccount, listed: false },
        };
      }),
    );

  registerCredentialCommands(program, run, splitPath);
  registerFederationCommands(program, run);

  program
    .command("seed")
    .description("load the demo data (org acme, users ada/tom/mia/vic/hal) unless it is already there")
    .action(
      run(async (ctx) => {
        // One transaction: a seed that fails part-way (a demo team name taken, ...) leaves nothing.
        const loaded = await inTransaction(ctx, async (tx) => {
          await refuseDemoUserClash(tx);
          return seedDemo(tx);
        });
        return {
          human: loaded
            ? "Loaded the demo data (password for every demo user: steward-demo)."
            : "Demo data already present: nothing to do.",
          json: { loaded },
        };
      }),
    );

  return program;
}

/**
 * seedDemo creates its users in parallel: when one of them clashes, the others are still hashing
 * their passwords and would insert after the rollback. So clashes are refused before it starts.
 */
async function refuseDemoUserClash(ctx: Ctx): Promise<void> {
  const acme = await getOrganization(ctx, "acme").catch((err: unknown) => {
    if (err instanceof NotFound) return null;
    throw err;
  });
  if (acme) return; // seedDemo answers "already present"
  for (const { username } of DEMO_USERS) {
    for (const login of [username, `${username}@example.com`]) {
      const clash = await findUserByLogin(ctx.db, login);
      if (clash) {
        throw new Conflict(
          `Cannot load the demo data: a user ${login} already exists (${clash.username} <${clash.email}>). ` +
            "Seed an empty database, or remove that user first.",
        );
      }
    }
  }
}

function explain(err: unknown): string {
  if (err instanceof ServiceError) {
    // A specific message says it all; a form's generic "check the highlighted fields" means
    // nothing in a terminal, so then the field errors say what to fix.
    if (!err.message.startsWith("Check the") || !err.fieldErrors) return err.message;
    return Object.entries(err.fieldErrors)
      .map(([field, messages]) => `${field === "_" ? "" : `${field}: `}${messages.join(" ")}`)
      .join("; ");
  }
  if (err instanceof DataDirLockedError || err instanceof UsageError) return err.message;
  if ((err as { code?: string })?.code === "ECONNREFUSED")
    return "Cannot reach the database at DATABASE_URL (connection refused).";
  return err instanceof Error ? err.message : String(err);
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects (unknown command, missing
      // argument, bad choice, a group without its subcommand) is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}

export const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  openDb: () => openDb(),
};
