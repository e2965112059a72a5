/**
 * One process of the store benchmark (bench/store-bench.ts starts it). Store options come as JSON in STORE_OPTIONS.
 *   startup          opens the store and reads every update; prints {"openMs","readMs","count"}
 *   follow           follows the log; prints "ready", then "seen <id> <epoch ms>" per update
 *   write N GAP_MS   on a "go" line, appends N updates GAP_MS apart; prints "acked <id> <epoch ms>" for each
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { openStore } from '../src/store/index.js';

const epochMs = () => performance.timeOrigin + performance.now();
const [mode, count = '20', gap = '100'] = process.argv.slice(2);
const options = JSON.parse(process.env.STORE_OPTIONS ?? '{}');

if (mode === 'startup') {
  const t0 = performance.now();
  const store = await openStore(options);
  const t1 = performance.now();
  const all = await store.updates.readAll();
  const t2 = performance.now();
  await store.close();
  process.stdout.write(`${JSON.stringify({ openMs: t1 - t0, readMs: t2 - t1, count: all.length })}\n`);
} else if (mode === 'follow') {
  const store = await openStore(options);
  const follower = store.updates.follow(await store.updates.lastSeq(), (records) => {
    const at = epochMs();
    for (const r of records) process.stdout.write(`seen ${r.id} ${at}\n`);
  });
  await follower.ready;
  process.stdout.write('ready\n');
  process.stdin.resume();
  await once(process.stdin, 'end');
  follower.close();
  await store.close();
} else if (mode === 'write') {
  const store = await openStore(options);
  process.stdout.write('ready\n');
  const input = createInterface({ input: process.stdin });
  await once(input, 'line');
  for (let i = 0; i < Number(count); i++) {
    const result = await store.updates.append({
      kind: 'add-source',
      payload: { title: `Bench ${i}` },
      actor: { platform: 'cli', userId: 'bench', displayName: 'bench' },
    });
    if (!result.ok) throw new Error(result.error);
    process.stdout.write(`acked ${result.record.id} ${epochMs()}\n`);
    // Apart, as moderators' updates come: each one's delay is measured on its own, not queued behind the last.
    await delay(Number(gap) * (0.5 + Math.random()));
  }
  input.close();
  await store.close();
} else {
  process.stderr.write(`unknown mode "${mode}" (startup, follow or write)\n`);
  process.exit(2);
}
