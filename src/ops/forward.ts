import type { Measurements } from './metrics.js';

/*
 * Metrics of a process whose measurements another process serves: a Discord shard's, sent to its manager over the
 * IPC channel discord.js's ShardingManager opens, and counted there with the manager's own.
 */

type Measurement = { [K in keyof Measurements]: { metric: K; args: Parameters<Measurements[K]> } }[keyof Measurements];

/** A message that carries one measurement: tagged, so it is never taken for one of discord.js's own. */
export interface MeasurementMessage {
  borderBotMeasurement: Measurement;
}

/** Metrics that keep nothing here: each measurement is sent on, to be counted where they are served. */
export function forwardingMetrics(send: (message: MeasurementMessage) => void): Measurements {
  const forward = (m: Measurement) => send({ borderBotMeasurement: m });
  return {
    question: (...args) => forward({ metric: 'question', args }),
    updateApplied: (...args) => forward({ metric: 'updateApplied', args }),
    platformError: (...args) => forward({ metric: 'platformError', args }),
    platformRateLimited: (...args) => forward({ metric: 'platformRateLimited', args }),
  };
}

/** Counts a measurement another process sent; false for any other message. */
export function countForwarded(metrics: Measurements, message: unknown): boolean {
  const m = (message as Partial<MeasurementMessage> | null)?.borderBotMeasurement;
  if (!m || typeof m !== 'object') return false;
  if (m.metric === 'question') metrics.question(...m.args);
  else if (m.metric === 'updateApplied') metrics.updateApplied(...m.args);
  else if (m.metric === 'platformError') metrics.platformError(...m.args);
  else if (m.metric === 'platformRateLimited') metrics.platformRateLimited(...m.args);
  else return false;
  return true;
}
