import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/bots/discord/adapter.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import type { Adapter } from '../../../src/bots/shared/adapter.js';
import type { Core, Logger } from '../../../src/core/index.js';
import { bundledCore } from '../../helpers/core.js';
import { slashCommand } from '../../fakes/discord-payloads.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/** The adapter on its own, against the fake Discord: what startFromConfig cannot inject (a core that fails, a strict limit, a refusing Discord). */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';

function recordingLogger(): { logger: Logger; logged: Array<Record<string, unknown>> } {
  const logged: Array<Record<string, unknown>> = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void logged.push({ level, event, ...fields });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, logged };
}

async function startBot(fake: FakeDiscord, over: { core?: Core; max?: number; logger?: Logger } = {}): Promise<Adapter> {
  const adapter = createDiscordAdapter({
    core: over.core ?? (await bundledCore()),
    token: TOKEN,
    guildId: null,
    apiRoot: fake.apiRoot,
    rateLimiter: createRateLimiter(over.max ?? 100, 60_000),
    logger: over.logger ?? recordingLogger().logger,
    userHashSalt: 'salt',
  });
  await adapter.start();
  return adapter;
}

/** /ask from user 42 in a guild channel; the token names the interaction, so each promise waits for its own calls. */
function ask(fake: FakeDiscord, question: string) {
  const { token, d } = slashCommand({
    guild: '7',
    channel: '5',
    name: 'ask',
    options: [{ name: 'question', value: question }],
    member: { id: '42' },
  });
  const mine = (c: DiscordCall) => c.path.includes(`/${token}`);
  const edited = fake.next((c) => mine(c) && c.method === 'PATCH');
  // The apology: a follow-up message (POST to the webhook itself), or the first reply when nothing was deferred.
  const apology = fake.next(
    (c) =>
      mine(c) &&
      c.method === 'POST' &&
      (/\/webhooks\/\d+\/[^/]+$/.test(c.path) || (c.body?.type === 4 && JSON.stringify(c.body).includes('Sorry'))),
  );
  fake.dispatch('INTERACTION_CREATE', d);
  return { token, edited, apology, calls: () => fake.calls.filter(mine) };
}

/** A direct message to the bot from `userId`; returns the message id, which the bot's reply references. */
function directMessage(fake: FakeDiscord, userId: string, content: string, channel: string, id = nextId()): string {
  fake.dispatch('MESSAGE_CREATE', {
    id,
    channel_id: channel,
    channel_type: 1,
    content,
    timestamp: new Date().toISOString(),
    type: 0,
    author: { id: userId, username: `u${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    tts: false,
    mention_everyone: false,
  });
  return id;
}

describe('discord adapter, failures', () => {
  let fake: FakeDiscord;
  let adapter: Adapter;
  let logged: Array<Record<string, unknown>>;

  // Each test has a bot and a fake Discord of its own: it passes alone and in any order.
  beforeEach(async () => {
    fake = await startFakeDiscord();
    const log = recordingLogger();
    logged = log.logged;
    const logger = log.logger;
    const real = await bundledCore();
    const flaky: Core = {
      ...real,
      ask: (q, o) =>
        q.includes('boom')
          ? (() => {
              throw new Error('index exploded at /secret/path');
            })()
          : real.ask(q, o),
    };
    adapter = await startBot(fake, { core: flaky, logger });
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('registers global commands when no guild is set', () => {
    const put = fake.calls.find((c) => c.method === 'PUT' && c.path === `/applications/${FAKE_DISCORD.appId}/commands`);
    expect((put?.body as unknown as Array<{ name: string }>).map((c) => c.name).slice(0, 4)).toEqual(['ask', 'sources', 'about', 'help']);
    expect(fake.calls.some((c) => c.path.includes('/guilds/'))).toBe(false);
  });

  it('apologises to that user alone when the core throws: the public placeholder goes, an ephemeral note comes, never the error', async () => {
    const boom = ask(fake, 'boom');
    const apology = await boom.apology;
    expect(apology.path).toBe(`/webhooks/${FAKE_DISCORD.appId}/${boom.token}`);
    expect(apology.body?.flags).toBe(64);
    expect(apology.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(apology.body)).toContain('Sorry, something went wrong with that question.');
    expect(JSON.stringify(apology.body)).not.toContain('exploded');
    // A follow-up right after a public defer would replace the placeholder and be public: it is deleted first.
    expect(boom.calls().map((c) => `${c.method} ${c.path.replace(/^.*\/tok-\d+/, '')}`)).toEqual([
      'POST /callback',
      'DELETE /messages/@original',
      'POST ',
    ]);
    const next = await ask(fake, 'How long is the border between Kyrgyzstan and Tajikistan?').edited;
    expect(JSON.stringify(next.body)).toContain('about 970 km (Asia-Plus, November 2022)');
  });

  it('apologises when Discord refuses the edit, and goes on serving', async () => {
    fake.failNext(/\/messages\/@original$/, 400, 1);
    const refused = ask(fake, 'What is Vorukh?');
    const apology = await refused.apology;
    expect(apology.body?.flags).toBe(64);
    expect(JSON.stringify(apology.body)).toContain('Sorry, something went wrong');
    const next = await ask(fake, 'What is Vorukh?').edited;
    expect(JSON.stringify(next.body)).toContain('Vorukh');
  });

  it('delivers an answer exactly once when Discord fails with a 500 and then accepts', async () => {
    fake.failNext(/\/messages\/@original$/, 500, 1);
    const retried = ask(fake, 'What is Vorukh?');
    const failed = await retried.edited;
    const success = await fake.next((c) => c.method === 'PATCH' && c.path.includes(retried.token), fake.calls.indexOf(failed) + 1);
    const patches = retried.calls().filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(success).toBe(patches[1]);
    expect(retried.calls().some((c) => JSON.stringify(c.body).includes('Sorry'))).toBe(false);
  });

  it('logs with platform, event, latency and a hashed user: never the token, the user id or the question', async () => {
    await ask(fake, 'How long is the border between Kyrgyzstan and Tajikistan?').edited;
    await ask(fake, 'boom').apology;
    const answers = logged.filter((l) => l.event === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers[0]).toMatchObject({
      platform: 'discord',
      event: 'answer',
      latencyMs: expect.any(Number),
      user: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const all = JSON.stringify(logged);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('"42"');
    expect(all).not.toContain('How long is the border');
    expect(all).not.toContain('exploded');
    expect(logged.filter((l) => l.event === 'handler_failed')).toHaveLength(1);
  });

  it('calls only routes Discord serves, answering and apologising', async () => {
    await ask(fake, 'What is Vorukh?').edited;
    await ask(fake, 'boom').apology;
    expect(fake.calls.length).toBeGreaterThan(4);
    expect(fake.calls.filter((c) => c.status === 404).map((c) => `${c.method} ${c.path}`)).toEqual([]);
  });
});

describe('discord adapter, rate limit in direct messages', () => {
  let fake: FakeDiscord;
  let adapter: Adapter;
  const { logger, logged } = recordingLogger();

  beforeEach(async () => {
    fake = await startFakeDiscord();
    adapter = await startBot(fake, { max: 2, logger });
  });
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('answers twice, says once that the user must wait, then stays quiet; another user is still answered', async () => {
    const [flooder, other] = [nextId(), nextId()];
    const channel = nextId();
    const before = fake.calls.length;
    for (let n = 0; n < 5; n++) directMessage(fake, flooder, 'What is Vorukh?', channel);
    // Replies in one channel leave in order, so once the other user's reply is sent every earlier one has been.
    const otherId = nextId();
    const otherReply = fake.next((c) => (c.body?.message_reference as { message_id?: string } | undefined)?.message_id === otherId);
    directMessage(fake, other, 'What is Vorukh?', channel, otherId);
    await otherReply;
    const sent = fake.calls
      .slice(before)
      .filter((c) => c.path === `/channels/${channel}/messages`)
      .map((c) => JSON.stringify(c.body));
    expect(sent).toHaveLength(4);
    expect(
      sent.map((s) => (s.includes('You are asking faster than I can answer') ? 'note' : s.includes('Vorukh') ? 'answer' : 'other')),
    ).toEqual(['answer', 'answer', 'note', 'answer']);
    for (const s of sent) expect(JSON.parse(s).allowed_mentions).toEqual({ parse: [], replied_user: false });
    const limits = logged.filter((l) => l.event === 'rate_limited');
    expect(limits.map((l) => l.told)).toEqual([true, false, false]);
    expect(limits[0]).toMatchObject({ platform: 'discord', via: 'direct_message', user: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});

describe('discord adapter, refused at start', () => {
  it('says to check the token when Discord rejects it, without the token, and never registers commands', async () => {
    const fake = await startFakeDiscord();
    try {
      fake.failNext(/^\/gateway\/bot$/, 401, 5);
      const error = await startBot(fake).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(error?.message).toMatch(/^Discord refused to connect \(.*\): check DISCORD_TOKEN$/);
      expect(error?.message).not.toContain(TOKEN);
      expect(fake.identified()).toBe(0);
      expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('fails to start, and closes the gateway, when Discord refuses the commands', async () => {
    const fake = await startFakeDiscord();
    try {
      fake.failNext(/\/commands$/, 403, 1);
      const error = await startBot(fake).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(error?.message).toBe(
        'Discord refused the slash commands (403 0): check that the bot was invited with the applications.commands scope',
      );
      expect(fake.identified()).toBe(1);
      await fake.gatewayClosed();
    } finally {
      await fake.close();
    }
  });
});
