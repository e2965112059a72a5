import { describe, expect, it, onTestFinished } from 'vitest';
import { createRateLimiter } from '../../src/bots/shared/rate-limit.js';
import { createTelegramAdapter } from '../../src/bots/telegram/adapter.js';
import { silentLogger } from '../../src/log.js';
import { startOps } from '../../src/ops/index.js';
import { bundledCore } from '../helpers/core.js';
import { newUser, textMessage } from '../fakes/telegram-fixtures.js';
import { startFakeTelegram } from '../fakes/telegram-server.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The operator's view of a running Telegram bot, wired the way the entry point wires it. */
describe('health and metrics of a running bot', () => {
  it('is ready once knowledge and Telegram are, and counts what the bot did: answers, refusals and 429s', async () => {
    const fake = await startFakeTelegram(TOKEN);
    onTestFinished(() => fake.close());
    const ops = await startOps({ port: 0, host: '127.0.0.1', platforms: ['telegram'], logger: silentLogger });
    onTestFinished(() => ops.stop());
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${ops.port}${path}`);
      return { status: res.status, body: await res.text() };
    };

    const loading = await get('/readyz');
    expect([loading.status, JSON.parse(loading.body).notReady]).toEqual([503, ['knowledge', 'telegram']]);
    const core = await bundledCore();
    ops.readiness.set('knowledge', true);
    const measured = ops.instrument('telegram', { core, rateLimiter: createRateLimiter(1, 60_000), logger: silentLogger });
    const bot = createTelegramAdapter({ ...measured, token: TOKEN, apiRoot: fake.url, userHashSalt: '', sleep: async () => {} });
    await bot.start();
    onTestFinished(() => bot.stop());
    ops.readiness.set('telegram', true);
    expect((await get('/readyz')).status).toBe(200);

    const asker = newUser();
    await fake.handled(fake.pushUpdate(textMessage(asker, 'How long is the border?')));
    await fake.handled(fake.pushUpdate(textMessage(asker, 'What is Vorukh?')));
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 0 });
    await fake.handled(fake.pushUpdate(textMessage(newUser(), 'What is the capital of France?')));
    const sent = fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status);
    expect(sent).toEqual([200, 200, 429, 200]);

    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    const text = parsePrometheusText(metrics.body);
    const questions = (outcome: string) => valueOf(text, 'border_bot_questions_total', { platform: 'telegram', outcome });
    expect([questions('answered'), questions('no_source'), questions('rate_limited')]).toEqual([1, 1, 1]);
    expect(valueOf(text, 'border_bot_answer_duration_seconds_count', { platform: 'telegram' })).toBe(2);
    expect(valueOf(text, 'border_bot_platform_429_total', { platform: 'telegram' })).toBe(1);
    expect(valueOf(text, 'border_bot_platform_errors_total', { platform: 'telegram' })).toBe(0);
  });
});
