import { config as loadDotenv } from 'dotenv';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createKnowledgeService, type Core, type Logger } from './core/index.js';
import { createAuditLog, createFeedbackStore } from './records/index.js';
import { createModeration } from './moderation/index.js';
import { createSubscriptions } from './bots/telegram/subscriptions.js';
import { readConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './log.js';
import type { Adapter } from './bots/shared/adapter.js';
import { createRateLimiter } from './bots/shared/rate-limit.js';
import { createTerminalAdapter } from './bots/terminal/adapter.js';
import { createTelegramAdapter } from './bots/telegram/adapter.js';
import { createDiscordAdapter } from './bots/discord/adapter.js';

export interface Running {
  core: Core;
  adapters: Adapter[];
  stop(): Promise<void>;
}

/**
 * Builds the core once and starts every adapter whose token is set; with none, the terminal chat.
 * The tests call this too, so the bots they drive start exactly as `npm start` starts them.
 */
export async function startFromConfig(
  config: Config,
  io: { logger: Logger; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; now?: () => Date },
): Promise<Running> {
  const { logger } = io;
  const bots = Boolean(config.telegram || config.discord);
  // A running bot picks up hand edits of the knowledge files; the terminal chat reads them once.
  const knowledge = await createKnowledgeService({ knowledgeDir: config.knowledgeDir, logger, now: io.now, watch: bots });
  const core = knowledge.core;
  const adapters: Adapter[] = [];
  // One limiter per platform: a user id is only unique within its platform.
  const limiter = () => createRateLimiter(config.rateLimit.max, config.rateLimit.windowMs);
  const feedback = createFeedbackStore(join(config.dataDir, 'feedback.jsonl'));
  const audit = createAuditLog(join(config.dataDir, 'audit.jsonl'));
  const moderation = createModeration({ knowledge, feedback, audit });
  if (config.telegram) {
    const { moderatorIds, announceChatId, ...telegram } = config.telegram;
    const subscriptions = createSubscriptions(join(config.dataDir, 'telegram-subscriptions.json'));
    adapters.push(
      createTelegramAdapter({
        core,
        ...telegram,
        rateLimiter: limiter(),
        logger,
        userHashSalt: config.userHashSalt,
        feedback,
        moderation: { moderation, knowledge, subscriptions, moderatorIds, announceChatId },
      }),
    );
  }
  if (config.discord) {
    const { moderatorRoleId, announceChannelId, ...discord } = config.discord;
    adapters.push(
      createDiscordAdapter({
        core,
        ...discord,
        rateLimiter: limiter(),
        logger,
        userHashSalt: config.userHashSalt,
        feedback,
        moderation: { moderation, knowledge, moderatorRoleId, announceChannelId },
      }),
    );
  }
  if (adapters.length === 0) {
    adapters.push(createTerminalAdapter({ core, input: io.input ?? process.stdin, output: io.output ?? process.stdout, now: io.now }));
  }
  await Promise.all(adapters.map((a) => a.start()));
  logger.info('started', { adapters: adapters.map((a) => a.platform) });
  return {
    core,
    adapters,
    async stop() {
      await Promise.allSettled(adapters.map((a) => a.stop()));
      knowledge.close();
      logger.info('stopped');
    },
  };
}

async function main(): Promise<void> {
  // Quiet: stdout is the terminal chat's, and a settings file is nothing to announce.
  loadDotenv({ quiet: true, ...(process.env.DOTENV_CONFIG_PATH ? { path: process.env.DOTENV_CONFIG_PATH } : {}) });
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // The terminal chat shares its screen with the logs: only warnings and errors there, unless LOG_LEVEL asks.
  const chatOnly = !config.discord && !config.telegram && !process.env.LOG_LEVEL;
  const logger = createLogger({ level: chatOnly ? 'warn' : config.logLevel, base: { app: 'border-bot' } });
  process.on('unhandledRejection', (reason) => logger.error('unhandled_rejection', { error: String(reason) }));
  let running: Running;
  try {
    running = await startFromConfig(config, { logger });
  } catch (err) {
    process.stderr.write(`Could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('signal', { signal });
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // The terminal chat ends at the end of its input; the bots run until a signal.
  if (running.adapters.every((a) => a.platform === 'terminal')) {
    const terminal = running.adapters[0] as Adapter & { done?: Promise<void> };
    await terminal.done;
    await running.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
