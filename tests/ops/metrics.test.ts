import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

const scrape = async (metrics: ReturnType<typeof createMetrics>) => parsePrometheusText((await metrics.render()).body);

describe('the metrics registry', () => {
  it('exposes every metric with its HELP and TYPE, the process metrics too, as Prometheus text', async () => {
    const metrics = createMetrics({ platforms: ['telegram', 'discord'] });
    const { contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await scrape(metrics);
    expect(Object.fromEntries([...text.type].filter(([name]) => name.startsWith('border_bot_')))).toEqual({
      border_bot_questions_total: 'counter',
      border_bot_answer_duration_seconds: 'histogram',
      border_bot_updates_applied_total: 'counter',
      border_bot_update_propagation_seconds: 'histogram',
      border_bot_platform_errors_total: 'counter',
      border_bot_platform_429_total: 'counter',
    });
    expect(text.help.get('border_bot_questions_total')).toBe(
      'Questions asked, by platform and outcome (answered, no_source, rate_limited).',
    );
    expect(text.type.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(text.type.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    // The started platforms' series exist from the first scrape, at zero.
    expect(valueOf(text, 'border_bot_questions_total', { platform: 'discord', outcome: 'rate_limited' })).toBe(0);
    expect(valueOf(text, 'border_bot_platform_429_total', { platform: 'telegram' })).toBe(0);
  });

  it('counts questions by platform and outcome, and times the answers from sub-millisecond up', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.question('telegram', 'answered', 0.0002);
    metrics.question('telegram', 'answered', 0.0004);
    metrics.question('telegram', 'no_source', 1.5);
    metrics.question('discord', 'rate_limited');
    const text = await scrape(metrics);
    expect(valueOf(text, 'border_bot_questions_total', { platform: 'telegram', outcome: 'answered' })).toBe(2);
    expect(valueOf(text, 'border_bot_questions_total', { platform: 'telegram', outcome: 'no_source' })).toBe(1);
    expect(valueOf(text, 'border_bot_questions_total', { platform: 'discord', outcome: 'rate_limited' })).toBe(1);
    const bucket = (le: string) => valueOf(text, 'border_bot_answer_duration_seconds_bucket', { platform: 'telegram', le });
    expect([bucket('0.0001'), bucket('0.00025'), bucket('0.0005'), bucket('1'), bucket('2.5'), bucket('+Inf')]).toEqual([0, 1, 2, 2, 3, 3]);
    expect(valueOf(text, 'border_bot_answer_duration_seconds_count', { platform: 'telegram' })).toBe(3);
    expect(valueOf(text, 'border_bot_answer_duration_seconds_sum', { platform: 'telegram' })).toBeCloseTo(1.5006, 6);
    // A refused question was never answered: it has no latency.
    expect(valueOf(text, 'border_bot_answer_duration_seconds_count', { platform: 'discord' })).toBeUndefined();
  });

  it('counts updates applied by kind and their propagation delay, a clock behind counting as no delay', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.updateApplied('add-fact', 0.3);
    metrics.updateApplied('add-fact', 4);
    metrics.updateApplied('retract', -0.02);
    const text = await scrape(metrics);
    expect(valueOf(text, 'border_bot_updates_applied_total', { kind: 'add-fact' })).toBe(2);
    expect(valueOf(text, 'border_bot_updates_applied_total', { kind: 'retract' })).toBe(1);
    const bucket = (le: string) => valueOf(text, 'border_bot_update_propagation_seconds_bucket', { le });
    expect([bucket('0.01'), bucket('0.5'), bucket('1'), bucket('5'), bucket('+Inf')]).toEqual([1, 2, 2, 3, 3]);
    expect(valueOf(text, 'border_bot_update_propagation_seconds_sum')).toBeCloseTo(4.3, 6);
  });

  it('counts platform errors and 429s by platform, each registry on its own', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const other = createMetrics({ defaultMetrics: false });
    metrics.platformError('discord');
    metrics.platformError('discord');
    metrics.platformRateLimited('telegram');
    const text = await scrape(metrics);
    expect(valueOf(text, 'border_bot_platform_errors_total', { platform: 'discord' })).toBe(2);
    expect(valueOf(text, 'border_bot_platform_429_total', { platform: 'telegram' })).toBe(1);
    expect(valueOf(await scrape(other), 'border_bot_platform_errors_total', { platform: 'discord' })).toBeUndefined();
  });
});

describe('the Prometheus text reader used by these tests', () => {
  it.each([
    ['a sample without a TYPE line', 'x 1\n'],
    ['a value that is not a number', '# TYPE x counter\nx one\n'],
    ['a label value without quotes', '# TYPE x counter\nx{a=b} 1\n'],
    ['a line that is neither comment nor sample', '# TYPE x counter\nx{a="b"}\n'],
    ['a missing final newline', '# TYPE x counter\nx 1'],
  ])('refuses %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });

  it('reads labels with escapes, histogram series and special values', () => {
    const text = parsePrometheusText(
      '# HELP h Help.\n# TYPE h histogram\nh_bucket{le="+Inf",q="a \\"b\\"\\n"} 2\nh_sum NaN\nh_count 2 1700000000000\n',
    );
    expect(text.samples).toEqual([
      { name: 'h_bucket', labels: { le: '+Inf', q: 'a "b"\n' }, value: 2 },
      { name: 'h_sum', labels: {}, value: NaN },
      { name: 'h_count', labels: {}, value: 2 },
    ]);
  });
});
