/**
 * Speed and memory, printed as figures: the bundled knowledge, then a generated corpus of 100,000 passages.
 * Each answer latency stands beside a bare MiniSearch search of the same question on the same index,
 * so the ratio shows what the answer pipeline (analysis, facts, re-ranking, composing) adds.
 * The saved index is loaded in a fresh process, so its load time and memory are those of a bot starting on it.
 *
 *   npm run bench [-- --passages 100000 --rounds 20]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, loadKnowledge, savePassages } from '../src/core/index.js';
import { v8Options } from '../src/v8-options.js';
import { agreement, arg, generatedKnowledge, latencies, mb, ms, questions, report, time } from './measure.js';

const PASSAGES = arg('passages', 100_000);
const ROUNDS = arg('rounds', 20);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const kb = await loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge');

// The figures hold for node as started here: `npm run bench` gives it the V8 pool size `npm start` gives the bot.
const tuning = v8Options(process.execArgv);
console.log(`node ${process.version}, ${tuning.join(' ') || "V8's defaults (npm start sets --v8-pool-size=1 --max-semi-space-size=32)"}\n`);
console.log('Bundled knowledge');
const [small, smallBuild] = time(() => createEngine(kb));
console.log(`  passages            ${small.passages.length}`);
console.log(`  index build         ${ms(smallBuild)} (sentences, entities, dates, MiniSearch)`);
report(latencies(small, ROUNDS), `${questions.length} questions × ${ROUNDS}`);

console.log(`\nGenerated corpus of ${PASSAGES.toLocaleString('en')} passages`);
const big = generatedKnowledge(kb, PASSAGES);
gc();
const [engine, bigBuild] = time(() => createEngine(big));
gc();
const built = process.memoryUsage();
console.log(`  passages            ${engine.passages.length}`);
console.log(`  index build         ${(bigBuild / 1000).toFixed(2)} s`);
console.log(`  memory after build  RSS ${mb(built.rss)}   heap used ${mb(built.heapUsed)}`);
const rounds = Math.max(2, Math.round(ROUNDS / 4));
report(latencies(engine, rounds), `${questions.length} questions × ${rounds}`);
console.log(`  same answer as on the bundled knowledge alone: ${agreement(small, engine)} questions`);

const dir = mkdtempSync(join(tmpdir(), 'bench-'));
try {
  writeFileSync(join(dir, 'index.bin'), engine.index.save());
  writeFileSync(join(dir, 'passages.json'), savePassages(engine.passages));
  console.log('\nSaved index, loaded in a fresh process (three times: load time varies with the machine)');
  for (const run of [1, 2, 3]) {
    const out = execFileSync(
      process.execPath,
      // The same node options as this process (npm run bench's), so the loaded index answers under the same V8.
      [...process.execArgv, 'bench/load-saved.ts', dir, String(PASSAGES), String(run === 1 ? rounds : 0)],
      {
        encoding: 'utf8',
        env: process.env,
      },
    );
    process.stdout.write(out);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
