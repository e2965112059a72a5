import { DiscordAPIError, RateLimitError, REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { NONCE_WINDOW_MS } from './discord-nonces.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type FakeDiscord } from './discord-server.js';

/** The fake Discord as discord.js's own REST client meets it: refusals, the interaction window, 429s and lost responses. */

const opened: FakeDiscord[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.close()));
});

/** A fake on a clock the test moves, and a REST client that neither waits extra nor gives up early. */
async function setUp(restOptions: ConstructorParameters<typeof REST>[0] = {}) {
  const clock = { ms: 1_000_000 };
  const fake = await startFakeDiscord({ now: () => clock.ms });
  opened.push(fake);
  const rest = new REST({ api: fake.apiRoot, offset: 0, ...restOptions }).setToken('fake-token');
  return { fake, rest, clock };
}

/** Dispatches an interaction (a slash command unless told) and returns its callback and webhook routes. */
function interaction(fake: FakeDiscord, type = 2) {
  const id = nextId();
  const token = `tok-${id}`;
  fake.dispatch('INTERACTION_CREATE', { id, token, type, application_id: FAKE_DISCORD.appId, channel_id: '5', version: 1 });
  const webhook = `/webhooks/${FAKE_DISCORD.appId}/${token}` as const;
  return { callback: `/interactions/${id}/${token}/callback` as const, webhook, original: `${webhook}/messages/@original` as const };
}

/** The Discord error a REST call ended in, as discord.js reports it. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof DiscordAPIError ? { status: err.status, code: err.code, message: err.message } : err),
  );

describe('fake Discord: the interaction window', () => {
  it('takes a first response 2.999 s after the event, and refuses a second one: 40060', async () => {
    const { fake, rest, clock } = await setUp();
    const i = interaction(fake);
    clock.ms += 2_999;
    await rest.post(i.callback, { body: { type: 5 }, auth: false });
    expect(await failure(rest.post(i.callback, { body: { type: 4, data: { content: 'late' } }, auth: false }))).toEqual({
      status: 400,
      code: 40060,
      message: 'Interaction has already been acknowledged.',
    });
    expect(fake.messages).toEqual([]);
  });

  it('refuses a first response 3.001 s after the event: 404 Unknown interaction', async () => {
    const { fake, rest, clock } = await setUp();
    const i = interaction(fake);
    clock.ms += 3_001;
    expect(await failure(rest.post(i.callback, { body: { type: 5 }, auth: false }))).toEqual({
      status: 404,
      code: 10062,
      message: 'Unknown interaction',
    });
  });

  it('refuses a response to an interaction it never sent', async () => {
    const { rest } = await setUp();
    expect(await failure(rest.post(`/interactions/${nextId()}/tok-x/callback`, { body: { type: 5 }, auth: false }))).toMatchObject({
      code: 10062,
    });
  });

  it('serves follow-ups through the token for 15 minutes, then answers 401 Invalid Webhook Token', async () => {
    const { fake, rest, clock } = await setUp();
    const i = interaction(fake);
    await rest.post(i.callback, { body: { type: 5 }, auth: false });
    clock.ms += 15 * 60_000;
    await rest.post(i.webhook, { body: { content: 'still in time' }, auth: false });
    await rest.patch(i.original, { body: { content: 'the answer' }, auth: false });
    clock.ms += 1;
    expect(await failure(rest.post(i.webhook, { body: { content: 'too late' }, auth: false }))).toMatchObject({ status: 401, code: 50027 });
    expect(fake.messages.map((m) => [m.kind, m.body.content])).toEqual([
      ['created', 'still in time'],
      ['edited', 'the answer'],
    ]);
  });

  it('refuses an edit of @original before any response (Unknown Webhook), and after a modal, which makes no message', async () => {
    const { fake, rest } = await setUp();
    const i = interaction(fake);
    expect(await failure(rest.patch(i.original, { body: { content: 'x' }, auth: false }))).toMatchObject({ status: 404, code: 10015 });
    const modal = {
      title: 'Add a source',
      custom_id: 'add-source',
      components: [{ type: 1, components: [{ type: 4, custom_id: 't', style: 1, label: 'Title' }] }],
    };
    await rest.post(i.callback, { body: { type: 9, data: modal }, auth: false });
    expect(await failure(rest.patch(i.original, { body: { content: 'x' }, auth: false }))).toMatchObject({ status: 404, code: 10008 });
  });

  it('refuses a modal in answer to a modal submit', async () => {
    const { fake, rest } = await setUp();
    const i = interaction(fake, 5);
    const modal = {
      title: 'Again',
      custom_id: 'again',
      components: [{ type: 1, components: [{ type: 4, custom_id: 't', style: 1, label: 'T' }] }],
    };
    expect(await failure(rest.post(i.callback, { body: { type: 9, data: modal }, auth: false }))).toMatchObject({
      status: 400,
      code: 50035,
    });
  });
});

describe('fake Discord: the body rules, as discord.js reports them', () => {
  it('refuses a 2,001-character reply, naming the field, and the interaction stays open for a good one', async () => {
    const { fake, rest } = await setUp();
    const i = interaction(fake);
    const refused = await failure(rest.post(i.callback, { body: { type: 4, data: { content: 'x'.repeat(2001) } }, auth: false }));
    expect(refused).toMatchObject({ status: 400, code: 50035 });
    expect((refused as { message: string }).message).toBe(
      'Invalid Form Body\ndata.content[BASE_TYPE_MAX_LENGTH]: Must be 2000 or fewer in length.',
    );
    expect(fake.calls.at(-1)?.error).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    await rest.post(i.callback, { body: { type: 4, data: { content: 'About 970 km.' } }, auth: false });
    expect(fake.messages.map((m) => [m.channelId, m.body.content])).toEqual([['5', 'About 970 km.']]);
  });

  it('refuses commands localized for a locale Discord lacks, and keeps the ones registered before', async () => {
    const { fake, rest } = await setUp();
    const route = `/applications/${FAKE_DISCORD.appId}/commands` as const;
    await rest.put(route, { body: [{ name: 'ask', description: 'Ask', description_localizations: { ru: 'Спросить' } }] });
    const refused = await failure(
      rest.put(route, { body: [{ name: 'ask', description: 'Ask', description_localizations: { ky: 'Суроо' } }] }),
    );
    expect((refused as { message: string }).message).toBe(
      'Invalid Form Body\n0.description_localizations.ky[ENUM_TYPE_COERCE]: Value "ky" is not a valid enum value.',
    );
    expect(fake.commands.get('global')).toEqual([{ name: 'ask', description: 'Ask', description_localizations: { ru: 'Спросить' } }]);
  });

  it('refuses an empty channel message with 50006, and takes a file with no text', async () => {
    const { fake, rest } = await setUp();
    expect(await failure(rest.post('/channels/5/messages', { body: { content: '' } }))).toEqual({
      status: 400,
      code: 50006,
      message: 'Cannot send an empty message',
    });
    await rest.post('/channels/5/messages', { body: {}, files: [{ name: 'gaps.txt', data: Buffer.from('1 × What is Vorukh?') }] });
    expect(fake.calls.at(-1)).toMatchObject({ status: 200, files: 1 });
    expect(fake.messages).toHaveLength(1);
  });

  it('refuses a body over 25 MiB with 413 and code 40005, and shows nothing', async () => {
    const { fake } = await setUp();
    const res = await fetch(`${fake.apiRoot}/v10/channels/5/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x'.repeat(25 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 40005, message: 'Request entity too large' });
    expect(fake.messages).toEqual([]);
  });

  it('refuses a body that is not JSON with 50109', async () => {
    const { fake } = await setUp();
    const res = await fetch(`${fake.apiRoot}/v10/channels/5/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"content":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 50109, message: 'The request body contains invalid JSON.' });
  });
});

describe('fake Discord: faults a test asks for', () => {
  it('answers 429 with retry_after in the body and the headers Discord sends', async () => {
    const { fake } = await setUp();
    fake.rateLimitNext(/\/channels\/5\/messages$/, { retryAfter: 0.25 });
    const res = await fetch(`${fake.apiRoot}/v10/channels/5/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"content":"a"}',
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: false });
    expect(
      Object.fromEntries(
        ['retry-after', 'x-ratelimit-remaining', 'x-ratelimit-reset-after', 'x-ratelimit-scope'].map((h) => [h, res.headers.get(h)]),
      ),
    ).toEqual({
      'retry-after': '0.25',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': '0.25',
      'x-ratelimit-scope': 'user',
    });
    expect(fake.messages).toEqual([]);
  });

  it.each([
    [false, 'user'],
    [true, 'global'],
  ] as const)('a 429 (global: %s) reaches discord.js with its wait and scope', async (global, scope) => {
    const { fake, rest } = await setUp({ rejectOnRateLimit: () => true });
    fake.rateLimitNext(/\/channels\/5\/messages$/, { retryAfter: 0.05, global });
    const err = await rest.post('/channels/5/messages', { body: { content: 'a' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfter: 50, global, scope });
  });

  it('after a 429, discord.js waits and sends again: the message shows once', async () => {
    const { fake, rest } = await setUp();
    fake.rateLimitNext(/\/channels\/5\/messages$/, { retryAfter: 0.05 });
    await rest.post('/channels/5/messages', { body: { content: 'once' } });
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages.map((m) => m.body.content)).toEqual(['once']);
  });

  it.each([502, 'reset'] as const)(
    'loses the response (%s) after sending the message: discord.js sends it again and the duplicate shows',
    async (as) => {
      const { fake, rest } = await setUp();
      fake.loseResponseNext(/\/channels\/5\/messages$/, { as });
      await rest.post('/channels/5/messages', { body: { content: 'twice' } });
      expect(fake.calls.map((c) => c.lost ?? c.status)).toEqual([as, 200]);
      expect(fake.messages.map((m) => m.body.content)).toEqual(['twice', 'twice']);
    },
  );

  it.each([502, 'reset'] as const)(
    'loses the response (%s) to a message with an enforced nonce: the retry gets the message made, and it shows once',
    async (as) => {
      const { fake, rest } = await setUp();
      fake.loseResponseNext(/\/channels\/5\/messages$/, { as });
      const sent = (await rest.post('/channels/5/messages', { body: { content: 'once', nonce: '77', enforce_nonce: true } })) as {
        id: string;
      };
      expect(fake.calls.map((c) => c.lost ?? c.status)).toEqual([as, 200]);
      expect(fake.messages.map((m) => [m.id, m.body.content])).toEqual([[sent.id, 'once']]);
    },
  );

  it('creates again under a nonce not enforced, in another channel, or after five minutes', async () => {
    const { fake, rest, clock } = await setUp();
    const post = (channel: string, body: Record<string, unknown>) => rest.post(`/channels/${channel}/messages`, { body });
    await post('5', { content: 'a', nonce: '1' });
    await post('5', { content: 'b', nonce: '1' });
    await post('5', { content: 'c', nonce: '2', enforce_nonce: true });
    await post('6', { content: 'd', nonce: '2', enforce_nonce: true });
    clock.ms += NONCE_WINDOW_MS + 1;
    await post('5', { content: 'e', nonce: '2', enforce_nonce: true });
    expect(fake.messages.map((m) => m.body.content)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('loses the response to an interaction reply: the reply shows, and the retry is refused as already acknowledged', async () => {
    const { fake, rest } = await setUp();
    const i = interaction(fake);
    fake.loseResponseNext(/\/callback$/);
    expect(await failure(rest.post(i.callback, { body: { type: 4, data: { content: 'About 970 km.' } }, auth: false }))).toMatchObject({
      status: 400,
      code: 40060,
    });
    expect(fake.messages.map((m) => m.body.content)).toEqual(['About 970 km.']);
  });
});
