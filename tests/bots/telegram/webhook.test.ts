import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config.js';
import { startFromConfig } from '../../../src/main.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../../src/bots/telegram/adapter.js';
import { WEBHOOK_SECRET_SHAPE, webhookSecret } from '../../../src/bots/telegram/webhook.js';
import type { Core } from '../../../src/core/index.js';
import { bundledCore, TEST_NOW } from '../../helpers/core.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { newUser, recordingLogger, textMessage, type LogLine } from '../../fakes/telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';

/** Webhook mode: Telegram posts updates to one public address, a load balancer spreads them over the replicas. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PATH = '/telegram/updates';

/** A round-robin load balancer on 127.0.0.1: the public address Telegram posts to. It records where each request went. */
async function startBalancer(): Promise<{ url: string; backends: number[]; routed: number[] }> {
  const backends: number[] = [];
  const routed: number[] = [];
  let turn = 0;
  const server = createServer((req, res) => {
    const port = backends[turn++ % backends.length]!;
    routed.push(port);
    const upstream = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, backends, routed };
}

async function fakeTelegram(): Promise<FakeTelegram> {
  const fake = await startFakeTelegram(TOKEN);
  onTestFinished(() => fake.close());
  return fake;
}

/** One replica of the bot, in webhook mode behind `balancer`; `asked` lists the questions its core answered. */
async function startReplica(
  fake: FakeTelegram,
  balancer: { url: string; backends: number[] },
  options: { secret?: string } = {},
): Promise<{ bot: TelegramAdapter; asked: string[]; lines: LogLine[] }> {
  const core = await bundledCore();
  const asked: string[] = [];
  const counted: Core = { ...core, ask: (question, opts) => (asked.push(question), core.ask(question, opts)) };
  const log = recordingLogger();
  const bot = createTelegramAdapter({
    core: counted,
    token: TOKEN,
    apiRoot: fake.url,
    rateLimiter: createRateLimiter(100, 60_000),
    logger: log.logger,
    userHashSalt: '',
    sleep: async () => {},
    webhook: { url: `${balancer.url}${PATH}`, secret: options.secret ?? null, port: 0, host: '127.0.0.1' },
  });
  await bot.start();
  onTestFinished(() => bot.stop());
  balancer.backends.push(bot.webhookPort()!);
  return { bot, asked, lines: log.lines };
}

const repliesTo = (fake: FakeTelegram, messageId: number): RecordedCall[] =>
  fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && c.body.reply_parameters?.message_id === messageId);

const shown = (call: RecordedCall): string => {
  const check = checkTelegramHtml(String(call.body.text));
  if (!check.ok) throw new Error(check.error);
  return check.text;
};

describe('the webhook secret', () => {
  it('is the same on every replica of a bot, differs between bots, and is one Telegram accepts', () => {
    const derived = webhookSecret(TOKEN, null);
    expect(derived).toBe(webhookSecret(TOKEN, null));
    expect(derived).not.toBe(webhookSecret('654321:ZYXWVUTSRQPONMLKJIHGFEDCBA', null));
    expect(derived).toMatch(WEBHOOK_SECRET_SHAPE);
    expect(derived).not.toContain(TOKEN.split(':')[1]);
    expect(webhookSecret(TOKEN, 'chosen-by-the-operator')).toBe('chosen-by-the-operator');
  });
});

describe('the webhook settings', () => {
  const env = { TELEGRAM_BOT_TOKEN: TOKEN };

  it('poll unless TELEGRAM_WEBHOOK_URL is set, then listen on PORT (8080 unless set)', () => {
    expect(readConfig(env).telegram?.webhook).toBeNull();
    expect(readConfig({ ...env, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram' }).telegram?.webhook).toEqual({
      url: 'https://bot.example.org/telegram',
      secret: null,
      port: 8080,
    });
    const set = { ...env, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'a_b-C9', PORT: '3000' };
    expect(readConfig(set).telegram?.webhook).toEqual({ url: 'https://bot.example.org/tg', secret: 'a_b-C9', port: 3000 });
  });

  it('refuse a malformed secret without echoing it, a bad port, and one port for both servers', () => {
    const url = { ...env, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg' };
    const malformed = () => readConfig({ ...url, TELEGRAM_WEBHOOK_SECRET: 'has spaces in it' });
    expect(malformed).toThrow(new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'must be 1 to 256 letters, digits, _ or -'));
    expect(() => readConfig({ ...url, PORT: '80800' })).toThrow(
      new ConfigError('PORT', 'must be a port number from 1 to 65535 (got "80800")'),
    );
    expect(() => readConfig({ ...url, PORT: '9000', METRICS_PORT: '9000' })).toThrow(
      new ConfigError('PORT', 'must differ from METRICS_PORT (both are 9000)'),
    );
  });
});

describe('Telegram in webhook mode', () => {
  it('is what npm start runs when TELEGRAM_WEBHOOK_URL is set', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = readConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_WEBHOOK_URL: `${balancer.url}${PATH}`,
      KNOWLEDGE_DIR: 'knowledge',
      DATA_DIR: dataDir,
    });
    const webhook = { ...config.telegram!.webhook!, port: 0, host: '127.0.0.1' };
    const running = await startFromConfig(
      { ...config, telegram: { ...config.telegram!, webhook } },
      { logger: recordingLogger().logger, now: () => TEST_NOW },
    );
    onTestFinished(() => running.stop());
    balancer.backends.push((running.adapters[0] as TelegramAdapter).webhookPort()!);

    const update = textMessage(newUser(), '/start');
    expect((await fake.deliver(update)).status).toBe(200);
    const reply = await fake.waitForCall((c) => c.method === 'sendMessage' && c.body.chat_id === update.message.chat.id);
    expect(shown(reply).length).toBeGreaterThan(0);
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
  });

  it('registers the webhook with a secret, answers an update posted to it, and never polls or logs the secret', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const { lines } = await startReplica(fake, balancer);

    const registered = fake.webhook();
    expect(registered).toEqual({ url: `${balancer.url}${PATH}`, secretToken: webhookSecret(TOKEN, null) });
    const update = textMessage(newUser(), 'How long is the border between Kyrgyzstan and Tajikistan?');
    expect((await fake.deliver(update)).status).toBe(200);
    const reply = await fake.waitForCall(
      (c) => c.method === 'sendMessage' && c.body.reply_parameters?.message_id === update.message.message_id,
    );
    expect(shown(reply)).toContain('970');
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(registered!.secretToken);
  });

  it('registers the secret the operator set', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    await startReplica(fake, balancer, { secret: 'operator-chosen_secret-1' });
    expect(fake.webhook()?.secretToken).toBe('operator-chosen_secret-1');
  });

  it('refuses an update without the secret (401) or with a wrong one (403), and answers neither', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const { asked } = await startReplica(fake, balancer);

    const anonymous = textMessage(newUser(), 'What is Vorukh?');
    const forged = textMessage(newUser(), 'What is Vorukh?');
    expect((await fake.deliver(anonymous, { secret: null })).status).toBe(401);
    expect((await fake.deliver(forged, { secret: `${fake.webhook()!.secretToken}x` })).status).toBe(403);
    expect((await fake.deliver(forged, { secret: 'short' })).status).toBe(403);
    // A genuine update after them, answered: by then the refused ones would have been answered too, had they been taken.
    const genuine = textMessage(newUser(), 'What is Vorukh?');
    expect((await fake.deliver(genuine)).status).toBe(200);
    await fake.waitForCall((c) => c.method === 'sendMessage' && c.body.chat_id === genuine.message.chat.id);
    const answeredChats = fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.body.chat_id);
    expect(answeredChats).toEqual([genuine.message.chat.id]);
    expect(asked).toEqual(['What is Vorukh?']);
  });

  it('refuses a body over 1 MB with 413, and anything but a POST of an update to its path', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const { bot } = await startReplica(fake, balancer);
    const address = `http://127.0.0.1:${bot.webhookPort()}`;
    const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': fake.webhook()!.secretToken! };
    const post = (path: string, body: string) => fetch(`${address}${path}`, { method: 'POST', headers, body }).then((r) => r.status);

    const huge = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(1024 * 1024) } });
    expect(await post(PATH, huge)).toBe(413);
    expect(await post(PATH, '{not json')).toBe(400);
    expect(await post(PATH, '{"message":{}}')).toBe(400);
    expect(await post('/elsewhere', '{"update_id":1}')).toBe(404);
    expect((await fetch(`${address}${PATH}`, { headers })).status).toBe(405);
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('leaves the webhook registered when a replica stops, so the others go on serving it', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const { bot } = await startReplica(fake, balancer);
    await bot.stop();
    expect(bot.webhookPort()).toBeNull();
    expect(fake.webhook()?.url).toBe(`${balancer.url}${PATH}`);
    expect(fake.calls.map((c) => c.method)).not.toContain('deleteWebhook');
  });

  it('with two replicas behind one address, answers every update exactly once, each replica its own', async () => {
    const fake = await fakeTelegram();
    const balancer = await startBalancer();
    const first = await startReplica(fake, balancer);
    const second = await startReplica(fake, balancer);

    const questions = [
      'What is Vorukh?',
      'How long is the border?',
      'Who is Tashiyev?',
      'What happened in 2021?',
      'What is Isfara?',
      'What is Batken?',
    ];
    const updates = questions.map((q) => textMessage(newUser(), q));
    for (const update of updates) expect((await fake.deliver(update)).status).toBe(200);
    for (const update of updates) await fake.waitForCall((c) => c.body.reply_parameters?.message_id === update.message.message_id);
    // Stopping waits for the updates in hand: after it, no late second answer can still come.
    await Promise.all([first.bot.stop(), second.bot.stop()]);

    expect(updates.map((u) => repliesTo(fake, u.message.message_id).length)).toEqual([1, 1, 1, 1, 1, 1]);
    const [a, b] = balancer.backends;
    expect(balancer.routed).toEqual([a, b, a, b, a, b]);
    expect(first.asked).toEqual([questions[0], questions[2], questions[4]]);
    expect(second.asked).toEqual([questions[1], questions[3], questions[5]]);
  });
});
