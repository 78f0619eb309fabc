// The CLI's identity federation: `issuer` commands (an org's JWT issuers and its access-token
// lifetime). Federated service accounts are created by `sa create --issuer U --subject S`
// (./credentials.ts).
import type { Command } from "commander";
import {
  addJwtIssuer,
  getAccessTokenLifetime,
  type JwtIssuer,
  listJwtIssuers,
  refreshJwtIssuer,
  removeJwtIssuer,
  setAccessTokenLifetime,
} from "@/lib/federation/issuers";
import type { Run } from "./program";
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

// `_io` is no longer needed (the federated `sa create` moved to ./credentials.ts); it goes with the
// argument in program.ts.
export function registerFederationCommands(program: Command, run: Run) {
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
}
