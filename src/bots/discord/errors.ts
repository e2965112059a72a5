import { DiscordAPIError } from 'discord.js';

/** Discord's own word on a failure that will not get better by retrying: a bad token or missing access. */
// discord.js turns a 401 on the gateway lookup into its own TokenInvalid error, not a DiscordAPIError.
export const isFatal = (err: unknown): boolean =>
  (err instanceof DiscordAPIError && (err.status === 401 || err.status === 403)) ||
  (err instanceof Error && 'code' in err && err.code === 'TokenInvalid');
export const describe = (err: unknown): string =>
  err instanceof DiscordAPIError ? `${err.status} ${err.code}` : err instanceof Error ? err.name : 'unknown';
