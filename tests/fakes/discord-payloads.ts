import { FAKE_DISCORD, nextId, type DiscordCall, type FakeDiscord } from './discord-server.js';

/** Gateway payloads as Discord sends them, for a test to dispatch through the fake. */

export interface SlashCommandOptions {
  guild: string;
  name: string;
  /** String options, as the user filled them in. */
  options?: Array<{ name: string; value: string }>;
  member?: { id?: string; roles?: string[]; permissions?: string };
  channel?: string;
  locale?: string;
  /** Another kind of interaction than a slash command (3 a button, 5 a form), with its own `data`. */
  type?: number;
  data?: Record<string, unknown>;
  /** More fields of the interaction (the message a button was on). */
  extra?: Record<string, unknown>;
}

/** An INTERACTION_CREATE (by default for a slash command) used by a member in a guild channel; its token names it in the bot's calls. */
export function slashCommand(c: SlashCommandOptions): { token: string; d: Record<string, unknown> } {
  const id = nextId();
  const token = `tok-${id}`;
  const channel = c.channel ?? nextId();
  const userId = c.member?.id ?? nextId();
  return {
    token,
    d: {
      id,
      application_id: FAKE_DISCORD.appId,
      type: c.type ?? 2,
      token,
      version: 1,
      locale: c.locale ?? 'en-US',
      channel_id: channel,
      channel: { id: channel, type: 0, guild_id: c.guild, name: 'general' },
      guild_id: c.guild,
      member: {
        user: { id: userId, username: `u${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: c.member?.roles ?? [],
        permissions: c.member?.permissions ?? '0',
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      data: c.data ?? { id: nextId(), name: c.name, type: 1, options: (c.options ?? []).map((o) => ({ ...o, type: 3 })) },
      ...c.extra,
    },
  };
}

/** Dispatches the slash command and resolves with the bot's answer to it: its first call under the token but a deferral. */
export function useCommand(fake: FakeDiscord, c: SlashCommandOptions): Promise<DiscordCall> {
  const { token, d } = slashCommand(c);
  const answer = fake.next((call) => call.path.includes(token) && !(call.path.endsWith('/callback') && call.body?.type === 5));
  fake.dispatch('INTERACTION_CREATE', d);
  return answer;
}
