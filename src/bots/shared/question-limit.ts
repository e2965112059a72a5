import type { RateLimiter } from './rate-limit.js';

export type Verdict =
  { allowed: true } | { allowed: false; waitMs: number; /** The first refusal in this wait: say so once. */ tell: boolean };

/**
 * The question limit as users meet it: a user over the limit is told how long to wait on the first refusal
 * of a wait, and then not again until it ends, so the bot never becomes the flood it limits. Only questions
 * go through it: commands such as help or sources cost nothing.
 */
export function createQuestionLimit(limiter: RateLimiter) {
  const toldUntil = new Map<string, number>();
  return {
    async take(userKey: string, nowMs = Date.now()): Promise<Verdict> {
      const waitMs = await limiter.take(userKey, nowMs);
      if (waitMs === 0) return { allowed: true };
      const tell = (toldUntil.get(userKey) ?? 0) <= nowMs;
      if (tell) {
        if (toldUntil.size > 10_000) for (const [k, until] of toldUntil) if (until <= nowMs) toldUntil.delete(k);
        toldUntil.set(userKey, nowMs + waitMs);
      }
      return { allowed: false, waitMs, tell };
    },
  };
}

export type QuestionLimit = ReturnType<typeof createQuestionLimit>;
