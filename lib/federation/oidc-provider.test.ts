// The proof with a real OpenID provider: `oidc-provider` on loopback issues a JWT access token by
// client credentials with a resource indicator (so `aud` is an absolute URI, registered as the
// issuer's audience); the workload exchanges it at /oidc/token and logs a run through GraphQL.
import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");

const { POST: tokenEndpoint } = await import("@/app/oidc/token/route");
const { POST: graphql } = await import("@/app/graphql/route");
const { getDbHandle } = await import("@/lib/db/client");
const { projects, runs, teams } = await import("@/lib/db/schema");
const { createOrganization } = await import("@/lib/orgs/service");
const { createTeam } = await import("@/lib/teams/service");
const { createServiceAccount } = await import("@/lib/service-accounts/service");
const { addJwtIssuer } = await import("./issuers");
const { PEER_HEADER } = await import("@/lib/server/client-ip");

const AUDIENCE = "https://steward.test/orgs/acme";
const CLIENT_ID = "ci-runner";
const CLIENT_SECRET = "a-long-enough-client-secret-for-tests-0123456789";

let issuer: string;
let stop: () => Promise<void>;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

beforeAll(async () => {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "oidc-provider-key", alg: "RS256", use: "sig" };
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: [jwk] },
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: "",
          audience: resource,
          accessTokenTTL: 300,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
  });
  const server = provider.listen(port, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  stop = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });

  const { db } = await getDbHandle();
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  await createOrganization(ctx, { slug: "acme", plan: "enterprise" });
  await createTeam(ctx, "acme", "ml-platform");
  await addJwtIssuer(ctx, "acme", { url: issuer, audience: AUDIENCE });
  // client-credentials tokens carry the client ID as their subject
  await createServiceAccount(ctx, {
    scope: "team",
    team: "ml-platform",
    name: "oidc-ci",
    federated: { issuerUrl: issuer, subject: CLIENT_ID },
  });
});
afterAll(async () => {
  await stop?.();
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

it("exchanges an oidc-provider JWT and logs a run with the access token", async () => {
  // 1. The workload gets a JWT from its identity provider.
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  const idpResponse = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", resource: AUDIENCE }).toString(),
  });
  const idpBody = await idpResponse.json();
  expect(idpResponse.status, JSON.stringify(idpBody)).toBe(200);
  const jwt = idpBody.access_token as string;
  const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString());
  expect(claims).toMatchObject({ iss: issuer, aud: AUDIENCE, sub: CLIENT_ID });

  // 2. It exchanges the JWT for a Steward access token.
  const exchanged = await tokenEndpoint(
    new Request("http://localhost/oidc/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", [PEER_HEADER]: "10.5.0.1" },
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: jwt,
      }).toString(),
    }),
    { params: Promise.resolve({}) },
  );
  const tokens = await exchanged.json();
  expect(exchanged.status, JSON.stringify(tokens)).toBe(200);
  expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600 });

  // 3. It logs a run through GraphQL with the access token, as the W&B SDK would.
  const res = await graphql(
    new Request("http://localhost/graphql", {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        "content-type": "application/json",
        [PEER_HEADER]: "10.5.0.1",
      },
      body: JSON.stringify({
        query: `mutation UpsertBucket($input: UpsertBucketInput!) {
          upsertBucket(input: $input) { bucket { name displayName } inserted }
        }`,
        variables: {
          input: {
            name: "oidc-run-1",
            modelName: "oidc-proof",
            displayName: "logged by a federated identity",
          },
        },
      }),
    }),
    { params: Promise.resolve({}) },
  );
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.data.upsertBucket.inserted).toBe(true);

  const { db } = await getDbHandle();
  const stored = await db
    .select({ run: runs.name, displayName: runs.displayName, project: projects.name, team: teams.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(eq(runs.name, "oidc-run-1"));
  expect(stored).toEqual([
    {
      run: "oidc-run-1",
      displayName: "logged by a federated identity",
      project: "oidc-proof",
      team: "ml-platform",
    },
  ]);

  // The same JWT cannot be exchanged twice.
  const replay = await tokenEndpoint(
    new Request("http://localhost/oidc/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", [PEER_HEADER]: "10.5.0.1" },
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: jwt,
      }).toString(),
    }),
    { params: Promise.resolve({}) },
  );
  expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
});
