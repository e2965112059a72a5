import type { RateLimiter } from '../bots/shared/rate-limit.js';
import type { Core, Logger } from '../core/index.js';
import { createHealthServer } from './health-server.js';
import { countingLogger, instrumentCore, instrumentRateLimiter } from './instrument.js';
import { forwardingMetrics, type MeasurementMessage } from './forward.js';
import { createMetrics, type Measurements, type Metrics, type Platform } from './metrics.js';
import { createReadiness, type Readiness } from './readiness.js';

export { createHealthServer, type HealthServer, type HealthServerOptions } from './health-server.js';
export { countDiscordRateLimits, countingLogger, instrumentCore, instrumentRateLimiter, type RestEvents } from './instrument.js';
export { countForwarded, forwardingMetrics, type MeasurementMessage } from './forward.js';
export { createMetrics, type Measurements, type Metrics, type MetricsOptions, type Platform, type QuestionOutcome } from './metrics.js';
export { createReadiness, type Readiness, type ReadinessCheck, type ReadinessStatus } from './readiness.js';

/** What an adapter is built from that the operator's metrics look through. */
export interface MeasuredDeps {
  core: Core;
  rateLimiter: RateLimiter;
  logger: Logger;
}

/** What the entry point measures and reports readiness through. */
export interface Ops {
  metrics: Measurements;
  /** Requires `knowledge` and each platform given to `startOps`; the entry point sets each once it is so. */
  readiness: Readiness;
  /** The same deps, measured for this platform: questions and their outcome, latency, errors and 429s. */
  instrument<T extends MeasuredDeps>(platform: Platform, deps: T): T;
  stop(): Promise<void>;
}

/** The ops of a process that serves /healthz, /readyz and /metrics itself. */
export interface ServedOps extends Ops {
  metrics: Metrics;
  port: number;
}

const instrumentWith =
  (metrics: Measurements): Ops['instrument'] =>
  (platform, deps) => ({
    ...deps,
    core: instrumentCore(deps.core, metrics, platform),
    rateLimiter: instrumentRateLimiter(deps.rateLimiter, metrics, platform),
    logger: countingLogger(deps.logger, metrics),
  });

/**
 * The health and metrics server for one bot process, listening before the knowledge loads so that /healthz
 * answers and /readyz says what is still loading.
 */
export async function startOps(options: {
  port: number;
  host?: string;
  platforms: readonly Platform[];
  logger: Logger;
}): Promise<ServedOps> {
  const metrics = createMetrics({ platforms: options.platforms });
  const readiness = createReadiness(['knowledge', ...options.platforms]);
  const server = createHealthServer({ port: options.port, host: options.host, metrics, readiness, logger: options.logger });
  const { port } = await server.start();
  return { metrics, readiness, port, instrument: instrumentWith(metrics), stop: () => server.stop() };
}

/**
 * The ops of a Discord shard process: it serves nothing itself; every measurement is sent to its manager, whose
 * /metrics counts it with its own, and its readiness is what the manager hears from discord.js about the shard.
 */
export function forwardingOps(send: (message: MeasurementMessage) => void): Ops {
  const metrics = forwardingMetrics(send);
  return { metrics, readiness: createReadiness(), instrument: instrumentWith(metrics), stop: async () => {} };
}
