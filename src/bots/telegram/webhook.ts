import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../core/index.js';

/** Webhook mode: Telegram posts each update to `url`, behind which any number of replicas listen on `port`. */
export interface WebhookSettings {
  /** TELEGRAM_WEBHOOK_URL: the public https address Telegram posts to (a load balancer's); its path is the one served. */
  url: string;
  /** TELEGRAM_WEBHOOK_SECRET; null derives one from the bot token, the same on every replica of the bot. */
  secret: string | null;
  /** PORT; 0 takes a free port (tests), read back from the adapter. */
  port: number;
  /** The interface to listen on; by default every one, so the load balancer reaches it. */
  host?: string;
}

/** Telegram's own limit on `secret_token`: 1–256 of these characters. */
export const WEBHOOK_SECRET_SHAPE = /^[A-Za-z0-9_-]{1,256}$/;

/** An update is a few kilobytes; anything this large is not from Telegram and is refused unread. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * The secret Telegram sends with every update: the setting when given, else an HMAC of the bot token. Derived, it is
 * the same on every replica without one more thing to configure, and it reveals nothing of the token.
 */
export function webhookSecret(token: string, setting: string | null): string {
  return setting ?? createHmac('sha256', token).update('border-bot telegram webhook').digest('base64url');
}

export interface WebhookServerOptions {
  path: string;
  secret: string;
  port: number;
  host?: string;
  /** Handles one update to its end; its failures are the handler's to report (telegraf's `bot.catch`). */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
  bodyLimitBytes?: number;
}

export interface WebhookServer {
  /** Listens; resolves with the port in use once updates are accepted. */
  start(): Promise<{ port: number }>;
  /** Stops taking updates, then waits for the ones in hand to be answered, so a stop drops no question half-way. */
  stop(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  // Constant time, so the secret cannot be guessed a character at a time from how long a refusal takes.
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readUpdate(req: IncomingMessage, limit: number): Promise<Update> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new Refusal(413, 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // A body sent without a length (chunked) is counted as it comes.
    if (size > limit) throw new Refusal(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  let update: unknown;
  try {
    update = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal(400, 'body is not JSON');
  }
  if (typeof (update as Update | null)?.update_id !== 'number') throw new Refusal(400, 'body is not an update');
  return update as Update;
}

/**
 * The HTTP endpoint Telegram posts updates to. It refuses a request without the secret header (401) or with a
 * wrong one (403) before reading its body, and answers 200 as soon as the update is read: Telegram waits for that
 * answer before sending more and sends an unanswered update again, possibly to another replica, which would then
 * answer it a second time.
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  const { path, secret, logger, bodyLimitBytes = WEBHOOK_BODY_LIMIT_BYTES } = options;
  const inHand = new Set<Promise<void>>();

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) throw new Refusal(404, 'no such path');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      throw new Refusal(405, `${req.method} is not allowed`);
    }
    const given = req.headers[SECRET_HEADER];
    if (given === undefined) throw new Refusal(401, 'no secret token');
    if (!secretMatches(given, secret)) throw new Refusal(403, 'wrong secret token');
    const update = await readUpdate(req, bodyLimitBytes);
    res.writeHead(200).end();
    const handling = options.handle(update).catch((err: unknown) => {
      logger.error('telegram_webhook_update_failed', {
        platform: 'telegram',
        update: update.update_id,
        error: err instanceof Error ? err.message : String(err),
      });
    });
    inHand.add(handling);
    void handling.finally(() => inHand.delete(handling));
  }

  const server = createServer((req, res) => {
    receive(req, res).catch((err: unknown) => {
      const status = err instanceof Refusal ? err.status : 400;
      // A warning, not a platform error: this is whoever sent the request, not Telegram failing.
      logger.warn('telegram_webhook_refused', { status, reason: err instanceof Error ? err.message : String(err) });
      if (res.headersSent) return void res.destroy();
      // An unread body would keep the connection busy: close it with the answer.
      res.writeHead(status, { connection: 'close', 'content-type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
    });
  });

  return {
    start: () =>
      new Promise((resolve, reject) => {
        const failed = (err: NodeJS.ErrnoException) =>
          reject(new Error(`the Telegram webhook could not listen on port ${options.port}: ${err.code ?? err.message}`, { cause: err }));
        server.once('error', failed);
        server.listen(options.port, options.host, () => {
          server.off('error', failed);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      }),
    async stop() {
      if (server.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      await Promise.allSettled([...inHand]);
    },
  };
}
