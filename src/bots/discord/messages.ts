import type { Client, Message } from 'discord.js';
import { detectLanguage, type Core, type Logger } from '../../core/index.js';
import type { Conversations } from '../shared/follow-ups.js';
import type { QuestionLimit } from '../shared/question-limit.js';
import { COMMON_TEXTS } from '../shared/texts.js';
import type { Votes } from '../shared/votes.js';
import { renderDiscordAnswer, renderDiscordText } from './render.js';
import { DISCORD_TEXTS } from './texts.js';
import { withVoteButtons } from './vote-buttons.js';

export interface MessageDeps {
  core: Core;
  limit: QuestionLimit;
  votes: Votes;
  conversations: Conversations;
  logger: Logger;
  userKey: (discordUserId: string) => string;
  describe: (err: unknown) => string;
}

const PLATFORM = 'discord';

/**
 * Direct messages, mentions, and replies to the bot's answers. No privileged intent: Discord delivers the text of
 * messages that mention the bot and of direct messages without it. A reply to one of the bot's messages, or a direct
 * message soon after the last question, is asked with the previous question as its context.
 */
export function createMessageHandler(client: Client, deps: MessageDeps): (m: Message) => Promise<void> {
  const { core, logger, conversations } = deps;
  return async (m) => {
    const me = client.user;
    if (!me || m.author.bot || m.system) return;
    const direct = !m.guildId;
    const referenced = m.reference?.messageId ?? null;
    const repliesToBot = referenced !== null && (conversations.isAnswer(m.channelId, referenced) || m.mentions.repliedUser?.id === me.id);
    if (!direct && !m.mentions.users.has(me.id) && !repliesToBot) return;
    const question = m.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').trim();
    const lang = detectLanguage(question);
    const via = direct ? 'direct_message' : repliesToBot ? 'reply' : 'mention';
    const user = deps.userKey(m.author.id);
    const started = performance.now();
    try {
      if (!question) {
        // A reply in a server whose text Discord withheld (no mention) is nothing to answer.
        if (direct || m.mentions.users.has(me.id)) await m.reply(renderDiscordText(DISCORD_TEXTS[lang].empty));
        return;
      }
      const verdict = await deps.limit.take(user);
      if (!verdict.allowed) {
        logger.info('rate_limited', { platform: PLATFORM, via, waitMs: verdict.waitMs, told: verdict.tell, user });
        if (verdict.tell) await m.reply(renderDiscordText(COMMON_TEXTS[lang].rateLimited(Math.ceil(verdict.waitMs / 1000))));
        return;
      }
      const context = conversations.contextFor(m.channelId, { private: direct, replyToBotMessage: repliesToBot ? referenced : null });
      conversations.asked(m.channelId, question);
      const answer = core.ask(question, context ? { context } : undefined);
      if (!answer.answered && deps.votes.enabled) await deps.votes.unanswered(question, user);
      const sent = await m.reply(
        withVoteButtons(renderDiscordAnswer(answer), answer.answered && deps.votes.enabled ? await deps.votes.offer(question) : null),
      );
      conversations.answered(m.channelId, question, [sent.id]);
      const latencyMs = Math.round(performance.now() - started);
      logger.info('answer', { platform: PLATFORM, via, followUp: Boolean(context), answered: answer.answered, latencyMs, user });
    } catch (err) {
      logger.error('handler_failed', { platform: PLATFORM, via: 'message', error: deps.describe(err), user });
      await m
        .reply(renderDiscordText(COMMON_TEXTS[lang].apology))
        .catch((again: unknown) => logger.warn('apology_failed', { platform: PLATFORM, error: deps.describe(again) }));
    }
  };
}
