import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiscordError } from './discord-errors.js';
import { createFaults, rateLimitResponse, type LoseOptions, type RateLimitOptions } from './discord-faults.js';
import { createInteractionWindow } from './discord-interactions.js';
import { CALLBACK, checkRequest } from './discord-rules.js';
import { readDiscordBody } from './discord-body.js';
import { createNonces } from './discord-nonces.js';
import { startFakeGateway, type FakeGateway } from './discord-gateway.js';

export { CLOSE, shardOf } from './discord-gateway.js';

/** The bot and application the fake Discord answers as. */
export const FAKE_DISCORD = { botId: '100000000000000001', appId: '100000000000000002', username: 'borderbot' } as const;

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  /** The status the fake answered with: a 404 means the bot called a route Discord would not have served it. */
  status?: number;
  /** Files attached in a multipart body (its payload_json is `body`). */
  files?: number;
  /** Why the fake refused the call, in Discord's words (the JSON body of the error it answered). */
  error?: DiscordError['body'];
  /** Set when the action was done but its response was lost on the way back (a 502, or the connection reset). */
  lost?: 502 | 'reset';
  /** The body it answered with: a sent message, with the id Discord gave it. */
  response?: unknown;
}

/** A message the fake now shows: created (a channel message, an interaction reply, a follow-up) or edited. */
export interface FakeMessage {
  id: string;
  channelId: string;
  kind: 'created' | 'edited';
  /** The interaction token it was sent with, for replies, follow-ups and edits through the webhook. */
  token?: string;
  body: Record<string, unknown>;
}

export interface FakeDiscordOptions {
  /** The clock behind the 3-second window and the 15-minute token, in ms (default Date.now); a test moves it instead of sleeping. */
  now?: () => number;
  /** The request size Discord refuses above (default 25 MiB). */
  maxRequestBytes?: number;
  /** The shard count GET /gateway/bot recommends, and the fewest an IDENTIFY may ask for (default 1). */
  shards?: number;
  /** How many shards may identify at once (GET /gateway/bot's max_concurrency; default 1). */
  maxConcurrency?: number;
  /** The guilds the bot is in, each sent to its shard at READY (default none). */
  guilds?: readonly string[];
}

export interface FakeDiscord {
  /** REST root to pass as DISCORD_API_ROOT. */
  apiRoot: string;
  calls: DiscordCall[];
  /** Messages the fake created or edited, in order: what a user would see, and so where a duplicate shows. */
  messages: FakeMessage[];
  /** Commands currently registered, by scope ("global" or a guild id): what a bulk overwrite leaves. */
  commands: Map<string, unknown[]>;
  /**
   * Sends a gateway dispatch (INTERACTION_CREATE, MESSAGE_CREATE, GUILD_CREATE…) on the connection of the shard of
   * its guild_id (shard 0 without one), as Discord routes events.
   */
  dispatch(t: string, d: Record<string, unknown>): void;
  /** Resolves with the first call that matches, among those recorded from index `from` on (default: from now on). */
  next(match: (c: DiscordCall) => boolean, from?: number): Promise<DiscordCall>;
  /** Answers the next `times` calls whose path matches with this status, doing nothing. */
  failNext(pattern: RegExp, status: number, times?: number): void;
  /** Answers the next matching calls with 429 and retry_after, doing nothing; discord.js waits and sends again. */
  rateLimitNext(pattern: RegExp, options?: RateLimitOptions): void;
  /** Does what the next matching calls ask (records the message), then loses the response: a 502 or a reset connection. */
  loseResponseNext(pattern: RegExp, options?: LoseOptions): void;
  identified(): number;
  /** Heartbeats received (each answered with an ACK). */
  heartbeats(): number;
  /** Resolves once `count` heartbeats have been received in all. */
  heartbeatsReached(count: number): Promise<void>;
  /** Resolves once no client is connected to the gateway. */
  gatewayClosed(): Promise<void>;
  sessions: FakeGateway['sessions'];
  closeCodes: FakeGateway['closeCodes'];
  drop: FakeGateway['drop'];
  holdNext: FakeGateway['holdNext'];
  resumesReached: FakeGateway['resumesReached'];
  close(): Promise<void>;
}

let snowflake = 200000000000000000n;
export const nextId = (): string => String(++snowflake);

/**
 * A fake Discord on 127.0.0.1: the REST routes discord.js calls (gateway discovery, command registration,
 * interaction callbacks and webhook edits, channel messages) and a JSON gateway over ws (HELLO, IDENTIFY →
 * READY, heartbeat ACK, dispatches pushed by the test). Every REST call is recorded for the test to read, and
 * refused as Discord refuses it: a body over a limit (discord-rules.ts), a late or second interaction response
 * (discord-interactions.ts), or a fault the test asked for (discord-faults.ts). A channel message whose enforced nonce
 * was seen is not created again (discord-nonces.ts).
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const calls: DiscordCall[] = [];
  const messages: FakeMessage[] = [];
  const waiters: Array<{ match: (c: DiscordCall) => boolean; resolve: (c: DiscordCall) => void }> = [];
  const faults = createFaults();
  const interactions = createInteractionWindow(options.now ?? Date.now);
  const nonces = createNonces(options.now ?? Date.now);
  const channelOf = new Map<string, string>();
  const commands = new Map<string, unknown[]>();

  type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
  const send = (res: ServerResponse, { status, body, headers = {} }: Reply, call?: DiscordCall) => {
    if (call) Object.assign(call, { status, response: body });
    // A 204 carries no body and no content type, as Discord's: a JSON type on an empty body breaks the client's parse.
    res.writeHead(status, body === undefined ? headers : { ...headers, 'content-type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const refusal = (error: DiscordError, call: DiscordCall): Reply => {
    call.error = error.body;
    return { status: error.status, body: error.body };
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
  /** Shows a message as Discord would, and answers with it. */
  const show = (kind: FakeMessage['kind'], channelId: string, body: Record<string, unknown> | null, token?: string) => {
    const shown = message(channelId, body);
    messages.push({ id: shown.id, channelId, kind, ...(token ? { token } : {}), body: body ?? {} });
    return shown;
  };

  /** What Discord does with an accepted call. */
  function act(call: DiscordCall): Reply {
    const { path } = call;
    const body = call.body;
    let m: RegExpExecArray | null;
    if (call.method === 'GET' && path === '/gateway/bot') {
      const { port } = server.address() as AddressInfo;
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${port}`,
          shards: options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: options.maxConcurrency ?? 1 },
        },
      };
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
      return { status: 200, body: registered };
    }
    if (call.method === 'POST' && (m = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(path))) {
      if (body?.type === CALLBACK.message) show('created', channelOf.get(m[1]!) ?? '0', body.data as Record<string, unknown>, m[1]);
      return { status: 204 };
    }
    // Deleting the deferred "thinking…" reply: Discord answers 204, no body.
    if (call.method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return { status: 204 };
    if ((m = /^\/webhooks\/\d+\/([^/]+)(\/messages\/(?:@original|\d+))?$/.exec(path))) {
      const channelId = channelOf.get(m[1]!) ?? '0';
      if (call.method === 'GET') return { status: 200, body: message(channelId, body) };
      return { status: 200, body: show(call.method === 'POST' ? 'created' : 'edited', channelId, body, m[1]) };
    }
    if (call.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const again = nonces.seen(m[1]!, body);
      if (again) return { status: 200, body: again };
      const shown = show('created', m[1]!, body);
      nonces.made(m[1]!, body, shown);
      return { status: 200, body: shown };
    }
    return { status: 404, body: { message: `fake Discord has no ${call.method} ${path}`, code: 0 } };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const read = await readDiscordBody(req, options.maxRequestBytes);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const body = read.body;
    const call: DiscordCall = { method: req.method ?? 'GET', path, body, ...(read.files ? { files: read.files } : {}) };
    calls.push(call);
    for (const w of [...waiters]) {
      if (!w.match(call)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(call);
    }
    const fault = faults.before(path);
    if (fault?.kind === 'fail') return send(res, { status: fault.status, body: { message: 'fake failure', code: 0 } }, call);
    if (fault?.kind === 'rate-limit') return send(res, rateLimitResponse(fault), call);
    const refused =
      read.error ?? interactions.check(call.method, path, body) ?? checkRequest({ method: call.method, path, body, files: read.files });
    if (refused) return send(res, refusal(refused, call), call);
    const reply = act(call);
    if (reply.status < 300) interactions.accepted(call.method, path, body);
    const lost = reply.status < 300 ? faults.after(path) : null;
    if (lost?.kind !== 'lose') return send(res, reply, call);
    call.lost = lost.as;
    if (lost.as === 502) return send(res, { status: 502, body: { message: 'Bad Gateway', code: 0 } }, call);
    req.socket.resetAndDestroy();
  }

  const server = createServer(
    (req, res) => void route(req, res).catch(() => send(res, { status: 500, body: { message: 'fake failed', code: 0 } })),
  );
  const gateway = startFakeGateway(server, {
    shards: options.shards ?? 1,
    guilds: options.guilds ?? [],
    botId: FAKE_DISCORD.botId,
    appId: FAKE_DISCORD.appId,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}/api`,
    calls,
    messages,
    commands,
    dispatch(t, d) {
      if (t === 'INTERACTION_CREATE') {
        interactions.dispatched(d);
        if (typeof d.token === 'string' && typeof d.channel_id === 'string') channelOf.set(d.token, d.channel_id);
      }
      gateway.dispatch(t, d);
    },
    next(match, from = calls.length) {
      const already = calls.slice(from).find(match);
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    failNext: faults.failNext,
    rateLimitNext: faults.rateLimitNext,
    loseResponseNext: faults.loseResponseNext,
    identified: gateway.identified,
    heartbeats: gateway.heartbeats,
    heartbeatsReached: gateway.heartbeatsReached,
    gatewayClosed: gateway.gatewayClosed,
    sessions: gateway.sessions,
    closeCodes: gateway.closeCodes,
    drop: gateway.drop,
    holdNext: gateway.holdNext,
    resumesReached: gateway.resumesReached,
    async close() {
      gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
