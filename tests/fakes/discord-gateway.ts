import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The fake Discord's gateway: JSON over ws on the REST server's port. HELLO, IDENTIFY → READY (and a GUILD_CREATE per
 * guild of the session's shard), RESUME → RESUMED, heartbeat ACKs, and dispatches pushed by the test, each delivered
 * on the connection of the shard its guild belongs to. An IDENTIFY is refused as Discord refuses it
 * (https://discord.com/developers/docs/events/gateway#sharding): a malformed shard array closes with 4010, fewer
 * shards than the bot needs with 4011.
 */

export interface GatewayOptions {
  /** The shard count the bot needs (what GET /gateway/bot recommends); an IDENTIFY for fewer is refused. */
  shards: number;
  /** The guilds the bot is in. */
  guilds: readonly string[];
}

/** Close codes Discord ends a session with: the bot must not reconnect on either. */
export const CLOSE = { invalidShard: 4010, shardingRequired: 4011 } as const;

/** The shard that receives a guild's events: (guild_id >> 22) % shard_count. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

const BOT_USER = { username: 'borderbot', discriminator: '0', bot: true, avatar: null, global_name: null };

export interface FakeGateway {
  /** Sends a dispatch on the connection of the shard of `d.guild_id` (shard 0 without one, as for a DM). */
  dispatch(t: string, d: Record<string, unknown>): void;
  /** IDENTIFYs received, accepted or not. */
  identified(): number;
  /** The shard ([id, count]) of every session identified and still connected, in the order they identified. */
  sessions(): Array<[number, number]>;
  /** The close codes the fake ended connections with (4010, 4011, or 4000 from `drop`), in order. */
  closeCodes(): number[];
  /**
   * Closes every connection with `code`: by default as a failing gateway does (4000, resumable), so the bots
   * reconnect and resume; 4004 (authentication failed) and the like end the session for good.
   */
  drop(code?: number): void;
  /** Holds back the answer to the next IDENTIFY or RESUME until `release()`: `requested` resolves once it has come. */
  holdNext(op: 'identify' | 'resume'): { requested: Promise<void>; release(): void };
  /** Resolves once `count` RESUMEs have been answered in all. */
  resumesReached(count: number): Promise<void>;
  heartbeats(): number;
  heartbeatsReached(count: number): Promise<void>;
  gatewayClosed(): Promise<void>;
  close(): void;
}

/** A counter a test can wait on. */
function tally() {
  let n = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  return {
    value: () => n,
    add() {
      n++;
      for (const w of waiters.filter((w) => n >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    reached: (count: number) => (n >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
  };
}

/** Why Discord would refuse this IDENTIFY's `shard`, as a close code, or null when it is accepted. */
function refuseShard(shard: unknown, needed: number): number | null {
  if (shard === undefined) return needed > 1 ? CLOSE.shardingRequired : null;
  if (!Array.isArray(shard) || shard.length !== 2 || !shard.every((n) => Number.isInteger(n))) return CLOSE.invalidShard;
  const [id, count] = shard as [number, number];
  if (count < 1 || id < 0 || id >= count) return CLOSE.invalidShard;
  return count < needed ? CLOSE.shardingRequired : null;
}

export function startFakeGateway(server: Server, options: GatewayOptions & { botId: string; appId: string }): FakeGateway {
  const gateway = new WebSocketServer({ server });
  const sockets = new Map<WebSocket, { shard: [number, number] | null }>();
  const sessions = new Map<string, [number, number]>();
  const identifies = tally();
  const beats = tally();
  const resumes = tally();
  const closeCodes: number[] = [];
  const closeWaiters: Array<() => void> = [];
  const holds: Array<{ op: 'identify' | 'resume'; arrived: () => void; released: Promise<void> }> = [];
  /** Waits while the test holds this op back. */
  const held = async (op: 'identify' | 'resume') => {
    const hold = holds.find((h) => h.op === op);
    if (!hold) return;
    holds.splice(holds.indexOf(hold), 1);
    hold.arrived();
    await hold.released;
  };
  let seq = 0;
  const url = () => `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = (ws: WebSocket, t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++seq, d }));
  const end = (ws: WebSocket, code: number) => {
    closeCodes.push(code);
    ws.close(code);
  };

  async function identify(ws: WebSocket, d: { shard?: unknown }) {
    identifies.add();
    await held('identify');
    const refused = refuseShard(d.shard, options.shards);
    if (refused !== null) return end(ws, refused);
    const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
    const sessionId = `session-${identifies.value()}`;
    sessions.set(sessionId, shard);
    sockets.set(ws, { shard });
    const guilds = options.guilds.filter((id) => shardOf(id, shard[1]) === shard[0]);
    send(ws, 'READY', {
      v: 10,
      user: { id: options.botId, ...BOT_USER },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: url(),
      shard,
      application: { id: options.appId, flags: 0 },
    });
    for (const id of guilds) send(ws, 'GUILD_CREATE', guild(id));
  }

  async function resume(ws: WebSocket, d: { session_id?: string }) {
    await held('resume');
    const shard = sessions.get(d.session_id ?? '');
    // An unknown session cannot be resumed: op 9 with d false tells the client to identify afresh.
    if (!shard) return ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    sockets.set(ws, { shard });
    send(ws, 'RESUMED', {});
    resumes.add();
  }

  gateway.on('connection', (ws) => {
    sockets.set(ws, { shard: null });
    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0) closeWaiters.splice(0).forEach((resolve) => resolve());
    });
    // A short interval, so the client's heartbeats and the ACKs are exercised within a test run.
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 300 }, s: null, t: null }));
    ws.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        beats.add();
      }
      if (payload.op === 2) void identify(ws, payload.d);
      if (payload.op === 6) void resume(ws, payload.d);
    });
  });

  return {
    dispatch(t, d) {
      for (const [ws, { shard }] of sockets) {
        if (!shard) continue;
        const target = typeof d.guild_id === 'string' ? shardOf(d.guild_id, shard[1]) : 0;
        if (target === shard[0]) send(ws, t, d);
      }
    },
    identified: identifies.value,
    sessions: () => [...sockets.values()].flatMap(({ shard }) => (shard ? [shard] : [])),
    closeCodes: () => [...closeCodes],
    drop: (code = 4000) => [...sockets.keys()].forEach((ws) => end(ws, code)),
    holdNext(op) {
      let arrived!: () => void;
      let release!: () => void;
      const requested = new Promise<void>((resolve) => (arrived = resolve));
      holds.push({ op, arrived, released: new Promise<void>((resolve) => (release = resolve)) });
      return { requested, release };
    },
    resumesReached: resumes.reached,
    heartbeats: beats.value,
    heartbeatsReached: beats.reached,
    gatewayClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closeWaiters.push(resolve))),
    close() {
      for (const ws of sockets.keys()) ws.terminate();
      gateway.close();
    },
  };
}

/** A guild as GUILD_CREATE carries it, with what discord.js reads and nothing more. */
const guild = (id: string) => ({
  id,
  name: `guild ${id}`,
  owner_id: '1',
  unavailable: false,
  member_count: 1,
  large: false,
  features: [],
  roles: [],
  channels: [],
  threads: [],
  members: [],
  emojis: [],
  stickers: [],
  presences: [],
  voice_states: [],
  stage_instances: [],
  guild_scheduled_events: [],
  joined_at: new Date().toISOString(),
  preferred_locale: 'en-US',
  premium_tier: 0,
  verification_level: 0,
  default_message_notifications: 0,
  explicit_content_filter: 0,
  mfa_level: 0,
  nsfw_level: 0,
  system_channel_flags: 0,
});
