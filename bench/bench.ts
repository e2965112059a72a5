/**
 * Speed and memory, printed as figures: the bundled knowledge, then a generated corpus of 100,000 passages.
 * Each answer latency stands beside a bare MiniSearch search of the same question on the same index,
 * so the ratio shows what the answer pipeline (analysis, facts, re-ranking, composing) adds.
 *
 *   npm run bench [-- --passages 100000 --rounds 20]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, loadKnowledge, type Engine, type KnowledgeBase } from '../src/core/index.js';
import { loadIndex } from '../src/core/search-index.js';
import type { Source } from '../src/core/types.js';
import type { Passage } from '../src/core/passages.js';
import { generateSources } from './generate.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const PASSAGES = arg('passages', 100_000);
const ROUNDS = arg('rounds', 20);
const NOW = new Date('2026-11-24T12:00:00Z');

const questions = readFileSync('tests/eval/questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function percentiles(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
}

function latencies(engine: Engine, rounds: number): { answer: { p50: number; p99: number }; bare: { p50: number; p99: number } } {
  for (const q of questions) engine.ask(q, { now: NOW }); // warm-up: JIT, caches
  const answer: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      answer.push(time(() => engine.ask(q, { now: NOW }))[1]);
      bare.push(time(() => engine.index.bareSearch(q))[1]);
    }
  }
  return { answer: percentiles(answer), bare: percentiles(bare) };
}

function report(label: string, l: ReturnType<typeof latencies>): void {
  console.log(`  answer latency      p50 ${ms(l.answer.p50)}   p99 ${ms(l.answer.p99)}   (${questions.length} questions × rounds)`);
  console.log(`  bare MiniSearch     p50 ${ms(l.bare.p50)}   p99 ${ms(l.bare.p99)}`);
  console.log(`  ratio answer/bare   p50 ${(l.answer.p50 / l.bare.p50).toFixed(1)}×   p99 ${(l.answer.p99 / l.bare.p99).toFixed(1)}×   [${label}]`);
}

async function main(): Promise<void> {
  const kb = await loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge');

  console.log('Bundled knowledge');
  const [small, smallBuild] = time(() => createEngine(kb));
  console.log(`  passages            ${small.passages.length}`);
  console.log(`  index build         ${ms(smallBuild)} (passages, entities, dates, MiniSearch)`);
  report('bundled', latencies(small, ROUNDS));

  console.log(`\nGenerated corpus of ${PASSAGES.toLocaleString('en')} passages`);
  const generated: Map<string, Source> = new Map([...kb.sources, ...generateSources(kb, PASSAGES).map((s) => [s.id, s] as const)]);
  const big: KnowledgeBase = { ...kb, sources: generated };
  gc();
  const before = process.memoryUsage();
  const [engine, bigBuild] = time(() => createEngine(big));
  gc();
  const after = process.memoryUsage();
  console.log(`  passages            ${engine.passages.length}`);
  console.log(`  index build         ${(bigBuild / 1000).toFixed(2)} s`);
  console.log(`  memory after build  RSS ${mb(after.rss)}   heap used ${mb(after.heapUsed)} (heap before build ${mb(before.heapUsed)})`);
  report('100k', latencies(engine, Math.max(2, Math.round(ROUNDS / 4))));

  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const indexFile = join(dir, 'index.json');
    const passagesFile = join(dir, 'passages.json');
    writeFileSync(indexFile, engine.index.toJSON());
    writeFileSync(passagesFile, JSON.stringify(engine.passages));
    const [passages, passagesMs] = time(() => JSON.parse(readFileSync(passagesFile, 'utf8')) as Passage[]);
    const [index, loadMs] = time(() => loadIndex(readFileSync(indexFile, 'utf8'), passages));
    const [, readyMs] = time(() => createEngine(big, { passages, index }));
    console.log(`  saved index         ${mb(readFileSync(indexFile).length)} on disk; load ${ms(loadMs)}; passages ${ms(passagesMs)}; engine ready ${ms(readyMs)}`);
    console.log(`  saved index load    ${((loadMs + passagesMs + readyMs) / 1000).toFixed(2)} s in all`);
    console.log(`  RSS at the end      ${mb(process.memoryUsage().rss)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
