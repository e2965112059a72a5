import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/bots/discord/adapter.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import type { Adapter } from '../../../src/bots/shared/adapter.js';
import type { Logger } from '../../../src/core/index.js';
import { bundledCore } from '../../helpers/core.js';
import { slashCommand } from '../../fakes/discord-payloads.js';
import { nextId, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/**
 * Discord did what the bot asked, but the response was lost on the way back (a 502, a reset connection) and discord.js
 * sent the request again. What a user sees must not change: one answer, and no apology for a reply that was shown.
 */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';

/** A logger that records every line, and resolves a wait on the next line of an event. */
function recordingLogger() {
  const logged: Array<Record<string, unknown>> = [];
  const waiters: Array<{ event: string; resolve: (line: Record<string, unknown>) => void }> = [];
  const at =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      const line = { level, event, ...fields };
      logged.push(line);
      for (const w of waiters.filter((w) => w.event === event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const next = (event: string) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ event, resolve }));
  return { logger, logged, next };
}

let fake: FakeDiscord;
let adapter: Adapter;
let log: ReturnType<typeof recordingLogger>;

// Each test has a bot and a fake Discord of its own: it passes alone and in any order.
beforeEach(async () => {
  fake = await startFakeDiscord();
  log = recordingLogger();
  adapter = createDiscordAdapter({
    core: await bundledCore(),
    token: TOKEN,
    guildId: null,
    apiRoot: fake.apiRoot,
    rateLimiter: createRateLimiter(100, 60_000),
    logger: log.logger,
    userHashSalt: 'salt',
  });
  await adapter.start();
});
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
});

/** A slash command from a member of a guild; the token names the interaction, so the test can pick out its calls. */
function slash(name: string, options: Array<{ name: string; value: string }> = []) {
  const { token, d } = slashCommand({ guild: '7', name, options, member: { id: '42' } });
  fake.dispatch('INTERACTION_CREATE', d);
  return { token, calls: () => fake.calls.filter((c) => c.path.includes(`/${token}`)) };
}

const route = (c: DiscordCall) => `${c.method} ${c.path.replace(/^.*\/tok-\d+/, '')} ${c.lost ?? c.status ?? ''}`.trim();

describe('discord, a message created but its response lost', () => {
  it.each([502, 'reset'] as const)('posts the answer to a direct message once (%s)', async (as) => {
    const channel = nextId();
    fake.loseResponseNext(new RegExp(`/channels/${channel}/messages$`), { as });
    const answered = log.next('answer');
    fake.dispatch('MESSAGE_CREATE', {
      id: nextId(),
      channel_id: channel,
      channel_type: 1,
      content: 'How long is the border between Kyrgyzstan and Tajikistan?',
      timestamp: new Date().toISOString(),
      type: 0,
      author: { id: '43', username: 'asker', discriminator: '0', global_name: null, avatar: null },
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      tts: false,
      mention_everyone: false,
    });
    await answered;
    const creates = fake.calls.filter((c) => c.path === `/channels/${channel}/messages`);
    expect(creates.map((c) => c.lost ?? c.status)).toEqual([as, 200]);
    // The retry is the same request: the nonce Discord enforces is what keeps it from posting again.
    expect(creates[1]!.body).toEqual(creates[0]!.body);
    expect(creates[0]!.body).toMatchObject({ nonce: expect.stringMatching(/^\d{1,25}$/), enforce_nonce: true });
    const shown = fake.messages.filter((m) => m.channelId === channel);
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown[0]!.body)).toContain('about 970 km (Asia-Plus, November 2022)');
  });
});

describe('discord, an interaction response taken but its answer lost', () => {
  it('edits the answer into a deferral Discord took, without apologising: the retry\'s 40060 means "delivered"', async () => {
    fake.loseResponseNext(/\/callback$/);
    const answered = log.next('answer');
    const asked = slash('ask', [{ name: 'question', value: 'How long is the border between Kyrgyzstan and Tajikistan?' }]);
    await answered;
    expect(asked.calls().map(route)).toEqual(['POST /callback 502', 'POST /callback 400', 'PATCH /messages/@original 200']);
    expect(asked.calls()[1]!.error?.code).toBe(40060);
    const shown = fake.messages.filter((m) => m.token === asked.token);
    expect(shown.map((m) => m.kind)).toEqual(['edited']);
    expect(JSON.stringify(shown[0]!.body)).toContain('about 970 km (Asia-Plus, November 2022)');
    expect(log.logged.filter((l) => l.event === 'handler_failed')).toEqual([]);
    expect(log.logged.filter((l) => l.event === 'response_lost_but_delivered')).toEqual([
      { level: 'warn', event: 'response_lost_but_delivered', platform: 'discord', method: 'deferReply' },
    ]);
  });

  it.each([502, 'reset'] as const)('shows a reply once and apologises for nothing when its answer is lost (%s)', async (as) => {
    fake.loseResponseNext(/\/callback$/, { as });
    const done = log.next('command');
    const about = slash('about');
    await done;
    expect(about.calls().map(route)).toEqual([`POST /callback ${as}`, 'POST /callback 400']);
    const shown = fake.messages.filter((m) => m.token === about.token);
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown[0]!.body)).not.toContain('Sorry');
    expect(log.logged.filter((l) => l.event === 'handler_failed')).toEqual([]);
  });
});
