import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  MessageFlags,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Core, Logger } from '../../core/index.js';
import type { Conversations } from '../shared/follow-ups.js';
import type { QuestionLimit } from '../shared/question-limit.js';
import { COMMON_TEXTS, uiLanguage } from '../shared/texts.js';
import type { Votes } from '../shared/votes.js';
import { renderDiscordAnswer, renderDiscordSources, renderDiscordText } from './render.js';
import { DISCORD_TEXTS } from './texts.js';
import { withVoteButtons } from './vote-buttons.js';

/** What a command's `execute` may use: the adapter's parts, built once. */
export interface CommandContext {
  core: Core;
  limit: QuestionLimit;
  votes: Votes;
  conversations: Conversations;
  logger: Logger;
  userKey: (discordUserId: string) => string;
}

/** A slash command as the discord.js guide shapes one: what Discord registers, and what runs when it is used. */
export interface DiscordCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(i: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
}

const PLATFORM = 'discord';

const ask: DiscordCommand = {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Ask a question about the Kyrgyzstan–Tajikistan border',
    description_localizations: { ru: 'Вопрос о кыргызско-таджикской границе' },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        name_localizations: { ru: 'вопрос' },
        description: 'Your question, in English or Russian',
        description_localizations: { ru: 'Ваш вопрос, по-русски или по-английски' },
        required: true,
        max_length: 1000,
      },
    ],
  },
  async execute(i, ctx) {
    const lang = uiLanguage(i.locale);
    const started = performance.now();
    const question = i.options.getString('question', true).trim();
    if (!question) return void (await i.reply({ ...renderDiscordText(DISCORD_TEXTS[lang].empty), flags: MessageFlags.Ephemeral }));
    const user = ctx.userKey(i.user.id);
    const verdict = await ctx.limit.take(user);
    if (!verdict.allowed) {
      ctx.logger.info('rate_limited', { platform: PLATFORM, via: 'slash_command', waitMs: verdict.waitMs, told: true, user });
      // An interaction must be answered, so the note goes every time: it is ephemeral and floods no one.
      const note = COMMON_TEXTS[lang].rateLimited(Math.ceil(verdict.waitMs / 1000));
      return void (await i.reply({ ...renderDiscordText(note), flags: MessageFlags.Ephemeral }));
    }
    // Answering is fast, but the 3-second window also covers the network: acknowledge first, then edit.
    await i.deferReply();
    const answer = ctx.core.ask(question);
    if (!answer.answered && ctx.votes.enabled) await ctx.votes.unanswered(question, user);
    const sent = await i.editReply(
      withVoteButtons(renderDiscordAnswer(answer), answer.answered && ctx.votes.enabled ? await ctx.votes.offer(question) : null),
    );
    // A reply to this answer is a follow-up to its question.
    ctx.conversations.answered(i.channelId, question, [sent.id]);
    const latencyMs = Math.round(performance.now() - started);
    ctx.logger.info('answer', { platform: PLATFORM, via: 'slash_command', answered: answer.answered, latencyMs, user });
  },
};

/** A command that answers at once with fixed content. */
const fixed = (
  data: RESTPostAPIChatInputApplicationCommandsJSONBody,
  render: (ctx: CommandContext, lang: 'en' | 'ru') => ReturnType<typeof renderDiscordText>,
): DiscordCommand => ({
  data,
  async execute(i, ctx) {
    const started = performance.now();
    await i.reply(render(ctx, uiLanguage(i.locale)));
    const latencyMs = Math.round(performance.now() - started);
    ctx.logger.info('command', { platform: PLATFORM, command: i.commandName, latencyMs, user: ctx.userKey(i.user.id) });
  },
});

/** The commands for everyone, in the order Discord lists them; registered by bulk overwrite, so registering twice changes nothing. */
export const PUBLIC_COMMANDS: DiscordCommand[] = [
  ask,
  fixed(
    {
      type: ApplicationCommandType.ChatInput,
      name: 'sources',
      description: 'The sources I quote, with their dates',
      description_localizations: { ru: 'Источники, которые я цитирую, с датами' },
    },
    (ctx, lang) => renderDiscordSources(ctx.core.sources(), lang),
  ),
  fixed(
    {
      type: ApplicationCommandType.ChatInput,
      name: 'about',
      description: 'What I do and how I answer',
      description_localizations: { ru: 'Что я делаю и как отвечаю' },
    },
    (ctx, lang) => renderDiscordText(ctx.core.about(lang)),
  ),
  fixed(
    {
      type: ApplicationCommandType.ChatInput,
      name: 'help',
      description: 'How to ask, with examples',
      description_localizations: { ru: 'Как задать вопрос, примеры' },
    },
    (ctx, lang) =>
      renderDiscordText(
        `${DISCORD_TEXTS[lang].help}\n${ctx.core
          .examples(lang)
          .map((e) => `• ${e}`)
          .join('\n')}`,
      ),
  ),
];
