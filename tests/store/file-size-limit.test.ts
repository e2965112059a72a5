import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { backends, type TestDatabase } from './backends.js';
import { startFixture } from './processes.js';

const sqlite = backends.find((b) => b.name === 'SQLite')!;

// A file-size limit cuts the writes of the process that holds it; PostgreSQL's files are written by its server.
describe('a write cut short by a file-size limit on SQLite', () => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.remove();
    db = null;
  });

  it('is never acknowledged, says why, and leaves the database whole', async () => {
    db = await sqlite.fresh();
    await (await openStore(db.options)).close();
    // Room for some updates of 2 kB each beyond the file as it is (bash counts the limit in kB).
    const limitKb = Math.ceil(statSync(db.file!).size / 1024) + 128;
    const writer = startFixture(
      'tests/store/fixtures/writer.ts',
      ['500', '2000', '3'],
      { STORE_OPTIONS: JSON.stringify(db.options) },
      `ulimit -f ${limitKb}`,
    );
    expect(await writer.exited).toBe(0);
    const acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')[1]!);
    const failures = writer.lines.filter((l) => l.startsWith('fail '));

    expect(acked.length).toBeGreaterThan(0);
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(
      /^fail the update was not saved: the database file could not be written \(disk full or a file size limit\)/,
    );

    const raw = new Database(db.file!);
    const integrity = raw.pragma('integrity_check', { simple: true });
    raw.close();
    expect(integrity).toBe('ok');
    const store = await openStore(db.options);
    try {
      expect((await store.updates.readAll()).map((u) => u.id)).toEqual(acked);
      // Without the limit, writing goes on.
      const next = await store.updates.append({
        kind: 'add-source',
        payload: { title: 'After the limit' },
        actor: { platform: 'cli', userId: 'm', displayName: 'm' },
      });
      expect(next.ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
