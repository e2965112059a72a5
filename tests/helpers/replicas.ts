import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startFixture, type Child } from '../store/processes.js';

/** Telegram webhook replicas as `npm start` runs them: separate processes of src/main.ts, for tests and benchmarks. */

export const REPLICA_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const WEBHOOK_PATH = '/telegram/updates';

/** A port nothing listens on now: a replica's PORT must be known before it starts, to put it behind a balancer. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface Replica {
  /** Where its webhook listens, on 127.0.0.1. */
  port: number;
  /** Its log: one JSON line per event (stderr joined to stdout). */
  child: Child;
  /** The log events named `event`, parsed, in order. */
  events(event: string): Array<Record<string, unknown>>;
  /** SIGTERM, then its exit code once the updates in hand are answered. */
  stop(): Promise<number | null>;
}

export interface ReplicaSettings {
  /** The fake Bot API's address. */
  apiRoot: string;
  /** The public address Telegram posts to (a balancer's, or the replica's own). */
  webhookUrl: string;
  port: number;
  knowledgeDir: string;
  dataDir: string;
  /** PostgreSQL; empty: SQLite under dataDir. */
  databaseUrl?: string;
  /** More settings: RATE_LIMIT_MAX, TELEGRAM_MODERATOR_IDS… */
  env?: Record<string, string>;
}

/**
 * Starts one replica and resolves once its webhook listens and is registered. Every setting main.ts reads is given,
 * so neither this machine's .env nor the test runner's environment leaks in.
 */
export async function startReplica(settings: ReplicaSettings): Promise<Replica> {
  const env = {
    DOTENV_CONFIG_PATH: '/nonexistent/.env',
    TELEGRAM_BOT_TOKEN: REPLICA_TOKEN,
    TELEGRAM_API_ROOT: settings.apiRoot,
    TELEGRAM_WEBHOOK_URL: settings.webhookUrl,
    TELEGRAM_WEBHOOK_SECRET: '',
    PORT: String(settings.port),
    KNOWLEDGE_DIR: settings.knowledgeDir,
    DATA_DIR: settings.dataDir,
    DATABASE_URL: settings.databaseUrl ?? '',
    DISCORD_TOKEN: '',
    METRICS_PORT: '',
    USER_HASH_SALT: '',
    TELEGRAM_MODERATOR_IDS: '',
    TELEGRAM_ANNOUNCE_CHAT_ID: '',
    LOG_LEVEL: 'info',
    ...settings.env,
  };
  // The log goes to stderr; joined to stdout, its lines can be waited for.
  const child = startFixture('src/main.ts', [], env, 'exec 2>&1');
  const parsed = (line: string): Record<string, unknown> | null => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const named = (line: string, event: string) => parsed(line)?.event === event;
  await child.waitFor((l) => named(l, 'telegram_webhook') || named(l, 'telegram_start_failed'), 60_000);
  if (child.lines.some((l) => named(l, 'telegram_start_failed'))) throw new Error(`replica did not start:\n${child.lines.join('\n')}`);
  return {
    port: settings.port,
    child,
    events: (event) => child.lines.map(parsed).filter((e): e is Record<string, unknown> => e?.event === event),
    async stop() {
      if (child.process.exitCode !== null || child.process.signalCode !== null) return child.process.exitCode;
      child.kill('SIGTERM');
      return child.exited;
    },
  };
}
