import { Composer, type Context } from 'telegraf';
import type { Core, Logger } from '../../core/index.js';
import { telegramLanguage } from '../shared/texts.js';
import { renderInlineResults } from './render.js';
import { composing, UpdateError } from './send.js';

/**
 * Inline mode: "@bot question" in any chat. Not rate limited: Telegram sends one query per pause in typing
 * and caches the results (cache_time).
 */
export function createInlineHandler(deps: {
  core: Core;
  logger: Logger;
  userOf: (ctx: Context) => string;
  latencyMs: (ctx: Context) => number;
}): Composer<Context> {
  const { core } = deps;
  const composer = new Composer<Context>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const language = telegramLanguage(ctx.from.language_code);
    const results = composing(() => {
      // An empty query still gets something useful: answers to example questions.
      const answers = query
        ? [core.ask(query)]
        : core
            .examples(language)
            .slice(0, 3)
            .map((q) => core.ask(q));
      return renderInlineResults(answers);
    });
    try {
      await ctx.answerInlineQuery(results, { cache_time: 300 });
    } catch (err) {
      throw new UpdateError('send', err);
    }
    deps.logger.info('telegram_inline', {
      platform: 'telegram',
      user: deps.userOf(ctx),
      questionChars: query.length,
      results: results.length,
      latencyMs: deps.latencyMs(ctx),
    });
  });
  return composer;
}
