import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type Client,
  type ModalSubmitInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Actor, KnowledgeService, Logger, UpdateResult } from '../../core/index.js';
import type { AuditLog, FeedbackStore } from '../../records/index.js';
import { renderDiscordText } from './render.js';
import { summarize } from '../telegram/moderation.js';

export interface DiscordModerationDeps {
  knowledge: KnowledgeService;
  feedback: FeedbackStore;
  audit: AuditLog;
  /** Members with this role may moderate, besides those with Manage Server. */
  moderatorRoleId: string | null;
  /** Where every accepted update is announced. */
  announceChannelId: string | null;
  logger: Logger;
}

const MANAGE = String(PermissionFlagsBits.ManageGuild);
// Guild only (context 0): moderating happens in the server, never in direct messages.
const moderatorOnly = { default_member_permissions: MANAGE, contexts: [InteractionContextType.Guild] };

/** Moderator commands: hidden by default from members without Manage Server, and checked again on every call. */
export const DISCORD_MODERATOR_COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  { type: ApplicationCommandType.ChatInput, name: 'add-source', description: 'Add a source (opens a form)', ...moderatorOnly },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'add-fact',
    description: 'Add a fact, as JSON with the fields of a facts file',
    ...moderatorOnly,
    options: [{ type: ApplicationCommandOptionType.String, name: 'fact', description: 'The fact as JSON', required: true }],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'updates',
    description: 'List recent knowledge updates, or show one',
    ...moderatorOnly,
    options: [{ type: ApplicationCommandOptionType.String, name: 'id', description: 'An update id, to show it whole', required: false }],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'retract',
    description: 'Stop using a source, a fact, or what an update added',
    ...moderatorOnly,
    options: [
      { type: ApplicationCommandOptionType.String, name: 'id', description: 'Source, fact or update id', required: true },
      { type: ApplicationCommandOptionType.String, name: 'reason', description: 'Why', required: true },
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: 'gaps',
    description: 'Most asked unanswered questions and lowest-rated answers',
    ...moderatorOnly,
  },
];

const FIELDS = [
  ['title', 'Title', TextInputStyle.Short, true],
  ['publisher', 'Publisher', TextInputStyle.Short, true],
  ['published', 'Date (YYYY, YYYY-MM or YYYY-MM-DD)', TextInputStyle.Short, true],
  ['url', 'Link (optional)', TextInputStyle.Short, false],
  ['text', 'Article text', TextInputStyle.Paragraph, true],
] as const;

export function createDiscordModeration(client: Client, deps: DiscordModerationDeps) {
  const { knowledge, audit } = deps;
  const ephemeral = (text: string) => ({ ...renderDiscordText(text), flags: 64 as const });
  const actorOf = (i: ChatInputCommandInteraction | ModalSubmitInteraction): Actor => ({
    platform: 'discord',
    userId: i.user.id,
    displayName: i.user.username,
  });
  const allowed = (i: ChatInputCommandInteraction | ModalSubmitInteraction): boolean => {
    if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
    const roles = i.member && 'roles' in i.member ? i.member.roles : null;
    const ids: string[] = Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
    return deps.moderatorRoleId !== null && ids.includes(deps.moderatorRoleId);
  };
  const outcome = (r: UpdateResult) => (r.ok ? `Accepted: ${summarize(r.record)} (update ${r.record.id})` : `Refused: ${r.error}`);

  async function refuse(i: ChatInputCommandInteraction | ModalSubmitInteraction, operation: string): Promise<void> {
    audit.record({ actor: actorOf(i), operation, allowed: false, outcome: 'not a moderator' });
    await i.reply(ephemeral('Only moderators can change or review what I know.'));
  }

  const announce = (text: string) => {
    if (!deps.announceChannelId) return;
    void client.rest
      .post(`/channels/${deps.announceChannelId}/messages`, { body: { ...renderDiscordText(text), allowed_mentions: { parse: [] } } })
      .catch((err: unknown) =>
        deps.logger.warn('discord_announce_failed', { platform: 'discord', error: err instanceof Error ? err.name : 'unknown' }),
      );
  };
  const off = knowledge.onUpdate((record) => announce(`📢 ${summarize(record)}`));
  // A hand edit of the knowledge files that was refused: the moderators' channel hears why, as well as the log.
  const offReload = knowledge.onReload((result) => {
    if (!result.ok)
      announce(
        `⚠️ A knowledge file edit was refused; the last good knowledge keeps serving.\n${result.problems
          .slice(0, 10)
          .map((p) => `${p.file}:${p.line}: ${p.message}`)
          .join('\n')}`,
      );
  });

  return {
    handles: (name: string) => DISCORD_MODERATOR_COMMANDS.some((c) => c.name === name),
    async command(i: ChatInputCommandInteraction): Promise<void> {
      if (!allowed(i)) return refuse(i, i.commandName);
      const actor = actorOf(i);
      let text: string;
      if (i.commandName === 'add-source') {
        const modal = new ModalBuilder().setCustomId('add-source').setTitle('Add a source');
        for (const [id, label, style, required] of FIELDS) {
          modal.addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId(id).setLabel(label).setStyle(style).setRequired(required),
            ),
          );
        }
        audit.record({ actor, operation: 'add-source', allowed: true, outcome: 'form opened' });
        return void (await i.showModal(modal));
      }
      if (i.commandName === 'add-fact') {
        let fact: unknown = null;
        try {
          fact = JSON.parse(i.options.getString('fact', true));
        } catch {
          /* refused below */
        }
        text = outcome(
          fact && typeof fact === 'object'
            ? knowledge.addFact(fact as Record<string, unknown>, actor)
            : { ok: false, error: 'the fact must be JSON with the fields of a facts file' },
        );
      } else if (i.commandName === 'retract') {
        text = outcome(knowledge.retract(i.options.getString('id', true), i.options.getString('reason', true), actor));
      } else if (i.commandName === 'updates') {
        const id = i.options.getString('id');
        const one = id ? knowledge.show(id) : null;
        text = id
          ? one
            ? JSON.stringify(one, null, 1)
            : `No update with id ${id}.`
          : knowledge
              .list(10)
              .map((u) => `${u.id} · ${u.at.slice(0, 16)} · ${summarize(u)}${u.retractedBy ? ' (retracted)' : ''}`)
              .join('\n') || 'No updates yet.';
      } else {
        const gaps = deps.feedback.gaps(10);
        text = [
          'Most asked without an answer:',
          ...(gaps.unanswered.length ? gaps.unanswered.map((g) => `${g.count} × ${g.question}`) : ['(none)']),
          'Lowest-rated answers:',
          ...(gaps.lowestRated.length ? gaps.lowestRated.map((g) => `+${g.up} −${g.down} ${g.question}`) : ['(none)']),
        ].join('\n');
      }
      audit.record({ actor, operation: i.commandName, allowed: true, outcome: text.slice(0, 200) });
      await i.reply(ephemeral(text));
    },
    async modal(i: ModalSubmitInteraction): Promise<void> {
      if (!allowed(i)) return refuse(i, 'add-source');
      const field = (id: string) => i.fields.getTextInputValue(id);
      const result = knowledge.addSource(
        {
          title: field('title'),
          publisher: field('publisher'),
          published: field('published'),
          url: field('url') || null,
          text: field('text'),
        },
        actorOf(i),
      );
      audit.record({
        actor: actorOf(i),
        operation: 'add-source',
        allowed: true,
        outcome: result.ok ? `accepted ${result.record.id}` : `refused: ${result.error}`,
      });
      await i.reply(ephemeral(outcome(result)));
    },
    feedback: deps.feedback,
    stop() {
      off();
      offReload();
    },
  };
}
