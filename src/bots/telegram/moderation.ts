import { Composer, type Context, type MiddlewareFn } from 'telegraf';
import type { Logger } from '../../core/index.js';
import {
  wordOutcome,
  type Moderation,
  type ModerationAction,
  type Outcome,
  type Read,
  type Requester,
  type SourceInput,
} from '../../moderation/index.js';
import { uiLanguage } from '../shared/texts.js';
import { TELEGRAM_MODERATION_TEXTS } from './moderation-texts.js';
import { renderPlain, renderWorded } from './render.js';
import { sendReply } from './send.js';

export interface TelegramModerationDeps {
  moderation: Moderation;
  /** Telegram user ids allowed to change what the bot says. */
  moderatorIds: number[];
  logger: Logger;
}

/** Telegram's command names (no hyphens there) for the moderation actions. */
const COMMANDS: Record<string, ModerationAction> = {
  add_source: 'add-source',
  add_fact: 'add-fact',
  retract: 'retract',
  updates: 'list',
  update: 'show',
  gaps: 'gaps',
};
/** What these show (users' unanswered questions among it) is for the moderator alone: never posted in a group. */
const PRIVATE_ONLY: ReadonlySet<ModerationAction> = new Set(['list', 'show', 'gaps']);
/** A source document larger than this is refused: an article, not an archive. */
const MAX_DOCUMENT_BYTES = 1_000_000;
/** A shown record's long strings (an article's text) are cut to this in a chat; the CLI shows them whole. */
const SHOWN_STRING_CHARS = 1_000;

interface Request {
  action: ModerationAction;
  /** What follows the command: its arguments, and for a source the article's text from the second line on. */
  args: string;
}

/** The moderation command a message carries, in its text or (a source sent as a file) a document's caption. */
function requestOf(ctx: Context): Request | null {
  const msg = ctx.message;
  if (!msg) return null;
  const text = 'text' in msg ? msg.text : 'document' in msg ? (msg.caption ?? '') : '';
  const m = /^\/([A-Za-z_]+)(?:@(\w+))?(?=\s|$)/.exec(text);
  const action = m ? COMMANDS[m[1]!.toLowerCase()] : undefined;
  if (!m || !action) return null;
  // Addressed to another bot in a group: not ours to answer.
  if (m[2] && m[2].toLowerCase() !== ctx.botInfo.username.toLowerCase()) return null;
  if ('document' in msg && action !== 'add-source') return null;
  return { action, args: text.slice(m[0].length).replace(/^[ \t]*\n?/, '') };
}

/** "Title | Publisher | YYYY-MM-DD | https://…" on the first line, the article's text after it. */
function readSource(body: string): Read<SourceInput> {
  const [head = '', ...rest] = body.split('\n');
  const [title, publisher, published, url] = head.split('|').map((s) => s.trim());
  if (!title || !publisher || !published) return { problem: 'source-line' };
  const text = rest.join('\n').trim();
  if (!text) return { problem: 'source-text' };
  return { value: { title, publisher, published, url: url || null, text } };
}

function readFact(json: string): Read<Record<string, unknown>> {
  try {
    const fact: unknown = JSON.parse(json);
    if (fact && typeof fact === 'object' && !Array.isArray(fact)) return { value: fact as Record<string, unknown> };
  } catch {
    // Not JSON: the refusal says what was expected.
  }
  return { problem: 'fact-json' };
}

/**
 * Moderator commands on Telegram as one Composer: one guard refuses (and, through the moderation flow, audits)
 * anyone who is not a moderator before any input is read; the handlers only read the message, call the shared
 * flow and send its outcome in the moderator's language, laid out within Telegram's limits like an answer.
 * Updates and gaps are shown in a private chat only: in a group a moderator is told where to ask, and nothing more.
 */
export function createTelegramModeration(deps: TelegramModerationDeps): MiddlewareFn<Context> {
  const { moderation, logger } = deps;
  const who = (ctx: Context): Requester => ({
    actor: {
      platform: 'telegram',
      userId: String(ctx.from?.id ?? 0),
      displayName: ctx.from?.username ?? ctx.from?.first_name ?? 'unknown',
    },
    moderator: ctx.from !== undefined && deps.moderatorIds.includes(ctx.from.id),
  });

  async function reply(ctx: Context, outcome: Outcome): Promise<void> {
    const worded = wordOutcome(outcome, uiLanguage(ctx.from?.language_code), { clip: SHOWN_STRING_CHARS });
    await sendReply(ctx.telegram, ctx.message!, { parts: renderWorded(worded) });
    const reason = outcome.status === 'refused' ? { reason: outcome.reason } : {};
    logger.info('telegram_moderation', { platform: 'telegram', action: outcome.action, outcome: outcome.status, ...reason });
  }

  async function readDocument(ctx: Context, caption: string): Promise<Read<SourceInput>> {
    const doc = ctx.message && 'document' in ctx.message ? ctx.message.document : null;
    if (!doc || !/\.(txt|md)$/i.test(doc.file_name ?? '') || (doc.file_size ?? 0) > MAX_DOCUMENT_BYTES) return { problem: 'source-file' };
    const response = await fetch(await ctx.telegram.getFileLink(doc.file_id));
    if (!response.ok) throw new Error(`the document's download failed with HTTP ${response.status}`);
    return readSource(`${caption.split('\n')[0] ?? ''}\n${await response.text()}`);
  }

  const guard: MiddlewareFn<Context> = async (ctx, next) => {
    const refusal = moderation.check(who(ctx), requestOf(ctx)!.action);
    return refusal ? reply(ctx, refusal) : next();
  };

  const handle: MiddlewareFn<Context> = async (ctx) => {
    const { action, args } = requestOf(ctx)!;
    const by = who(ctx);
    if (PRIVATE_ONLY.has(action) && ctx.chat?.type !== 'private') {
      const note = TELEGRAM_MODERATION_TEXTS[uiLanguage(ctx.from?.language_code)].privateOnly(ctx.botInfo.username);
      await sendReply(ctx.telegram, ctx.message!, { parts: renderPlain(note) });
      return logger.info('telegram_moderation', { platform: 'telegram', action, outcome: 'refused', reason: 'private-only' });
    }
    switch (action) {
      case 'add-source': {
        const isDocument = ctx.message !== undefined && 'document' in ctx.message;
        return reply(ctx, moderation.addSource(by, isDocument ? await readDocument(ctx, args) : readSource(args)));
      }
      case 'add-fact':
        return reply(ctx, moderation.addFact(by, readFact(args)));
      case 'retract': {
        const [id = '', ...reason] = args.trim().split(/\s+/);
        return reply(ctx, moderation.retract(by, id, reason.join(' ')));
      }
      case 'list':
        return reply(ctx, moderation.list(by, Number(args.trim()) || undefined));
      case 'show':
        return reply(ctx, moderation.show(by, args.trim()));
      case 'gaps':
        return reply(ctx, moderation.gaps(by));
    }
  };

  return Composer.optional((ctx) => requestOf(ctx) !== null, guard, handle);
}
