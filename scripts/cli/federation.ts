// The CLI's identity federation: `issuer` commands (an org's JWT issuers and its access-token
// lifetime) and `sa create --issuer U --subject S` (a federated team service account).
import type { Command } from "commander";
import type { Ctx } from "@/lib/context";
import { subjectWarnings } from "@/lib/federation/bindings";
import {
  addJwtIssuer,
  getAccessTokenLifetime,
  type JwtIssuer,
  listJwtIssuers,
  refreshJwtIssuer,
  removeJwtIssuer,
  setAccessTokenLifetime,
} from "@/lib/federation/issuers";
import { createServiceAccount } from "@/lib/service-accounts/service";
import type { ActionFn, CliIo, Outcome, Run } from "./program";
import { UsageError } from "./usage";

function issuerJson(i: JwtIssuer) {
  return {
    url: i.url,
    audience: i.audience,
    discoveryUrl: i.discoveryUrl,
    jwksUri: i.jwksUri,
    keyIds: i.keys.map((k) => k.kid),
    keys: i.keys,
    discoveredAt: i.discoveredAt,
    boundServiceAccounts: i.boundServiceAccounts,
    createdBy: i.createdBy,
    createdAt: i.createdAt,
  };
}

const keyList = (i: JwtIssuer) => i.keys.map((k) => k.kid ?? `(no kid, ${k.kty})`).join(", ");

/** "90s", "30m", "1h", "12h" or a number of seconds -> seconds. */
export function parseLifetime(value: string): number {
  const m = /^(\d{1,6})\s*(s|m|h)?$/.exec(value.trim());
  if (!m) throw new UsageError(`Unknown lifetime "${value}": use minutes or hours, like 30m, 1h or 12h.`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[(m[2] ?? "s") as "s" | "m" | "h"];
}

export function describeLifetime(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** commander keeps a command's action private; `sa create` is extended, not redefined. */
function actionOf(command: Command): (args: unknown[]) => unknown {
  const handler = (command as unknown as { _actionHandler?: (args: unknown[]) => unknown })._actionHandler;
  if (typeof handler !== "function")
    throw new Error(`steward CLI: ${command.name()} has no action to extend`);
  return handler;
}

export function registerFederationCommands(program: Command, run: Run, io: CliIo) {
  const issuer = program
    .command("issuer")
    .description("JWT issuers an organization trusts for federated service accounts (enterprise)");
  issuer
    .command("add <org>")
    .description("register a JWT issuer (discovers its jwks_uri and keys)")
    .requiredOption("--url <url>", "issuer URL, exactly as its JWTs' iss claim")
    .option("--audience <aud>", "the aud its JWTs must carry (default: the org slug)")
    .action(
      run(async (ctx, org: string, opts: { url: string; audience?: string }) => {
        const i = await addJwtIssuer(ctx, org, { url: opts.url, audience: opts.audience });
        return {
          human: `Added JWT issuer ${i.url} to ${org} (audience ${i.audience}; jwks_uri ${i.jwksUri}; keys: ${keyList(i)}).`,
          json: { org, issuer: issuerJson(i) },
        };
      }),
    );
  issuer
    .command("list <org>")
    .description("list an organization's JWT issuers")
    .action(
      run(async (ctx, org: string) => {
        const list = await listJwtIssuers(ctx, org);
        const human = list.length
          ? list
              .map(
                (i) =>
                  `${i.url}\taudience=${i.audience}\t${i.jwksUri}\tkeys=${keyList(i)}\t${i.boundServiceAccounts} service account(s)`,
              )
              .join("\n")
          : `${org} has no JWT issuers.`;
        return { human, json: { org, issuers: list.map(issuerJson) } };
      }),
    );
  issuer
    .command("refresh <org>")
    .description("discover an issuer again (new jwks_uri or rotated keys)")
    .requiredOption("--url <url>", "the registered issuer URL")
    .action(
      run(async (ctx, org: string, opts: { url: string }) => {
        const i = await refreshJwtIssuer(ctx, org, opts.url);
        return {
          human: `Refreshed ${i.url}: jwks_uri ${i.jwksUri}; keys: ${keyList(i)}.`,
          json: { org, issuer: issuerJson(i) },
        };
      }),
    );
  issuer
    .command("remove <org>")
    .description("remove an issuer: its service accounts' exchanges and access tokens stop working at once")
    .requiredOption("--url <url>", "the registered issuer URL")
    .action(
      run(async (ctx, org: string, opts: { url: string }) => {
        const { issuer: i, stoppedServiceAccounts: stopped } = await removeJwtIssuer(ctx, org, opts.url);
        const effect = stopped.length
          ? ` ${stopped.length} service account(s) bound to it stopped working: ${stopped.join(", ")}.`
          : "";
        return {
          human: `Removed JWT issuer ${i.url} from ${org}.${effect}`,
          json: { org, url: i.url, removed: true, stoppedServiceAccounts: stopped },
        };
      }),
    );
  issuer
    .command("token-lifetime <org> [lifetime]")
    .description("show or set the access-token lifetime (5m to 12h; default 1h)")
    .action(
      run(async (ctx, org: string, lifetime: string | undefined) => {
        const seconds =
          lifetime === undefined
            ? await getAccessTokenLifetime(ctx, org)
            : await setAccessTokenLifetime(ctx, org, parseLifetime(lifetime));
        return {
          human: `Access tokens of ${org} live ${describeLifetime(seconds)}.`,
          json: { org, accessTokenLifetimeSeconds: seconds },
        };
      }),
    );

  extendServiceAccountCreate(program, run, io);
}

/** `sa create --team T <name> --issuer U --subject S`: the federated branch of `sa create`. */
function extendServiceAccountCreate(program: Command, run: Run, io: CliIo) {
  const create = program.commands.find((c) => c.name() === "sa")?.commands.find((c) => c.name() === "create");
  if (!create) throw new Error("steward CLI: register the credential commands before the federation ones");
  const builtIn = actionOf(create);
  create
    .option("--issuer <url>", "federated (with --team): a JWT issuer registered for the team's org")
    .option("--subject <sub>", "federated: the exact sub claim of the workload's JWTs (stored as given)");

  type Opts = {
    org?: string;
    defaultTeam?: string;
    team?: string;
    description?: string;
    withKey?: boolean;
    issuer?: string;
    subject?: string;
  };
  const federated: ActionFn = run(async (ctx: Ctx, name: string, opts: Opts) => {
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
    if (!program.opts().json) for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    const outcome: Outcome = {
      human: `Created federated team service account ${s.teamName}/${s.name} (issuer ${opts.issuer}, subject ${JSON.stringify(opts.subject)}).`,
      json: {
        serviceAccount: {
          path: `${s.teamName}/${s.name}`,
          name: s.name,
          team: s.teamName,
          org: s.orgSlug,
          scope: s.scope,
          authMethod: s.authMethod,
          status: s.status,
          createdBy: s.createdBy,
          createdAt: s.createdAt,
          lastUsedAt: s.lastUsedAt,
        },
        federation: { issuer: opts.issuer, subject: opts.subject },
        warnings,
      },
    };
    return outcome;
  });

  create.action(async (...args: unknown[]) => {
    const opts = args[args.length - 2] as Opts;
    if (opts.issuer !== undefined || opts.subject !== undefined) return federated(...args);
    await builtIn(args.slice(0, -2));
  });
}
