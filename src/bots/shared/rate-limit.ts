import { slideWindow } from '../../store/rate-limits.js';

/**
 * Per-user sliding-window limit: at most `max` questions in `windowMs`. `take` records the attempt only when it is
 * allowed, so a user who waits is served again. It is async because the limit the bots run with lives in the
 * store (`Store.rateLimiter`), shared by every process on the database; `createRateLimiter` is the one-process
 * version, for tests and anything that runs alone.
 */
export interface RateLimiter {
  /** 0 when allowed; otherwise the milliseconds until the next question is allowed. */
  take(userKey: string, nowMs?: number): Promise<number>;
}

/** The limit in this process's memory alone: every process that has one counts for itself. */
export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    async take(userKey, nowMs = Date.now()) {
      const slid = slideWindow(hits.get(userKey) ?? [], nowMs, { max, windowMs });
      hits.set(userKey, slid.hits);
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.every((t) => nowMs - t >= windowMs)) hits.delete(k);
      return slid.waitMs;
    },
  };
}
