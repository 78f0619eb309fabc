// Dashboard server render time: the org admin signs in through Auth.js's credentials flow (CSRF
// token, then the credentials callback that checks the password), then each page is fetched in
// full, one request at a time, and timed from request to the last byte of HTML.
import { BENCH_ADMIN, BENCH_ORG, serviceAccountName, teamName } from "./dataset";

export interface PageTiming {
  page: string;
  path: string;
  /** null when the page does not answer 200 (not built yet, say); `status` tells why. */
  p50: number | null;
  p95: number | null;
  status: number;
  samples: number;
}

/** The pages the issue names; the team and service account exist at every scale. */
export function dashboardPages(): { page: string; path: string }[] {
  const team = teamName(0);
  return [
    { page: "org service accounts", path: `/org/${BENCH_ORG}/service-accounts` },
    { page: "team service accounts", path: `/${team}/service-accounts` },
    { page: "service account access", path: `/${team}/service-accounts/${serviceAccountName(1)}/access` },
    { page: "audit log", path: `/org/${BENCH_ORG}/audit-log` },
  ];
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** A session cookie header for the bench org admin, by the real sign-in (password checked). */
export async function signIn(baseUrl: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({
      csrfToken,
      login: BENCH_ADMIN.login,
      password: BENCH_ADMIN.password,
      callbackUrl: `${baseUrl}/`,
    }),
  });
  const session = cookiesOf(res).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location")}`);
  return [...jar, session].join("; ");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function render(
  baseUrl: string,
  cookie: string,
  path: string,
): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

export interface Dashboard {
  url: string;
  cookie: string;
}

/**
 * A page on two servers at once (the tenth and the full dataset), rendered in turn: small, big,
 * big, small, and so on. On a shared VM the machine's speed drifts over minutes; measured one
 * dataset after the other, a drift of 30% read as cost growth. In turn, both see the same machine.
 */
export async function timePageOnBoth(
  small: Dashboard,
  big: Dashboard,
  page: { page: string; path: string },
  samples: number,
  warmup = 3,
): Promise<{ small: PageTiming; big: PageTiming }> {
  const times = { small: [] as number[], big: [] as number[] };
  const failed = { small: 0, big: 0 };
  for (let i = 0; i < warmup + samples; i++) {
    const order = i % 2 === 0 ? (["small", "big"] as const) : (["big", "small"] as const);
    for (const which of order) {
      const server = which === "small" ? small : big;
      const { ms, status } = await render(server.url, server.cookie, page.path);
      if (status !== 200) failed[which] = status;
      else if (i >= warmup) times[which].push(ms);
    }
    if (failed.small || failed.big) break;
  }
  const timing = (which: "small" | "big"): PageTiming => {
    if (failed[which]) return { ...page, p50: null, p95: null, status: failed[which], samples: 0 };
    const sorted = [...times[which]].sort((a, b) => a - b);
    return { ...page, p50: percentile(sorted, 50), p95: percentile(sorted, 95), status: 200, samples };
  };
  return { small: timing("small"), big: timing("big") };
}
