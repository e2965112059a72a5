import { Telegram, TelegramError } from 'telegraf';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  classifyTelegramError,
  createCallWithRetry,
  createScrubber,
  describeError,
  installRetryPolicy,
} from '../../../src/bots/telegram/retry.js';
import { recordingLogger } from '../../fakes/telegram-fixtures.js';
import { startFakeTelegram } from '../../fakes/telegram-server.js';

const apiError = (error_code: number, description: string, retry_after?: number) =>
  new TelegramError({ error_code, description, ...(retry_after === undefined ? {} : { parameters: { retry_after } }) });

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const recorder = recordingLogger;

/** A call that fails with each error in turn, then succeeds. */
function flaky(errors: unknown[]) {
  let calls = 0;
  return { fn: async () => (calls < errors.length ? Promise.reject(errors[calls++]) : (calls++, 'sent')), calls: () => calls };
}

describe('classifyTelegramError', () => {
  it('retries flood control after retry_after, server and network errors; gives up on bad requests; stops on a bad token', () => {
    expect(classifyTelegramError(apiError(429, 'Too Many Requests: retry after 7', 7))).toEqual({ kind: 'retry', afterMs: 7000 });
    expect(classifyTelegramError(apiError(502, 'Bad Gateway'))).toEqual({ kind: 'retry', afterMs: 1000 });
    expect(classifyTelegramError(Object.assign(new Error('socket hang up'), { name: 'FetchError' }))).toEqual({
      kind: 'retry',
      afterMs: 1000,
    });
    expect(classifyTelegramError(apiError(400, "Bad Request: can't parse entities"))).toEqual({ kind: 'failed' });
    expect(classifyTelegramError(apiError(403, 'Forbidden: bot was blocked by the user'))).toEqual({ kind: 'failed' });
    expect(classifyTelegramError(apiError(401, 'Unauthorized'))).toEqual({ kind: 'fatal' });
    expect(classifyTelegramError(apiError(409, 'Conflict: terminated by other getUpdates request'))).toEqual({ kind: 'fatal' });
    expect(classifyTelegramError(new Error('boom'))).toEqual({ kind: 'failed' });
  });
});

describe('createCallWithRetry', () => {
  it('waits out retry_after and succeeds on the next try', async () => {
    const waits: number[] = [];
    const { logger, lines } = recorder();
    const call = createCallWithRetry({ logger, scrub: createScrubber(TOKEN), sleep: async (ms) => void waits.push(ms) });
    const f = flaky([apiError(429, 'Too Many Requests: retry after 1', 1)]);
    await expect(call('sendMessage', f.fn)).resolves.toBe('sent');
    expect(f.calls()).toBe(2);
    expect(waits).toEqual([1000]);
    expect(lines).toEqual([
      {
        level: 'warn',
        event: 'telegram_retry',
        fields: expect.objectContaining({ platform: 'telegram', method: 'sendMessage', attempt: 1, waitMs: 1000, code: 429 }),
      },
    ]);
  });

  it('gives up after three tries, and at once when told to wait longer than the cap or the request is bad', async () => {
    const sleep = async () => {};
    const call = createCallWithRetry({ logger: recorder().logger, scrub: (s) => s, sleep, maxWaitMs: 30_000 });
    const always429 = flaky(Array.from({ length: 5 }, () => apiError(429, 'Too Many Requests', 0)));
    await expect(call('sendMessage', always429.fn)).rejects.toMatchObject({ code: 429 });
    expect(always429.calls()).toBe(3);
    const longWait = flaky([apiError(429, 'Too Many Requests: retry after 3600', 3600)]);
    await expect(call('sendMessage', longWait.fn)).rejects.toMatchObject({ code: 429 });
    expect(longWait.calls()).toBe(1);
    const bad = flaky([apiError(400, 'Bad Request')]);
    await expect(call('sendMessage', bad.fn)).rejects.toMatchObject({ code: 400 });
    expect(bad.calls()).toBe(1);
  });
});

describe('installRetryPolicy', () => {
  /** A client of the Bot API against the fake, with the policy installed once on it. */
  async function client(options: { waitOutFloods?: boolean } = {}) {
    const fake = await startFakeTelegram(TOKEN);
    onTestFinished(() => fake.close());
    const waits: number[] = [];
    const telegram = new Telegram(TOKEN, { apiRoot: `${fake.url}/` });
    installRetryPolicy(telegram, { logger: recorder().logger, scrub: (s) => s, sleep: async (ms) => void waits.push(ms), ...options });
    return { fake, telegram, waits };
  }

  it('retries every call made through the client, with no wrapper at the call site', async () => {
    const { fake, telegram, waits } = await client();
    fake.failNext('sendMessage', 1, { status: 500 });
    fake.failNext('setMyCommands', 1, { status: 429, retryAfter: 2 });
    await telegram.sendMessage(1, 'hello');
    await telegram.setMyCommands([{ command: 'help', description: 'Help' }]);
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['sendMessage', 500],
      ['sendMessage', 200],
      ['setMyCommands', 429],
      ['setMyCommands', 200],
    ]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('gives up on the fourth 429 for a reply, and waits out every 429 under the announcement policy', async () => {
    const ordinary = await client();
    ordinary.fake.failNext('sendMessage', 5, { status: 429, retryAfter: 0 });
    await expect(ordinary.telegram.sendMessage(1, 'hello')).rejects.toMatchObject({ code: 429 });
    expect(ordinary.fake.calls).toHaveLength(3);
    const announcing = await client({ waitOutFloods: true });
    announcing.fake.failNext('sendMessage', 5, { status: 429, retryAfter: 3600 });
    await announcing.telegram.sendMessage(1, '📢 news');
    expect(announcing.fake.calls.map((c) => c.status)).toEqual([429, 429, 429, 429, 429, 200]);
    expect(announcing.waits).toEqual(Array(5).fill(3_600_000));
    // Other failures keep their bounds, even for announcements.
    announcing.fake.failNext('sendMessage', 3, { status: 500 });
    await expect(announcing.telegram.sendMessage(1, '📢 news')).rejects.toMatchObject({ code: 500 });
  });
});

describe('token scrubbing', () => {
  it('removes the token from error text bound for the log, in any bot URL', () => {
    const scrub = createScrubber(TOKEN);
    const err = Object.assign(
      new Error(`request to http://127.0.0.1:1/bot${TOKEN}/sendMessage failed, reason: ECONNREFUSED; also bot999:zzzzzzzzzzzzzzzzzzzzzzzz`),
      { name: 'FetchError' },
    );
    const { error } = describeError(err, scrub);
    expect(error).toBe('FetchError: request to http://127.0.0.1:1/bot[token]/sendMessage failed, reason: ECONNREFUSED; also bot[token]');
    expect(error).not.toContain('ABCDEFGHIJ');
  });
});
