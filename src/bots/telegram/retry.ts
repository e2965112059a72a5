import type { Telegram } from 'telegraf';
import type { Logger } from '../../core/index.js';

/**
 * What to do about a failed Bot API call, decided here and nowhere else:
 * - retry: flood control (429, after `retry_after`), a server error or a network failure;
 * - fatal: the token is wrong or revoked (401), or another process polls with it (409) — nothing this bot sends can work;
 * - failed: this one call cannot succeed (400 bad request, 403 blocked by the user): log it and move on.
 */
export type Verdict = { kind: 'retry'; afterMs: number } | { kind: 'fatal' } | { kind: 'failed' };

interface ApiErrorShape {
  code?: unknown;
  name?: unknown;
  parameters?: { retry_after?: unknown };
}

/** The Bot API error code, when the error is one (telegraf's TelegramError carries it as `code`). */
export function errorCode(err: unknown): number | null {
  const code = (err as ApiErrorShape | null)?.code;
  return typeof code === 'number' ? code : null;
}

export function classifyTelegramError(err: unknown): Verdict {
  const code = errorCode(err);
  if (code === 429) {
    const after = Number((err as ApiErrorShape).parameters?.retry_after);
    return { kind: 'retry', afterMs: Number.isFinite(after) && after >= 0 ? after * 1000 : 1000 };
  }
  if (code === 401 || code === 404 || code === 409) return { kind: 'fatal' };
  if (code !== null && code >= 500) return { kind: 'retry', afterMs: 1000 };
  // node-fetch's FetchError: the connection failed or dropped before Telegram answered.
  if (code === null && (err as ApiErrorShape | null)?.name === 'FetchError') return { kind: 'retry', afterMs: 1000 };
  return { kind: 'failed' };
}

/**
 * Removes the token from text bound for a log: telegraf puts the request URL, `…/bot<token>/method`,
 * into network error messages, and only partly redacts it.
 */
export function createScrubber(token: string): (text: string) => string {
  return (text) => (token ? text.split(token).join('[token]') : text).replace(/bot\d+:[\w-]+/g, 'bot[token]');
}

/** A short, token-free description of an error for a log line: never the request payload (it holds user text). */
export function describeError(err: unknown, scrub: (s: string) => string): { code: number | null; error: string } {
  // telegraf's TelegramError keeps the generic name "Error": its class says more.
  const name = err instanceof Error ? (err.name === 'Error' ? err.constructor.name : err.name) : '';
  const message = err instanceof Error ? `${name}: ${err.message}` : String(err);
  return { code: errorCode(err), error: scrub(message).slice(0, 300) };
}

export interface RetryOptions {
  logger: Logger;
  scrub: (text: string) => string;
  /** Injectable so tests do not wait out a `retry_after`. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts in all, the first included. */
  maxTries?: number;
  /** A longer `retry_after` is not waited out: the update would hold up every other chat behind it. */
  maxWaitMs?: number;
  /**
   * The announcement policy: flood control only delays a message that nobody waits for, so every 429 is waited
   * out, however long and however often. Other failures keep the bounds above.
   */
  waitOutFloods?: boolean;
}

export type CallWithRetry = <T>(method: string, call: () => Promise<T>) => Promise<T>;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps an outgoing Bot API call: waits and tries again while the verdict is `retry`, within bounds; otherwise rethrows. */
export function createCallWithRetry(options: RetryOptions): CallWithRetry {
  const { logger, scrub, sleep = realSleep, maxTries = 3, maxWaitMs = 30_000, waitOutFloods = false } = options;
  return async (method, call) => {
    for (let attempt = 1, tries = 1; ; attempt++, tries++) {
      try {
        return await call();
      } catch (err) {
        const verdict = classifyTelegramError(err);
        const flood = waitOutFloods && errorCode(err) === 429;
        if (verdict.kind !== 'retry' || (!flood && (tries >= maxTries || verdict.afterMs > maxWaitMs))) throw err;
        // A flood waited out is no failed try: the bounds count the other failures.
        if (flood) tries--;
        logger.warn('telegram_retry', { platform: 'telegram', method, attempt, waitMs: verdict.afterMs, ...describeError(err, scrub) });
        await sleep(verdict.afterMs);
      }
    }
  };
}

/**
 * Installs the retry and flood-control policy once, on the client every Bot API call goes through (as grammY
 * installs a transformer): replies, commands, files and announcements alike, with no wrapper at the call sites.
 * Long polling is left to telegraf, which paces its own getUpdates and must be able to abort it on stop.
 */
export function installRetryPolicy(telegram: Telegram, options: RetryOptions): void {
  const callApi = telegram.callApi.bind(telegram);
  const retrying = createCallWithRetry(options);
  telegram.callApi = ((...args: Parameters<typeof callApi>) =>
    args[0] === 'getUpdates' ? callApi(...args) : retrying(args[0], () => callApi(...args))) as typeof telegram.callApi;
}
