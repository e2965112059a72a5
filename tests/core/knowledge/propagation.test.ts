import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeService, type KnowledgeService, type Logger } from '../../../src/core/index.js';
import { openStore } from '../../../src/store/index.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { backends, titleOf, type TestDatabase } from '../../store/backends.js';
import { startFixture } from '../../store/processes.js';

/**
 * A running bot and the CLI are separate processes: what a moderator adds or retracts with
 * `npm run knowledge` is used by the running bot within a second, on either database.
 */

const SOURCE_ID = 'cli-agency-2025-03-13-presidents-sign-the-border-treaty';
const TEXT = 'On 13 March 2025 the presidents signed the border treaty in Bishkek. The treaty settles the last disputed segments of the border.\n';

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A logger that tells when the service has applied updates another process wrote. */
function followedLogger() {
  const waiters: Array<() => void> = [];
  const logger: Logger = {
    debug() {},
    info(event) {
      if (event === 'knowledge_followed') waiters.splice(0).forEach((w) => w());
    },
    warn() {},
    error() {},
  };
  return { logger, nextFollow: () => new Promise<number>((resolve) => waiters.push(() => resolve(performance.now()))) };
}

/** Runs the knowledge CLI as a moderator would, in its own process; resolves when it prints "Accepted", with the time. */
async function cli(db: TestDatabase, knowledgeDir: string, dataDir: string, args: string[]): Promise<number> {
  const env: Record<string, string> = { DATABASE_URL: db.options.databaseUrl ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const child = startFixture('src/cli/knowledge.ts', [...args, '--knowledge', knowledgeDir], env);
  cleanup.push(() => child.kill());
  await child.waitFor((line) => line.startsWith('Accepted'));
  const at = performance.now();
  expect(await child.exited).toBe(0);
  return at;
}

const cites = (service: KnowledgeService) =>
  service.core.ask('Where was the border treaty signed?', { now: TEST_NOW }).citations.map((c) => c.sourceId);

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'a running bot follows the CLI'), () => {
    it('uses a source the CLI adds, and stops using it once the CLI retracts it, each within a second, announcing neither', async () => {
      const db = await backend.fresh();
      cleanup.push(() => db.remove());
      const copy = copyKnowledge();
      cleanup.push(copy.remove);
      const dataDir = db.file ? join(db.file, '..') : mkdtempSync(join(tmpdir(), 'data-'));
      cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const store = await openStore({ ...db.options, dataDir });
      cleanup.push(() => store.close());
      const { logger, nextFollow } = followedLogger();
      const bot = await createKnowledgeService({ knowledgeDir: copy.dir, logger, now: () => TEST_NOW, updates: store.updates });
      cleanup.push(() => bot.close());
      // Only the process that accepted an update announces it: the CLI's are followed here, never announced.
      const announced: string[] = [];
      bot.onUpdate((record) => announced.push(record.id));
      expect(cites(bot)).not.toContain(SOURCE_ID);

      const textFile = join(dataDir, 'article.txt');
      writeFileSync(textFile, TEXT);
      let followed = nextFollow();
      const added = await cli(db, copy.dir, dataDir, [
        'add-source',
        '--title',
        'Presidents sign the border treaty',
        '--publisher',
        'CLI Agency',
        '--date',
        '2025-03-13',
        '--text-file',
        textFile,
      ]);
      const addDelay = (await followed) - added;
      expect(cites(bot)).toContain(SOURCE_ID);
      expect(addDelay).toBeLessThan(1000);

      followed = nextFollow();
      const retracted = await cli(db, copy.dir, dataDir, ['retract', SOURCE_ID, '--reason', 'The agency withdrew it']);
      const retractDelay = (await followed) - retracted;
      expect(cites(bot)).not.toContain(SOURCE_ID);
      expect(retractDelay).toBeLessThan(1000);
      expect(bot.list().map((u) => u.kind)).toEqual(['retract', 'add-source']);
      expect(announced).toEqual([]);
    });
  });
}
