import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashUserId, openStore } from '../../src/store/index.js';
import { backends, titleOf, type TestDatabase } from './backends.js';

const lines = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const oldHash = hashUserId('telegram', '777', '');

function oldDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'data-'));
  writeFileSync(
    join(dir, 'feedback.jsonl'),
    lines(
      { type: 'unanswered', question: 'Who owns Vorukh?', user: oldHash, at: '2026-01-01T00:00:00.000Z' },
      { type: 'vote', question: 'How long is the border?', vote: -1, user: oldHash, at: '2026-01-02T00:00:00.000Z' },
    ) + 'torn',
  );
  writeFileSync(
    join(dir, 'audit.jsonl'),
    lines(
      {
        at: '2026-01-03T00:00:00.000Z',
        actor: { platform: 'discord', userId: '9001', displayName: 'Stranger' },
        operation: 'retract',
        allowed: false,
        outcome: 'not a moderator',
      },
      {
        at: '2026-01-04T00:00:00.000Z',
        actor: { platform: 'discord', userId: '42', displayName: 'Aida' },
        operation: 'gaps',
        allowed: true,
        outcome: 'Unanswered:\n2× Who owns Vorukh?',
      },
    ),
  );
  writeFileSync(join(dir, 'telegram-subscriptions.json'), JSON.stringify([-100123, 555]));
  return dir;
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'importing the old record files'), () => {
    let db: TestDatabase | null = null;
    let dir = '';
    afterEach(async () => {
      await db?.remove();
      db = null;
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('carries feedback, the audit and subscriptions over once, without raw ids of non-moderators or question text', async () => {
      db = await backend.fresh();
      dir = oldDataDir();
      const store = await openStore({ ...db.options, userHashSalt: 'pepper', importRecordsFrom: dir });
      try {
        expect(store.importedRecords.map((r) => [r.file.split('/').at(-1), r.imported, r.problems, r.renamedTo !== null])).toEqual([
          ['feedback.jsonl', 2, 1, true],
          ['audit.jsonl', 2, 0, true],
          ['telegram-subscriptions.json', 2, 0, true],
        ]);
        expect(existsSync(join(dir, 'audit.jsonl'))).toBe(false);
        expect(await store.feedback.gaps()).toEqual({
          unanswered: [{ question: 'Who owns Vorukh?', count: 1 }],
          lowestRated: [{ question: 'How long is the border?', up: 0, down: 1 }],
        });
        const audit = await store.audit.list();
        expect(audit.map((a) => [a.actorId, a.actorName, a.operation])).toEqual([
          ['42', 'Aida', 'gaps'],
          [hashUserId('discord', '9001', 'pepper'), null, 'retract'],
        ]);
        expect(JSON.stringify(audit)).not.toContain('Vorukh');
        expect(await store.subscriptions('telegram').list()).toEqual(['-100123', '555']);
      } finally {
        await store.close();
      }
    });

    it('imports nothing twice when a file comes back unchanged (a crash before the rename)', async () => {
      db = await backend.fresh();
      dir = oldDataDir();
      await (await openStore({ ...db.options, importRecordsFrom: dir })).close();
      const again = oldDataDir();
      try {
        const store = await openStore({ ...db.options, importRecordsFrom: again });
        try {
          expect(store.importedRecords.map((r) => r.imported)).toEqual([0, 0, 0]);
          expect((await store.audit.list()).length).toBe(2);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(again, { recursive: true, force: true });
      }
    });
  });
}
