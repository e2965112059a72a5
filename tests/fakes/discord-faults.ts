/**
 * Faults a test asks the fake Discord for, each on the next calls whose route matches: a plain refusal, a 429 with
 * retry_after, or an action done whose response is lost on the way back.
 */

export interface RateLimitOptions {
  /** Seconds to wait, as `retry_after` and the Retry-After header (default 0.1: Discord rounds the header up to whole seconds; the fake keeps tests fast). */
  retryAfter?: number;
  /** A global limit (every route) rather than this route's bucket. */
  global?: boolean;
  times?: number;
}

export interface LoseOptions {
  /** How the response is lost: a 502 from a proxy in between, or the connection reset before any answer (default 502). */
  as?: 502 | 'reset';
  times?: number;
}

export type Fault =
  { kind: 'fail'; status: number } | { kind: 'rate-limit'; retryAfter: number; global: boolean } | { kind: 'lose'; as: 502 | 'reset' };

export interface Faults {
  failNext(pattern: RegExp, status: number, times?: number): void;
  rateLimitNext(pattern: RegExp, options?: RateLimitOptions): void;
  loseResponseNext(pattern: RegExp, options?: LoseOptions): void;
  /** The fault this call meets before anything is done (a refusal or a 429), used up as it is returned. */
  before(path: string): Fault | null;
  /** The fault this call meets once its action is done (a lost response), used up as it is returned. */
  after(path: string): Fault | null;
}

export function createFaults(): Faults {
  const pending: Array<{ pattern: RegExp; times: number; fault: Fault }> = [];
  const take = (path: string, kinds: Array<Fault['kind']>): Fault | null => {
    const hit = pending.find((p) => p.times > 0 && kinds.includes(p.fault.kind) && p.pattern.test(path));
    if (!hit) return null;
    hit.times--;
    return hit.fault;
  };
  return {
    failNext: (pattern, status, times = 1) => void pending.push({ pattern, times, fault: { kind: 'fail', status } }),
    rateLimitNext: (pattern, { retryAfter = 0.1, global = false, times = 1 } = {}) =>
      void pending.push({ pattern, times, fault: { kind: 'rate-limit', retryAfter, global } }),
    loseResponseNext: (pattern, { as = 502, times = 1 } = {}) => void pending.push({ pattern, times, fault: { kind: 'lose', as } }),
    before: (path) => take(path, ['fail', 'rate-limit']),
    after: (path) => take(path, ['lose']),
  };
}

/** A 429 as Discord sends it and as discord.js reads it: the JSON body and the Retry-After and X-RateLimit-* headers. */
export function rateLimitResponse({ retryAfter, global }: { retryAfter: number; global: boolean }) {
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  else headers['x-ratelimit-bucket'] = 'fake0bucket';
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: retryAfter, global } };
}
