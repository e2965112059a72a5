import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeService, type Actor, type KnowledgeService } from '../../../src/core/index.js';
import { SNAPSHOT_FILE } from '../../../src/core/knowledge/snapshot.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';

const MOD: Actor = { platform: 'cli', userId: 'mod', displayName: 'Moderator' };
const TREATY = {
  title: 'Presidents sign the border treaty',
  publisher: 'Test Agency',
  published: '2025-03-13',
  url: 'https://example.org/treaty',
  text: 'On 13 March 2025 the presidents signed the border treaty in Bishkek. The treaty settles the last disputed segments of the border.\n',
};
const TREATY_ID = 'test-agency-2025-03-13-presidents-sign-the-border-treaty';
const QUESTIONS = [
  'Where was the border treaty signed?',
  'How long is the border?',
  'Сколько километров границы делимитировано?',
  'What happened in Vorukh in 2021?',
  'Кыргыз-тажик чек арасынын узундугу канча?',
];

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function folders() {
  const copy = copyKnowledge();
  const dataDir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  cleanup.push(copy.remove, () => rmSync(dataDir, { recursive: true, force: true }));
  return { dir: copy.dir, dataDir };
}

/** Another process on the same store (the knowledge CLI, say) while no bot runs: it saves no snapshot. */
async function otherProcess(dir: string, dataDir: string, act: (service: KnowledgeService) => Promise<void>, now = TEST_NOW) {
  const store = await openStore({ dataDir, now: () => now });
  const service = await createKnowledgeService({ knowledgeDir: dir, logger: silentLogger, updates: store.updates });
  try {
    await act(service);
  } finally {
    service.close();
    await store.close();
  }
}

/** A start as the bot and `ask` make it: the store under dataDir, the snapshot beside it. Closed by the caller. */
async function start(dir: string, dataDir: string): Promise<{ service: KnowledgeService; close(): Promise<void> }> {
  const store = await openStore({ dataDir, now: () => TEST_NOW });
  const service = await createKnowledgeService({
    knowledgeDir: dir,
    logger: silentLogger,
    now: () => TEST_NOW,
    updates: store.updates,
    snapshot: { dir: dataDir, store: `${store.dialect} ${store.location}` },
  });
  return {
    service,
    async close() {
      service.close();
      await store.close();
    },
  };
}

const answers = (s: KnowledgeService) => QUESTIONS.map((q) => s.core.ask(q, { now: TEST_NOW }));

describe('the saved knowledge snapshot', () => {
  it('a second start loads it and answers exactly as the start that built it, the stored updates included', async () => {
    const { dir, dataDir } = folders();
    const first = await start(dir, dataDir);
    expect(first.service.startedFrom).toBe('files');
    expect((await first.service.addSource(TREATY, MOD)).ok).toBe(true);
    const built = answers(first.service);
    await first.close();
    expect(existsSync(join(dataDir, SNAPSHOT_FILE))).toBe(true);

    const second = await start(dir, dataDir);
    try {
      expect(second.service.startedFrom).toBe('snapshot');
      expect(answers(second.service)).toEqual(built);
      expect(built[0]!.citations[0]?.sourceId).toBe(TREATY_ID);
      // The history is there for moderators too, an added article's text read back from the store.
      const listed = second.service.list();
      expect(listed.map((u) => u.kind)).toEqual(['add-source']);
      expect((await second.service.show(listed[0]!.id))?.payload.text).toBe(TREATY.text);
    } finally {
      await second.close();
    }
  });

  it('applies the updates made after it was saved: a retraction by another process is honoured at the next start', async () => {
    const { dir, dataDir } = folders();
    const first = await start(dir, dataDir);
    const added = await first.service.addSource(TREATY, MOD);
    await first.close();
    // Another process (the knowledge CLI) retracts it while no bot runs, and saves no snapshot.
    await otherProcess(dir, dataDir, async (cli) => {
      expect((await cli.retract(added.ok ? added.record.id : '', 'withdrawn by the agency', MOD)).ok).toBe(true);
    });

    const second = await start(dir, dataDir);
    try {
      expect(second.service.startedFrom).toBe('snapshot');
      const a = second.service.core.ask('Where was the border treaty signed?', { now: TEST_NOW });
      expect(a.citations.map((c) => c.sourceId)).not.toContain(TREATY_ID);
      expect(second.service.list().map((u) => u.kind)).toEqual(['retract', 'add-source']);
    } finally {
      await second.close();
    }
  });

  it("keeps a retracted fact's figure out of the answers, from its source's own sentence too, after a restart", async () => {
    const { dir, dataDir } = folders();
    const length = (svc: KnowledgeService) => svc.core.ask('How long is the border?', { now: TEST_NOW }).text;
    const first = await start(dir, dataDir);
    expect(length(first.service)).toContain('about 970 km (Asia-Plus, November 2022)');
    expect((await first.service.retract('length-asiaplus-2022', 'Not our border', MOD)).ok).toBe(true);
    expect(length(first.service)).not.toContain('970 km (Asia-Plus, November 2022)');
    expect(length(first.service)).toContain('971 km (Asia-Plus, 20 November 2020)');
    await first.close();
    const second = await start(dir, dataDir);
    try {
      expect(second.service.startedFrom).toBe('snapshot');
      expect(length(second.service)).not.toContain('970 km (Asia-Plus, November 2022)');
    } finally {
      await second.close();
    }
    rmSync(join(dataDir, SNAPSHOT_FILE));
    const third = await start(dir, dataDir);
    try {
      expect(third.service.startedFrom).toBe('files');
      expect(length(third.service)).not.toContain('970 km (Asia-Plus, November 2022)');
    } finally {
      await third.close();
    }
  });

  it('is not used when far behind the log: the start replays the log onto the files instead', async () => {
    const { dir, dataDir } = folders();
    await (await start(dir, dataDir)).close();
    // Another process adds more updates than a snapshot may lag behind, and saves no snapshot.
    await otherProcess(dir, dataDir, async (cli) => {
      for (let i = 0; i < 101; i++)
        expect((await cli.addSource({ ...TREATY, title: `Bulletin ${i}`, text: `Bulletin ${i}: the commission met in Isfara.\n` }, MOD)).ok).toBe(true);
    });

    const second = await start(dir, dataDir);
    try {
      expect(second.service.startedFrom).toBe('files');
      expect(second.service.list(200)).toHaveLength(101);
    } finally {
      await second.close();
    }
    // That start saved a new snapshot, and the next one uses it.
    const third = await start(dir, dataDir);
    try {
      expect(third.service.startedFrom).toBe('snapshot');
    } finally {
      await third.close();
    }
  });

  it('is not used after a hand edit of the knowledge files: the edit is answered from', async () => {
    const { dir, dataDir } = folders();
    await (await start(dir, dataDir)).close();
    const file = join(dir, 'sources', 'asiaplus-2022-11-tashiyev-talks.md');
    appendFileSync(file, '\nThe commission also agreed to open a new checkpoint at Kairagach.\n');
    const second = await start(dir, dataDir);
    try {
      expect(second.service.startedFrom).toBe('files');
      const a = second.service.core.ask('What did the commission agree about Kairagach?', { now: TEST_NOW });
      expect(a.citations.map((c) => c.quote).join(' ')).toContain('Kairagach');
    } finally {
      await second.close();
    }
  });

  it('is not used over a replaced update log, and a damaged snapshot is rebuilt, not trusted', async () => {
    const { dir, dataDir } = folders();
    const first = await start(dir, dataDir);
    await first.service.addSource(TREATY, MOD);
    await first.close();
    const snapshot = readFileSync(join(dataDir, SNAPSHOT_FILE));

    // The database replaced (restored from an older backup, say) by one whose first update is another.
    for (const f of readdirSync(dataDir)) if (f !== SNAPSHOT_FILE) rmSync(join(dataDir, f));
    await otherProcess(
      dir,
      dataDir,
      async (other) => {
        const talks = { ...TREATY, title: 'Talks resume', text: 'The delegations met again in Batken and agreed on a schedule.\n' };
        expect((await other.addSource(talks, MOD)).ok).toBe(true);
      },
      new Date('2026-01-02T00:00:00Z'),
    );
    const elsewhere = await start(dir, dataDir);
    try {
      expect(elsewhere.service.startedFrom).toBe('files');
      const a = elsewhere.service.core.ask('Where was the border treaty signed?', { now: TEST_NOW });
      expect(a.citations.map((c) => c.sourceId)).not.toContain(TREATY_ID);
    } finally {
      await elsewhere.close();
    }

    // Cut short (a disk that filled up), the snapshot is rebuilt from the files and the log.
    writeFileSync(join(dataDir, SNAPSHOT_FILE), snapshot.subarray(0, Math.floor(snapshot.length / 2)));
    const damaged = await start(dir, dataDir);
    try {
      expect(damaged.service.startedFrom).toBe('files');
      const a = damaged.service.core.ask('Where do the delegations meet again?', { now: TEST_NOW });
      expect(a.citations.map((c) => c.quote).join(' ')).toContain('Batken');
    } finally {
      await damaged.close();
    }
  });
});
