import { config as loadDotenv } from 'dotenv';
import { WEBHOOK_SECRET_SHAPE, type WebhookSettings } from './bots/telegram/webhook.js';

/** Settings from the environment (.env), validated once at start. The one place the code reads the environment. */
export interface Config {
  knowledgeDir: string;
  /** LOG_LEVEL; unset, `info` when a bot runs and `warn` for the terminal chat, whose screen the logs share. */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  rateLimit: { max: number; windowMs: number };
  userHashSalt: string;
  /** The SQLite file (updates, feedback, audit, subscriptions) lives here when no DATABASE_URL is set. */
  dataDir: string;
  /** DATABASE_URL: a PostgreSQL database several bot processes and machines share; null for SQLite under dataDir. */
  databaseUrl: string | null;
  discord: {
    token: string;
    guildId: string | null;
    apiRoot: string | null;
    moderatorRoleId: string | null;
    announceChannelId: string | null;
    /**
     * DISCORD_SHARDS: how many gateway shards, each its own process under discord.js's ShardingManager; `auto` takes
     * the count Discord recommends (GET /gateway/bot). Null: one process, one connection.
     */
    shards: number | 'auto' | null;
  } | null;
  telegram: {
    token: string;
    apiRoot: string | null;
    moderatorIds: number[];
    announceChatId: number | null;
    /** TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET and PORT; null: long polling. */
    webhook: WebhookSettings | null;
  } | null;
  /** METRICS_PORT: where /healthz, /readyz and /metrics are served; null: not served. */
  metricsPort: number | null;
}

/** A setting that is missing or malformed: the message names it and never echoes a secret. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const get = (env: Env, name: string): string | null => {
  const v = env[name]?.trim();
  return v ? v : null;
};

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = get(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ConfigError(name, `must be a whole number of 1 or more (got "${raw}")`);
  return Number(raw);
}

/** DISCORD_SHARDS: a whole number of 1 or more, or `auto`; unset means no sharding at all. */
function shards(env: Env): number | 'auto' | null {
  const raw = get(env, 'DISCORD_SHARDS');
  if (raw === null) return null;
  if (raw.toLowerCase() === 'auto') return 'auto';
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new ConfigError('DISCORD_SHARDS', `must be a whole number of 1 or more, or "auto" (got "${raw}")`);
  return Number(raw);
}

function port(env: Env, name: string): number | null {
  const raw = get(env, name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535)
    throw new ConfigError(name, `must be a port number from 1 to 65535 (got "${raw}")`);
  return Number(raw);
}

/** Webhook mode when TELEGRAM_WEBHOOK_URL is set; the secret is never echoed, even when malformed. */
function telegramWebhook(env: Env, metricsPort: number | null): WebhookSettings | null {
  const webhookUrl = url(env, 'TELEGRAM_WEBHOOK_URL');
  const secret = get(env, 'TELEGRAM_WEBHOOK_SECRET');
  if (secret !== null && !WEBHOOK_SECRET_SHAPE.test(secret))
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'must be 1 to 256 letters, digits, _ or -');
  const listen = port(env, 'PORT') ?? 8080;
  if (webhookUrl === null) return null;
  if (listen === metricsPort) throw new ConfigError('PORT', `must differ from METRICS_PORT (both are ${listen})`);
  return { url: webhookUrl, secret, port: listen };
}

function url(env: Env, name: string): string | null {
  const raw = get(env, name);
  if (raw === null) return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(name, `must be an http(s) address (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}

function token(env: Env, name: string, shape: RegExp, what: string): string | null {
  const raw = get(env, name);
  if (raw === null) return null;
  if (!shape.test(raw)) throw new ConfigError(name, `does not look like ${what}`);
  return raw;
}

/**
 * The settings of this run: the process environment over the .env file (or the file DOTENV_CONFIG_PATH names).
 * The file is read into a copy, so nothing else comes to depend on process.env having been filled in.
 */
export function loadConfig(env: Env = process.env): Config {
  const path = get(env, 'DOTENV_CONFIG_PATH');
  // Quiet: stdout belongs to the terminal chat and to `ask`, and a settings file is nothing to announce.
  const { parsed } = loadDotenv({ quiet: true, processEnv: {}, ...(path ? { path } : {}) });
  return readConfig({ ...parsed, ...env });
}

/** Where a Discord shard process finds its settings: its manager's, already read and checked, passed down whole. */
const SHARD_SETTINGS = 'BORDER_BOT_SHARD_SETTINGS';

/**
 * The environment the manager adds for each shard process: its own settings with Discord alone and unsharded (the
 * process is one shard; discord.js tells it which through SHARDS and SHARD_COUNT) and no metrics port (the manager's).
 */
export function shardEnvironment(config: Config): Record<string, string> {
  if (!config.discord) throw new Error('a Discord shard needs the Discord settings');
  const shard: Config = { ...config, telegram: null, metricsPort: null, discord: { ...config.discord, shards: null } };
  return { [SHARD_SETTINGS]: JSON.stringify(shard) };
}

/** The settings of a Discord shard process, as its manager passed them down (see `shardEnvironment`). */
export function loadShardConfig(env: Env = process.env): Config {
  const raw = get(env, SHARD_SETTINGS);
  if (raw === null)
    throw new ConfigError(SHARD_SETTINGS, 'missing: a shard process is started by the bot itself when DISCORD_SHARDS is set');
  return JSON.parse(raw) as Config;
}

export function readConfig(env: Env): Config {
  const discordToken = token(env, 'DISCORD_TOKEN', /^[\w.-]{20,}$/, 'a Discord bot token');
  const telegramToken = token(env, 'TELEGRAM_BOT_TOKEN', /^\d+:[\w-]{20,}$/, 'a Telegram bot token (digits, a colon, then the secret)');
  const level = get(env, 'LOG_LEVEL') ?? (discordToken || telegramToken ? 'info' : 'warn');
  if (!['debug', 'info', 'warn', 'error'].includes(level))
    throw new ConfigError('LOG_LEVEL', `must be debug, info, warn or error (got "${level}")`);
  const guildId = get(env, 'DISCORD_GUILD_ID');
  if (guildId !== null && !/^\d{5,20}$/.test(guildId))
    throw new ConfigError('DISCORD_GUILD_ID', `must be a numeric Discord id (got "${guildId}")`);
  // Every setting is checked, even one whose platform is off: a typo should not wait for the day it is switched on.
  const discordApiRoot = url(env, 'DISCORD_API_ROOT');
  const telegramApiRoot = url(env, 'TELEGRAM_API_ROOT');
  const snowflake = (name: string) => {
    const v = get(env, name);
    if (v !== null && !/^\d{5,20}$/.test(v)) throw new ConfigError(name, `must be a numeric Discord id (got "${v}")`);
    return v;
  };
  const moderatorRoleId = snowflake('DISCORD_MODERATOR_ROLE_ID');
  const announceChannelId = snowflake('DISCORD_ANNOUNCE_CHANNEL_ID');
  const discordShards = shards(env);
  const moderatorIds = (get(env, 'TELEGRAM_MODERATOR_IDS') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => {
      if (!/^\d+$/.test(id))
        throw new ConfigError('TELEGRAM_MODERATOR_IDS', `must be numeric Telegram user ids, separated by commas (got "${id}")`);
      return Number(id);
    });
  const announce = get(env, 'TELEGRAM_ANNOUNCE_CHAT_ID');
  if (announce !== null && !/^-?\d+$/.test(announce))
    throw new ConfigError('TELEGRAM_ANNOUNCE_CHAT_ID', `must be a numeric chat id (got "${announce}")`);
  const metricsPort = port(env, 'METRICS_PORT');
  const webhook = telegramWebhook(env, metricsPort);
  return {
    knowledgeDir: get(env, 'KNOWLEDGE_DIR') ?? 'knowledge',
    logLevel: level as Config['logLevel'],
    rateLimit: {
      max: positiveInt(env, 'RATE_LIMIT_MAX', 5),
      windowMs: positiveInt(env, 'RATE_LIMIT_WINDOW_SECONDS', 30) * 1000,
    },
    userHashSalt: get(env, 'USER_HASH_SALT') ?? '',
    dataDir: get(env, 'DATA_DIR') ?? 'data',
    databaseUrl: get(env, 'DATABASE_URL'),
    discord: discordToken
      ? { token: discordToken, guildId, apiRoot: discordApiRoot, moderatorRoleId, announceChannelId, shards: discordShards }
      : null,
    telegram: telegramToken
      ? {
          token: telegramToken,
          apiRoot: telegramApiRoot,
          moderatorIds,
          announceChatId: announce === null ? null : Number(announce),
          webhook,
        }
      : null,
    metricsPort,
  };
}
