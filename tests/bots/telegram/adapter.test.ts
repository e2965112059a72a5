import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/bots/shared/adapter.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import { createTelegramAdapter } from '../../../src/bots/telegram/adapter.js';
import type { Core } from '../../../src/core/index.js';
import { bundledCore } from '../../helpers/core.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { newUser, recordingLogger, textMessage, type LogLine } from '../../fakes/telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';

/**
 * The adapter on its own, against the fake Bot API: what startFromConfig cannot inject
 * (a core that fails, a sleep that does not wait).
 */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const QUESTION = 'How long is the border between Kyrgyzstan and Tajikistan?';
const APOLOGY = 'Sorry, something went wrong with that question. Please try again or ask another.';

let fake: FakeTelegram;
let adapter: Adapter;
let lines: LogLine[];
let waits: number[];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

async function startWith(core: Core): Promise<void> {
  const log = recordingLogger();
  lines = log.lines;
  waits = [];
  adapter = createTelegramAdapter({
    core,
    token: TOKEN,
    apiRoot: fake.url,
    rateLimiter: createRateLimiter(5, 30_000),
    logger: log.logger,
    userHashSalt: 'test-salt',
    sleep: async (ms) => void waits.push(ms),
  });
  await adapter.start();
}

/** Pushes a message and waits until telegraf has finished with it; returns every sendMessage replying to it. */
async function exchange(update: ReturnType<typeof textMessage>): Promise<RecordedCall[]> {
  const id = fake.pushUpdate(update);
  await fake.handled(id);
  return fake.calls.filter((c) => c.method === 'sendMessage' && c.body.reply_parameters?.message_id === update.message.message_id);
}

/** A core that fails on one question and answers the rest as the real one does. */
async function coreFailingOn(trigger: string): Promise<Core> {
  const real = await bundledCore();
  return {
    ...real,
    ask: (q, o) =>
      q.includes(trigger)
        ? (() => {
            throw new Error('index exploded at /srv/knowledge');
          })()
        : real.ask(q, o),
  };
}

beforeEach(async () => {
  fake = await startFakeTelegram(TOKEN);
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  await adapter?.stop();
  await fake.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('telegram adapter, failures', () => {
  it('on 429 waits retry_after and delivers the reply exactly once', async () => {
    await startWith(await bundledCore());
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 1 });
    const sent = await exchange(textMessage(newUser(), QUESTION));
    expect(sent.map((c) => c.status)).toEqual([429, 200]);
    expect(sent[1]!.body.text).toBe(sent[0]!.body.text);
    expect(sent[1]!.body.text).toContain('970');
    expect(waits).toEqual([1000]);
    expect(lines.filter((l) => l.event === 'telegram_retry')).toHaveLength(1);
  });

  it('apologises when the core throws, without the error, and answers the next question', async () => {
    await startWith(await coreFailingOn('boom'));
    const user = newUser();
    const failed = await exchange(textMessage(user, 'boom: how long is the border?'));
    expect(failed.map((c) => [c.status, c.body.text])).toEqual([[200, APOLOGY]]);
    const next = await exchange(textMessage(user, QUESTION));
    expect(next).toHaveLength(1);
    expect(next[0]!.body.text).toContain('970');
    const error = lines.find((l) => l.event === 'telegram_update_failed');
    expect(error).toMatchObject({
      level: 'error',
      fields: { platform: 'telegram', stage: 'compose', error: 'Error: index exploded at /srv/knowledge' },
    });
  });

  it('apologises in Russian when Telegram keeps failing, after three tries, and goes on serving', async () => {
    await startWith(await bundledCore());
    fake.failNext('sendMessage', 3, { status: 500 });
    const sent = await exchange(textMessage(newUser('ru'), QUESTION));
    expect(sent.map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(sent[3]!.body.text).toBe('Извините, с этим вопросом что-то пошло не так. Попробуйте ещё раз или задайте другой.');
    expect(sent[3]!.body.parse_mode).toBeUndefined();
    expect(waits).toEqual([1000, 1000]);
    const next = await exchange(textMessage(newUser(), QUESTION));
    expect(next.map((c) => c.status)).toEqual([200]);
  });

  it('does not retry a request Telegram refuses, and a failed apology is only logged', async () => {
    await startWith(await bundledCore());
    fake.failNext('sendMessage', 2, { status: 403, description: 'Forbidden: bot was blocked by the user' });
    const sent = await exchange(textMessage(newUser(), QUESTION));
    expect(sent.map((c) => c.status)).toEqual([403, 403]);
    expect(waits).toEqual([]);
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['telegram_update_failed', 'telegram_apology_failed']));
  });

  it('logs one line per event with platform, hashed user and latency, and never the token or the question', async () => {
    await startWith(await bundledCore());
    const user = newUser();
    await exchange(textMessage(user, QUESTION));
    const answered = lines.find((l) => l.event === 'telegram_answer');
    expect(answered?.fields).toMatchObject({
      platform: 'telegram',
      chat: 'private',
      via: 'private',
      answered: true,
      questionChars: QUESTION.length,
    });
    expect(answered?.fields.user).toMatch(/^[0-9a-f]{16}$/);
    expect(answered?.fields.latencyMs).toEqual(expect.any(Number));
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(everything).not.toContain(QUESTION);
    expect(everything).not.toContain(String(user.id));
  });

  it('refuses to start on a rejected token, with the token nowhere in the error', async () => {
    fake.failNext('getMe', 1, { status: 401, description: 'Unauthorized' });
    const log = recordingLogger();
    adapter = createTelegramAdapter({
      core: await bundledCore(),
      token: TOKEN,
      apiRoot: fake.url,
      rateLimiter: createRateLimiter(5, 30_000),
      logger: log.logger,
      userHashSalt: '',
    });
    const error = await adapter.start().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toBe('Telegram did not accept the bot (TelegramError: 401: Unauthorized)');
    expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);
    expect(JSON.stringify(log.lines)).not.toContain('ABCDEFGHIJ');
  });

  it('keeps a path in the API root, as for a Bot API server behind a proxy', async () => {
    const log = recordingLogger();
    adapter = createTelegramAdapter({
      core: await bundledCore(),
      token: TOKEN,
      apiRoot: `${fake.url}/tg-proxy`,
      rateLimiter: createRateLimiter(5, 30_000),
      logger: log.logger,
      userHashSalt: '',
    });
    await adapter.start();
    expect(fake.calls[0]).toMatchObject({ method: 'getMe', path: `/tg-proxy/bot${TOKEN}/getMe` });
  });

  it('splits a reply over 4,096 characters into well-formed parts, buttons on the last', async () => {
    const real = await bundledCore();
    const long: Core = { ...real, ask: (q, o) => ({ ...real.ask(q, o), text: 'The commission met. '.repeat(400).trim() }) };
    await startWith(long);
    const sent = await exchange(textMessage(newUser(), QUESTION));
    const parts = fake.calls.filter((c) => c.method === 'sendMessage' && c.index >= sent[0]!.index);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.status).toBe(200);
      expect(p.body.text.length).toBeLessThanOrEqual(4096);
      expect(checkTelegramHtml(p.body.text).ok).toBe(true);
    }
    expect(parts.slice(0, -1).every((p) => p.body.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)!.body.reply_markup?.inline_keyboard?.length).toBeGreaterThan(0);
  });
});
