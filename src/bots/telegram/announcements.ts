import { Composer, type Context, type Telegram } from 'telegraf';
import type { KnowledgeService, Logger } from '../../core/index.js';
import { announcement, reloadRefused } from '../../moderation/index.js';
import { telegramLanguage } from '../shared/texts.js';
import { renderPlain } from './render.js';
import { describeError, realSleep } from './retry.js';
import { sendReply } from './send.js';
import type { SubscriptionRecords } from '../../store/index.js';
import { TELEGRAM_TEXTS } from './texts.js';

export interface AnnouncementDeps {
  knowledge: Pick<KnowledgeService, 'onUpdate' | 'onReload'>;
  subscriptions: SubscriptionRecords;
  /** Where every accepted update is announced, besides the subscribers. */
  announceChatId: number | null;
  /** Told when a hand edit of the knowledge files is refused. */
  moderatorIds: number[];
  /** A client of its own, with the announcement policy installed on it: every 429 is waited out. */
  telegram: Telegram;
  logger: Logger;
  scrub: (text: string) => string;
  sleep?: (ms: number) => Promise<void>;
}

/** Telegram's broadcast limits: about 30 messages a second overall, one a second to any one chat. */
const OVERALL_GAP_MS = 35;
const PER_CHAT_GAP_MS = 1_000;

/**
 * Subscriptions (/subscribe, /unsubscribe) and the announcements they bring: each accepted update goes to the
 * announce chat and every subscriber, one message at a time, paced to Telegram's limits, in order.
 */
export function createAnnouncements(deps: AnnouncementDeps): { commands: Composer<Context>; stop(): void } {
  const { subscriptions, logger, telegram } = deps;
  const sleep = deps.sleep ?? realSleep;
  const commands = new Composer<Context>();
  const say = (ctx: Context, pick: (t: (typeof TELEGRAM_TEXTS)['en']) => string) =>
    sendReply(ctx.telegram, ctx.message!, { parts: renderPlain(pick(TELEGRAM_TEXTS[telegramLanguage(ctx.from?.language_code)])) });
  commands.command('subscribe', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await say(ctx, (t) => t.subscribeInPrivate));
    const added = await subscriptions.add(ctx.chat.id);
    await say(ctx, (t) => (added ? t.subscribed : t.alreadySubscribed));
  });
  commands.command('unsubscribe', async (ctx) => {
    const removed = await subscriptions.remove(ctx.chat.id);
    await say(ctx, (t) => (removed ? t.unsubscribed : t.notSubscribed));
  });

  let queue: Promise<void> = Promise.resolve();
  const lastSent = new Map<string, number>();
  let lastAny = 0;
  async function deliver(chatId: string | number, html: string): Promise<void> {
    const wait = Math.max(lastAny + OVERALL_GAP_MS, (lastSent.get(String(chatId)) ?? 0) + PER_CHAT_GAP_MS) - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      await telegram.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    } catch (err) {
      // A chat that blocked the bot, or a server that keeps failing: that one message is dropped, the rest go on.
      logger.warn('telegram_announce_failed', { platform: 'telegram', ...describeError(err, deps.scrub) });
    }
    lastAny = Date.now();
    lastSent.set(String(chatId), lastAny);
  }
  const broadcast = (to: () => Promise<Array<string | number>>, text: string, event: string) => {
    // Laid out like any reply: a fact with a long quote becomes two messages rather than one Telegram refuses.
    const parts = renderPlain(text);
    queue = queue.then(async () => {
      const chats = await to().catch((err: unknown) => {
        logger.error('telegram_subscriptions_unread', { platform: 'telegram', error: String(err) });
        return deps.announceChatId !== null ? [deps.announceChatId] : [];
      });
      for (const chat of chats) for (const html of parts) await deliver(chat, html);
      logger.info(event, { platform: 'telegram', chats: chats.length });
    });
  };
  const off = deps.knowledge.onUpdate((record) => {
    // Telegram chat ids are numbers; the store keeps every platform's ids as text.
    const chats = async () => [
      ...new Set([...(deps.announceChatId !== null ? [deps.announceChatId] : []), ...(await subscriptions.list()).map(Number)]),
    ];
    broadcast(chats, announcement(record), 'telegram_announced');
  });
  // A hand edit of the knowledge files that was refused: the moderators hear why, as well as the log.
  const offReload = deps.knowledge.onReload((result) => {
    if (!result.ok) broadcast(async () => deps.moderatorIds, reloadRefused(result.problems), 'telegram_reload_refused_told');
  });
  return {
    commands,
    stop() {
      off();
      offReload();
    },
  };
}
