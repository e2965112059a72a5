import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { COMMON_TEXTS } from '../../../src/bots/shared/texts.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { newUser, textMessage, type TestUser } from '../../fakes/telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { freePort, REPLICA_TOKEN, startReplica, WEBHOOK_PATH, type Replica } from '../../helpers/replicas.js';
import { backends, titleOf } from '../../store/backends.js';

/**
 * Two replicas of the Telegram bot, each a process of its own as `npm start` runs it, in webhook mode behind one
 * round-robin balancer and on one PostgreSQL database: what one replica is told, the other knows.
 */

const postgres = backends.find((b) => b.name === 'PostgreSQL')!;
const RATE_LIMIT_MAX = 3;

/** A round-robin balancer on 127.0.0.1 in front of `ports`: the public address Telegram posts to. */
async function startBalancer(ports: number[]): Promise<{ url: string; routed: number[] }> {
  const routed: number[] = [];
  const server = createServer((req, res) => {
    const port = ports[routed.length % ports.length]!;
    routed.push(port);
    const headers = {
      'content-type': String(req.headers['content-type'] ?? ''),
      'x-telegram-bot-api-secret-token': String(req.headers['x-telegram-bot-api-secret-token'] ?? ''),
    };
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await fetch(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status).end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.writeHead(502).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, routed };
}

interface Cluster {
  fake: FakeTelegram;
  a: Replica;
  b: Replica;
  routed: number[];
  databaseUrl: string;
  /** Delivers a text message through the balancer and waits for the bot's reply to it. */
  ask(from: TestUser, text: string): Promise<RecordedCall>;
}

/** The fake Bot API, a database of the test's own, knowledge to write to, and replicas A and B behind the balancer. */
async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const db = await postgres.fresh();
  onTestFinished(() => db.remove());
  const fake = await startFakeTelegram(REPLICA_TOKEN);
  onTestFinished(() => fake.close());
  const knowledge = copyKnowledge();
  const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  onTestFinished(() => {
    knowledge.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const ports = [await freePort(), await freePort()];
  const balancer = await startBalancer(ports);
  const settings = {
    apiRoot: fake.url,
    webhookUrl: `${balancer.url}${WEBHOOK_PATH}`,
    knowledgeDir: knowledge.dir,
    dataDir,
    databaseUrl: db.options.databaseUrl!,
    env: { RATE_LIMIT_MAX: String(RATE_LIMIT_MAX), RATE_LIMIT_WINDOW_SECONDS: '600', ...env },
  };
  const [a, b] = await Promise.all(ports.map((port) => startReplica({ ...settings, port })));
  // Registered last, so run first: the replicas stop before the database they use is dropped.
  onTestFinished(() => Promise.all([a!.stop(), b!.stop()]).then(() => {}));
  return {
    fake,
    a: a!,
    b: b!,
    routed: balancer.routed,
    databaseUrl: db.options.databaseUrl!,
    async ask(from, text) {
      const update = textMessage(from, text);
      expect((await fake.deliver(update)).status).toBe(200);
      return fake.waitForCall((c) => c.method === 'sendMessage' && c.body.reply_parameters?.message_id === update.message.message_id, {
        timeoutMs: 10_000,
      });
    },
  };
}

const shown = (call: RecordedCall): string => {
  const check = checkTelegramHtml(String(call.body.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
};

describe.skipIf(postgres.skip)(titleOf(postgres, 'two Telegram webhook replicas'), () => {
  it('answer every update exactly once, each replica the updates the balancer gave it', async () => {
    const { fake, a, b, routed } = await startCluster();
    const questions = ['What is Vorukh?', 'How long is the border?', 'Who is Tashiyev?', 'What happened in 2021?', 'What is Isfara?'];
    const updates = [...questions, ...questions].map((q) => textMessage(newUser(), q));
    // Delivered back to back, not one answer at a time: both replicas work at once.
    for (const update of updates) expect((await fake.deliver(update)).status).toBe(200);
    await Promise.all(
      updates.map((u) => fake.waitForCall((c) => c.body.reply_parameters?.message_id === u.message.message_id, { timeoutMs: 10_000 })),
    );
    // A stop waits for the updates in hand: after it, no late second answer can still come.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);

    const sent = fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 200);
    expect(updates.map((u) => sent.filter((c) => c.body.reply_parameters?.message_id === u.message.message_id).length)).toEqual(
      updates.map(() => 1),
    );
    expect(routed).toEqual(updates.map((_, i) => [a.port, b.port][i % 2]));
    expect([a.events('telegram_answer').length, b.events('telegram_answer').length]).toEqual([5, 5]);
  }, 60_000);

  it("use a source a moderator adds on replica A in replica B's answers within a second", async () => {
    const moderator = newUser();
    const { fake, a, b, routed, ask } = await startCluster({ TELEGRAM_MODERATOR_IDS: String(moderator.id) });
    const question = 'Where was the border treaty signed?';
    const before = [await ask(newUser(), question), await ask(newUser(), question)];
    expect(before.map((r) => shown(r).includes('Relay Agency'))).toEqual([false, false]);
    const accepted = await ask(
      moderator,
      '/add_source Presidents sign the border treaty | Relay Agency | 2025-03-13 | https://example.org/t\n' +
        'On 13 March 2025 the presidents signed the border treaty in Bishkek.',
    );
    expect(shown(accepted)).toMatch(/^Accepted: New source: “Presidents sign the border treaty”/);
    // B follows the database and logs when it put the update in use, by its clock: this machine's, as the fake's.
    const followed = JSON.parse(await b.child.waitFor((l) => l.includes('"event":"knowledge_followed"'), 5_000)) as { time: string };
    expect(Date.parse(followed.time) - accepted.at!).toBeLessThan(1_000);
    const after = await ask(newUser(), question);
    expect(shown(after)).toContain('Relay Agency');
    expect(shown(after)).toContain('On 13 March 2025 the presidents signed the border treaty in Bishkek.');
    // A accepted the update and B answered with it: neither was told twice, nor polled.
    expect(routed).toEqual([a.port, b.port, a.port, b.port]);
    expect([a.events('knowledge_update').length, b.events('knowledge_update').length]).toEqual([1, 0]);
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
  }, 60_000);

  it(`refuse a user's question over the limit (${RATE_LIMIT_MAX}) on the replica that did not count the others`, async () => {
    const { a, b, routed, ask, databaseUrl } = await startCluster();
    const asker = newUser();
    const replies: RecordedCall[] = [];
    for (const q of ['What is Vorukh?', 'What is Isfara?', 'What is Batken?', 'Who is Tashiyev?']) replies.push(await ask(asker, q));
    const refusal = new RegExp(`^${COMMON_TEXTS.en.rateLimited(0).replace(/0/, '\\d+').replace(/[.?]/g, '\\$&')}$`);
    expect(replies.map((r) => refusal.test(shown(r)))).toEqual([false, false, false, true]);
    expect(routed).toEqual([a.port, b.port, a.port, b.port]);
    // The refusal is logged after it is sent: wait for B's line, then A has had every chance to log one too.
    const limited = JSON.parse(await b.child.waitFor((l) => l.includes('"event":"telegram_rate_limited"'), 5_000)) as { user: string };
    expect(a.events('telegram_rate_limited')).toEqual([]);
    // The database holds the user by the salted hash alone, never by their Telegram id.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client
      .query<{ scope: string; user_key: string }>('select scope, user_key from rate_limits')
      .finally(() => client.end());
    expect(rows).toEqual([{ scope: 'telegram', user_key: limited.user }]);
    expect(limited.user).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(rows)).not.toContain(String(asker.id));
  }, 60_000);
});
