import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type StoredUpdate } from '../../src/store/index.js';
import { backends, storesPerTest, titleOf } from './backends.js';

const moderator = { platform: 'telegram' as const, userId: '42', displayName: 'Aida' };
const source = (title: string) => ({
  kind: 'add-source' as const,
  payload: { id: title.toLowerCase().replace(/ /g, '-'), title },
  actor: moderator,
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'the update log'), () => {
    const { store } = storesPerTest(backend, { now: () => new Date('2026-03-01T10:00:00Z') });

    it('acknowledges an update with the ids and time it was given, and reads it back as written', async () => {
      const s = await store();
      const result = await s.updates.append(({ id }) => ({
        kind: 'add-fact',
        payload: { id: `fact-${id}`, value: 970 },
        actor: moderator,
      }));
      expect(result).toEqual({
        ok: true,
        record: {
          seq: 1,
          id: 'u1',
          kind: 'add-fact',
          payload: { id: 'fact-u1', value: 970 },
          actor: moderator,
          at: '2026-03-01T10:00:00.000Z',
        },
      });
      expect(await s.updates.readAll()).toEqual([result.ok && result.record]);
      expect(await s.updates.get('u1')).toEqual(result.ok && result.record);
      expect(await s.updates.lastSeq()).toBe(1);
    });

    it('keeps a retraction as an update of its own, with its reason and target', async () => {
      const s = await store();
      await s.updates.append(source('Wrong report'));
      const retraction = await s.updates.append({
        kind: 'retract',
        payload: { targetId: 'wrong-report' },
        actor: moderator,
        reason: 'misquoted',
      });
      expect(retraction.ok && retraction.record).toMatchObject({ id: 'u2', kind: 'retract', reason: 'misquoted', target: 'wrong-report' });
      expect((await s.updates.readAll()).map((u) => u.kind)).toEqual(['add-source', 'retract']);
    });

    it('writes nothing when validation refuses, and says why', async () => {
      const s = await store();
      const result = await s.updates.append(source('Duplicate'), () => 'a source with id "duplicate" already exists');
      expect(result).toEqual({ ok: false, refused: true, error: 'a source with id "duplicate" already exists' });
      expect(await s.updates.readAll()).toEqual([]);
    });

    it("hands validation the updates another process accepted since the caller's state", async () => {
      const mine = await store();
      const theirs = await store();
      await mine.updates.append(source('First'));
      await theirs.updates.append(source('Second'));
      let handed: StoredUpdate[] = [];
      const result = await mine.updates.append(
        source('Third'),
        (_update, newer) => {
          handed = newer;
        },
        { after: 1 },
      );
      expect(result.ok).toBe(true);
      expect(handed.map((u) => u.payload.title)).toEqual(['Second']);
    });

    it('says why when the write itself fails, and acknowledges nothing', async () => {
      const s = await store();
      await s.updates.append(source('Taken'));
      // A check that breaks (as a lost connection would) is a failed write, not a refusal of the update.
      const result = await s.updates.append(source('Other'), async () => {
        throw new Error('the knowledge could not be checked');
      });
      expect(result).toEqual({ ok: false, refused: false, error: 'the update was not saved: the knowledge could not be checked' });
      expect((await s.updates.readAll()).map((u) => u.payload.title)).toEqual(['Taken']);
    });

    it('delivers to a follower what was there, then what this and other connections append', async () => {
      const s = await store();
      const other = await store();
      await s.updates.append(source('Before'));
      const delivered: string[] = [];
      let arrived: () => void = () => {};
      const follower = s.updates.follow(0, (records) => {
        delivered.push(...records.map((r) => String(r.payload.title)));
        if (delivered.length === 3) arrived();
      });
      const allThree = new Promise<void>((resolve) => (arrived = resolve));
      await follower.ready;
      await s.updates.append(source('Mine'));
      await other.updates.append(source('Theirs'));
      await allThree;
      follower.close();
      expect(delivered).toEqual(['Before', 'Mine', 'Theirs']);
    });

    it('reads 20,000 updates back in order with one query', async () => {
      // Written through the import, in one transaction: 20,000 separate durable commits would take minutes.
      const dir = mkdtempSync(join(tmpdir(), 'updates-'));
      const file = join(dir, 'updates.jsonl');
      const lines = Array.from({ length: 20_000 }, (_, i) =>
        JSON.stringify({
          id: `old-${i}`,
          kind: 'add-source',
          payload: { title: `Report ${i}` },
          actor: moderator,
          at: '2025-01-01T00:00:00.000Z',
        }),
      );
      writeFileSync(file, `${lines.join('\n')}\n`);
      try {
        const s = await store({ importFrom: file });
        const all = await s.updates.readAll();
        expect(all).toHaveLength(20_000);
        expect(all.filter((u, i) => u.id !== `old-${i}` || u.seq !== i + 1)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
}
