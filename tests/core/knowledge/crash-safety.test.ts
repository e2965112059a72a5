import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createKnowledgeService } from '../../../src/core/index.js';
import { silentLogger } from '../../../src/log.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';

const RUNS = 4;
const UPDATES = 1000;

/** Appends in a child and kills it with SIGKILL once `killAfter` acknowledgements have arrived; returns all acknowledged ids. */
async function appendAndKill(dir: string, killAfter: number): Promise<string[]> {
  // node itself, not the tsx wrapper: SIGKILL to the wrapper would leave the real writer running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/append-updates.ts', dir, String(UPDATES)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    if (child.exitCode === null && !child.killed && output.split('\n').length - 2 >= killAfter) child.kill('SIGKILL');
  });
  // Acknowledgements already in the pipe when the kill came still count: read to the end of the output.
  await once(child.stdout, 'close');
  // The last line may itself be cut short by the kill: only whole lines are acknowledgements.
  return output
    .split('\n')
    .slice(0, -1)
    .filter((l) => l && l !== 'ready');
}

describe('crash safety of the updates log', () => {
  it(`keeps every acknowledged update when the writer is killed at a random moment (${RUNS} runs)`, async () => {
    const figures: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const copy = copyKnowledge();
      try {
        const acked = await appendAndKill(copy.dir, 50 + Math.floor(Math.random() * 850));
        const service = await createKnowledgeService({ knowledgeDir: copy.dir, logger: silentLogger });
        const found = new Set(service.list(UPDATES * 2).map((u) => u.id));
        service.close();
        figures.push(
          `run ${run + 1}: killed after ${acked.length} acknowledged, ${found.size} found, problems: ${service.problems.length}`,
        );
        // The writer acknowledged something before the kill, or this run checked nothing.
        expect(acked.length).toBeGreaterThan(0);
        for (const id of acked) expect(found.has(id), `acknowledged update ${id} is missing`).toBe(true);
        // At most the one update written but not yet acknowledged when the kill came.
        expect(found.size - acked.length).toBeLessThanOrEqual(1);
        expect(service.problems.every((p) => p.message.startsWith('torn last line'))).toBe(true);
      } finally {
        copy.remove();
      }
    }
    console.log(figures.join('\n'));
    // The kill must land in the middle of the appends in at least one run, or the test showed nothing.
    expect(figures.some((f) => !f.includes(`after ${UPDATES} acknowledged`))).toBe(true);
  }, 60_000);
});
