import { Context, Telegraf, Telegram } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { Core, KnowledgeService, Logger } from '../../core/index.js';
import type { Moderation } from '../../moderation/index.js';
import type { Adapter } from '../shared/adapter.js';
import { createConversations } from '../shared/follow-ups.js';
import { createQuestionLimit } from '../shared/question-limit.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { COMMON_TEXTS, telegramLanguage } from '../shared/texts.js';
import { hashUserId } from '../shared/user-hash.js';
import { createVotes, type FeedbackRecorder } from '../shared/votes.js';
import { createAnnouncements } from './announcements.js';
import { createInlineHandler } from './inline.js';
import { createTelegramModeration } from './moderation.js';
import { createQuestionHandler } from './questions.js';
import { classifyTelegramError, createScrubber, describeError, installRetryPolicy } from './retry.js';
import { UpdateError } from './send.js';
import type { SubscriptionRecords } from '../../store/index.js';
import { TELEGRAM_TEXTS } from './texts.js';
import { createWebhookServer, webhookSecret, type WebhookServer, type WebhookSettings } from './webhook.js';

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
  /** Where votes and unanswered questions are recorded; without it, answers carry no vote buttons. */
  feedback?: FeedbackRecorder;
  /** The clock follow-ups are timed by (ms); tests pass their own. */
  now?: () => number;
  /** Moderator commands, subscriptions and announcements; without it the bot only answers. */
  moderation?: {
    moderation: Moderation;
    knowledge: Pick<KnowledgeService, 'onUpdate' | 'onReload'>;
    subscriptions: SubscriptionRecords;
    /** Telegram user ids allowed to change what the bot says. */
    moderatorIds: number[];
    /** Where every accepted update is announced, besides the subscribers. */
    announceChatId: number | null;
  };
  /** Webhook mode, for replicas behind a load balancer; without it, the bot polls (one process per token). */
  webhook?: WebhookSettings | null;
  /**
   * Told when long polling loses its connection to Telegram (false) and when a poll succeeds again (true). The
   * entry point's readiness follows it; the adapter knows nothing of ops.
   */
  onConnection?: (connected: boolean) => void;
}

/** The Telegram adapter; in webhook mode it also tells where it listens. */
export interface TelegramAdapter extends Adapter {
  /** The port the webhook listens on once started; null when polling or stopped. */
  webhookPort(): number | null;
}

const PLATFORM = 'telegram';

/**
 * Follows telegraf's long polling. Resolves when it first asks for updates, the moment the bot is really polling
 * (`launch()` itself settles only when polling stops); and reports each poll's outcome, so readiness follows the
 * connection: lost when getUpdates fails (the network, Telegram's servers; telegraf waits and polls again), back
 * when one succeeds.
 */
function followPolling(telegram: Telegram, report: (connected: boolean) => void): Promise<void> {
  return new Promise((resolve) => {
    const callApi = telegram.callApi.bind(telegram);
    telegram.callApi = ((...args: Parameters<typeof callApi>) => {
      if (args[0] !== 'getUpdates') return callApi(...args);
      resolve();
      return callApi(...args).then(
        (updates) => (report(true), updates),
        (err: unknown) => {
          // Aborted by our own stop: not a lost connection.
          if ((err as { name?: string } | null)?.name !== 'AbortError') report(false);
          throw err;
        },
      );
    }) as typeof telegram.callApi;
  });
}

/**
 * The Telegram bot: commands, private chats, mentions and replies in groups, inline mode; with moderation,
 * moderator commands, subscriptions and announcements. Every failure of an update ends in `bot.catch`, which
 * logs it and apologises to that user; the other chats are served as before.
 */
export function createTelegramAdapter(deps: TelegramDeps): TelegramAdapter {
  const { core, logger } = deps;
  // telegraf resolves "./bot<token>/<method>" against apiRoot: without a trailing slash, a path in it would be dropped.
  const apiRoot = deps.apiRoot ? deps.apiRoot.replace(/\/*$/, '/') : null;
  const clientOptions = apiRoot ? { apiRoot } : {};
  // telegraf gives each update a client of its own (made for webhook replies, which polling never uses): every update
  // gets the bot's one client instead, so the policy installed on it below covers every call a handler makes.
  class OneClientContext extends Context {
    constructor(update: Update, _perUpdate: Telegram, botInfo: UserFromGetMe) {
      super(update, bot.telegram, botInfo);
    }
  }
  const bot: Telegraf = new Telegraf(deps.token, { telegram: clientOptions, contextType: OneClientContext });
  const scrub = createScrubber(deps.token);
  const policy = { logger, scrub, sleep: deps.sleep };
  installRetryPolicy(bot.telegram, policy);
  let launching: Promise<void> | null = null;
  let webhook: { server: WebhookServer; port: number } | null = null;

  const userOf = (ctx: Context): string => hashUserId(PLATFORM, ctx.from?.id ?? ctx.chat?.id ?? 0, deps.userHashSalt);
  const latencyMs = (ctx: Context): number => Math.round(performance.now() - (ctx.state.startedAt as number));

  bot.use((ctx, next) => {
    ctx.state.startedAt = performance.now();
    return next();
  });
  let announcements: ReturnType<typeof createAnnouncements> | null = null;
  if (deps.moderation) {
    const { moderation, knowledge, subscriptions, moderatorIds, announceChatId } = deps.moderation;
    // Before the question handler: these commands are answered here and never reach it, nor the question limit.
    bot.use(createTelegramModeration({ moderation, moderatorIds, logger }));
    const announcer = new Telegram(deps.token, clientOptions);
    installRetryPolicy(announcer, { ...policy, waitOutFloods: true });
    announcements = createAnnouncements({
      knowledge,
      subscriptions,
      announceChatId,
      moderatorIds,
      telegram: announcer,
      logger,
      scrub,
      sleep: deps.sleep,
    });
    bot.use(announcements.commands);
  }
  bot.use(
    createQuestionHandler({
      core,
      limit: createQuestionLimit(deps.rateLimiter),
      votes: createVotes(deps.feedback ?? null, (err) => logger.error('feedback_failed', { platform: PLATFORM, error: String(err) })),
      conversations: createConversations({ now: deps.now }),
      logger,
      userOf,
      latencyMs,
    }),
  );
  bot.use(createInlineHandler({ core, logger, userOf, latencyMs }));

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
      await ctx.telegram.sendMessage(msg.chat.id, COMMON_TEXTS[telegramLanguage(ctx.from?.language_code)].apology, {
        reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
        ...('is_topic_message' in msg && msg.is_topic_message ? { message_thread_id: msg.message_thread_id } : {}),
      });
    } catch (apologyErr) {
      logger.error('telegram_apology_failed', { platform: PLATFORM, user: userOf(ctx), ...describeError(apologyErr, scrub) });
    }
  });

  async function registerCommands(): Promise<void> {
    for (const language of ['en', 'ru'] as const) {
      try {
        await bot.telegram.setMyCommands(TELEGRAM_TEXTS[language].commands, language === 'en' ? {} : { language_code: language });
      } catch (err) {
        // The bot answers without its command menu: worth a warning, not worth refusing to start.
        logger.warn('telegram_commands_failed', { platform: PLATFORM, language, ...describeError(err, scrub) });
      }
    }
  }

  const allowedUpdates = ['message', 'inline_query', 'callback_query'] as const;

  /** Listens first, then tells Telegram where to post: no update arrives before the server can take it. */
  async function serveWebhook(settings: WebhookSettings): Promise<void> {
    const secret = webhookSecret(deps.token, settings.secret);
    const server = createWebhookServer({
      path: new URL(settings.url).pathname,
      secret,
      port: settings.port,
      host: settings.host,
      handle: (update) => bot.handleUpdate(update),
      logger,
    });
    const { port } = await server.start();
    try {
      // Every replica registers the same address and secret: whichever starts last changes nothing.
      await bot.telegram.setWebhook(settings.url, { secret_token: secret, allowed_updates: [...allowedUpdates] });
    } catch (err) {
      await server.stop();
      const { error } = describeError(err, (text) => scrub(text).split(secret).join('[secret]'));
      logger.error('telegram_webhook_failed', { platform: PLATFORM, error });
      throw new Error(`Telegram did not accept the webhook (${error})`);
    }
    webhook = { server, port };
  }

  return {
    platform: 'telegram',
    webhookPort: () => webhook?.port ?? null,
    async start() {
      if (launching || webhook) return;
      const started = performance.now();
      let connected = true;
      const report = (now: boolean) => {
        if (now === connected) return;
        connected = now;
        logger[now ? 'info' : 'warn'](now ? 'telegram_connection_back' : 'telegram_connection_lost', { platform: PLATFORM });
        deps.onConnection?.(now);
      };
      const polling = deps.webhook ? Promise.resolve() : followPolling(bot.telegram, report);
      try {
        bot.botInfo = await bot.telegram.getMe();
      } catch (err) {
        const { error } = describeError(err, scrub);
        logger.error('telegram_start_failed', { platform: PLATFORM, error });
        throw new Error(`Telegram did not accept the bot (${error})`);
      }
      await registerCommands();
      if (deps.webhook) {
        await serveWebhook(deps.webhook);
        logger.info('telegram_webhook', {
          platform: PLATFORM,
          bot: bot.botInfo.username,
          port: webhook!.port,
          latencyMs: Math.round(performance.now() - started),
        });
        return;
      }
      let failure: unknown = null;
      // Never rejects: a polling failure (a revoked token, a second process polling) is logged where it happens.
      launching = bot.launch({ allowedUpdates: [...allowedUpdates] }).then(
        () => logger.info('telegram_polling_stopped', { platform: PLATFORM }),
        (err: unknown) => {
          failure = err;
          report(false);
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
      announcements?.stop();
      if (webhook) {
        // The webhook stays registered: the other replicas behind the same address go on serving it.
        const { server } = webhook;
        webhook = null;
        await server.stop();
        return;
      }
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
