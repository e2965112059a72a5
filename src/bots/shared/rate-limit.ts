/**
 * Per-user sliding-window limit: at most `max` questions in `windowMs`.
 * `take` records the attempt only when it is allowed, so a user who waits is served again.
 */
export interface RateLimiter {
  /** 0 when allowed; otherwise the milliseconds until the next question is allowed. */
  take(userKey: string, nowMs?: number): number;
}

export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    take(userKey, nowMs = Date.now()) {
      const recent = (hits.get(userKey) ?? []).filter((t) => nowMs - t < windowMs);
      if (recent.length >= max) {
        hits.set(userKey, recent);
        return windowMs - (nowMs - recent[0]!);
      }
      recent.push(nowMs);
      hits.set(userKey, recent);
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.every((t) => nowMs - t >= windowMs)) hits.delete(k);
      return 0;
    },
  };
}
