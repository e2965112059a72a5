import { Telegraf, type Context, type Telegram } from 'telegraf';
import type { InlineKeyboardButton, Message } from 'telegraf/types';
import { randomBytes } from 'node:crypto';
import type { Core, Language, Logger } from '../../core/index.js';
import type { Adapter } from '../shared/adapter.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { renderAnswer, renderHelp, renderInlineResults, renderPlain, renderSources, renderWelcome, type TelegramReply } from './render.js';
import { createCallWithRetry, classifyTelegramError, createScrubber, describeError } from './retry.js';
import { routeMessage, type Route } from './route.js';
import { TELEGRAM_TEXTS, uiLanguage } from './texts.js';
import { hashUserId } from '../shared/user-hash.js';
import { installTelegramModeration, type TelegramModerationDeps } from './moderation.js';

export interface TelegramDeps {
  core: Core;
  token: string;
  /** A Bot API server other than api.telegram.org (a local Bot API server, or the tests' fake). */
  apiRoot: string | null;
  rateLimiter: RateLimiter;
  logger: Logger;
  userHashSalt: string;
  /** How a 429's `retry_after` is waited out; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Moderator commands, subscriptions and announcements; without it the bot only answers. */
  moderation?: Omit<TelegramModerationDeps, 'logger' | 'scrub' | 'sleep'>;
}

/** An error with the context the one error handler needs: which step of the update failed. */
class UpdateError extends Error {
  constructor(
    readonly stage: 'compose' | 'send',
    readonly reason: unknown,
  ) {
    super(`telegram ${stage} failed`);
    this.name = 'UpdateError';
  }
}

const PLATFORM = 'telegram';
const NO_BUTTONS: TelegramReply['keyboard'] = [];

/**
 * Resolves when telegraf first asks for updates, the moment the bot is really polling:
 * `launch()` itself settles only when polling stops.
 */
function whenPolling(telegram: Telegram): Promise<void> {
  return new Promise((resolve) => {
    const callApi = telegram.callApi.bind(telegram);
    telegram.callApi = ((...args: Parameters<typeof callApi>) => {
      if (args[0] === 'getUpdates') resolve();
      return callApi(...args);
    }) as typeof telegram.callApi;
  });
}

/**
 * The Telegram bot: commands, private chats, mentions and replies in groups, inline mode.
 * Every failure of an update ends in `bot.catch`, which logs it and apologises to that user;
 * the other chats are served as before.
 */
export function createTelegramAdapter(deps: TelegramDeps): Adapter {
  const { core, logger, rateLimiter } = deps;
  // telegraf resolves "./bot<token>/<method>" against apiRoot: without a trailing slash, a path in it would be dropped.
  const apiRoot = deps.apiRoot ? deps.apiRoot.replace(/\/*$/, '/') : null;
  const bot = new Telegraf(deps.token, apiRoot ? { telegram: { apiRoot } } : {});
  const scrub = createScrubber(deps.token);
  const call = createCallWithRetry({ logger, scrub, sleep: deps.sleep });
  // Users already told they are limited, until when: a flood of questions gets one note, not a flood of notes.
  const notedUntil = new Map<string, number>();
  let launching: Promise<void> | null = null;
  // Before the question handler: these commands are answered here and never reach it.
  const moderation = deps.moderation ? installTelegramModeration(bot, { ...deps.moderation, logger, scrub, sleep: deps.sleep }) : null;

  const userOf = (ctx: Context): string => hashUserId(PLATFORM, ctx.from?.id ?? ctx.chat?.id ?? 0, deps.userHashSalt);
  const latencyMs = (ctx: Context): number => Math.round(performance.now() - (ctx.state.startedAt as number));

  async function send(ctx: Context, msg: Message, reply: { parts: string[]; keyboard: InlineKeyboardButton[][] }): Promise<void> {
    const thread = 'is_topic_message' in msg && msg.is_topic_message ? { message_thread_id: msg.message_thread_id } : {};
    for (const [i, html] of reply.parts.entries()) {
      const last = i === reply.parts.length - 1;
      try {
        await call('sendMessage', () =>
          ctx.telegram.sendMessage(msg.chat.id, html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...thread,
            // Only the first part quotes the question: the rest follow it directly.
            ...(i === 0 ? { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } } : {}),
            ...(last && reply.keyboard.length ? { reply_markup: { inline_keyboard: reply.keyboard } } : {}),
          }),
        );
      } catch (err) {
        throw new UpdateError('send', err);
      }
    }
  }

  function compose(
    route: Exclude<Route, { kind: 'ignore' }>,
    language: Language,
    username: string,
    user: string,
  ): { parts: string[]; keyboard: InlineKeyboardButton[][]; answered?: boolean; citations?: number } {
    const t = TELEGRAM_TEXTS[language];
    try {
      switch (route.kind) {
        case 'question': {
          // The core detects the question's language: a Russian app may ask in English.
          const answer = core.ask(route.question);
          // Where the next knowledge update should come from.
          if (!answer.answered) deps.moderation?.feedback.unanswered(route.question, user);
          const rendered = renderAnswer(answer);
          const keyboard = answer.answered && deps.moderation ? [...rendered.keyboard, voteButtons(route.question)] : rendered.keyboard;
          return { parts: rendered.parts, keyboard, answered: answer.answered, citations: answer.citations.length };
        }
        case 'command': {
          const parts =
            route.command === 'start'
              ? renderWelcome(core.examples(language), language, username)
              : route.command === 'help'
                ? renderHelp(core.examples(language), language, username)
                : route.command === 'sources'
                  ? renderSources(core.sources(), language)
                  : renderPlain(core.about(language));
          return { parts, keyboard: NO_BUTTONS };
        }
        case 'empty-question':
          return { parts: renderPlain(t.emptyQuestion), keyboard: NO_BUTTONS };
        case 'unknown-command':
          return { parts: renderPlain(t.unknownCommand), keyboard: NO_BUTTONS };
      }
    } catch (err) {
      throw new UpdateError('compose', err);
    }
  }

  /** True when the user is over the limit; the first time in a window, they are told how long to wait. */
  async function overLimit(ctx: Context, msg: Message, user: string, language: Language): Promise<boolean> {
    const waitMs = rateLimiter.take(user);
    if (waitMs === 0) return false;
    const now = Date.now();
    const tell = (notedUntil.get(user) ?? 0) <= now;
    if (tell) {
      if (notedUntil.size > 10_000) for (const [k, until] of notedUntil) if (until <= now) notedUntil.delete(k);
      notedUntil.set(user, now + waitMs);
      await send(ctx, msg, { parts: renderPlain(TELEGRAM_TEXTS[language].rateLimited(Math.ceil(waitMs / 1000))), keyboard: NO_BUTTONS });
    }
    logger.info('telegram_rate_limited', { platform: PLATFORM, user, waitMs, told: tell, latencyMs: latencyMs(ctx) });
    return true;
  }

  // 👍 and 👎 under each answer: the callback carries a short key, the question stays here (the newest 5,000).
  const voted = new Map<string, string>();
  function voteButtons(question: string): InlineKeyboardButton[] {
    const key = randomBytes(6).toString('base64url');
    voted.set(key, question);
    if (voted.size > 5_000) voted.delete(voted.keys().next().value!);
    return [
      { text: '👍', callback_data: `v+${key}` },
      { text: '👎', callback_data: `v-${key}` },
    ];
  }

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const m = /^v([+-])(.+)$/.exec(data);
    const question = m ? voted.get(m[2]!) : undefined;
    const t = TELEGRAM_TEXTS[uiLanguage(ctx.from.language_code)];
    if (m && question && deps.moderation) deps.moderation.feedback.vote(question, m[1] === '+' ? 1 : -1, userOf(ctx));
    await call('answerCallbackQuery', () => ctx.answerCbQuery(question ? t.thanksForVote : t.voteExpired));
    logger.info('telegram_vote', { platform: PLATFORM, user: userOf(ctx), counted: Boolean(question) });
  });

  bot.use((ctx, next) => {
    ctx.state.startedAt = performance.now();
    return next();
  });

  bot.on('message', async (ctx) => {
    const msg = ctx.message;
    if (!('text' in msg) || !bot.botInfo) return;
    const user = userOf(ctx);
    const chat = msg.chat.type === 'private' ? 'private' : 'group';
    const route = routeMessage(
      {
        text: msg.text,
        chatType: msg.chat.type,
        // An anonymous group admin writes as a bot account with a sender_chat: a person all the same.
        fromIsBot: (msg.from?.is_bot ?? false) && !msg.sender_chat,
        replyToUserId: msg.reply_to_message?.from?.id,
        viaBotId: msg.via_bot?.id,
      },
      { id: bot.botInfo.id, username: bot.botInfo.username },
    );
    if (route.kind === 'ignore') {
      logger.debug('telegram_ignored', { platform: PLATFORM, user, chat, reason: route.reason });
      return;
    }
    const language = uiLanguage(msg.from?.language_code);
    if (await overLimit(ctx, msg, user, language)) return;
    const reply = compose(route, language, bot.botInfo.username, user);
    await send(ctx, msg, reply);
    logger.info(route.kind === 'question' ? 'telegram_answer' : 'telegram_reply', {
      platform: PLATFORM,
      user,
      chat,
      ...(route.kind === 'question'
        ? { via: route.via, questionChars: route.question.length, answered: reply.answered, citations: reply.citations }
        : { kind: route.kind }),
      ...(route.kind === 'command' ? { command: route.command } : {}),
      parts: reply.parts.length,
      latencyMs: latencyMs(ctx),
    });
  });

  // Inline queries are not rate limited: Telegram sends one per pause in typing and caches the results (cache_time).
  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const language = uiLanguage(ctx.from.language_code);
    let results;
    try {
      // An empty query still gets something useful: answers to example questions.
      const answers = query
        ? [core.ask(query)]
        : core
            .examples(language)
            .slice(0, 3)
            .map((q) => core.ask(q));
      results = renderInlineResults(answers);
    } catch (err) {
      throw new UpdateError('compose', err);
    }
    try {
      await call('answerInlineQuery', () => ctx.answerInlineQuery(results, { cache_time: 300 }));
    } catch (err) {
      throw new UpdateError('send', err);
    }
    logger.info('telegram_inline', {
      platform: PLATFORM,
      user: userOf(ctx),
      questionChars: query.length,
      results: results.length,
      latencyMs: latencyMs(ctx),
    });
  });

  // The one error sink. It must never throw: a rejection here would end telegraf's polling loop for everyone.
  bot.catch(async (err, ctx) => {
    try {
      const stage = err instanceof UpdateError ? err.stage : 'handler';
      const reason = err instanceof UpdateError ? err.reason : err;
      const fatal = classifyTelegramError(reason).kind === 'fatal';
      logger.error('telegram_update_failed', {
        platform: PLATFORM,
        stage,
        update: ctx.updateType,
        user: userOf(ctx),
        fatal,
        latencyMs: typeof ctx.state.startedAt === 'number' ? latencyMs(ctx) : null,
        ...describeError(reason, scrub),
      });
      const msg = ctx.message;
      if (!msg || fatal) return;
      // Plain text, no parse mode: the apology must not fail the way the reply may have.
      await call('sendMessage', () =>
        ctx.telegram.sendMessage(msg.chat.id, TELEGRAM_TEXTS[uiLanguage(ctx.from?.language_code)].apology, {
          reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
          ...('is_topic_message' in msg && msg.is_topic_message ? { message_thread_id: msg.message_thread_id } : {}),
        }),
      );
    } catch (apologyErr) {
      logger.error('telegram_apology_failed', { platform: PLATFORM, user: userOf(ctx), ...describeError(apologyErr, scrub) });
    }
  });

  async function registerCommands(): Promise<void> {
    for (const language of ['en', 'ru'] as const) {
      try {
        await call('setMyCommands', () =>
          bot.telegram.setMyCommands(TELEGRAM_TEXTS[language].commands, language === 'en' ? {} : { language_code: language }),
        );
      } catch (err) {
        // The bot answers without its command menu: worth a warning, not worth refusing to start.
        logger.warn('telegram_commands_failed', { platform: PLATFORM, language, ...describeError(err, scrub) });
      }
    }
  }

  return {
    platform: 'telegram',
    async start() {
      if (launching) return;
      const started = performance.now();
      const polling = whenPolling(bot.telegram);
      try {
        bot.botInfo = await call('getMe', () => bot.telegram.getMe());
      } catch (err) {
        const { error } = describeError(err, scrub);
        logger.error('telegram_start_failed', { platform: PLATFORM, error });
        throw new Error(`Telegram did not accept the bot (${error})`);
      }
      await registerCommands();
      let failure: unknown = null;
      // Never rejects: a polling failure (a revoked token, a second process polling) is logged where it happens.
      launching = bot.launch({ allowedUpdates: ['message', 'inline_query', 'callback_query'] }).then(
        () => logger.info('telegram_polling_stopped', { platform: PLATFORM }),
        (err: unknown) => {
          failure = err;
          logger.error('telegram_polling_failed', { platform: PLATFORM, ...describeError(err, scrub) });
        },
      );
      await Promise.race([polling, launching]);
      if (failure) throw new Error(`Telegram polling did not start (${describeError(failure, scrub).error})`);
      logger.info('telegram_polling', {
        platform: PLATFORM,
        bot: bot.botInfo.username,
        latencyMs: Math.round(performance.now() - started),
      });
    },
    async stop() {
      moderation?.stop();
      if (!launching) return;
      try {
        bot.stop('stop');
      } catch {
        // Not polling (it failed to start): nothing to stop.
      }
      // Polling ends after the updates in hand are answered, so a stop drops no question half-way.
      await launching;
      launching = null;
    },
  };
}
