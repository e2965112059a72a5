import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE, shardOf, startFakeDiscord, type FakeDiscord } from './discord-server.js';

/** The fake gateway as a raw client meets it: shard discovery, IDENTIFY with a shard, READY per shard, routing, refusals. */

// (id >> 22) % 2: the first is on shard 0, the second on shard 1.
const GUILD_0 = '300000000000000001';
const GUILD_1 = '300000000004194305';

const opened: FakeDiscord[] = [];
const clients: WebSocket[] = [];
afterEach(async () => {
  clients.splice(0).forEach((ws) => ws.terminate());
  await Promise.all(opened.splice(0).map((f) => f.close()));
});

async function setUp() {
  const fake = await startFakeDiscord({ shards: 2, guilds: [GUILD_0, GUILD_1] });
  opened.push(fake);
  return fake;
}

interface Payload {
  op: number;
  t: string | null;
  d: Record<string, unknown>;
}

/** A gateway connection that IDENTIFYs with `shard` (left out when undefined) and records what it receives. */
async function connect(fake: FakeDiscord, shard?: unknown) {
  const ws = new WebSocket(fake.apiRoot.replace(/^http/, 'ws').replace(/\/api$/, ''));
  clients.push(ws);
  const received: Payload[] = [];
  const waiters: Array<{ t: string; resolve: (p: Payload) => void }> = [];
  ws.on('message', (data) => {
    const p = JSON.parse(String(data)) as Payload;
    received.push(p);
    for (const w of waiters.filter((w) => w.t === p.t)) w.resolve(p);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ op: 2, d: { token: 'fake', intents: 1, properties: {}, ...(shard === undefined ? {} : { shard }) } }));
  const next = (t: string) => {
    const already = received.find((p) => p.t === t);
    return already ? Promise.resolve(already) : new Promise<Payload>((resolve) => waiters.push({ t, resolve }));
  };
  return { received, closed, next, dispatches: () => received.filter((p) => p.op === 0).map((p) => p.t) };
}

describe('fake Discord gateway: shards', () => {
  it('recommends its shard count on GET /gateway/bot', async () => {
    const fake = await setUp();
    const res = await fetch(`${fake.apiRoot}/v10/gateway/bot`);
    expect(await res.json()).toMatchObject({ shards: 2, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/) });
  });

  it("sends each shard's session only its own guilds, at READY and as GUILD_CREATE", async () => {
    const fake = await setUp();
    expect([shardOf(GUILD_0, 2), shardOf(GUILD_1, 2)]).toEqual([0, 1]);
    const zero = await connect(fake, [0, 2]);
    const one = await connect(fake, [1, 2]);
    expect((await zero.next('READY')).d).toMatchObject({ shard: [0, 2], guilds: [{ id: GUILD_0, unavailable: true }] });
    expect((await one.next('READY')).d).toMatchObject({ shard: [1, 2], guilds: [{ id: GUILD_1, unavailable: true }] });
    expect((await zero.next('GUILD_CREATE')).d.id).toBe(GUILD_0);
    expect((await one.next('GUILD_CREATE')).d.id).toBe(GUILD_1);
    expect(fake.sessions()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("delivers a guild's events on its shard's connection alone, and a DM's on shard 0", async () => {
    const fake = await setUp();
    const zero = await connect(fake, [0, 2]);
    const one = await connect(fake, [1, 2]);
    await Promise.all([zero.next('GUILD_CREATE'), one.next('GUILD_CREATE')]);
    fake.dispatch('MESSAGE_CREATE', { id: '1', guild_id: GUILD_1, content: 'for shard 1' });
    fake.dispatch('TYPING_START', { guild_id: GUILD_0 });
    fake.dispatch('CHANNEL_PINS_UPDATE', { channel_id: '5' });
    // The last dispatch on each connection: what came before it arrived in order on the same socket.
    await Promise.all([zero.next('CHANNEL_PINS_UPDATE'), one.next('MESSAGE_CREATE')]);
    expect(zero.dispatches()).toEqual(['READY', 'GUILD_CREATE', 'TYPING_START', 'CHANNEL_PINS_UPDATE']);
    expect(one.dispatches()).toEqual(['READY', 'GUILD_CREATE', 'MESSAGE_CREATE']);
  });

  it.each([[[2, 2]], [[-1, 2]], [[0, 0]], [[0]], [[0.5, 2]], ['0,2'], [[0, 2, 0]]])(
    'closes a session whose shard is malformed (%j) with 4010 Invalid shard',
    async (shard) => {
      const fake = await setUp();
      const session = await connect(fake, shard);
      expect(await session.closed).toBe(CLOSE.invalidShard);
      expect(session.dispatches()).toEqual([]);
      expect(fake.closeCodes()).toEqual([4010]);
    },
  );

  it.each([[undefined], [[0, 1]]])('closes a session for fewer shards than it needs (%j) with 4011 Sharding required', async (shard) => {
    const fake = await setUp();
    const session = await connect(fake, shard);
    expect(await session.closed).toBe(CLOSE.shardingRequired);
    expect(session.dispatches()).toEqual([]);
  });

  it('takes more shards than it recommends, routing by their count', async () => {
    const fake = await setUp();
    expect(shardOf(GUILD_1, 3)).toBe(1);
    const session = await connect(fake, [1, 3]);
    expect((await session.next('READY')).d.guilds).toEqual([{ id: GUILD_1, unavailable: true }]);
  });
});
