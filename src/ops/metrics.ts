import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Adapter } from '../bots/shared/adapter.js';
import type { UpdateRecord } from '../core/index.js';

export type Platform = Adapter['platform'];
/** What became of a question: an answer with sources, the honest "no source for that", or refused by the per-user limit. */
export type QuestionOutcome = 'answered' | 'no_source' | 'rate_limited';
export type UpdateKind = UpdateRecord['kind'];

export const QUESTION_OUTCOMES: readonly QuestionOutcome[] = ['answered', 'no_source', 'rate_limited'];

/** An answer from the index takes well under a millisecond; a machine under load can take seconds. */
export const ANSWER_SECONDS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Around the goal that an update reaches every process within a second. */
export const PROPAGATION_SECONDS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/** The bot's own metrics, in one registry of its own with the process's default metrics. */
export interface Metrics {
  readonly registry: Registry;
  /** One question on a platform; `seconds` is how long the answer took (none for a refused question). */
  question(platform: Platform, outcome: QuestionOutcome, seconds?: number): void;
  /** An update to the knowledge put in use by this process, `propagationSeconds` after it was written (by any process). */
  updateApplied(kind: UpdateKind, propagationSeconds: number): void;
  /** A failure talking to the platform or handling one of its events. */
  platformError(platform: Platform): void;
  /** A 429 Too Many Requests from the platform's API. */
  platformRateLimited(platform: Platform): void;
  /** The Prometheus text exposition of every metric, with its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** What measuring takes, without the registry: what a shard sends on to its manager (forward.ts). */
export type Measurements = Pick<Metrics, 'question' | 'updateApplied' | 'platformError' | 'platformRateLimited'>;

export interface MetricsOptions {
  /** Prefix of the bot's own metric names (the default process metrics keep their standard names). */
  prefix?: string;
  /** Platforms whose series start at 0, so a rate is defined from the first scrape rather than the first event. */
  platforms?: readonly Platform[];
  /** The process metrics (CPU, memory, event loop lag, ...); on unless switched off. */
  defaultMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const { prefix = 'border_bot_', platforms = [], defaultMetrics = true } = options;
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const questions = new Counter({
    name: `${prefix}questions_total`,
    help: 'Questions asked, by platform and outcome (answered, no_source, rate_limited).',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const answerSeconds = new Histogram({
    name: `${prefix}answer_duration_seconds`,
    help: 'Time the core took to answer a question, in seconds.',
    labelNames: ['platform'] as const,
    buckets: ANSWER_SECONDS_BUCKETS,
    registers,
  });
  const updates = new Counter({
    name: `${prefix}updates_applied_total`,
    help: 'Knowledge updates put in use by this process, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  const propagation = new Histogram({
    name: `${prefix}update_propagation_seconds`,
    help: 'Delay from an update being written to its use by this process, in seconds.',
    buckets: PROPAGATION_SECONDS_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: `${prefix}platform_errors_total`,
    help: 'Failures talking to a platform or handling its events, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const throttled = new Counter({
    name: `${prefix}platform_429_total`,
    help: "429 Too Many Requests responses from a platform's API, by platform.",
    labelNames: ['platform'] as const,
    registers,
  });
  for (const platform of platforms) {
    for (const outcome of QUESTION_OUTCOMES) questions.inc({ platform, outcome }, 0);
    errors.inc({ platform }, 0);
    throttled.inc({ platform }, 0);
  }
  return {
    registry,
    question(platform, outcome, seconds) {
      questions.inc({ platform, outcome });
      if (seconds !== undefined) answerSeconds.observe({ platform }, seconds);
    },
    updateApplied(kind, propagationSeconds) {
      updates.inc({ kind });
      // Clocks of two machines can disagree by a little: a delay below zero is no delay.
      propagation.observe(Math.max(0, propagationSeconds));
    },
    platformError: (platform) => errors.inc({ platform }),
    platformRateLimited: (platform) => throttled.inc({ platform }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
