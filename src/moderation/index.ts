/** Moderation, written once: the CLI, Telegram and Discord read the request, call these, and send the worded outcome. */
export { createModeration, DEFAULT_LIST_LIMIT, type Moderation, type ModerationDeps } from './moderation.js';
export { announcement, listGaps, listUpdates, reloadRefused, summarize, wordOutcome, type Worded } from './texts.js';
export * from './types.js';
