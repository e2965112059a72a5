import type { RateLimiter } from '../bots/shared/rate-limit.js';
import type { Core, Logger } from '../core/index.js';
import type { Measurements, Platform } from './metrics.js';

/*
 * Wrappers that let the entry point measure the adapters without changing them: each adapter is handed the
 * wrapped core, limiter and logger of its platform instead of the plain ones.
 */

/** The core as one platform sees it: every answer counted (answered or no_source) and timed. */
export function instrumentCore(core: Core, metrics: Measurements, platform: Platform): Core {
  return {
    ...core,
    ask(question, options) {
      const started = performance.now();
      const answer = core.ask(question, options);
      metrics.question(platform, answer.answered ? 'answered' : 'no_source', (performance.now() - started) / 1000);
      return answer;
    },
  };
}

/** The per-user limiter of one platform: every question it refuses is counted as rate_limited. */
export function instrumentRateLimiter(limiter: RateLimiter, metrics: Measurements, platform: Platform): RateLimiter {
  return {
    async take(userKey, nowMs) {
      const waitMs = await limiter.take(userKey, nowMs);
      if (waitMs > 0) metrics.question(platform, 'rate_limited');
      return waitMs;
    },
  };
}

const PLATFORMS: readonly string[] = ['terminal', 'telegram', 'discord'] satisfies Platform[];
const platformOf = (fields: Record<string, unknown> | undefined): Platform | null =>
  typeof fields?.platform === 'string' && PLATFORMS.includes(fields.platform) ? (fields.platform as Platform) : null;

/**
 * A logger that also counts what the adapters already report: every error event that names a platform is a
 * platform error, and every event (a retry's warning, a final error) that carries `code: 429` from a platform is
 * one 429 response. It forwards everything unchanged.
 */
export function countingLogger(logger: Logger, metrics: Measurements): Logger {
  const count = (fields: Record<string, unknown> | undefined, error: boolean) => {
    const platform = platformOf(fields);
    if (platform === null) return;
    if (error) metrics.platformError(platform);
    if (fields?.code === 429) metrics.platformRateLimited(platform);
  };
  return {
    debug: (event, fields) => logger.debug(event, fields),
    info: (event, fields) => (count(fields, false), logger.info(event, fields)),
    warn: (event, fields) => (count(fields, false), logger.warn(event, fields)),
    error: (event, fields) => (count(fields, true), logger.error(event, fields)),
  };
}

/** What discord.js's REST manager (`client.rest`) offers: an event for every response from the API. */
export interface RestEvents {
  on(event: 'response', listener: (request: unknown, response: { status: number }) => void): unknown;
}

/** Counts Discord's 429s, which discord.js waits out by itself without telling the bot's log. */
export function countDiscordRateLimits(rest: RestEvents, metrics: Measurements): void {
  rest.on('response', (_request, response) => {
    if (response.status === 429) metrics.platformRateLimited('discord');
  });
}
