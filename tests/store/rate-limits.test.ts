import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/bots/shared/rate-limit.js';
import { createDriver, openStore } from '../../src/store/index.js';
import { backends, storesPerTest, titleOf } from './backends.js';
import { startFixture } from './processes.js';

const WINDOW = 30_000;

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'the shared question limit'), () => {
    const { store, database } = storesPerTest(backend);

    it('gives the verdicts of the one-process limiter, step for step', async () => {
      const shared = (await store()).rateLimiter('telegram', { max: 2, windowMs: WINDOW });
      const local = createRateLimiter(2, WINDOW);
      // Two users, allowed, refused (and the refusal not counted), then served again as hits leave the window.
      const steps: Array<[string, number]> = [
        ['ann', 0],
        ['ann', 1_000],
        ['ann', 2_000],
        ['bob', 2_500],
        ['ann', 29_999],
        ['ann', 30_000],
        ['ann', 30_500],
        ['ann', 31_000],
        ['ann', 61_000],
      ];
      const verdicts = async (limiter: typeof local) => {
        const waits: number[] = [];
        for (const [user, at] of steps) waits.push(await limiter.take(user, at));
        return waits;
      };
      const waits = await verdicts(shared);
      expect(waits).toEqual([0, 0, 28_000, 0, 1, 0, 500, 0, 0]);
      expect(waits).toEqual(await verdicts(local));
    });

    it('is one limit for every connection on the database, kept apart per platform', async () => {
      const [a, b] = [await store(), await store()];
      const limit = { max: 3, windowMs: WINDOW };
      const onA = a.rateLimiter('telegram', limit);
      const onB = b.rateLimiter('telegram', limit);
      const waits = [await onA.take('ann', 0), await onB.take('ann', 10), await onA.take('ann', 20), await onB.take('ann', 30)];
      expect(waits).toEqual([0, 0, 0, WINDOW - 30]);
      // The same key on another platform is another user.
      expect(await b.rateLimiter('discord', limit).take('ann', 40)).toBe(0);
    });

    it('lets exactly the limit through when several processes ask for one user at once', async () => {
      const db = await database();
      // The schema exists before the takers start, so they contend on the limit, not on the first migration.
      await (await openStore(db.options)).close();
      const env = { STORE_OPTIONS: JSON.stringify(db.options) };
      const takers = [1, 2, 3, 4].map(() => startFixture('tests/store/fixtures/rate-taker.ts', ['15', '25', '600000', 'crowded'], env));
      await Promise.all(takers.map((t) => t.waitFor((l) => l.startsWith('ready'))));
      for (const t of takers) t.send('go');
      expect(await Promise.all(takers.map((t) => t.exited))).toEqual([0, 0, 0, 0]);

      const waits = takers.flatMap((t) => t.lines.filter((l) => l.startsWith('take ')).map((l) => Number(l.split(' ')[1])));
      expect(waits).toHaveLength(60);
      expect(waits.filter((w) => w === 0)).toHaveLength(25);
      // More than one process was let through: they really took turns on the one limit.
      const allowedBy = takers.map((t) => t.lines.filter((l) => l === 'take 0').length);
      expect(allowedBy.filter((n) => n > 0).length).toBeGreaterThan(1);
    }, 60_000);

    it('lets a question through, and says why, when the database fails', async () => {
      const s = await store();
      const failures: unknown[] = [];
      const limiter = s.rateLimiter('telegram', { max: 1, windowMs: WINDOW }, (err) => failures.push(err));
      expect(await limiter.take('ann', 0)).toBe(0);
      await s.close();
      expect([await limiter.take('ann', 1), await limiter.take('ann', 2)]).toEqual([0, 0]);
      expect(failures).toHaveLength(2);
    });

    it('keeps every other write durable: a volatile transaction relaxes nothing outside it', async () => {
      const driver = await createDriver((await database()).options);
      const durability = async (db: typeof driver.db) =>
        backend.name === 'SQLite'
          ? String((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!.synchronous)
          : (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db)).rows[0]!.synchronous_commit;
      try {
        const inside = await driver.volatileTransaction((trx) => durability(trx));
        // SQLite: 1 is NORMAL, 2 is FULL.
        expect([inside, await durability(driver.db)]).toEqual(backend.name === 'SQLite' ? ['1', '2'] : ['off', 'on']);
      } finally {
        await driver.close();
      }
    });

    it('forgets users whose every question has left the window', async () => {
      const s = await store();
      const limiter = s.rateLimiter('telegram', { max: 5, windowMs: WINDOW });
      // Enough users for a prune to come round: the last asks when every earlier user's window is over.
      for (let i = 0; i < 199; i++) await limiter.take(`user-${i}`, i);
      await limiter.take('late', WINDOW + 500);
      const driver = await createDriver((await database()).options);
      try {
        const rows = await driver.db.selectFrom('rate_limits').select(['user_key', 'hits']).execute();
        expect(rows).toEqual([{ user_key: 'late', hits: String(WINDOW + 500) }]);
      } finally {
        await driver.close();
      }
    });
  });
}
