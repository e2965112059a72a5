import {
  ButtonStyle,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { detectLanguage, type Core, type Language, type Logger } from '../../core/index.js';
import type { Adapter } from '../shared/adapter.js';
import { DISCORD_COMMANDS } from './commands.js';
import { createDiscordModeration, DISCORD_MODERATOR_COMMANDS, type DiscordModerationDeps } from './moderation.js';
import { randomBytes } from 'node:crypto';
import { NO_MENTIONS, renderDiscordAnswer, renderDiscordSources, renderDiscordText } from './render.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { hashUserId } from '../shared/user-hash.js';

export interface DiscordDeps {
  core: Core;
  token: string;
  /** Register the commands in this guild only (instant), or globally when null. */
  guildId: string | null;
  /** Another REST root than discord.com's (the tests' fake); the gateway address then comes from its /gateway/bot. */
  apiRoot: string | null;
  rateLimiter: RateLimiter;
  logger: Logger;
  userHashSalt: string;
  /** Moderator commands, announcements and feedback; without it the bot only answers. */
  moderation?: Omit<DiscordModerationDeps, 'logger'>;
}

const PLATFORM = 'discord';

const TEXTS: Record<Language, { apology: string; rateLimited: (s: number) => string; empty: string; help: string }> = {
  en: {
    apology: 'Sorry, something went wrong with that question. Please try again or ask another.',
    rateLimited: (s) => `You are asking faster than I can answer. Please wait ${s} s and ask again.`,
    empty: 'What would you like to know? For example: /ask question: How long is the Kyrgyz–Tajik border?',
    help: 'Ask with /ask, mention me with a question, or send me a direct message, in English or Russian. /sources lists what I quote. For example:',
  },
  ru: {
    apology: 'Извините, с этим вопросом что-то пошло не так. Попробуйте ещё раз или задайте другой.',
    rateLimited: (s) => `Вы спрашиваете быстрее, чем я успеваю отвечать. Подождите ${s} с и спросите снова.`,
    empty: 'Что вы хотите узнать? Например: /ask вопрос: Какова протяжённость кыргызско-таджикской границы?',
    help: 'Спрашивайте через /ask, упомяните меня с вопросом или напишите мне в личные сообщения — по-русски или по-английски. /sources — источники. Например:',
  },
};

/** Discord's own word on a failure that will not get better by retrying: a bad token or missing access. */
// discord.js turns a 401 on the gateway lookup into its own TokenInvalid error, not a DiscordAPIError.
const isFatal = (err: unknown): boolean =>
  (err instanceof DiscordAPIError && (err.status === 401 || err.status === 403)) ||
  (err instanceof Error && 'code' in err && err.code === 'TokenInvalid');
const describe = (err: unknown): string =>
  err instanceof DiscordAPIError ? `${err.status} ${err.code}` : err instanceof Error ? err.name : 'unknown';

/**
 * The Discord bot: /ask, /sources, /about, /help; mentions and direct messages. No privileged intent:
 * Discord delivers the text of messages that mention the bot and of direct messages without it.
 * Every handler ends in one catch that logs and apologises to that user; the others are served as before.
 */
export function createDiscordAdapter(deps: DiscordDeps): Adapter {
  const { core, logger, rateLimiter } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // A reply to a message deleted meanwhile is still sent, without the reference, rather than refused.
    failIfNotExists: false,
    ...(deps.apiRoot ? { rest: { api: deps.apiRoot } } : {}),
  });
  const userKey = (id: string) => hashUserId(PLATFORM, id, deps.userHashSalt);
  const moderation = deps.moderation ? createDiscordModeration(client, { ...deps.moderation, logger }) : null;

  // 👍 and 👎 under each answer: the button carries a short key, the question stays here (the newest 5,000).
  const voted = new Map<string, string>();
  function withVotes(message: ReturnType<typeof renderDiscordAnswer>, question: string, answered: boolean, userId: string) {
    if (!moderation) return message;
    if (!answered) {
      moderation.feedback.unanswered(question, userKey(userId));
      return message;
    }
    const key = randomBytes(6).toString('base64url');
    voted.set(key, question);
    if (voted.size > 5_000) voted.delete(voted.keys().next().value!);
    const button = (label: string, id: string) => ({
      type: ComponentType.Button as const,
      style: ButtonStyle.Secondary as const,
      label,
      custom_id: id,
    });
    return {
      ...message,
      components: [
        ...message.components,
        { type: ComponentType.ActionRow as const, components: [button('👍', `v+${key}`), button('👎', `v-${key}`)] },
      ],
    };
  }
  const uiLanguage = (locale: string | null | undefined): Language => (locale?.startsWith('ru') ? 'ru' : 'en');

  // In a channel the bot must not become the flood it limits: a user over the limit hears so once per wait.
  const toldUntil = new Map<string, number>();
  /** Null when the user may ask now; otherwise the polite note to send instead of an answer ('' when already told). */
  function limited(userId: string, lang: Language, via: string, tellOnce: boolean): string | null {
    const user = userKey(userId);
    const waitMs = rateLimiter.take(user);
    if (waitMs === 0) return null;
    const now = Date.now();
    const tell = !tellOnce || (toldUntil.get(user) ?? 0) <= now;
    if (tell) toldUntil.set(user, now + waitMs);
    if (toldUntil.size > 10_000) for (const [k, until] of toldUntil) if (until <= now) toldUntil.delete(k);
    logger.info('rate_limited', { platform: PLATFORM, via, waitMs, told: tell, user });
    return tell ? TEXTS[lang].rateLimited(Math.ceil(waitMs / 1000)) : '';
  }

  async function onCommand(i: ChatInputCommandInteraction): Promise<void> {
    const lang = uiLanguage(i.locale);
    const started = performance.now();
    if (i.commandName === 'ask') {
      const question = i.options.getString('question', true).trim();
      if (!question) return void (await i.reply({ ...renderDiscordText(TEXTS[lang].empty), flags: MessageFlags.Ephemeral }));
      // An interaction must be answered, so the note goes every time: it is ephemeral and floods no one.
      const note = limited(i.user.id, lang, 'slash_command', false);
      if (note !== null) return void (await i.reply({ ...renderDiscordText(note), flags: MessageFlags.Ephemeral }));
      // Answering is fast, but the 3-second window also covers the network: acknowledge first, then edit.
      await i.deferReply();
      const answer = core.ask(question);
      await i.editReply(withVotes(renderDiscordAnswer(answer), question, answer.answered, i.user.id) as never);
      logger.info('answer', {
        platform: PLATFORM,
        via: 'slash_command',
        answered: answer.answered,
        latencyMs: Math.round(performance.now() - started),
        user: userKey(i.user.id),
      });
      return;
    }
    const reply =
      i.commandName === 'sources'
        ? renderDiscordSources(core.sources(), lang)
        : i.commandName === 'about'
          ? renderDiscordText(core.about(lang))
          : renderDiscordText(
              `${TEXTS[lang].help}\n${core
                .examples(lang)
                .map((e) => `• ${e}`)
                .join('\n')}`,
            );
    await i.reply(reply);
    logger.info('command', {
      platform: PLATFORM,
      command: i.commandName,
      latencyMs: Math.round(performance.now() - started),
      user: userKey(i.user.id),
    });
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isButton() && /^v[+-]/.test(i.customId)) {
      const question = voted.get(i.customId.slice(2));
      if (question) moderation?.feedback.vote(question, i.customId[1] === '+' ? 1 : -1, userKey(i.user.id));
      const lang = uiLanguage(i.locale);
      const note = question
        ? lang === 'ru'
          ? 'Спасибо: модераторы видят, какие ответы нужно улучшить.'
          : 'Thank you: moderators see which answers need work.'
        : lang === 'ru'
          ? 'Этот ответ слишком старый, чтобы его оценить.'
          : 'This answer is too old to rate.';
      await i
        .reply({ ...renderDiscordText(note), flags: MessageFlags.Ephemeral })
        .catch((err: unknown) => logger.warn('vote_reply_failed', { platform: PLATFORM, error: describe(err) }));
      return;
    }
    if (i.isModalSubmit() && i.customId === 'add-source' && moderation) {
      await moderation
        .modal(i)
        .catch((err: unknown) => logger.error('handler_failed', { platform: PLATFORM, via: 'modal', error: describe(err) }));
      return;
    }
    if (!i.isChatInputCommand()) return;
    try {
      if (moderation?.handles(i.commandName)) return void (await moderation.command(i));
      await onCommand(i);
    } catch (err) {
      logger.error('handler_failed', { platform: PLATFORM, command: i.commandName, error: describe(err), user: userKey(i.user.id) });
      const apology = { ...renderDiscordText(TEXTS[uiLanguage(i.locale)].apology), flags: MessageFlags.Ephemeral as const };
      try {
        // The first follow-up after a public defer replaces the "thinking…" message and stays public whatever its
        // flags: remove the placeholder first, so the apology is seen by that user alone.
        if (i.deferred && !i.replied)
          await i
            .deleteReply()
            .catch((again: unknown) => logger.warn('defer_delete_failed', { platform: PLATFORM, error: describe(again) }));
        if (i.deferred || i.replied) await i.followUp(apology);
        else await i.reply(apology);
      } catch (again) {
        logger.warn('apology_failed', { platform: PLATFORM, error: describe(again) });
      }
    }
  }

  async function onMessage(m: Message): Promise<void> {
    const me = client.user;
    if (!me || m.author.bot || m.system) return;
    const direct = !m.guildId;
    if (!direct && !m.mentions.users.has(me.id)) return;
    const question = m.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').trim();
    const lang = detectLanguage(question);
    const started = performance.now();
    try {
      if (!question) return void (await m.reply(renderDiscordText(TEXTS[lang].empty)));
      const note = limited(m.author.id, lang, direct ? 'direct_message' : 'mention', true);
      if (note !== null) {
        if (note) await m.reply(renderDiscordText(note));
        return;
      }
      const answer = core.ask(question);
      await m.reply(withVotes(renderDiscordAnswer(answer), question, answer.answered, m.author.id) as never);
      logger.info('answer', {
        platform: PLATFORM,
        via: direct ? 'direct_message' : 'mention',
        answered: answer.answered,
        latencyMs: Math.round(performance.now() - started),
        user: userKey(m.author.id),
      });
    } catch (err) {
      logger.error('handler_failed', { platform: PLATFORM, via: 'message', error: describe(err), user: userKey(m.author.id) });
      await m
        .reply(renderDiscordText(TEXTS[lang].apology))
        .catch((again: unknown) => logger.warn('apology_failed', { platform: PLATFORM, error: describe(again) }));
    }
  }

  client.on(Events.InteractionCreate, (i) => void onInteraction(i));
  client.on(Events.MessageCreate, (m) => void onMessage(m));
  client.on(Events.Error, (err) => logger.error('client_error', { platform: PLATFORM, error: describe(err) }));
  // The gateway reconnects by itself; a line per failure shows a flapping connection.
  client.on(Events.ShardError, (err) => logger.warn('gateway_error', { platform: PLATFORM, error: describe(err) }));

  return {
    platform: 'discord',
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await client.login(deps.token);
      } catch (err) {
        throw new Error(`Discord refused to connect (${describe(err)})${isFatal(err) ? ': check DISCORD_TOKEN' : ''}`);
      }
      await ready;
      const commands = client.application!.commands;
      const all = [...DISCORD_COMMANDS, ...(moderation ? DISCORD_MODERATOR_COMMANDS : [])];
      try {
        await (deps.guildId ? commands.set(all, deps.guildId) : commands.set(all));
      } catch (err) {
        // A bot that cannot register its commands is not started: close the gateway, or the process would linger.
        await client.destroy();
        throw new Error(
          `Discord refused the slash commands (${describe(err)})${isFatal(err) ? ': check that the bot was invited with the applications.commands scope' : ''}`,
        );
      }
      logger.info('commands_registered', { platform: PLATFORM, scope: deps.guildId ? 'guild' : 'global' });
    },
    async stop() {
      moderation?.stop();
      await client.destroy();
    },
  };
}
