import { describe, expect, it } from 'vitest';
import { countForwarded, forwardingMetrics, type MeasurementMessage } from '../../src/ops/forward.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

/** A shard's measurements, sent over IPC and counted by its manager with the manager's own. */
describe('forwarded measurements', () => {
  it("are counted where they arrive, added to that process's own", async () => {
    const sent: MeasurementMessage[] = [];
    const shard = forwardingMetrics((m) => sent.push(m));
    shard.question('discord', 'answered', 0.002);
    shard.platformRateLimited('discord');
    shard.updateApplied('retract', 0.3);
    // Through JSON, as process.send carries them.
    const arrived = sent.map((m) => JSON.parse(JSON.stringify(m)) as unknown);
    const manager = createMetrics({ platforms: ['discord'], defaultMetrics: false });
    manager.platformRateLimited('discord');
    expect(arrived.map((m) => countForwarded(manager, m))).toEqual([true, true, true]);
    const text = parsePrometheusText((await manager.render()).body);
    expect(valueOf(text, 'border_bot_questions_total', { platform: 'discord', outcome: 'answered' })).toBe(1);
    expect(valueOf(text, 'border_bot_answer_duration_seconds_count', { platform: 'discord' })).toBe(1);
    expect(valueOf(text, 'border_bot_platform_429_total', { platform: 'discord' })).toBe(2);
    expect(valueOf(text, 'border_bot_updates_applied_total', { kind: 'retract' })).toBe(1);
  });

  it("leaves discord.js's own messages and anything else alone", () => {
    const manager = createMetrics({ defaultMetrics: false });
    const others = [{ _ready: true }, null, 'text', { borderBotMeasurement: { metric: 'render', args: [] } }];
    expect(others.map((m) => countForwarded(manager, m))).toEqual([false, false, false, false]);
  });
});
