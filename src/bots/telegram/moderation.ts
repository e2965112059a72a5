import type { Context, Telegraf } from 'telegraf';
import type { KnowledgeService, Logger, UpdateRecord, UpdateResult } from '../../core/index.js';
import type { AuditLog, FeedbackStore } from '../../records/index.js';
import type { Subscriptions } from './subscriptions.js';
import { escapeHtml } from './html.js';
import { classifyTelegramError, createCallWithRetry, errorCode, realSleep } from './retry.js';

export interface TelegramModerationDeps {
  knowledge: KnowledgeService;
  feedback: FeedbackStore;
  audit: AuditLog;
  subscriptions: Subscriptions;
  /** Telegram user ids allowed to change what the bot says. */
  moderatorIds: number[];
  /** Where every accepted update is announced, besides the subscribers. */
  announceChatId: number | null;
  logger: Logger;
  scrub: (text: string) => string;
  sleep?: (ms: number) => Promise<void>;
}

/** Telegram's broadcast limits: about 30 messages a second overall, one a second to any one chat. */
const OVERALL_GAP_MS = 35;
const PER_CHAT_GAP_MS = 1_000;

const MODERATOR_COMMANDS = ['add_source', 'add_fact', 'retract', 'updates', 'update', 'gaps'] as const;
/** A source document larger than this is refused: an article, not an archive. */
const MAX_DOCUMENT_BYTES = 1_000_000;

/** "Title | Publisher | YYYY-MM-DD | https://…" on the first line, the article's text after it. */
function parseSourceMessage(
  body: string,
): { title: string; publisher: string; published: string; url: string | null; text: string } | string {
  const [head = '', ...rest] = body.split('\n');
  const [title, publisher, published, url] = head.split('|').map((s) => s.trim());
  if (!title || !publisher || !published)
    return 'Send: /add_source Title | Publisher | YYYY-MM-DD | link (optional), then the article text from the next line on.';
  const text = rest.join('\n').trim();
  if (!text) return 'The article text is missing: put it on the lines after the first.';
  return { title, publisher, published, url: url || null, text };
}

export function summarize(record: UpdateRecord): string {
  const p = record.payload;
  if (record.kind === 'add-source') return `New source: “${p.title}” (${p.publisher}, ${p.published})${p.url ? ` ${p.url}` : ''}`;
  if (record.kind === 'add-fact') {
    const text = (p.text as { en?: string } | undefined)?.en ?? '';
    return `New fact: ${text} (source: ${p.sourceId}, quote: “${p.quote}”)`;
  }
  return `Retracted ${p.targetId}: ${record.reason ?? ''}`;
}

/**
 * Moderator commands, subscriptions and announcements on Telegram. Installed before the question handler,
 * so these commands never reach it. Every moderator attempt, allowed or refused, is audited.
 */
export function installTelegramModeration(bot: Telegraf, deps: TelegramModerationDeps): { stop(): void } {
  const { knowledge, audit, subscriptions, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const call = createCallWithRetry({ logger, scrub: deps.scrub, sleep, maxWaitMs: 120_000 });
  const reply = (ctx: Context, html: string) =>
    call('sendMessage', () => ctx.reply(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }));
  const actorOf = (ctx: Context) => ({
    platform: 'telegram' as const,
    userId: String(ctx.from?.id ?? 0),
    displayName: ctx.from?.username ?? ctx.from?.first_name ?? 'unknown',
  });
  const argsOf = (ctx: Context) => {
    const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
    return text.replace(/^\/\S+\s?/, '');
  };

  // First: a caption can carry a command too, and this one needs the document.
  // A source as a .txt or .md document, its caption "/add_source Title | Publisher | YYYY-MM-DD | link".
  bot.on('document', async (ctx, next) => {
    const caption = ctx.message.caption ?? '';
    if (!/^\/add_source(@\w+)?(\s|$)/.test(caption)) return next();
    const actor = actorOf(ctx);
    if (!deps.moderatorIds.includes(ctx.from.id)) {
      audit.record({ actor, operation: 'add_source', allowed: false, outcome: 'not a moderator' });
      return void (await reply(ctx, 'Only moderators can change or review what I know.'));
    }
    const doc = ctx.message.document;
    let result: UpdateResult;
    if (!/\.(txt|md)$/i.test(doc.file_name ?? '') || (doc.file_size ?? 0) > MAX_DOCUMENT_BYTES) {
      result = { ok: false, error: `send the article as a .txt or .md file of at most ${MAX_DOCUMENT_BYTES / 1000} kB` };
    } else {
      const link = await call('getFile', () => ctx.telegram.getFileLink(doc.file_id));
      const response = await fetch(link);
      const text = response.ok ? await response.text() : '';
      const head = caption.replace(/^\/\S+\s*/, '').split('\n')[0] ?? '';
      const parsed = parseSourceMessage(`${head}\n${text}`);
      result = typeof parsed === 'string' ? { ok: false, error: parsed } : knowledge.addSource(parsed, actor);
    }
    audit.record({
      actor,
      operation: 'add_source',
      allowed: true,
      outcome: result.ok ? `accepted ${result.record.id}` : `refused: ${result.error}`,
    });
    await reply(
      ctx,
      result.ok
        ? `Accepted: ${escapeHtml(summarize(result.record))} (update ${escapeHtml(result.record.id)})`
        : `Refused: ${escapeHtml(result.error)}`,
    );
  });

  for (const command of MODERATOR_COMMANDS) {
    bot.command(command, async (ctx) => {
      const actor = actorOf(ctx);
      if (!deps.moderatorIds.includes(ctx.from.id)) {
        audit.record({ actor, operation: command, allowed: false, outcome: 'not a moderator' });
        await reply(ctx, 'Only moderators can change or review what I know.');
        return;
      }
      const args = argsOf(ctx);
      let outcome: string;
      if (command === 'add_source' || command === 'add_fact' || command === 'retract') {
        let result;
        if (command === 'add_source') {
          const parsed = parseSourceMessage(args);
          result = typeof parsed === 'string' ? { ok: false as const, error: parsed } : knowledge.addSource(parsed, actor);
        } else if (command === 'add_fact') {
          let fact: Record<string, unknown> | null = null;
          try {
            fact = JSON.parse(args) as Record<string, unknown>;
          } catch {
            /* answered below */
          }
          result =
            fact && typeof fact === 'object'
              ? knowledge.addFact(fact, actor)
              : { ok: false as const, error: 'Send the fact as JSON after /add_fact, with the fields of a facts file.' };
        } else {
          const [id = '', ...reason] = args.split(/\s+/);
          result = knowledge.retract(id, reason.join(' '), actor);
        }
        outcome = result.ok ? `accepted ${result.record.id}` : `refused: ${result.error}`;
        await reply(
          ctx,
          result.ok
            ? `Accepted: ${escapeHtml(summarize(result.record))} (update ${escapeHtml(result.record.id)})`
            : `Refused: ${escapeHtml(result.error)}`,
        );
      } else if (command === 'updates') {
        const list = knowledge.list(Number(args) || 10);
        outcome = `listed ${list.length}`;
        await reply(
          ctx,
          list.length
            ? list
                .map(
                  (u) =>
                    `${escapeHtml(u.id)} · ${escapeHtml(u.at.slice(0, 16))} · ${escapeHtml(summarize(u))}${u.retractedBy ? ' (retracted)' : ''}`,
                )
                .join('\n')
            : 'No updates yet.',
        );
      } else if (command === 'update') {
        const u = knowledge.show(args.trim());
        outcome = u ? 'shown' : 'not found';
        await reply(
          ctx,
          u ? `<code>${escapeHtml(JSON.stringify(u, null, 1)).slice(0, 3500)}</code>` : `No update with id ${escapeHtml(args.trim())}.`,
        );
      } else {
        const gaps = deps.feedback.gaps(10);
        outcome = 'listed gaps';
        const lines = [
          '<b>Most asked without an answer</b>',
          ...(gaps.unanswered.length ? gaps.unanswered.map((g) => `${g.count} × ${escapeHtml(g.question)}`) : ['(none)']),
          '<b>Lowest-rated answers</b>',
          ...(gaps.lowestRated.length ? gaps.lowestRated.map((g) => `+${g.up} −${g.down} ${escapeHtml(g.question)}`) : ['(none)']),
        ];
        await reply(ctx, lines.join('\n'));
      }
      audit.record({ actor, operation: command, allowed: true, outcome });
    });
  }

  bot.command('subscribe', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await reply(ctx, 'Subscribe in a private chat with me.'));
    const added = subscriptions.add(ctx.chat.id);
    await reply(ctx, added ? 'Subscribed: I will send you each update to what I know.' : 'You are already subscribed.');
  });
  bot.command('unsubscribe', async (ctx) => {
    const removed = subscriptions.remove(ctx.chat.id);
    await reply(ctx, removed ? 'Unsubscribed.' : 'You were not subscribed.');
  });

  // Announcements go out one at a time, spaced to Telegram's limits; a queue keeps their order.
  let queue: Promise<void> = Promise.resolve();
  const lastSent = new Map<number, number>();
  let lastAny = 0;
  async function deliver(chatId: number, html: string): Promise<void> {
    const wait = Math.max(lastAny + OVERALL_GAP_MS, (lastSent.get(chatId) ?? 0) + PER_CHAT_GAP_MS) - Date.now();
    if (wait > 0) await sleep(wait);
    // Flood control only delays an announcement: it is waited out as often as Telegram asks. Other failures
    // (a chat that blocked the bot, a server that keeps failing) drop that one message after the usual tries.
    for (;;) {
      try {
        await call('sendMessage', () =>
          bot.telegram.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }),
        );
        break;
      } catch (err) {
        const verdict = classifyTelegramError(err);
        if (errorCode(err) === 429 && verdict.kind === 'retry') {
          await sleep(verdict.afterMs);
          continue;
        }
        logger.warn('telegram_announce_failed', { platform: 'telegram', error: deps.scrub(String(err)).slice(0, 200) });
        break;
      }
    }
    lastAny = Date.now();
    lastSent.set(chatId, lastAny);
  }
  const off = knowledge.onUpdate((record) => {
    const html = `📢 ${escapeHtml(summarize(record))}`;
    const chats = [...new Set([...(deps.announceChatId !== null ? [deps.announceChatId] : []), ...subscriptions.list()])];
    queue = queue.then(async () => {
      for (const chat of chats) await deliver(chat, html);
      logger.info('telegram_announced', { platform: 'telegram', update: record.id, chats: chats.length });
    });
  });
  // A hand edit of the knowledge files that was refused: the moderators hear why, as well as the log.
  const offReload = knowledge.onReload((result) => {
    if (result.ok) return;
    const html = `⚠️ A knowledge file edit was refused; the last good knowledge keeps serving.\n${result.problems
      .slice(0, 10)
      .map((p) => escapeHtml(`${p.file}:${p.line}: ${p.message}`))
      .join('\n')}`;
    queue = queue.then(async () => {
      for (const chat of deps.moderatorIds) await deliver(chat, html);
    });
  });
  return {
    stop() {
      off();
      offReload();
    },
  };
}
