/**
 * Telegram webhook replicas under load: the fake Bot API, then one and two replicas of the bot (each a process of
 * src/main.ts, as npm start runs it) on one store: PostgreSQL when DATABASE_URL is set, else one SQLite file they
 * share. N updates from many users (none over the rate limit) are posted to the replicas' webhooks on 127.0.0.1,
 * round-robin, CONCURRENCY at a time: each slot posts its next update once the previous one is answered. Prints
 * the throughput and the latency from posting an update to the fake receiving the answer's sendMessage.
 *
 *   npm run bench:webhook -- [--updates 2000] [--concurrency 32] [--per-user 4]
 *   DATABASE_URL=postgres://… npm run bench:webhook
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webhookSecret } from '../src/bots/telegram/webhook.js';
import { newUser, textMessage, type TextUpdate } from '../tests/fakes/telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../tests/fakes/telegram-server.js';
import { freePort, REPLICA_TOKEN, startReplica, WEBHOOK_PATH, type Replica } from '../tests/helpers/replicas.js';
import { arg, questions } from './measure.js';

const UPDATES = arg('updates', 2_000);
const CONCURRENCY = arg('concurrency', 32);
/** Questions per user: below RATE_LIMIT_MAX (5 by default), so the limit is checked for every one and refuses none. */
const PER_USER = arg('per-user', 4);
const WARM_UP = 100;
const DATABASE_URL = process.env.DATABASE_URL?.trim() ?? '';
const SECRET = webhookSecret(REPLICA_TOKEN, null);
const REFUSED = /^You are asking faster than I can answer/;
// Users are numbered from a random base: a PostgreSQL database kept between runs holds no earlier run's limits for them.
let nextUserId = randomInt(1_000_000_000, 2_000_000_000);

/** Calls `onCall` with every call the fake receives from now on; returns the function that stops watching. */
function everyCall(fake: FakeTelegram, onCall: (call: RecordedCall) => void): () => void {
  let next = fake.calls.length;
  // Polled, not hooked: the latency is taken from the time the fake recorded, so the poll's period does not count.
  const timer = setInterval(() => {
    while (next < fake.calls.length) onCall(fake.calls[next++]!);
  }, 1);
  return () => clearInterval(timer);
}

interface Run {
  replicas: number;
  updates: number;
  seconds: number;
  latenciesMs: number[];
  refused: number;
}

/** Posts `count` updates over `replicas`, round-robin, and waits for every answer. */
async function load(fake: FakeTelegram, answered: Map<number, (call: RecordedCall) => void>, replicas: Replica[], count: number) {
  // Fresh users for every run, PER_USER questions each, so no earlier run's questions count against them.
  const users = Array.from({ length: Math.ceil(count / PER_USER) }, () => ({ ...newUser(), id: nextUserId++ }));
  const updates: TextUpdate[] = Array.from({ length: count }, (_, i) =>
    textMessage(users[i % users.length]!, questions[i % questions.length]!),
  );
  const latenciesMs: number[] = [];
  let refused = 0;
  let next = 0;
  async function slot(): Promise<void> {
    while (next < updates.length) {
      const i = next++;
      const update = updates[i]!;
      const replica = replicas[i % replicas.length]!;
      const reply = new Promise<RecordedCall>((resolve) => answered.set(update.message.message_id, resolve));
      const postedAt = Date.now();
      const res = await fetch(`http://127.0.0.1:${replica.port}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ ...update, update_id: 1_000_000 + i }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`replica on port ${replica.port} answered ${res.status}`);
      const call = await reply;
      latenciesMs.push(call.at! - postedAt);
      if (REFUSED.test(String(call.body.text))) refused++;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, slot));
  return { seconds: (performance.now() - started) / 1000, latenciesMs, refused };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

function print(run: Run): void {
  const rate = run.updates / run.seconds;
  console.log(
    `  ${run.replicas} replica${run.replicas > 1 ? 's' : ' '}  ${run.updates} updates in ${run.seconds.toFixed(1)} s  ` +
      `${rate.toFixed(0).padStart(5)} updates/s  latency p50 ${percentile(run.latenciesMs, 0.5)} ms  ` +
      `p99 ${percentile(run.latenciesMs, 0.99)} ms  refused by the rate limit: ${run.refused}`,
  );
}

const fake = await startFakeTelegram(REPLICA_TOKEN);
const answered = new Map<number, (call: RecordedCall) => void>();
const unwatch = everyCall(fake, (call) => {
  const id = call.method === 'sendMessage' ? call.body.reply_parameters?.message_id : undefined;
  if (typeof id !== 'number') return;
  answered.get(id)?.(call);
  answered.delete(id);
});
const dataDir = mkdtempSync(join(tmpdir(), 'webhook-bench-'));
const replicas: Replica[] = [];
async function addReplica(): Promise<Replica> {
  const port = await freePort();
  const replica = await startReplica({
    apiRoot: fake.url,
    webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    port,
    knowledgeDir: 'knowledge',
    dataDir,
    databaseUrl: DATABASE_URL,
  });
  replicas.push(replica);
  return replica;
}

try {
  console.log(
    `Webhook load: ${UPDATES} updates, ${CONCURRENCY} in flight, ${PER_USER} per user; store: ${DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'SQLite, one shared file'}`,
  );
  for (const count of [1, 2]) {
    const added = await addReplica();
    // A new replica's first answers pay for JIT compilation and cold caches: not part of the figures.
    await load(fake, answered, [added], WARM_UP);
    const run = await load(fake, answered, replicas.slice(0, count), UPDATES);
    print({ replicas: count, updates: UPDATES, ...run });
  }
} finally {
  unwatch();
  await Promise.all(replicas.map((r) => r.stop()));
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
