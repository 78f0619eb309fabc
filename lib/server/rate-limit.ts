// Failed-authentication rate limit per client IP: more than AUTH_FAILURE_LIMIT failures in a
// minute (default 60) and further failures answer 429 with Retry-After. Only failures count, so
// requests with valid credentials are never slowed. Per instance, in memory.
import "server-only";

interface Window {
  count: number;
  resetAt: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: () => number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failure; returns the seconds to wait when the IP is over the limit, else null. */
  fail(ip: string): number | null {
    const now = this.now();
    let w = this.windows.get(ip);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 100_000) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(ip, w);
    }
    w.count++;
    return w.count > this.limit() ? Math.max(1, Math.ceil((w.resetAt - now) / 1000)) : null;
  }

  private sweep(now: number) {
    for (const [ip, w] of this.windows) if (w.resetAt <= now) this.windows.delete(ip);
  }
}

const g = globalThis as unknown as { __stewardAuthLimiter?: FailureLimiter };
g.__stewardAuthLimiter ??= new FailureLimiter(() => Number(process.env.AUTH_FAILURE_LIMIT ?? 60));
export const authFailureLimiter: FailureLimiter = g.__stewardAuthLimiter;
