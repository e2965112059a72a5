/**
 * The store's figures, for each driver: a fresh process opening the store and reading every update, at 0 and at
 * 20,000 updates, `npm run ask` (the knowledge service built over every update) at both, and the delay between one process acknowledging an update and another process seeing it.
 * PostgreSQL runs when TEST_DATABASE_URL (or BENCH_DATABASE_URL) names a database whose role may create databases.
 *
 *   node --import tsx bench/store-bench.ts [--updates 20000] [--runs 3] [--propagation 30]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFixture } from '../tests/store/processes.js';
import { openStore, type StoreOptions } from '../src/store/index.js';
import { arg } from './measure.js';
import { updateLines } from './updates-fixture.js';

const UPDATES = arg('updates', 20_000);
const RUNS = arg('runs', 3);
const PROPAGATION = arg('propagation', 30);
const PEER = 'bench/store-peer.ts';
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

interface Database {
  name: string;
  options: StoreOptions;
  remove(): Promise<void>;
}

async function sqliteDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  return { name: 'SQLite', options: { dataDir: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresDatabase(): Promise<Database> {
  const name = `store_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(query).finally(() => c.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    options: { databaseUrl: url.toString() },
    remove: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/**
 * `npm run ask` as a user runs it (compiled when dist/ is fresh), against this database: the wall time of each
 * whole process. The first start after the updates builds the index and saves the snapshot; the later ones
 * (median of the rest of RUNS) start from it. The question is one the bot declines at once, so the figure is the
 * start-up (store, snapshot or replay, index), not the composing of an answer over thousands of near-identical
 * benchmark sources.
 */
function askStart(options: StoreOptions): { first: number; later: number; answered: boolean } {
  const env: Record<string, string> = options.databaseUrl
    ? { DATABASE_URL: options.databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'store-bench-snapshot-')) }
    : { DATA_DIR: options.dataDir ?? '', DATABASE_URL: '' };
  const walls: number[] = [];
  let answered = false;
  for (let run = 0; run < Math.max(2, RUNS); run++) {
    const t = performance.now();
    const out = execFileSync(
      process.execPath,
      ['scripts/run.mjs', 'cli/ask', '--json', '--knowledge', 'knowledge', 'What is the capital of France?'],
      { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    walls.push(performance.now() - t);
    answered = (JSON.parse(out) as { answered: boolean }).answered;
  }
  return { first: walls[0]!, later: median(walls.slice(1)), answered };
}

async function startup(options: StoreOptions): Promise<{ wall: number; open: number; read: number; count: number }> {
  const walls: number[] = [];
  const reads: Array<{ openMs: number; readMs: number; count: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const child = startFixture(PEER, ['startup'], { STORE_OPTIONS: JSON.stringify(options) });
    const line = await child.waitFor((l) => l.startsWith('{'), 120_000);
    await child.exited;
    walls.push(performance.now() - t);
    reads.push(JSON.parse(line) as { openMs: number; readMs: number; count: number });
  }
  return {
    wall: median(walls),
    open: median(reads.map((r) => r.openMs)),
    read: median(reads.map((r) => r.readMs)),
    count: reads[0]!.count,
  };
}

async function propagation(options: StoreOptions): Promise<number[]> {
  const env = { STORE_OPTIONS: JSON.stringify(options) };
  const follower = startFixture(PEER, ['follow'], env);
  const writer = startFixture(PEER, ['write', String(PROPAGATION), '150'], env);
  await Promise.all([follower.waitFor((l) => l === 'ready', 60_000), writer.waitFor((l) => l === 'ready', 60_000)]);
  writer.send('go');
  await writer.exited;
  const acked = writer.lines.filter((l) => l.startsWith('acked ')).map((l) => l.split(' '));
  const delays: number[] = [];
  for (const [, id, at] of acked) {
    const seen = await follower.waitFor((l) => l.startsWith(`seen ${id} `), 10_000);
    delays.push(Number(seen.split(' ')[2]) - Number(at));
  }
  follower.process.stdin.end();
  await follower.exited;
  return delays;
}

const drivers: Array<() => Promise<Database>> = [sqliteDatabase];
if (PG_URL) drivers.push(postgresDatabase);
else console.log('PostgreSQL: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL to a database whose role may create databases)\n');

for (const make of drivers) {
  const db = await make();
  try {
    console.log(`${db.name}`);
    const empty = await startup(db.options);
    console.log(
      `  start-up, ${empty.count} updates          process ${f(empty.wall)}   open + migrate ${f(empty.open)}   read ${f(empty.read)}`,
    );
    const askEmpty = askStart(db.options);
    console.log(
      `  npm run ask, 0 updates       process ${f(askEmpty.later)} (first start, saving the snapshot: ${f(askEmpty.first)}; answered: ${askEmpty.answered})`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'store-bench-updates-'));
    try {
      writeFileSync(join(dir, 'updates.jsonl'), updateLines(UPDATES));
      const t = performance.now();
      const store = await openStore({ ...db.options, importFrom: join(dir, 'updates.jsonl') });
      const imported = performance.now() - t;
      await store.close();
      console.log(`  import of updates.jsonl      ${UPDATES.toLocaleString('en')} updates in ${f(imported)} (one transaction)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const full = await startup(db.options);
    console.log(
      `  start-up, ${full.count.toLocaleString('en')} updates     process ${f(full.wall)}   open + migrate ${f(full.open)}   read ${f(full.read)}`,
    );
    const askFull = askStart(db.options);
    console.log(
      `  npm run ask, ${full.count.toLocaleString('en')} updates  process ${f(askFull.later)} (${f(askFull.later - askEmpty.later)} over the empty log; first start, saving the snapshot: ${f(askFull.first)}; answered: ${askFull.answered})`,
    );
    const delays = await propagation(db.options);
    console.log(
      `  propagation between processes (${delays.length} updates): median ${f(median(delays))}   p95 ${f(percentile(delays, 0.95))}   max ${f(Math.max(...delays))}`,
    );
    console.log('');
  } finally {
    await db.remove();
  }
}
