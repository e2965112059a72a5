/**
 * How long a reload (a hand edit of the knowledge files) holds the event loop at once, while questions wait: the
 * longest gap between ticks of a 1 ms timer during the reload, at 0 updates and at UPDATES updates in the store,
 * for a bot started from files and for one started from its saved snapshot. Printed as figures.
 *
 *   node --import tsx bench/reload-bench.ts [--updates 2000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeService } from '../src/core/index.js';
import { silentLogger } from '../src/log.js';
import { openStore } from '../src/store/index.js';
import { arg } from './measure.js';
import { updateLines } from './updates-fixture.js';

const UPDATES = arg('updates', 2_000);

/** Runs `work` while a 1 ms timer ticks; returns the longest gap between ticks and the work's wall time. */
async function longestBlock(work: () => Promise<unknown>): Promise<{ maxGap: number; wall: number }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const t = performance.now();
  await work();
  const wall = performance.now() - t;
  clearInterval(timer);
  maxGap = Math.max(maxGap, performance.now() - last);
  return { maxGap, wall };
}

const f = (ms: number) => `${ms.toFixed(0)} ms`;

for (const updates of [0, UPDATES]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'reload-bench-'));
  try {
    const importFrom = join(dataDir, 'updates.jsonl');
    if (updates) writeFileSync(importFrom, updateLines(updates));
    const store = await openStore({ dataDir, importFrom });
    const snapshot = { dir: dataDir, store: `${store.dialect} ${store.location}` };
    for (const from of ['files', 'snapshot'] as const) {
      const service = await createKnowledgeService({ knowledgeDir: 'knowledge', logger: silentLogger, updates: store.updates, snapshot });
      if (service.startedFrom !== from) throw new Error(`expected a start from ${from}, got ${service.startedFrom}`);
      const { maxGap, wall } = await longestBlock(() => service.reload());
      console.log(
        `${updates.toLocaleString('en')} updates, started from ${from.padEnd(8)}  reload ${f(wall).padStart(8)}   longest block ${f(maxGap)}`,
      );
      service.close();
    }
    await store.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
