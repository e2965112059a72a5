import type { RateLimiter } from '../bots/shared/rate-limit.js';
import type { Core, Logger } from '../core/index.js';
import { createHealthServer } from './health-server.js';
import { countingLogger, instrumentCore, instrumentRateLimiter } from './instrument.js';
import { createMetrics, type Metrics, type Platform } from './metrics.js';
import { createReadiness, type Readiness } from './readiness.js';

export { createHealthServer, type HealthServer, type HealthServerOptions } from './health-server.js';
export { countDiscordRateLimits, countingLogger, instrumentCore, instrumentRateLimiter, type RestEvents } from './instrument.js';
export { createMetrics, type Metrics, type MetricsOptions, type Platform, type QuestionOutcome } from './metrics.js';
export { createReadiness, type Readiness, type ReadinessCheck, type ReadinessStatus } from './readiness.js';

/** What an adapter is built from that the operator's metrics look through. */
export interface MeasuredDeps {
  core: Core;
  rateLimiter: RateLimiter;
  logger: Logger;
}

export interface Ops {
  metrics: Metrics;
  /** Requires `knowledge` and each platform given to `startOps`; the entry point sets each once it is so. */
  readiness: Readiness;
  port: number;
  /** The same deps, measured for this platform: questions and their outcome, latency, errors and 429s. */
  instrument<T extends MeasuredDeps>(platform: Platform, deps: T): T;
  stop(): Promise<void>;
}

/**
 * The health and metrics server for one bot process, listening before the knowledge loads so that /healthz
 * answers and /readyz says what is still loading.
 */
export async function startOps(options: { port: number; host?: string; platforms: readonly Platform[]; logger: Logger }): Promise<Ops> {
  const metrics = createMetrics({ platforms: options.platforms });
  const readiness = createReadiness(['knowledge', ...options.platforms]);
  const server = createHealthServer({ port: options.port, host: options.host, metrics, readiness, logger: options.logger });
  const { port } = await server.start();
  return {
    metrics,
    readiness,
    port,
    instrument: (platform, deps) => ({
      ...deps,
      core: instrumentCore(deps.core, metrics, platform),
      rateLimiter: instrumentRateLimiter(deps.rateLimiter, metrics, platform),
      logger: countingLogger(deps.logger, metrics),
    }),
    stop: () => server.stop(),
  };
}
