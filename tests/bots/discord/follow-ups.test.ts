import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/bots/discord/adapter.js';
import type { Adapter } from '../../../src/bots/shared/adapter.js';
import { FOLLOW_UP_WINDOW_MS } from '../../../src/bots/shared/follow-ups.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import type { AskOptions, Core, Logger } from '../../../src/core/index.js';
import { bundledCore } from '../../helpers/core.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/** Follow-ups on Discord: the previous question reaches the core for a reply to one of its messages, and in a DM soon after. */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
const GUILD = '300000000000000001';
const FIRST = 'How long is the border between Kyrgyzstan and Tajikistan?';
const FOLLOW_UP = 'and in 2020?';

let fake: FakeDiscord;
let adapter: Adapter;
let asked: Array<{ question: string; options: AskOptions | undefined }>;
let clock: number;
/** Answers the bot has finished (logged once sent and remembered), and who waits for how many. */
let finished: number;
let waiting: Array<{ count: number; resolve: () => void }>;

const quiet = () => {};
/** A logger that counts finished answers: the bot logs one only once the reply is sent and remembered. */
const logger: Logger = {
  debug: quiet,
  warn: quiet,
  error: quiet,
  info(event) {
    if (event !== 'answer') return;
    finished++;
    waiting = waiting.filter((w) => (finished >= w.count ? (w.resolve(), false) : true));
  },
};
const answersFinished = (count: number) =>
  new Promise<void>((resolve) => (finished >= count ? resolve() : waiting.push({ count, resolve })));

beforeEach(async () => {
  fake = await startFakeDiscord();
  const real = await bundledCore();
  asked = [];
  finished = 0;
  waiting = [];
  clock = Date.parse('2026-11-24T12:00:00Z');
  // The real core, recording what each question was asked with.
  const core: Core = {
    ...real,
    ask: (question, options) => {
      asked.push({ question, options });
      return real.ask(question, options);
    },
  };
  adapter = createDiscordAdapter({
    core,
    token: TOKEN,
    guildId: null,
    apiRoot: fake.apiRoot,
    rateLimiter: createRateLimiter(100, 60_000),
    logger,
    userHashSalt: '',
    now: () => clock,
  });
  await adapter.start();
});
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
});

const author = { id: nextId(), username: 'asker', discriminator: '0', global_name: null, avatar: null };
const bot = { id: FAKE_DISCORD.botId, username: FAKE_DISCORD.username, discriminator: '0', bot: true, avatar: null };

/** A message to the bot (a DM, or in a guild channel); resolves with the bot's reply once the bot is done with it. */
async function message(
  channel: string,
  content: string,
  options: { guild?: boolean; mention?: boolean; replyTo?: string } = {},
): Promise<DiscordCall> {
  const id = nextId();
  const done = answersFinished(finished + 1);
  const reply = fake.next((c) => (c.body?.message_reference as { message_id?: string } | undefined)?.message_id === id);
  fake.dispatch('MESSAGE_CREATE', {
    id,
    channel_id: channel,
    channel_type: options.guild ? 0 : 1,
    ...(options.guild
      ? { guild_id: GUILD, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }
      : {}),
    author,
    content: options.mention ? `<@${FAKE_DISCORD.botId}> ${content}` : content,
    timestamp: new Date().toISOString(),
    type: options.replyTo ? 19 : 0,
    mentions: options.mention ? [bot] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    tts: false,
    mention_everyone: false,
    ...(options.replyTo
      ? { message_reference: { type: 0, message_id: options.replyTo, channel_id: channel, ...(options.guild ? { guild_id: GUILD } : {}) } }
      : {}),
  });
  await done;
  return reply;
}
/** The bot joins a server with one text channel: discord.js handles messages only in channels it knows. */
function guildWith(channel: string): void {
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
    channels: [{ id: channel, type: 0, name: 'general', guild_id: GUILD, position: 0, permission_overwrites: [] }],
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
}
/** The id of the message the bot sent, which the fake answered with. */
const sentId = (c: DiscordCall) => (c.response as { id: string }).id;
const contextOf = (question: string) => asked.find((a) => a.question === question)?.options?.context;

describe('discord follow-ups', () => {
  it('in a direct message, gives the core the previous question for a message within five minutes', async () => {
    const dm = nextId();
    await message(dm, FIRST);
    clock += FOLLOW_UP_WINDOW_MS - 1_000;
    await message(dm, FOLLOW_UP);
    expect(contextOf(FIRST)).toBeUndefined();
    expect(contextOf(FOLLOW_UP)).toEqual({ previousQuestion: FIRST });
  });

  it('in a direct message, reads a message more than five minutes later on its own', async () => {
    const dm = nextId();
    await message(dm, FIRST);
    clock += FOLLOW_UP_WINDOW_MS + 1_000;
    await message(dm, FOLLOW_UP);
    expect(asked.map((a) => a.question)).toEqual([FIRST, FOLLOW_UP]);
    expect(contextOf(FOLLOW_UP)).toBeUndefined();
  });

  it('in a server, answers a reply to one of its messages with the question that message answered', async () => {
    const channel = nextId();
    guildWith(channel);
    const answer = await message(channel, FIRST, { guild: true, mention: true });
    await message(channel, 'What is Vorukh?', { guild: true, mention: true });
    clock += 60 * 60_000;
    const reply = await message(channel, FOLLOW_UP, { guild: true, replyTo: sentId(answer) });
    expect(reply.method).toBe('POST');
    expect(contextOf(FOLLOW_UP)).toEqual({ previousQuestion: FIRST });
  });

  it('in a server, reads a mention that replies to nothing on its own', async () => {
    const channel = nextId();
    guildWith(channel);
    await message(channel, FIRST, { guild: true, mention: true });
    await message(channel, FOLLOW_UP, { guild: true, mention: true });
    expect(asked.map((a) => a.question)).toEqual([FIRST, FOLLOW_UP]);
    expect(contextOf(FOLLOW_UP)).toBeUndefined();
  });
});
