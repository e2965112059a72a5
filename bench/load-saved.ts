/** Loads a saved index (bench.ts wrote it) in a fresh process: load time, memory, and answers on it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, loadIndex, loadKnowledge, restorePassages } from '../src/core/index.js';
import { generatedKnowledge, latencies, mb, ms, questions, report, time } from './measure.js';

const [dir, passages, rounds] = process.argv.slice(2) as [string, string, string];
const kb = generatedKnowledge(await loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge'), Number(passages));
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
const [restored, passagesMs] = time(() => restorePassages(readFileSync(join(dir, 'passages.json'), 'utf8'), kb.sources));
const [index, indexMs] = time(() => loadIndex(readFileSync(join(dir, 'index.bin'))));
const [engine, engineMs] = time(() => createEngine(kb, { passages: restored, index }));
(globalThis as { gc?: () => void }).gc?.();
console.log(
  `  load                ${ms(passagesMs + indexMs + engineMs)}: passages ${ms(passagesMs)}, index ${ms(indexMs)} (read, terms and documents; postings decoded when first searched), engine ${ms(engineMs)}`,
);
console.log(
  `  memory              RSS ${mb(process.memoryUsage().rss)} (${mb(before)} before loading: the sources)   heap used ${mb(process.memoryUsage().heapUsed)}`,
);
if (Number(rounds) > 0) report(latencies(engine, Number(rounds)), `${questions.length} questions × ${rounds}`);
