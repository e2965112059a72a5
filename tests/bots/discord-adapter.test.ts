import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/bots/discord.js';
import { createRateLimiter } from '../../src/bots/rate-limit.js';
import type { Adapter } from '../../src/bots/adapter.js';
import type { Core, Logger } from '../../src/core/index.js';
import { bundledCore } from '../helpers/core.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';

/** The adapter on its own, against the fake Discord: what startFromConfig cannot inject (a core that fails). */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
let fake: FakeDiscord;
let adapter: Adapter;
const logged: Array<Record<string, unknown>> = [];
const logger: Logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (event: string, fields = {}) => logged.push({ level, event, ...fields })]),
) as unknown as Logger;

function ask(question: string) {
  const id = nextId();
  const token = `tok-${id}`;
  const done = fake.next((c) => c.path.includes(token) && c.method !== 'PATCH' && !(c.path.endsWith('/callback') && c.body?.type === 5));
  const edited = fake.next((c) => c.path.includes(token) && c.method === 'PATCH');
  fake.dispatch('INTERACTION_CREATE', {
    id, application_id: FAKE_DISCORD.appId, type: 2, token, version: 1, locale: 'en-US', channel_id: '5',
    channel: { id: '5', type: 0, guild_id: '7', name: 'g' }, guild_id: '7',
    member: { user: { id: '42', username: 'u', discriminator: '0', global_name: null, avatar: null }, roles: [], permissions: '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    app_permissions: '0', entitlements: [], authorizing_integration_owners: {}, context: 0,
    data: { id: nextId(), name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] },
  });
  return { done, edited };
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  const real = await bundledCore();
  const flaky: Core = { ...real, ask: (q, o) => (q.includes('boom') ? (() => { throw new Error('index exploded at /secret/path'); })() : real.ask(q, o)) };
  adapter = createDiscordAdapter({ core: flaky, token: TOKEN, guildId: null, apiRoot: fake.apiRoot, rateLimiter: createRateLimiter(100, 30_000), logger, userHashSalt: 'salt' });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

describe('discord adapter, failures', () => {
  it('registers global commands when no guild is set', () => {
    expect(fake.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${FAKE_DISCORD.appId}/commands`)).toBe(true);
  });

  it('apologises, ephemerally and without the error, when the core throws; the next question is answered', async () => {
    const apology = await ask('boom').done;
    expect(apology.path).toMatch(new RegExp(`^/webhooks/${FAKE_DISCORD.appId}/tok-\\d+$`));
    expect(apology.body?.flags).toBe(64);
    expect(JSON.stringify(apology.body)).toContain('Sorry, something went wrong with that question.');
    expect(JSON.stringify(apology.body)).not.toContain('exploded');
    const next = await ask('How long is the border?').edited;
    expect(JSON.stringify(next.body)).toContain('The sources differ on the length of the border');
  });

  it('apologises when Discord refuses the edit, and goes on serving', async () => {
    fake.failNext(/\/messages\/@original$/, 400, 1);
    const apology = await ask('What is Vorukh?').done;
    expect(JSON.stringify(apology.body)).toContain('Sorry, something went wrong');
    const next = await ask('What is Vorukh?').edited;
    expect(JSON.stringify(next.body)).toContain('Vorukh');
  });

  it('delivers an answer exactly once when Discord fails with a 500 and then accepts', async () => {
    fake.failNext(/\/messages\/@original$/, 500, 1);
    const before = fake.calls.length;
    const failed = await ask('What is Vorukh?').edited;
    const success = await fake.next((c) => c.method === 'PATCH', fake.calls.indexOf(failed) + 1);
    const patches = fake.calls.slice(before).filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(success).toBe(patches[1]);
    expect(fake.calls.slice(before).some((c) => JSON.stringify(c.body).includes('Sorry'))).toBe(false);
  });

  it('logs with platform, event, latency and a hashed user: never the token, the user id or the question', () => {
    const answers = logged.filter((l) => l.event === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers[0]).toMatchObject({ platform: 'discord', event: 'answer', latencyMs: expect.any(Number), user: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const all = JSON.stringify(logged);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('"42"');
    expect(all).not.toContain('How long is the border');
    expect(logged.some((l) => l.event === 'handler_failed')).toBe(true);
  });
});
