import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig, type Running } from '../../../src/main.js';
import { silentLogger } from '../../../src/log.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/** The Discord bot as `npm start` runs it (config, core, adapter), against a fake Discord REST and gateway. */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
const GUILD = '300000000000000001';
const CHANNEL = '300000000000000002';

let dataDir: string;
let fake: FakeDiscord;
let running: Running;

const user = (id: string) => ({ id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null });

/** Sends /ask as a user and resolves with the edit of the deferred reply, or any other answer to that interaction. */
function ask(question: string, userId = nextId(), locale = 'en-US'): { id: string; token: string; reply: Promise<DiscordCall> } {
  const id = nextId();
  const token = `tok-${id}`;
  const reply = fake.next((c) => c.path.includes(token) && !(c.path.endsWith('/callback') && (c.body?.type as number) === 5));
  fake.dispatch('INTERACTION_CREATE', {
    id,
    application_id: FAKE_DISCORD.appId,
    type: 2,
    token,
    version: 1,
    locale,
    guild_locale: 'en-US',
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'general' },
    guild_id: GUILD,
    member: { user: user(userId), roles: [], permissions: '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD },
    context: 0,
    data: { id: nextId(), name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] },
  });
  return { id, token, reply };
}

/** Sends another slash command (no options) and resolves with its reply, given in the interaction callback. */
function command(name: string, locale = 'en-US'): Promise<DiscordCall> {
  const id = nextId();
  const token = `tok-${id}`;
  const reply = fake.next((c) => c.path === `/interactions/${id}/${token}/callback`);
  fake.dispatch('INTERACTION_CREATE', {
    id,
    application_id: FAKE_DISCORD.appId,
    type: 2,
    token,
    version: 1,
    locale,
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'general' },
    guild_id: GUILD,
    member: { user: user(nextId()), roles: [], permissions: '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    data: { id: nextId(), name, type: 1 },
  });
  return reply;
}

type Embed = { description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } };
const embedOf = (c: DiscordCall) => ((c.body?.embeds as Embed[] | undefined) ?? [])[0]!;
const embedText = (e: Embed) =>
  [e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? ''].join('\n');
const embedSize = (e: Embed) => embedText(e).length - (e.fields?.length ?? 0) * 2 - 2;

// Each test has a bot, a fake Discord and a data folder of its own: it passes alone and in any order.
beforeEach(async () => {
  fake = await startFakeDiscord();
  // What the bot records as it runs goes to a throw-away folder, never the repository's.
  dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  running = await startFromConfig(
    readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: fake.apiRoot, DISCORD_GUILD_ID: GUILD, DATA_DIR: dataDir }),
    { logger: silentLogger },
  );
});
afterEach(async () => {
  await running?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('discord bot started by startFromConfig', () => {
  it('connects through the gateway and registers its commands in the guild: four for all, five for moderators only', () => {
    expect(fake.identified()).toBe(1);
    const put = fake.calls.find((c) => c.method === 'PUT' && c.path === `/applications/${FAKE_DISCORD.appId}/guilds/${GUILD}/commands`);
    const names = (put?.body as unknown as Array<{ name: string; description_localizations?: { ru?: string } }>).map((c) => c.name);
    expect(names).toEqual(['ask', 'sources', 'about', 'help', 'add-source', 'add-fact', 'updates', 'retract', 'gaps']);
    const perms = (put?.body as unknown as Array<{ default_member_permissions?: string | null }>).map(
      (c) => c.default_member_permissions ?? null,
    );
    // Manage Server (0x20) by default for the moderator commands; Discord hides them from everyone else.
    expect(perms).toEqual([null, null, null, null, '32', '32', '32', '32', '32']);
    expect((put?.body as unknown as Array<{ description_localizations?: { ru?: string } }>)[0]?.description_localizations?.ru).toBe(
      'Вопрос о кыргызско-таджикской границе',
    );
  });

  it('registering twice changes nothing: the same bulk overwrite, the same nine commands', async () => {
    const before = JSON.stringify(fake.commands.get(GUILD));
    const again = await startFromConfig(
      readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: fake.apiRoot, DISCORD_GUILD_ID: GUILD, DATA_DIR: dataDir }),
      { logger: silentLogger },
    );
    await again.stop();
    const puts = fake.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/guilds/${GUILD}/commands`));
    expect(puts).toHaveLength(2);
    expect(JSON.stringify(puts[1]!.body)).toBe(JSON.stringify(puts[0]!.body));
    expect(JSON.stringify(fake.commands.get(GUILD))).toBe(before);
    expect(fake.commands.get(GUILD)).toHaveLength(9);
  });

  it('answers /ask: defers within the window, then edits in an embed with the figures, each citation and no mentions', async () => {
    const { id, token, reply } = ask('How long is the border between Kyrgyzstan and Tajikistan?');
    const edit = await reply;
    const deferred = fake.calls.find((c) => c.path === `/interactions/${id}/${token}/callback`);
    expect(deferred?.body?.type).toBe(5);
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toBe(`/webhooks/${FAKE_DISCORD.appId}/${token}/messages/@original`);
    const embed = embedOf(edit);
    expect(embed.description).toContain('The sources differ on the length of the border');
    expect(embed.description).toContain('about 970 km (Asia-Plus, November 2022)');
    expect(embed.fields?.[0]?.name).toBe('[1] Eurasianet · 24 October 2023');
    expect(embed.fields?.[0]?.value).toContain('> Kyrgyzstan and Tajikistan share almost 1,000 kilometers of border.');
    expect(embed.fields?.[1]?.name).toBe('[2] Asia-Plus · November 2022');
    expect(embed.footer?.text).toMatch(/^As of 24 October 2023 · My newest source/);
    // The "as of" sentence is shown once, in the footer, not also at the end of the text.
    expect(embed.description).not.toContain('As of 24 October 2023');
    expect(edit.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const buttons = (edit.body?.components as Array<{ components: Array<{ url: string; style: number; label: string }> }>)[0]!.components;
    expect(buttons.map((b) => b.style)).toEqual([5, 5, 5]);
    expect(buttons[0]!.url).toMatch(/^https:\/\/bishkekherald\.com\//);
    // Labelled as the citation fields: the three Asia-Plus articles are told apart by their dates.
    expect(buttons.map((b) => b.label)).toEqual([
      '[1] Eurasianet · 24 October 2023',
      '[3] Asia-Plus · 20 November 2020',
      '[4] Asia-Plus · 6 February 2017',
    ]);
  });

  it('answers in Russian and says plainly when it has no source', async () => {
    const ru = embedOf(await ask('Сколько человек живёт в Ворухе?', nextId(), 'ru').reply);
    expect(ru.description).toContain('около 40 000 человек');
    const none = embedOf(await ask('What is the capital of France?').reply);
    expect(none.description).toMatch(/^I have no source on that\./);
    expect(none.fields).toBeUndefined();
  });

  it.each([
    ['markup', '<b>How long</b> is the </a> border & the `code` **bold** ~~x~~?'],
    ['mass mention', '@everyone @here <@123> <@&456> how long is the border?'],
    ['10,000 characters', `How long is the border? ${'Vorukh '.repeat(1430)}`],
    ['invisible and right-to-left characters', 'How\u200b long\u200d is the\u202e border\u2066?\u200f'],
  ])('gives hostile input (%s) a valid embed within the limits, pinging no one', async (_, question) => {
    const edit = await ask(question).reply;
    const embed = embedOf(edit);
    expect(edit.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embed.description!.length).toBeGreaterThan(0);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(embedSize(embed)).toBeLessThanOrEqual(6000);
  });

  it('lists sources, describes itself and helps, in embeds', async () => {
    for (const [name, expected] of [
      ['sources', 'Hope and Fear on the Kyrgyz-Tajik Border — The Diplomat, February 2025'],
      ['about', 'Every answer quotes its sources word for word'],
      ['help', 'How long is the Kyrgyz–Tajik border?'],
    ] as const) {
      const call = await command(name);
      expect(call.body?.type).toBe(4);
      expect(embedText((call.body?.data as { embeds: Embed[] }).embeds[0]!)).toContain(expected);
      expect((call.body?.data as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });

  it('speaks Russian to a user whose Discord is in Russian: /help, /about and /sources', async () => {
    const text = async (name: string) => {
      const data = (await command(name, 'ru')).body?.data as { embeds: Embed[] };
      return { title: (data.embeds[0] as { title?: string }).title, body: embedText(data.embeds[0]!) };
    };
    const help = await text('help');
    expect(help.body).toMatch(/^Спрашивайте через \/ask/);
    expect(help.body).toContain('• Какова протяжённость кыргызско-таджикской границы?');
    expect((await text('about')).body).toMatch(/^Я отвечаю на вопросы о кыргызско-таджикском пограничном споре/);
    const sources = await text('sources');
    expect(sources.title).toBe('Источники');
    expect(sources.body).toContain('The Diplomat, февраль 2025 г.');
  });

  it('answers a direct message and a mention in a guild, ignoring other chatter', async () => {
    const dm = nextId();
    const author = user(nextId());
    const dmReply = fake.next((c) => c.method === 'POST' && c.path === `/channels/${dm}/messages`);
    fake.dispatch('MESSAGE_CREATE', {
      id: nextId(),
      channel_id: dm,
      channel_type: 1,
      author,
      content: 'What is Vorukh?',
      timestamp: new Date().toISOString(),
      type: 0,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      tts: false,
      mention_everyone: false,
    });
    const d = await dmReply;
    expect(embedOf(d).description).toContain('Kyrgyzstan holds that Vorukh is an enclave');
    expect(d.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });

    fake.dispatch('GUILD_CREATE', {
      id: GUILD,
      name: 'Border',
      unavailable: false,
      owner_id: nextId(),
      member_count: 2,
      roles: [],
      emojis: [],
      features: [],
      members: [],
      presences: [],
      voice_states: [],
      threads: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      channels: [{ id: CHANNEL, type: 0, name: 'general', guild_id: GUILD, position: 0, permission_overwrites: [] }],
      joined_at: new Date().toISOString(),
      large: false,
      preferred_locale: 'en-US',
      premium_tier: 0,
      nsfw_level: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_flags: 0,
    });
    const before = fake.calls.length;
    const chatter = {
      id: nextId(),
      channel_id: CHANNEL,
      channel_type: 0,
      guild_id: GUILD,
      author,
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      content: 'just chatting about the border',
      timestamp: new Date().toISOString(),
      type: 0,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      tts: false,
      mention_everyone: false,
    };
    fake.dispatch('MESSAGE_CREATE', chatter);
    const mentionReply = fake.next((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`);
    fake.dispatch('MESSAGE_CREATE', {
      ...chatter,
      id: nextId(),
      content: `<@${FAKE_DISCORD.botId}> how long is the border?`,
      mentions: [{ id: FAKE_DISCORD.botId, username: FAKE_DISCORD.username, discriminator: '0', bot: true, avatar: null }],
    });
    const m = await mentionReply;
    expect(embedOf(m).description).toContain('The sources differ on the length of the border');
    expect(m.body?.message_reference).toMatchObject({ message_id: expect.any(String) });
    // The chatter came first and got nothing: the only channel message since is the mention's reply.
    expect(fake.calls.slice(before).filter((c) => c.path === `/channels/${CHANNEL}/messages`)).toHaveLength(1);
  });

  it('keeps the gateway alive: heartbeats are sent and acknowledged, with no reconnect', async () => {
    await fake.heartbeatsReached(2);
    expect(fake.heartbeats()).toBeGreaterThanOrEqual(2);
    // One identify: the connection lived through the heartbeats, with no reconnect.
    expect(fake.identified()).toBe(1);
  });

  it('limits each user to five questions in 30 s, with a polite ephemeral note', async () => {
    const who = nextId();
    for (let i = 0; i < 5; i++) expect(embedOf(await ask('What is Vorukh?', who).reply).description).toContain('Vorukh');
    const sixth = await ask('What is Vorukh?', who).reply;
    expect(sixth.body?.type).toBe(4);
    const data = sixth.body?.data as { flags: number; embeds: Embed[] };
    expect(data.flags).toBe(64);
    expect(data.embeds[0]!.description).toContain('You are asking faster than I can answer');
    expect(embedOf(await ask('What is Vorukh?').reply).description).toContain('Vorukh');
  });

  it('pings no one in anything it sends, and calls only routes Discord serves', async () => {
    await ask('How long is the border?').reply;
    await ask('What is the capital of France?').reply;
    for (const name of ['sources', 'about', 'help']) await command(name);
    const dm = nextId();
    const dmReply = fake.next((c) => c.method === 'POST' && c.path === `/channels/${dm}/messages`);
    fake.dispatch('MESSAGE_CREATE', {
      id: nextId(),
      channel_id: dm,
      channel_type: 1,
      author: user(nextId()),
      content: 'What is Vorukh?',
      timestamp: new Date().toISOString(),
      type: 0,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      tts: false,
      mention_everyone: false,
    });
    await dmReply;
    // Every message body: interaction replies (in `data`), deferred-reply edits, follow-ups and channel messages.
    const messages = fake.calls.flatMap((c) => {
      const body = c.body?.type === 4 ? (c.body.data as Record<string, unknown>) : c.body;
      return body && ('embeds' in body || 'content' in body) ? [body] : [];
    });
    expect(messages).toHaveLength(6);
    for (const body of messages) expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(fake.calls.filter((c) => c.status === 404).map((c) => `${c.method} ${c.path}`)).toEqual([]);
  });
});
