import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { wordOutcome, type Moderation, type ModerationAction, type Outcome, type Read, type Requester } from '../../moderation/index.js';
import { uiLanguage } from '../shared/texts.js';
import type { CommandContext, DiscordCommand } from './commands.js';
import { renderDiscordWorded } from './render.js';
import { DISCORD_TEXTS } from './texts.js';

export interface DiscordModerationDeps {
  moderation: Moderation;
  /** Members of the home guild with this role may moderate, besides those with Manage Server there. */
  moderatorRoleId: string | null;
  /**
   * The one guild whose members may moderate (DISCORD_GUILD_ID). The knowledge is shared by every server that adds
   * the bot, so Manage Server in any other is no title to change it; without a home guild nobody moderates on Discord.
   */
  homeGuildId: string | null;
}

type Moderated = ChatInputCommandInteraction | ModalSubmitInteraction;

const MANAGE = String(PermissionFlagsBits.ManageGuild);
// Guild only: moderating happens in the server, never in direct messages. Hidden by default from members without
// Manage Server, and checked again on every use.
const moderatorOnly = {
  type: ApplicationCommandType.ChatInput as const,
  default_member_permissions: MANAGE,
  contexts: [InteractionContextType.Guild],
};
const text = (name: string, description: string, required: boolean) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  description,
  required,
});

/** The add-source form's fields: [custom id, required, style]; labels per language in texts.ts. */
const FIELDS = [
  ['title', true, TextInputStyle.Short],
  ['publisher', true, TextInputStyle.Short],
  ['published', true, TextInputStyle.Short],
  ['url', false, TextInputStyle.Short],
  ['text', true, TextInputStyle.Paragraph],
] as const;
/** Discord's limit on a text input's value; an article longer than this is added through the CLI or Telegram. */
const TEXT_INPUT_MAX = 4000;
const SHOWN_STRING_CHARS = 500;

/** A moderator command: its data, the moderation action it asks for (read before the guard), and its work. */
interface ModeratorCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  action(i: ChatInputCommandInteraction): ModerationAction;
  run(i: ChatInputCommandInteraction, who: Requester): Promise<Outcome | null>;
}

/**
 * Moderator commands on Discord, as a command table behind one guard: whoever is outside the home guild, or lacks the
 * moderator role and Manage Server there, is refused (and audited, by the moderation flow) before anything is read.
 * The add-source form's submission goes through the same flow, which checks again. Every reply is ephemeral: what
 * /updates and /gaps show (users' unanswered questions among it) is for the moderator who asked alone.
 */
export function createModeratorCommands(deps: DiscordModerationDeps): {
  commands: DiscordCommand[];
  submit(i: ModalSubmitInteraction): Promise<void>;
} {
  const { moderation } = deps;
  const who = (i: Moderated): Requester => {
    const roles = i.member && 'roles' in i.member ? i.member.roles : null;
    const ids: string[] = Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
    const byRole = deps.moderatorRoleId !== null && ids.includes(deps.moderatorRoleId);
    // Roles and permissions are the guild's own: they count only in the home guild.
    const atHome = deps.homeGuildId !== null && i.guildId === deps.homeGuildId;
    return {
      actor: { platform: 'discord', userId: i.user.id, displayName: i.user.username },
      moderator: atHome && (Boolean(i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) || byRole),
    };
  };
  const reply = async (i: Moderated, outcome: Outcome, ctx?: CommandContext) => {
    await i.reply({
      ...renderDiscordWorded(wordOutcome(outcome, uiLanguage(i.locale), { clip: SHOWN_STRING_CHARS })),
      flags: MessageFlags.Ephemeral,
    });
    const reason = outcome.status === 'refused' ? { reason: outcome.reason } : {};
    ctx?.logger.info('moderation', { platform: 'discord', action: outcome.action, outcome: outcome.status, ...reason });
  };

  const table: ModeratorCommand[] = [
    {
      data: { ...moderatorOnly, name: 'add-source', description: 'Add a source (opens a form)' },
      action: () => 'add-source',
      async run(i) {
        const t = DISCORD_TEXTS[uiLanguage(i.locale)];
        const modal = new ModalBuilder().setCustomId('add-source').setTitle(t.addSourceTitle);
        for (const [id, required, style] of FIELDS) {
          const input = new TextInputBuilder().setCustomId(id).setLabel(t.fields[id]).setStyle(style).setRequired(required);
          if (id === 'text') input.setMaxLength(TEXT_INPUT_MAX);
          modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
        }
        await i.showModal(modal);
        return null;
      },
    },
    {
      data: {
        ...moderatorOnly,
        name: 'add-fact',
        description: 'Add a fact, as JSON with the fields of a facts file',
        options: [text('fact', 'The fact as JSON', true)],
      },
      action: () => 'add-fact',
      async run(i, by) {
        let fact: Read<Record<string, unknown>> = { problem: 'fact-json' };
        try {
          const parsed: unknown = JSON.parse(i.options.getString('fact', true));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fact = { value: parsed as Record<string, unknown> };
        } catch {
          // Not JSON: refused below, saying what was expected.
        }
        return moderation.addFact(by, fact);
      },
    },
    {
      data: {
        ...moderatorOnly,
        name: 'updates',
        description: 'List recent knowledge updates, or show one',
        options: [text('id', 'An update id, to show it whole', false)],
      },
      action: (i) => (i.options.getString('id') ? 'show' : 'list'),
      async run(i, by) {
        const id = i.options.getString('id');
        return id ? moderation.show(by, id) : moderation.list(by);
      },
    },
    {
      data: {
        ...moderatorOnly,
        name: 'retract',
        description: 'Stop using a source, a fact, or what an update added',
        options: [text('id', 'Source, fact or update id', true), text('reason', 'Why', true)],
      },
      action: () => 'retract',
      run: async (i, by) => moderation.retract(by, i.options.getString('id', true), i.options.getString('reason', true)),
    },
    {
      data: { ...moderatorOnly, name: 'gaps', description: 'Most asked unanswered questions and lowest-rated answers' },
      action: () => 'gaps',
      run: async (_, by) => moderation.gaps(by),
    },
  ];

  return {
    commands: table.map((c) => ({
      data: c.data,
      async execute(i, ctx) {
        const by = who(i);
        // The one guard: a refusal is audited by the moderation flow and sent before any input is read.
        const refusal = moderation.check(by, c.action(i));
        const outcome = refusal ?? (await c.run(i, by));
        if (outcome) await reply(i, outcome, ctx);
      },
    })),
    async submit(i) {
      const field = (id: string) => i.fields.getTextInputValue(id);
      const input = {
        title: field('title'),
        publisher: field('publisher'),
        published: field('published'),
        url: field('url') || null,
        text: field('text'),
      };
      await reply(i, moderation.addSource(who(i), { value: input }));
    },
  };
}
