import type { StoreDriver } from './driver.js';

export interface RateLimit {
  /** Questions allowed in any window of `windowMs`. */
  max: number;
  windowMs: number;
}

/**
 * One step of a sliding-window log: the hits still inside the window, plus `nowMs` when it is allowed.
 * `waitMs` is 0 when allowed, else how long until the oldest hit in the window leaves it.
 */
export function slideWindow(hits: readonly number[], nowMs: number, { max, windowMs }: RateLimit): { waitMs: number; hits: number[] } {
  const recent = hits.filter((t) => nowMs - t < windowMs);
  if (recent.length >= max) return { waitMs: windowMs - (nowMs - recent[recent.length - max]!), hits: recent };
  return { waitMs: 0, hits: [...recent, nowMs] };
}

/** Every this many allowed questions, a process deletes the rows of users whose every hit has left the window. */
const PRUNE_EVERY = 200;

export interface SharedRateLimiter {
  /** 0 when allowed (and recorded); otherwise the milliseconds until the next question is allowed. */
  take(userKey: string, nowMs?: number): Promise<number>;
}

/**
 * A per-user limit that every process on the database enforces together: a user's hits are one row, read and
 * written in one transaction under a lock on that user alone (SQLite: the file's write lock), so two replicas
 * checking the same user at once take turns and never both let the question over the limit through.
 * `scope` keeps platforms apart; `userKey` is already a salted hash, never the platform's id. When the database
 * fails, the question is allowed and `onError` told.
 */
export function createSharedRateLimiter(
  driver: StoreDriver,
  scope: string,
  limit: RateLimit,
  onError: (err: unknown) => void = () => {},
): SharedRateLimiter {
  const { db } = driver;
  let allowed = 0;
  async function prune(nowMs: number): Promise<void> {
    await db
      .deleteFrom('rate_limits')
      .where('scope', '=', scope)
      .where('last_at', '<=', nowMs - limit.windowMs)
      .execute();
  }
  return {
    async take(userKey, nowMs = Date.now()) {
      // Volatile: hits lost to a power cut only let a user ask a few more questions.
      const waitMs = await driver
        .volatileTransaction(async (trx) => {
          await driver.lockKey(trx, `rate:${scope}:${userKey}`);
          const row = await trx
            .selectFrom('rate_limits')
            .select('hits')
            .where('scope', '=', scope)
            .where('user_key', '=', userKey)
            .executeTakeFirst();
          const slid = slideWindow(row?.hits ? row.hits.split(',').map(Number) : [], nowMs, limit);
          // A refusal is not recorded: the row stays as it was.
          if (slid.waitMs > 0) return slid.waitMs;
          const hits = slid.hits.join(',');
          await trx
            .insertInto('rate_limits')
            .values({ scope, user_key: userKey, hits, last_at: nowMs })
            .onConflict((oc) => oc.columns(['scope', 'user_key']).doUpdateSet({ hits, last_at: nowMs }))
            .execute();
          return 0;
        })
        // The knowledge is in memory: with the database out of reach the bot still answers, unlimited until it is back.
        .catch((err: unknown) => (onError(err), 0));
      // Pruning is housekeeping: a failure leaves rows that the next prune deletes, and the answer stands.
      if (waitMs === 0 && ++allowed % PRUNE_EVERY === 0) await prune(nowMs).catch(() => {});
      return waitMs;
    },
  };
}
