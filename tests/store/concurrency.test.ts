import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { backends, titleOf, type TestDatabase } from './backends.js';
import { startFixture } from './processes.js';

const WRITERS = 4;
const EACH = 60;

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'concurrent writers'), () => {
    let db: TestDatabase | null = null;
    afterEach(async () => {
      await db?.remove();
      db = null;
    });

    it(`never share an update id or a fact id (${WRITERS} processes × ${EACH} updates)`, async () => {
      db = await backend.fresh();
      // The schema exists before the writers start, so they contend on appends, not on the first migration.
      await (await openStore(db.options)).close();
      const env = { STORE_OPTIONS: JSON.stringify(db.options) };
      const writers = Array.from({ length: WRITERS }, () =>
        startFixture('tests/store/fixtures/writer.ts', [String(EACH), '100', '1', '--wait', '--pace'], env),
      );
      await Promise.all(writers.map((w) => w.waitFor((l) => l.startsWith('ready'))));
      for (const w of writers) w.send('go');
      expect(await Promise.all(writers.map((w) => w.exited))).toEqual(writers.map(() => 0));

      const acks = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')));
      const store = await openStore(db.options);
      const stored = await store.updates.readAll();
      await store.close();
      expect(acks).toHaveLength(WRITERS * EACH);
      expect(new Set(acks.map((a) => a[1])).size).toBe(WRITERS * EACH);
      expect(new Set(acks.map((a) => a[2])).size).toBe(WRITERS * EACH);
      expect(stored.map((u) => u.id).sort()).toEqual(acks.map((a) => a[1]).sort());
      // The writers really interleaved: a run of one writer's updates was broken by another's at least once.
      const writerOf = stored.map((u) => u.payload.writer);
      expect(writerOf.filter((w, i) => i > 0 && w !== writerOf[i - 1]).length).toBeGreaterThan(WRITERS - 1);
    }, 120_000);
  });
}
