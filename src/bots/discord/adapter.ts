import { Client, Events, GatewayIntentBits, MessageFlags, Partials, type ButtonInteraction, type Interaction } from 'discord.js';
import type { Core, KnowledgeService, Logger } from '../../core/index.js';
import type { Moderation } from '../../moderation/index.js';
import type { Adapter } from '../shared/adapter.js';
import { createConversations } from '../shared/follow-ups.js';
import { createQuestionLimit } from '../shared/question-limit.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import { COMMON_TEXTS, uiLanguage } from '../shared/texts.js';
import { hashUserId } from '../shared/user-hash.js';
import { createVotes, type FeedbackRecorder } from '../shared/votes.js';
import { keepLostAcknowledgements } from './acknowledgements.js';
import { startAnnouncements } from './announcements.js';
import { PUBLIC_COMMANDS, type CommandContext, type DiscordCommand } from './commands.js';
import { followConnection } from './connection.js';
import { describe, isFatal } from './errors.js';
import { createMessageHandler } from './messages.js';
import { createModeratorCommands } from './moderation.js';
import { NO_MENTIONS, renderDiscordText } from './render.js';

export interface DiscordDeps {
  core: Core;
  token: string;
  /**
   * The home guild: every command is registered there (instant), and it alone has moderators. When null, the commands
   * for everyone are registered globally and there are no moderator commands.
   */
  guildId: string | null;
  /** Another REST root than discord.com's (the tests' fake); the gateway address then comes from its /gateway/bot. */
  apiRoot: string | null;
  rateLimiter: RateLimiter;
  logger: Logger;
  userHashSalt: string;
  /** Where votes and unanswered questions are recorded; without it, answers carry no vote buttons. */
  feedback?: FeedbackRecorder;
  /**
   * Told, once started, when a gateway connection is lost (false: disconnected or reconnecting) and when every one is
   * back (true: ready or resumed). The entry point's readiness follows it; the adapter knows nothing of ops.
   */
  onConnection?: (connected: boolean) => void;
  /** Handed the client's REST manager before login, to observe every response (the operator's 429 counter). */
  observeRest?: (rest: Client['rest']) => void;
  /** The clock follow-ups are timed by (ms); tests pass their own. */
  now?: () => number;
  /** Moderator commands and announcements; without it the bot only answers. */
  moderation?: {
    moderation: Moderation;
    knowledge: Pick<KnowledgeService, 'onUpdate' | 'onReload'>;
    /** Members of the home guild with this role may moderate, besides those with Manage Server there. */
    moderatorRoleId: string | null;
    /** Where every accepted update is announced. */
    announceChannelId: string | null;
  };
}

const PLATFORM = 'discord';

/**
 * The Discord bot: slash commands from a table ({ data, execute }, routed by name, one try/catch), mentions,
 * direct messages and replies, vote buttons and the add-source form. Every failure is logged and the user gets
 * a short apology; the others are served as before.
 */
export function createDiscordAdapter(deps: DiscordDeps): Adapter {
  const { core, logger } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // A reply to a message deleted meanwhile is still sent, without the reference, rather than refused.
    failIfNotExists: false,
    // Every message created carries a nonce Discord enforces: a create retried after its response was lost (a 502, a
    // reset connection) returns the message already posted instead of posting it twice.
    enforceNonce: true,
    ...(deps.apiRoot ? { rest: { api: deps.apiRoot } } : {}),
  });
  const userKey = (id: string) => hashUserId(PLATFORM, id, deps.userHashSalt);
  const ctx: CommandContext = {
    core,
    limit: createQuestionLimit(deps.rateLimiter),
    votes: createVotes(deps.feedback ?? null, (err) => logger.error('feedback_failed', { platform: PLATFORM, error: String(err) })),
    conversations: createConversations({ now: deps.now }),
    logger,
    userKey,
  };
  const moderator = deps.moderation ? createModeratorCommands({ ...deps.moderation, homeGuildId: deps.guildId }) : null;
  // Moderator commands are routed whatever the scope, so a call from anywhere else (a command left registered by an
  // older setup) is refused and audited rather than left unanswered; they are registered in the home guild alone.
  const byName = new Map([...PUBLIC_COMMANDS, ...(moderator?.commands ?? [])].map((c) => [c.data.name, c]));
  const registered: DiscordCommand[] = [...PUBLIC_COMMANDS, ...(deps.guildId ? (moderator?.commands ?? []) : [])];
  let stopAnnouncements = () => {};
  let started = false;
  let stopping = false;

  async function apologise(i: Interaction): Promise<void> {
    if (!i.isRepliable()) return;
    const apology = { ...renderDiscordText(COMMON_TEXTS[uiLanguage(i.locale)].apology), flags: MessageFlags.Ephemeral as const };
    try {
      // The first follow-up after a public defer replaces the "thinking…" message and stays public whatever its
      // flags: remove the placeholder first, so the apology is seen by that user alone.
      if (i.deferred && !i.replied)
        await i.deleteReply().catch((again: unknown) => logger.warn('defer_delete_failed', { platform: PLATFORM, error: describe(again) }));
      if (i.deferred || i.replied) await i.followUp(apology);
      else await i.reply(apology);
    } catch (again) {
      logger.warn('apology_failed', { platform: PLATFORM, error: describe(again) });
    }
  }

  async function onVote(i: ButtonInteraction): Promise<void> {
    const counted = await ctx.votes.record(i.customId, userKey(i.user.id));
    const t = COMMON_TEXTS[uiLanguage(i.locale)];
    await i.reply({ ...renderDiscordText(counted ? t.thanksForVote : t.voteExpired), flags: MessageFlags.Ephemeral });
    logger.info('vote', { platform: PLATFORM, counted, user: userKey(i.user.id) });
  }

  /** Every interaction, routed by kind and name; the one place a failure becomes an apology. */
  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isRepliable())
      keepLostAcknowledgements(i, (method) => logger.warn('response_lost_but_delivered', { platform: PLATFORM, method }));
    try {
      if (i.isButton() && ctx.votes.isVote(i.customId)) return await onVote(i);
      if (i.isModalSubmit() && i.customId === 'add-source' && moderator) return await moderator.submit(i);
      if (!i.isChatInputCommand()) return;
      await byName.get(i.commandName)?.execute(i, ctx);
    } catch (err) {
      const what = i.isChatInputCommand() ? { command: i.commandName } : { via: i.type };
      logger.error('handler_failed', { platform: PLATFORM, ...what, error: describe(err), user: userKey(i.user.id) });
      await apologise(i);
    }
  }

  client.on(Events.InteractionCreate, (i) => void onInteraction(i));
  const onMessage = createMessageHandler(client, { ...ctx, describe });
  client.on(Events.MessageCreate, (m) => void onMessage(m));
  client.on(Events.Error, (err) => logger.error('client_error', { platform: PLATFORM, error: describe(err) }));
  // The gateway reconnects by itself; a line per failure shows a flapping connection.
  client.on(Events.ShardError, (err) => logger.warn('gateway_error', { platform: PLATFORM, error: describe(err) }));
  deps.observeRest?.(client.rest);
  followConnection(client, {
    logger,
    // Before the start is done, the entry point waits for it anyway: only later losses and returns are news.
    report: (connected) => started && deps.onConnection?.(connected),
    closing: () => stopping,
  });

  /** Registers the commands (a bulk overwrite); once per bot: under shards, shard 0 alone does it. */
  async function registerCommands(): Promise<void> {
    if (client.shard && !client.shard.ids.includes(0)) return;
    const registry = client.application!.commands;
    const all = registered.map((c) => c.data);
    try {
      await (deps.guildId ? registry.set(all, deps.guildId) : registry.set(all));
    } catch (err) {
      // A bot that cannot register its commands is not started: close the gateway, or the process would linger.
      await client.destroy();
      throw new Error(
        `Discord refused the slash commands (${describe(err)})${isFatal(err) ? ': check that the bot was invited with the applications.commands scope' : ''}`,
      );
    }
    logger.info('commands_registered', {
      platform: PLATFORM,
      scope: deps.guildId ? 'guild' : 'global',
      moderatorCommands: registered.length > PUBLIC_COMMANDS.length,
    });
  }

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
      await registerCommands();
      // A moderator role named without a home guild is a setting that does nothing: say so once, at start.
      if (deps.moderation?.moderatorRoleId && !deps.guildId)
        logger.warn('discord_moderators_need_guild', {
          platform: PLATFORM,
          setting: 'DISCORD_MODERATOR_ROLE_ID',
          missing: 'DISCORD_GUILD_ID',
        });
      if (deps.moderation)
        stopAnnouncements = startAnnouncements(client, {
          knowledge: deps.moderation.knowledge,
          channelId: deps.moderation.announceChannelId,
          logger,
        });
      started = true;
    },
    async stop() {
      stopping = true;
      stopAnnouncements();
      await client.destroy();
    },
  };
}
