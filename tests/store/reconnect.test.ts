import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { backends, storesPerTest, titleOf } from './backends.js';

const postgres = backends.find((b) => b.name === 'PostgreSQL')!;
const actor = { platform: 'cli' as const, userId: 'm1', displayName: 'Moderator' };

describe.skipIf(postgres.skip)(titleOf(postgres, 'a follower whose connection is cut'), () => {
  const { store, database } = storesPerTest(postgres);

  it('catches up by seq on what was accepted while it was not listening', async () => {
    const db = await database();
    const follower = await store();
    const titles: string[] = [];
    let arrived: () => void = () => {};
    const both = new Promise<void>((resolve) => (arrived = resolve));
    const following = follower.updates.follow(0, (records) => {
      titles.push(...records.map((r) => String(r.payload.title)));
      if (titles.length === 2) arrived();
    });
    await following.ready;

    const writer = await store();
    await writer.updates.append({ kind: 'add-source', payload: { title: 'Before the cut' }, actor });
    // Every other connection to the database is cut, the follower's LISTEN among them, as a server restart would.
    const admin = new pg.Client({ connectionString: db.options.databaseUrl });
    await admin.connect();
    const cut = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    // Written at once, on a new connection, before the follower can have listened again.
    await admin.query(
      `insert into updates (seq, id, kind, payload, actor_platform, actor_id, actor_name, created_at) values (99, 'u99', 'add-source', '{"title":"During the cut"}', 'cli', 'm1', 'Moderator', '2026-01-01T00:00:00.000Z')`,
    );
    await admin.end();
    await both;
    following.close();
    expect(cut.rowCount).toBeGreaterThan(0);
    expect(titles).toEqual(['Before the cut', 'During the cut']);
  }, 30_000);
});
