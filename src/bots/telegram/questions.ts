import { Composer, type Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { AnswerLanguage, Core, Logger } from '../../core/index.js';
import type { Conversations } from '../shared/follow-ups.js';
import type { QuestionLimit } from '../shared/question-limit.js';
import { COMMON_TEXTS, telegramLanguage } from '../shared/texts.js';
import type { Votes } from '../shared/votes.js';
import { renderAnswer, renderHelp, renderPlain, renderSources, renderWelcome } from './render.js';
import { routeMessage, type Route } from './route.js';
import { composing, sendReply, type Outgoing } from './send.js';
import { TELEGRAM_TEXTS } from './texts.js';

export interface QuestionDeps {
  core: Core;
  limit: QuestionLimit;
  votes: Votes;
  conversations: Conversations;
  logger: Logger;
  /** The hashed user id for logs, limits and feedback. */
  userOf: (ctx: Context) => string;
  latencyMs: (ctx: Context) => number;
}

const PLATFORM = 'telegram';

/** The reply to anything addressed to the bot that is not a question: commands, a bare /ask, an unknown command. */
function fixedReply(
  route: Exclude<Route, { kind: 'ignore' | 'question' }>,
  core: Core,
  language: AnswerLanguage,
  username: string,
): string[] {
  const t = TELEGRAM_TEXTS[language];
  if (route.kind === 'empty-question') return renderPlain(t.emptyQuestion);
  if (route.kind === 'unknown-command') return renderPlain(t.unknownCommand);
  switch (route.command) {
    case 'start':
      return renderWelcome(core.examples(language), language, username);
    case 'help':
      return renderHelp(core.examples(language), language, username);
    case 'sources':
      return renderSources(core.sources(), language);
    case 'about':
      return renderPlain(core.about(language));
  }
}

/**
 * Text messages: questions in private chats, and in groups when the bot is spoken to; the fixed commands.
 * Only questions count against the question limit: looking at /help or /sources costs a user nothing.
 * A reply to one of the bot's answers, or a private message soon after the last question, is asked with the
 * previous question as its context, so "and in 2021?" keeps its subject.
 */
export function createQuestionHandler(deps: QuestionDeps): Composer<Context> {
  const { core, logger, votes, conversations } = deps;
  const composer = new Composer<Context>();

  composer.on('message', async (ctx) => {
    const msg = ctx.message;
    if (!('text' in msg)) return;
    const me = ctx.botInfo;
    const user = deps.userOf(ctx);
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
      { id: me.id, username: me.username },
    );
    if (route.kind === 'ignore') return logger.debug('telegram_ignored', { platform: PLATFORM, user, chat, reason: route.reason });
    const language = telegramLanguage(msg.from?.language_code);
    if (route.kind !== 'question') {
      const parts = composing(() => fixedReply(route, core, language, me.username));
      await sendReply(ctx.telegram, msg, { parts });
      const command = route.kind === 'command' ? { command: route.command } : {};
      logger.info('telegram_reply', {
        platform: PLATFORM,
        user,
        chat,
        kind: route.kind,
        ...command,
        parts: parts.length,
        latencyMs: deps.latencyMs(ctx),
      });
      return;
    }
    const verdict = await deps.limit.take(user);
    if (!verdict.allowed) {
      if (verdict.tell)
        await sendReply(ctx.telegram, msg, { parts: renderPlain(COMMON_TEXTS[language].rateLimited(Math.ceil(verdict.waitMs / 1000))) });
      logger.info('telegram_rate_limited', {
        platform: PLATFORM,
        user,
        waitMs: verdict.waitMs,
        told: verdict.tell,
        latencyMs: deps.latencyMs(ctx),
      });
      return;
    }
    const chatKey = String(msg.chat.id);
    const repliedTo = msg.reply_to_message?.from?.id === me.id ? String(msg.reply_to_message.message_id) : null;
    const context = conversations.contextFor(chatKey, { private: chat === 'private', replyToBotMessage: repliedTo });
    conversations.asked(chatKey, route.question);
    // The core detects the question's language: a Russian app may ask in English.
    const { answer, rendered } = composing(() => {
      const answer = core.ask(route.question, context ? { context } : undefined);
      return { answer, rendered: renderAnswer(answer) };
    });
    // Where the next knowledge update should come from.
    if (!answer.answered && votes.enabled) await votes.unanswered(route.question, user);
    const keys = answer.answered && votes.enabled ? await votes.offer(route.question) : null;
    const voteRow: InlineKeyboardButton[][] = keys
      ? [
          [
            { text: '👍', callback_data: keys.up },
            { text: '👎', callback_data: keys.down },
          ],
        ]
      : [];
    const reply: Outgoing = { parts: rendered.parts, keyboard: [...rendered.keyboard, ...voteRow] };
    const { answered } = answer;
    const citations = answer.citations.length;
    const sent = await sendReply(ctx.telegram, msg, reply);
    conversations.answered(chatKey, route.question, sent.map(String));
    logger.info('telegram_answer', {
      platform: PLATFORM,
      user,
      chat,
      via: route.via,
      followUp: Boolean(context),
      questionChars: route.question.length,
      answered,
      citations,
      parts: reply.parts.length,
      latencyMs: deps.latencyMs(ctx),
    });
  });

  // 👍 or 👎 under an answer.
  composer.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : '';
    const counted = await votes.record(data, deps.userOf(ctx));
    const t = COMMON_TEXTS[telegramLanguage(ctx.from.language_code)];
    await ctx.answerCbQuery(counted ? t.thanksForVote : t.voteExpired);
    logger.info('telegram_vote', { platform: PLATFORM, user: deps.userOf(ctx), counted });
  });

  return composer;
}
