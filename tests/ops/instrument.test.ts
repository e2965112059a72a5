import { REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/bots/shared/rate-limit.js';
import type { Logger } from '../../src/core/index.js';
import { countDiscordRateLimits, countingLogger, instrumentCore, instrumentRateLimiter } from '../../src/ops/instrument.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { bundledCore, TEST_NOW } from '../helpers/core.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

const count = async (metrics: Metrics, name: string, labels: Record<string, string>) =>
  valueOf(parsePrometheusText((await metrics.render()).body), name, labels) ?? 0;

describe('measuring the adapters without changing them', () => {
  it('counts and times every answer of the wrapped core, which answers exactly as the core does', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const plain = await bundledCore();
    const core = instrumentCore(plain, metrics, 'discord');
    expect(core.ask('How long is the border?', { now: TEST_NOW })).toEqual(plain.ask('How long is the border?', { now: TEST_NOW }));
    core.ask('Who will win the World Cup?', { now: TEST_NOW });
    expect(core.sources()).toEqual(plain.sources());
    expect(core.examples('ru')).toEqual(plain.examples('ru'));
    expect(core.about('en')).toBe(plain.about('en'));
    expect(await count(metrics, 'border_bot_questions_total', { platform: 'discord', outcome: 'answered' })).toBe(1);
    expect(await count(metrics, 'border_bot_questions_total', { platform: 'discord', outcome: 'no_source' })).toBe(1);
    expect(await count(metrics, 'border_bot_answer_duration_seconds_count', { platform: 'discord' })).toBe(2);
  });

  it('counts the questions the per-user limiter refuses, and only those', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const limiter = instrumentRateLimiter(createRateLimiter(2, 60_000), metrics, 'telegram');
    const waits = await Promise.all([limiter.take('u1', 0), limiter.take('u1', 1), limiter.take('u1', 2), limiter.take('u2', 3)]);
    expect(waits).toEqual([0, 0, 59_998, 0]);
    expect(await count(metrics, 'border_bot_questions_total', { platform: 'telegram', outcome: 'rate_limited' })).toBe(1);
  });

  it('counts the errors and 429s the adapters log, and passes every event on unchanged', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const seen: string[] = [];
    const sink =
      (level: string): Logger[keyof Logger] =>
      (event, fields) =>
        void seen.push(`${level} ${event} ${JSON.stringify(fields)}`);
    const logger = countingLogger({ debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') }, metrics);
    logger.error('telegram_update_failed', { platform: 'telegram', code: 400 });
    logger.warn('telegram_retry', { platform: 'telegram', method: 'sendMessage', code: 429 });
    logger.error('telegram_update_failed', { platform: 'telegram', code: 429 });
    logger.error('handler_failed', { platform: 'discord' });
    logger.error('knowledge_reload_failed', { error: 'bad yaml' });
    logger.info('rate_limited', { platform: 'discord', waitMs: 10 });
    expect(seen).toEqual([
      'error telegram_update_failed {"platform":"telegram","code":400}',
      'warn telegram_retry {"platform":"telegram","method":"sendMessage","code":429}',
      'error telegram_update_failed {"platform":"telegram","code":429}',
      'error handler_failed {"platform":"discord"}',
      'error knowledge_reload_failed {"error":"bad yaml"}',
      'info rate_limited {"platform":"discord","waitMs":10}',
    ]);
    expect(await count(metrics, 'border_bot_platform_errors_total', { platform: 'telegram' })).toBe(2);
    expect(await count(metrics, 'border_bot_platform_errors_total', { platform: 'discord' })).toBe(1);
    expect(await count(metrics, 'border_bot_platform_429_total', { platform: 'telegram' })).toBe(2);
    expect(await count(metrics, 'border_bot_platform_429_total', { platform: 'discord' })).toBe(0);
  });

  it("counts the 429s discord.js's REST client receives and waits out by itself", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const rest = new REST();
    countDiscordRateLimits(rest, metrics);
    const request = { method: 'POST', path: '/channels/1/messages' };
    rest.emit('response', request as never, { status: 200 } as never);
    rest.emit('response', request as never, { status: 429 } as never);
    expect(await count(metrics, 'border_bot_platform_429_total', { platform: 'discord' })).toBe(1);
  });
});
