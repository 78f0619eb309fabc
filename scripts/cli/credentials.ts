// The CLI's `sa` and `key` commands: service accounts (built-in or federated) and API keys, through
// the same services as the dashboard. A key's plaintext is printed once, by `key create` (or `sa create --with-key`).
import { type Command, Option } from "commander";
import { parseExpiry } from "@/lib/api-keys/expiry";
import {
  type ApiKeySummary,
  type CreatedKey,
  createApiKey,
  listAllApiKeys,
  listApiKeys,
  revokeApiKey,
} from "@/lib/api-keys/service";
import type { Ctx } from "@/lib/context";
import { subjectWarnings } from "@/lib/federation/bindings";
import { listOrganizations } from "@/lib/orgs/service";
import {
  createServiceAccount,
  deleteServiceAccount,
  getServiceAccount,
  listOrgServiceAccounts,
  listTeamServiceAccounts,
  type ServiceAccount,
  setServiceAccountStatus,
} from "@/lib/service-accounts/service";
import { requireUserByLogin } from "@/lib/users/service";
import type { Outcome, Run } from "./program";
import { UsageError } from "./usage";

type SplitPath = (value: string, what: string) => [string, string];

function saJson(sa: ServiceAccount) {
  return {
    path: `${sa.teamName}/${sa.name}`,
    name: sa.name,
    team: sa.teamName,
    org: sa.orgSlug,
    scope: sa.scope,
    authMethod: sa.authMethod,
    status: sa.status,
    createdBy: sa.createdBy,
    createdAt: sa.createdAt,
    lastUsedAt: sa.lastUsedAt,
  };
}

function keyJson(k: CreatedKey) {
  return { key: k.key, keyId: k.keyId, name: k.name, owner: k.owner, expiresAt: k.expiresAt };
}

function keySummaryJson(k: ApiKeySummary) {
  return {
    keyId: k.keyId,
    name: k.name,
    owner: k.owner,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
  };
}

function expiryOption(value: string | undefined): Date | null {
  const parsed = parseExpiry(value);
  if (parsed && "error" in parsed) throw new UsageError(parsed.error);
  return parsed;
}

interface CreateOptions {
  org?: string;
  defaultTeam?: string;
  team?: string;
  description?: string;
  withKey?: boolean;
  issuer?: string;
  subject?: string;
}

/** `sa create --team T <name> --issuer U --subject S`: a federated team service account, no keys. */
async function createFederated(
  ctx: Ctx,
  name: string,
  opts: CreateOptions,
  program: Command,
): Promise<Outcome> {
  if (!opts.team || opts.org || opts.defaultTeam) {
    throw new UsageError("A federated service account is team-scoped: give --team <team>, not --org.");
  }
  if (opts.withKey) throw new UsageError("A federated service account owns no API keys: drop --with-key.");
  if (opts.issuer === undefined || opts.subject === undefined) {
    throw new UsageError("A federated service account needs both --issuer <url> and --subject <sub>.");
  }
  const warnings = subjectWarnings(opts.subject);
  const { serviceAccount: s } = await createServiceAccount(ctx, {
    scope: "team",
    team: opts.team,
    name,
    description: opts.description,
    federated: { issuerUrl: opts.issuer, subject: opts.subject },
  });
  // With --json the warnings travel in the object; otherwise on stderr, beside the human line.
  if (!program.opts().json) {
    const writeErr = program.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
    for (const warning of warnings) writeErr(`warning: ${warning}\n`);
  }
  return {
    human: `Created federated team service account ${s.teamName}/${s.name} (issuer ${opts.issuer}, subject ${JSON.stringify(opts.subject)}).`,
    json: { serviceAccount: saJson(s), federation: { issuer: opts.issuer, subject: opts.subject }, warnings },
  };
}

export function registerCredentialCommands(program: Command, run: Run, splitPath: SplitPath) {
  const sa = program
    .command("sa")
    .description("service accounts (named <team>/<name>: their default or parent team)");
  sa.command("create <name>")
    .description(
      "create an org-scoped (--org + --default-team) or team-scoped (--team) service account; " +
        "team-scoped ones may be federated (--issuer + --subject) instead of owning API keys",
    )
    .option("--org <org>", "organization of an org-scoped service account")
    .option("--default-team <team>", "its default team (with --org)")
    .option("--team <team>", "parent team of a team-scoped service account")
    .option("--description <text>", "what it is for")
    .option("--with-key", "also create its first API key and print it (shown once)")
    .option("--issuer <url>", "federated (with --team): a JWT issuer registered for the team's org")
    .option("--subject <sub>", "federated: the exact sub claim of the workload's JWTs (stored as given)")
    .action(
      run(async (ctx, name: string, opts: CreateOptions) => {
        if (opts.issuer !== undefined || opts.subject !== undefined) {
          return createFederated(ctx, name, opts, program);
        }
        if (opts.team ? opts.org || opts.defaultTeam : !(opts.org && opts.defaultTeam)) {
          throw new UsageError("Give either --org <org> --default-team <team>, or --team <team>.");
        }
        const created = await createServiceAccount(
          ctx,
          opts.team
            ? { scope: "team", team: opts.team, name, description: opts.description, withKey: opts.withKey }
            : {
                scope: "org",
                org: opts.org!,
                defaultTeam: opts.defaultTeam!,
                name,
                description: opts.description,
                withKey: opts.withKey,
              },
        );
        const s = created.serviceAccount;
        const line = `Created ${s.scope === "org" ? "org" : "team"} service account ${s.teamName}/${s.name}.`;
        return {
          human: created.key ? `${line}\nAPI key (shown once): ${created.key.key}` : line,
          json: { serviceAccount: saJson(s), ...(created.key ? { key: keyJson(created.key) } : {}) },
        };
      }),
    );
  sa.command("list")
    .description("list service accounts (all, or of one org or team)")
    .option("--org <org>", "every service account of this org, org- and team-scoped")
    .option("--team <team>", "this team's own and the org ones whose default team it is")
    .action(
      run(async (ctx, opts: { org?: string; team?: string }) => {
        if (opts.org && opts.team) throw new UsageError("Give --org or --team, not both.");
        const all = { limit: 10_000 };
        const list = opts.team
          ? await listTeamServiceAccounts(ctx, opts.team, all)
          : opts.org
            ? await listOrgServiceAccounts(ctx, opts.org, all)
            : (
                await Promise.all(
                  (await listOrganizations(ctx)).map((o) => listOrgServiceAccounts(ctx, o.slug, all)),
                )
              ).flat();
        const human = list.length
          ? list
              .map(
                (s) => `${s.teamName}/${s.name}\t${s.scope}\t${s.status}\t${s.activeKeyCount} active key(s)`,
              )
              .join("\n")
          : "No service accounts.";
        return {
          human,
          json: { serviceAccounts: list.map((s) => ({ ...saJson(s), activeKeys: s.activeKeyCount })) },
        };
      }),
    );
  const lifecycle: Array<
    [string, string, (ctx: Ctx, team: string, name: string) => Promise<ServiceAccount>]
  > = [
    [
      "deactivate",
      "stop its keys and tokens from working, at once",
      (c, t, n) => setServiceAccountStatus(c, t, n, "deactivated"),
    ],
    [
      "reactivate",
      "let its keys and tokens work again",
      (c, t, n) => setServiceAccountStatus(c, t, n, "active"),
    ],
    ["delete", "revoke everything and delete it (its runs and traces stay)", deleteServiceAccount],
  ];
  for (const [verb, description, fn] of lifecycle) {
    sa.command(`${verb} <team/name>`)
      .description(description)
      .action(
        run(async (ctx, path: string) => {
          const [team, name] = splitPath(path, "The service account");
          const s = await fn(ctx, team, name);
          return { human: `Service account ${path} is ${s.status}.`, json: { serviceAccount: saJson(s) } };
        }),
      );
  }

  const key = program.command("key").description("API keys of users and service accounts");
  key
    .command("create")
    .description("create an API key; prints the key alone (shown once)")
    .option("--user <username>", "a personal key of this user")
    .option("--service-account <team/name>", "a key of this service account")
    .option("--name <name>", "what the key is for", "cli")
    .addOption(
      new Option(
        "--expires-in <lifetime>",
        "never, a number of days (30d) or hours (12h), or a date (2027-01-31)",
      ).default("never"),
    )
    .action(
      run(async (ctx, opts: { user?: string; serviceAccount?: string; name: string; expiresIn: string }) => {
        const owner = await keyOwner(ctx, opts, splitPath);
        const created = await createApiKey(ctx, {
          owner,
          name: opts.name,
          expiresAt: expiryOption(opts.expiresIn),
        });
        return { human: created.key, json: keyJson(created) };
      }),
    );
  key
    .command("list")
    .description("list API keys (all, or of one user or service account)")
    .option("--user <username>", "personal keys of this user")
    .option("--service-account <team/name>", "keys of this service account")
    .action(
      run(async (ctx, opts: { user?: string; serviceAccount?: string }) => {
        const keys =
          opts.user || opts.serviceAccount
            ? await listApiKeys(ctx, await keyOwner(ctx, opts, splitPath))
            : await listAllApiKeys(ctx);
        const human = keys.length
          ? keys.map((k) => `${k.keyId}\t${k.status}\t${k.owner}\t${k.name}`).join("\n")
          : "No API keys.";
        return { human, json: { keys: keys.map(keySummaryJson) } };
      }),
    );
  key
    .command("revoke <keyId>")
    .description("revoke a key by its key ID (e.g. stw_sa-AbCdEf123456); takes effect on the next request")
    .action(
      run(async (ctx, keyId: string) => {
        const r = await revokeApiKey(ctx, keyId);
        return { human: `Revoked ${r.keyId}.`, json: { keyId: r.keyId, revokedAt: r.revokedAt } };
      }),
    );
}

async function keyOwner(ctx: Ctx, opts: { user?: string; serviceAccount?: string }, splitPath: SplitPath) {
  if (Boolean(opts.user) === Boolean(opts.serviceAccount)) {
    throw new UsageError("Name exactly one owner: --user <username> or --service-account <team>/<name>.");
  }
  if (opts.user) {
    const user = await requireUserByLogin(ctx.db, opts.user);
    return { kind: "user" as const, userId: user.id, username: user.username };
  }
  const [team, name] = splitPath(opts.serviceAccount!, "The service account");
  return { kind: "service_account" as const, serviceAccount: await getServiceAccount(ctx, team, name) };
}
