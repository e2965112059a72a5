import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, parseUpdateLines, toJsonLines } from '../../src/store/index.js';
import { backends, titleOf, type TestDatabase } from './backends.js';

const actor = { platform: 'cli', userId: 'm1', displayName: 'Moderator' };
const legacy = [
  { id: 'ulx1-aaaa', kind: 'add-source', payload: { id: 'report-a', title: 'Report A' }, actor, at: '2025-04-01T08:00:00.000Z' },
  { id: 'ulx2-bbbb', kind: 'add-fact', payload: { id: 'length-report-a', value: 970 }, actor, at: '2025-04-01T08:01:00.000Z' },
  { id: 'ulx3-cccc', kind: 'retract', payload: { targetId: 'report-a' }, actor, at: '2025-04-02T08:00:00.000Z', reason: 'wrong date' },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'importing updates.jsonl and exporting'), () => {
    let db: TestDatabase | null = null;
    let dir = '';
    afterEach(async () => {
      await db?.remove();
      db = null;
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    const legacyFile = (text: string) => {
      dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
      const file = join(dir, 'updates.jsonl');
      writeFileSync(file, text);
      return file;
    };

    it('imports the old file once at first start, in order, then renames it', async () => {
      db = await backend.fresh();
      const file = legacyFile(legacy.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const store = await openStore({ ...db.options, importFrom: file });
      try {
        expect(store.imported).toEqual({ imported: 3, skipped: 0, problems: [], renamedTo: `${file}.imported` });
        expect(existsSync(file)).toBe(false);
        const stored = await store.updates.readAll();
        expect(stored.map((u) => [u.seq, u.id, u.kind, u.at])).toEqual(legacy.map((r, i) => [i + 1, r.id, r.kind, r.at]));
        expect(stored[2]).toMatchObject({ reason: 'wrong date', target: 'report-a' });
        // The next update's id is new, whatever the imported ones were.
        const next = await store.updates.append({
          kind: 'add-source',
          payload: { title: 'New' },
          actor: { platform: 'cli', userId: 'm1', displayName: 'Moderator' },
        });
        expect(next.ok && next.record.id).toBe('u4');
      } finally {
        await store.close();
      }
    });

    it('imports nothing twice when the same file comes back (a crash before the rename)', async () => {
      db = await backend.fresh();
      const text = legacy.map((r) => JSON.stringify(r)).join('\n') + '\n';
      const file = legacyFile(text);
      await (await openStore({ ...db.options, importFrom: file })).close();
      writeFileSync(file, text);
      const store = await openStore({ ...db.options, importFrom: file });
      try {
        expect(store.imported).toMatchObject({ imported: 0, skipped: 3 });
        // The first import's renamed file is kept: the second goes beside it.
        expect(store.imported?.renamedTo).toMatch(/updates\.jsonl\.imported-\d+$/);
        expect(existsSync(`${file}.imported`)).toBe(true);
        expect(await store.updates.readAll()).toHaveLength(3);
      } finally {
        await store.close();
      }
    });

    it('reports a malformed line and a torn last line by number, and imports the rest', async () => {
      db = await backend.fresh();
      const file = legacyFile(
        `${JSON.stringify(legacy[0])}\nnot json\n{"id":"x","kind":"rename"}\n${JSON.stringify(legacy[1])}\n{"id":"torn`,
      );
      const store = await openStore({ ...db.options, importFrom: file });
      try {
        expect(store.imported?.problems).toEqual([
          { line: 2, message: 'malformed JSON' },
          { line: 3, message: 'not an update: unknown kind "rename"' },
          { line: 5, message: 'torn last line (a write cut short)' },
        ]);
        expect((await store.updates.readAll()).map((u) => u.id)).toEqual(['ulx1-aaaa', 'ulx2-bbbb']);
        // The renamed file keeps the lines that were not imported, for a person to look at.
        expect(readFileSync(`${file}.imported`, 'utf8')).toContain('not json');
      } finally {
        await store.close();
      }
    });

    it('exports stored updates as JSON lines that import again as the same updates', async () => {
      db = await backend.fresh();
      const file = legacyFile(legacy.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const store = await openStore({ ...db.options, importFrom: file });
      try {
        const stored = await store.updates.readAll();
        const exported = toJsonLines(stored);
        expect(exported.split('\n')).toHaveLength(4);
        expect(JSON.parse(exported.split('\n')[0]!)).toEqual({ seq: 1, ...legacy[0] });
        const { records, problems } = parseUpdateLines(exported);
        expect(problems).toEqual([]);
        expect(records).toEqual(stored.map(({ seq: _seq, ...u }) => u));
      } finally {
        await store.close();
      }
    });
  });
}
