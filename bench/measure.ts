import { readFileSync } from 'node:fs';
import type { Engine, KnowledgeBase } from '../src/core/index.js';
import { generateSources } from './generate.js';

export const NOW = new Date('2026-11-24T12:00:00Z');

export const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/** The project's question set: answered, declined, English, Russian, misspelt. */
export const questions: string[] = readFileSync('tests/eval/questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;

export function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
}

/** The bundled knowledge plus generated sources: the same corpus in every process (the generator is seeded). */
export function generatedKnowledge(kb: KnowledgeBase, passages: number): KnowledgeBase {
  return {
    ...kb,
    facts: [...kb.facts],
    sources: new Map([...kb.sources, ...generateSources(kb, passages).map((s) => [s.id, s] as const)]),
  };
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

export function latencies(engine: Engine, rounds: number) {
  // Warm-up, so the figures are those of a bot that has been running: JIT-compiled code, filled caches.
  for (let r = 0; r < 5; r++) for (const q of questions) engine.ask(q, { now: NOW });
  // Separate loops: the bare search of a large index allocates so much that its garbage collections
  // would land inside the answers' timings.
  const answer: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of questions) answer.push(time(() => engine.ask(q, { now: NOW }))[1]);
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of questions) bare.push(time(() => engine.index.bareSearch(q))[1]);
  return { answer: percentiles(answer), bare: percentiles(bare) };
}

export function report(l: ReturnType<typeof latencies>, what: string): void {
  console.log(`  answer latency      p50 ${ms(l.answer.p50)}   p99 ${ms(l.answer.p99)}   (${what})`);
  console.log(`  bare MiniSearch     p50 ${ms(l.bare.p50)}   p99 ${ms(l.bare.p99)}`);
  console.log(`  ratio answer/bare   p50 ${(l.answer.p50 / l.bare.p50).toFixed(2)}×   p99 ${(l.answer.p99 / l.bare.p99).toFixed(2)}×`);
}

/** How many questions get the same answer (answered or not, same sources) from both engines: what scale costs in quality. */
export function agreement(reference: Engine, other: Engine): string {
  const same = questions.filter((q) => {
    const [a, b] = [reference.ask(q, { now: NOW }), other.ask(q, { now: NOW })];
    return a.answered === b.answered && a.citations.map((c) => c.sourceId).join() === b.citations.map((c) => c.sourceId).join();
  }).length;
  return `${same}/${questions.length}`;
}
