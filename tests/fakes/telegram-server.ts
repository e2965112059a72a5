import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import { checkTelegramHtml } from './telegram-html-check.js';

/** The bot the fake server plays: what getMe returns. */
export const FAKE_BOT = {
  id: 7_000_001,
  is_bot: true as const,
  first_name: 'Border Bot',
  username: 'border_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
};

// Bodies are whatever telegraf sends: the fake reads fields the way the Bot API does, without a schema per method.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>;

export interface RecordedCall {
  /** Position in `calls`, for waiting on calls made after some point. */
  index: number;
  /** The request path, token included. */
  path: string;
  method: string;
  body: Body;
  /** What the fake answered: the sent message for sendMessage, an error description when it refused. */
  status: number;
  result?: unknown;
  error?: string;
  /** When the call arrived (ms since the epoch): for checking the pace of a broadcast. */
  at?: number;
}

export type Failure = { status: 429; retryAfter?: number } | { status: 500 } | { status: 400 | 401 | 403; description: string };

/** An update as a test writes it; the server numbers it. */
export type NewUpdate =
  Omit<Update.MessageUpdate, 'update_id'> | Omit<Update.InlineQueryUpdate, 'update_id'> | Omit<Update.CallbackQueryUpdate, 'update_id'>;

export interface FakeTelegram {
  url: string;
  calls: RecordedCall[];
  /** Queues an update for the next getUpdates; returns its update_id. */
  pushUpdate(update: NewUpdate): number;
  /** The next `count` calls of `method` fail as given, then the method works again. */
  failNext(method: string, count: number, failure: Failure, when?: (body: Body) => boolean): void;
  /** The next call of `method` gets no answer until the returned function is called: a slow Telegram, on cue. */
  holdNext(method: string): () => void;
  /** The first call (at or after index `from`) matching `match`, now or when it comes; rejects after `timeoutMs`. */
  waitForCall(match: (c: RecordedCall) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<RecordedCall>;
  /**
   * Settles once telegraf has finished with update `updateId`: its next getUpdates confirms it
   * (offset above it), and telegraf asks only after every update of a batch is handled.
   */
  handled(updateId: number, timeoutMs?: number): Promise<void>;
  /**
   * Posts an update to the webhook registered with setWebhook, with its secret in the header as Telegram sends it
   * (`secret` overrides it; null sends none). Resolves with the status the bot answered and the update's id.
   */
  deliver(update: NewUpdate, options?: { secret?: string | null }): Promise<{ status: number; updateId: number }>;
  /** The webhook registered now, as setWebhook gave it; null when none (long polling). */
  webhook(): { url: string; secretToken: string | null } | null;
  /** Stores a file a user "uploaded"; returns its file_id, served by getFile and /file/bot<token>/… . */
  addFile(content: string, name: string): string;
  close(): Promise<void>;
}

/** Message text Telegram would refuse, as the error it would give, or null. */
function refuseText(text: unknown, parseMode: unknown): string | null {
  if (typeof text !== 'string' || !text.trim()) return 'Bad Request: message text is empty';
  let shown = text;
  if (parseMode === 'HTML') {
    const check = checkTelegramHtml(text);
    if (!check.ok) return `Bad Request: can't parse entities: ${check.error}`;
    shown = check.text;
  }
  return shown.length > 4096 ? 'Bad Request: message is too long' : null;
}

function refuseKeyboard(markup: Body | undefined): string | null {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if (typeof button.text !== 'string' || !button.text.trim()) return 'Bad Request: button text is empty';
      if ('url' in button && !/^https?:\/\/[^\s]+$/.test(button.url)) return 'Bad Request: BUTTON_URL_INVALID';
    }
  }
  return null;
}

/** Checks a call the way Telegram does for the fields the bot fills in, so a malformed reply fails loudly. */
function refuse(method: string, body: Body): string | null {
  if (method === 'sendMessage') return refuseText(body.text, body.parse_mode) ?? refuseKeyboard(body.reply_markup);
  if (method === 'setWebhook') {
    if (!/^https?:\/\/\S+$/.test(String(body.url ?? ''))) return 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook';
    if (body.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(body.secret_token)))
      return 'Bad Request: secret token contains unallowed characters';
  }
  if (method === 'answerInlineQuery') {
    if (!Array.isArray(body.results) || body.results.length > 50) return 'Bad Request: RESULTS_TOO_MUCH';
    for (const r of body.results as Body[]) {
      const problem =
        refuseText(r.input_message_content?.message_text, r.input_message_content?.parse_mode) ?? refuseKeyboard(r.reply_markup);
      if (problem) return problem;
      if (typeof r.title !== 'string' || !r.title) return 'Bad Request: RESULT_TITLE_EMPTY';
    }
  }
  return null;
}

async function readBody(req: IncomingMessage, url: URL): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw) return JSON.parse(raw) as Body;
  return Object.fromEntries(url.searchParams);
}

/** A Bot API server on 127.0.0.1 that answers like Telegram, records every call, and fails on request. */
export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const failures = new Map<string, Array<{ failure: Failure; when: (body: Body) => boolean }>>();
  const pollers = new Set<{ offset: number; respond: (updates: Update[]) => void }>();
  const listeners = new Set<() => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let confirmedBelow = 0;

  const notify = () => [...listeners].forEach((l) => l());
  const pending = (offset: number) => queue.filter((u) => u.update_id >= offset);
  const reply = (res: ServerResponse, status: number, payload: Body) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  };

  const SERVED = new Set([
    'getMe',
    'getUpdates',
    'sendMessage',
    'answerInlineQuery',
    'answerCallbackQuery',
    'setMyCommands',
    'deleteWebhook',
    'setWebhook',
    'getWebhookInfo',
    'getFile',
  ]);
  const holds = new Map<string, Promise<void>[]>();
  let registered: { url: string; secretToken: string | null } | null = null;
  const files = new Map<string, { path: string; content: string }>();

  function result(method: string, body: Body): unknown {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'setWebhook':
        registered = { url: String(body.url), secretToken: body.secret_token ?? null };
        return true;
      case 'deleteWebhook':
        registered = null;
        return true;
      case 'getWebhookInfo':
        return { url: registered?.url ?? '', has_custom_certificate: false, pending_update_count: 0 };
      case 'getFile': {
        const f = files.get(String(body.file_id));
        return f
          ? { file_id: body.file_id, file_unique_id: `u${body.file_id}`, file_size: Buffer.byteLength(f.content), file_path: f.path }
          : { file_id: body.file_id };
      }
      case 'sendMessage': {
        const chatId = Number(body.chat_id);
        return {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' },
          from: FAKE_BOT,
          text: body.text,
        };
      }
      default:
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // File downloads: /file/bot<token>/<file_path>, as getFile's path says.
    const download = /\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      const file = download[1] === token ? [...files.values()].find((f) => f.path === download[2]) : undefined;
      res.writeHead(file ? 200 : 404, { 'content-type': 'application/octet-stream' }).end(file?.content ?? '');
      return;
    }
    // Any prefix before /bot<token>/, as behind a proxy.
    const m = /\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m || m[1] !== token) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const method = m[2]!;
    const body = await readBody(req, url);
    const record: RecordedCall = { index: calls.length, path: url.pathname, method, body, status: 200, at: Date.now() };
    calls.push(record);
    const hold = holds.get(method)?.shift();
    if (hold) {
      // Seen as arrived, so a test can wait for it; answered when released.
      notify();
      await hold;
    }
    // The next failure queued for this method whose condition (if any) this call meets.
    const queued = failures.get(method) ?? [];
    const at = queued.findIndex((f) => f.when(body));
    const failure = at >= 0 ? queued.splice(at, 1)[0]!.failure : undefined;
    if (failure) {
      record.status = failure.status;
      record.error = failure.status === 429 ? 'Too Many Requests' : failure.status === 500 ? 'Internal Server Error' : failure.description;
      notify();
      if (failure.status === 500) return reply(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 1;
        return reply(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        });
      }
      return reply(res, failure.status, { ok: false, error_code: failure.status, description: failure.description });
    }
    // Telegram serves an update one way at a time: a bot with a webhook cannot also poll.
    if (method === 'getUpdates' && registered) {
      record.status = 409;
      record.error = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
      notify();
      return reply(res, 409, { ok: false, error_code: 409, description: record.error });
    }
    if (method === 'getUpdates') {
      const offset = Number(body.offset ?? 0);
      // Telegram forgets updates once a getUpdates asks for a later offset.
      if (offset > 0) {
        for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.update_id < offset) queue.splice(i, 1);
        confirmedBelow = Math.max(confirmedBelow, offset);
      }
      notify();
      const ready = pending(offset);
      const timeoutS = Number(body.timeout ?? 0);
      if (ready.length || !timeoutS) return reply(res, 200, { ok: true, result: ready });
      // Long poll: hold the request until an update comes, the timeout (capped) passes, or the client gives up.
      const poller = {
        offset,
        respond: (updates: Update[]) => {
          pollers.delete(poller);
          clearTimeout(timer);
          if (!res.writableEnded) reply(res, 200, { ok: true, result: updates });
        },
      };
      const timer = setTimeout(() => poller.respond([]), Math.min(timeoutS, 5) * 1000);
      pollers.add(poller);
      res.on('close', () => {
        pollers.delete(poller);
        clearTimeout(timer);
      });
      return;
    }
    // Only the methods the bot is meant to use: a call to anything else is a bug the tests should see.
    if (!SERVED.has(method)) {
      record.status = 404;
      record.error = `method ${method} not served`;
      notify();
      return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
    const problem = refuse(method, body);
    if (problem) {
      record.status = 400;
      record.error = problem;
      notify();
      return reply(res, 400, { ok: false, error_code: 400, description: problem });
    }
    record.result = result(method, body);
    notify();
    reply(res, 200, { ok: true, result: record.result });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, { ok: false, error_code: 500, description: String(err) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = () => {
        const found = check();
        if (found === undefined) return;
        listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
      };
      // A guard, not a sleep: it only turns a hang into a failure that says what never came.
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`fake Telegram: timed out waiting for ${what}`));
      }, timeoutMs);
      listeners.add(listener);
      listener();
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    webhook: () => registered,
    holdNext(method) {
      let release!: () => void;
      holds.set(method, [...(holds.get(method) ?? []), new Promise<void>((resolve) => (release = resolve))]);
      return release;
    },
    async deliver(update, options = {}) {
      if (!registered) throw new Error('fake Telegram: no webhook is registered to deliver to');
      const updateId = nextUpdateId++;
      const secret = options.secret === undefined ? registered.secretToken : options.secret;
      const res = await fetch(registered.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: JSON.stringify({ ...update, update_id: updateId }),
      });
      await res.arrayBuffer();
      return { status: res.status, updateId };
    },
    addFile(content, name) {
      const id = `file${files.size + 1}`;
      files.set(id, { path: `documents/${id}-${name}`, content });
      return id;
    },
    pushUpdate(update) {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      queue.push(full);
      for (const p of [...pollers]) {
        const ready = pending(p.offset);
        if (ready.length) p.respond(ready);
      }
      return full.update_id;
    },
    failNext(method, count, failure, when = () => true) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: count }, () => ({ failure, when }))]);
    },
    waitForCall(match, { from = 0, timeoutMs = 5000 } = {}) {
      return waitUntil(() => calls.slice(from).find(match), timeoutMs, 'a matching call');
    },
    handled(updateId, timeoutMs = 5000) {
      return waitUntil(() => (confirmedBelow > updateId ? true : undefined), timeoutMs, `update ${updateId} to be handled`).then(
        () => undefined,
      );
    },
    async close() {
      for (const p of [...pollers]) p.respond([]);
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
