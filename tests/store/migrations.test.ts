import { afterEach, describe, expect, it } from 'vitest';
import { createDriver, migrateToLatest, openStore } from '../../src/store/index.js';
import { backends, titleOf, type TestDatabase } from './backends.js';
import { startFixture } from './processes.js';

const actor = { platform: 'cli' as const, userId: 'm1', displayName: 'Moderator' };

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'migrations'), () => {
    let db: TestDatabase | null = null;
    afterEach(async () => {
      await db?.remove();
      db = null;
    });

    it('create every table on an empty database, and do nothing the second time', async () => {
      db = await backend.fresh();
      const driver = await createDriver(db.options);
      try {
        expect(await migrateToLatest(driver.db, driver.dialect)).toEqual(['0001-initial', '0002-rate-limits']);
        expect(await migrateToLatest(driver.db, driver.dialect)).toEqual([]);
        const tables = (await driver.db.introspection.getTables()).map((t) => t.name).sort();
        expect(tables).toEqual(['audit', 'feedback', 'rate_limits', 'settings', 'subscriptions', 'updates', 'vote_keys']);
      } finally {
        await driver.close();
      }
    });

    it('keep what was stored when the store is opened again', async () => {
      db = await backend.fresh();
      const first = await openStore(db.options);
      const added = await first.updates.append({ kind: 'add-source', payload: { title: 'Kept' }, actor });
      await first.close();
      const again = await openStore(db.options);
      try {
        expect(added.ok).toBe(true);
        expect((await again.updates.readAll()).map((u) => u.payload.title)).toEqual(['Kept']);
      } finally {
        await again.close();
      }
    });

    it('run once when several processes start on an empty database at the same moment', async () => {
      db = await backend.fresh();
      const env = { STORE_OPTIONS: JSON.stringify(db.options) };
      const writers = [1, 2, 3].map(() => startFixture('tests/store/fixtures/writer.ts', ['1'], env));
      const codes = await Promise.all(writers.map((w) => w.exited));
      const store = await openStore(db.options);
      try {
        expect(codes).toEqual([0, 0, 0]);
        expect(await store.updates.readAll()).toHaveLength(3);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
}
