import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The bot and application the fake Discord answers as. */
export const FAKE_DISCORD = { botId: '100000000000000001', appId: '100000000000000002', username: 'borderbot' } as const;

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  /** The status the fake answered with: a 404 means the bot called a route Discord would not have served it. */
  status?: number;
  /** The body it answered with: a sent message, with the id Discord gave it. */
  response?: unknown;
}

export interface FakeDiscord {
  /** REST root to pass as DISCORD_API_ROOT. */
  apiRoot: string;
  calls: DiscordCall[];
  /** Commands currently registered, by scope ("global" or a guild id): what a bulk overwrite leaves. */
  commands: Map<string, unknown[]>;
  /** Sends a gateway dispatch (INTERACTION_CREATE, MESSAGE_CREATE, GUILD_CREATE…) to every connected client. */
  dispatch(t: string, d: Record<string, unknown>): void;
  /** Resolves with the first call that matches, among those recorded from index `from` on (default: from now on). */
  next(match: (c: DiscordCall) => boolean, from?: number): Promise<DiscordCall>;
  /** Answers the next `times` calls whose path matches with this status. */
  failNext(pattern: RegExp, status: number, times?: number): void;
  identified(): number;
  /** Heartbeats received (each answered with an ACK). */
  heartbeats(): number;
  /** Resolves once `count` heartbeats have been received in all. */
  heartbeatsReached(count: number): Promise<void>;
  /** Resolves once no client is connected to the gateway. */
  gatewayClosed(): Promise<void>;
  close(): Promise<void>;
}

let snowflake = 200000000000000000n;
export const nextId = (): string => String(++snowflake);

/**
 * A fake Discord on 127.0.0.1: the REST routes discord.js calls (gateway discovery, command registration,
 * interaction callbacks and webhook edits, channel messages) and a JSON gateway over ws (HELLO, IDENTIFY →
 * READY, heartbeat ACK, dispatches pushed by the test). Every REST call is recorded for the test to read.
 */
export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: DiscordCall[] = [];
  const waiters: Array<{ match: (c: DiscordCall) => boolean; resolve: (c: DiscordCall) => void }> = [];
  const failures: Array<{ pattern: RegExp; status: number; times: number }> = [];
  const commands = new Map<string, unknown[]>();
  const sockets = new Set<WebSocket>();
  let identifies = 0;
  let beats = 0;
  const beatWaiters: Array<{ count: number; resolve: () => void }> = [];
  const closeWaiters: Array<() => void> = [];
  let seq = 0;

  const send = (res: ServerResponse, status: number, body?: unknown, call?: DiscordCall) => {
    if (call) Object.assign(call, { status, response: body });
    // A 204 carries no body and no content type, as Discord's: a JSON type on an empty body breaks the client's parse.
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const message = (channelId: string, body: Record<string, unknown> | null) => ({
    id: nextId(),
    channel_id: channelId,
    type: 0,
    content: body?.content ?? '',
    author: { id: FAKE_DISCORD.botId, username: FAKE_DISCORD.username, discriminator: '0', bot: true, avatar: null, global_name: null },
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: body?.flags ?? 0,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const call: DiscordCall = { method: req.method ?? 'GET', path, body };
    calls.push(call);
    for (const w of [...waiters]) {
      if (!w.match(call)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(call);
    }
    const failure = failures.find((f) => f.pattern.test(path) && f.times > 0);
    if (failure) {
      failure.times--;
      return send(res, failure.status, { message: 'fake failure', code: 0 }, call);
    }
    let m: RegExpExecArray | null;
    if (call.method === 'GET' && path === '/gateway/bot') {
      const { port } = server.address() as AddressInfo;
      return send(
        res,
        200,
        {
          url: `ws://127.0.0.1:${port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
        call,
      );
    }
    if (call.method === 'PUT' && (m = /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const list = (Array.isArray(body) ? body : []) as Array<Record<string, unknown>>;
      const registered = list.map((c) => ({
        ...c,
        id: nextId(),
        application_id: FAKE_DISCORD.appId,
        version: '1',
        default_member_permissions: null,
        ...(m![1] ? { guild_id: m![1] } : {}),
      }));
      commands.set(m[1] ?? 'global', list);
      return send(res, 200, registered, call);
    }
    if (call.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(res, 204, undefined, call);
    // Deleting the deferred "thinking…" reply: Discord answers 204, no body.
    if (call.method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return send(res, 204, undefined, call);
    if ((m = /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.exec(path))) return send(res, 200, message('0', body), call);
    if (call.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) return send(res, 200, message(m[1]!, body), call);
    return send(res, 404, { message: `fake Discord has no ${call.method} ${path}`, code: 0 }, call);
  }

  const server = createServer((req, res) => void route(req, res).catch(() => send(res, 500, { message: 'fake failed', code: 0 })));
  const gateway = new WebSocketServer({ server });
  gateway.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0) closeWaiters.splice(0).forEach((resolve) => resolve());
    });
    // A short interval, so the client's heartbeats and the ACKs are exercised within a test run.
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 300 }, s: null, t: null }));
    ws.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number };
      if (payload.op === 1) {
        beats++;
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        for (const w of [...beatWaiters]) {
          if (beats < w.count) continue;
          beatWaiters.splice(beatWaiters.indexOf(w), 1);
          w.resolve();
        }
      }
      if (payload.op === 2) {
        identifies++;
        const { port } = server.address() as AddressInfo;
        const user = {
          id: FAKE_DISCORD.botId,
          username: FAKE_DISCORD.username,
          discriminator: '0',
          bot: true,
          avatar: null,
          global_name: null,
        };
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++seq,
            d: {
              v: 10,
              user,
              guilds: [],
              session_id: `session-${identifies}`,
              resume_gateway_url: `ws://127.0.0.1:${port}`,
              shard: [0, 1],
              application: { id: FAKE_DISCORD.appId, flags: 0 },
            },
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}/api`,
    calls,
    commands,
    dispatch(t, d) {
      for (const ws of sockets) ws.send(JSON.stringify({ op: 0, t, s: ++seq, d }));
    },
    next(match, from = calls.length) {
      const already = calls.slice(from).find(match);
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    failNext(pattern, status, times = 1) {
      failures.push({ pattern, status, times });
    },
    identified: () => identifies,
    heartbeats: () => beats,
    gatewayClosed() {
      return sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closeWaiters.push(resolve));
    },
    heartbeatsReached(count) {
      return beats >= count ? Promise.resolve() : new Promise((resolve) => beatWaiters.push({ count, resolve }));
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
