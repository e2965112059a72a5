import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createKnowledgeService, UPDATES_FILE, type Core, type Logger } from './core/index.js';
import { createModeration } from './moderation/index.js';
import { openStore } from './store/index.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger } from './log.js';
import type { Adapter } from './bots/shared/adapter.js';
import { createTerminalAdapter } from './bots/terminal/adapter.js';
import { createTelegramAdapter } from './bots/telegram/adapter.js';
import { createDiscordAdapter } from './bots/discord/adapter.js';
import { startOps, type MeasuredDeps, type Platform } from './ops/index.js';

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
  // Listening before the knowledge loads: /healthz answers at once, /readyz says what is still loading.
  const platforms: Platform[] = bots ? (['telegram', 'discord'] as const).filter((p) => config[p]) : ['terminal'];
  const ops = config.metricsPort === null ? null : await startOps({ port: config.metricsPort, platforms, logger });
  const measured = <T extends MeasuredDeps>(platform: Platform, deps: T): T => (ops ? ops.instrument(platform, deps) : deps);
  // A running bot picks up hand edits of the knowledge files; the terminal chat reads them once.
  const store = await openStore({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.dataDir,
    userHashSalt: config.userHashSalt,
    importFrom: join(config.knowledgeDir, UPDATES_FILE),
    importRecordsFrom: config.dataDir,
  });
  logger.info('store_opened', { dialect: store.dialect, location: store.location });
  if (store.imported) {
    const { imported, skipped, problems, renamedTo } = store.imported;
    logger.info('updates_imported', { imported, skipped, problems: problems.length, renamedTo });
    for (const p of problems) logger.warn('updates_import_problem', { line: p.line, problem: p.message });
  }
  for (const records of store.importedRecords) logger.info('records_imported', { ...records });
  let knowledge;
  try {
    knowledge = await createKnowledgeService({
      knowledgeDir: config.knowledgeDir,
      logger,
      now: io.now,
      watch: bots,
      updates: store.updates,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const core = knowledge.core;
  ops?.readiness.set('knowledge', true);
  knowledge.onUpdate((r) => ops?.metrics.updateApplied(r.kind, (Date.now() - Date.parse(r.at)) / 1000));
  const adapters: Adapter[] = [];
  // One limiter per platform (a user id is only unique within its platform), kept in the store: every replica on the
  // database enforces one limit per user, wherever the user's questions land. A warning when the database fails: the
  // question is still answered, and it is no platform's error.
  const limiter = (platform: 'telegram' | 'discord') =>
    store.rateLimiter(platform, config.rateLimit, (err) => logger.warn('rate_limit_failed', { platform, error: String(err) }));
  const moderation = createModeration({ knowledge, feedback: store.feedback, audit: store.audit });
  const feedback = { vote: store.feedback.vote, unanswered: store.feedback.unanswered, voteKeys: store.voteKeys };
  if (config.telegram) {
    const { moderatorIds, announceChatId, ...telegram } = config.telegram;
    const subscriptions = store.subscriptions('telegram');
    adapters.push(
      createTelegramAdapter({
        ...measured('telegram', { core, rateLimiter: limiter('telegram'), logger }),
        ...telegram,
        userHashSalt: store.userHashSalt,
        feedback,
        moderation: { moderation, knowledge, subscriptions, moderatorIds, announceChatId },
      }),
    );
  }
  if (config.discord) {
    const { moderatorRoleId, announceChannelId, ...discord } = config.discord;
    adapters.push(
      createDiscordAdapter({
        ...measured('discord', { core, rateLimiter: limiter('discord'), logger }),
        ...discord,
        userHashSalt: store.userHashSalt,
        feedback,
        moderation: { moderation, knowledge, moderatorRoleId, announceChannelId },
      }),
    );
  }
  if (adapters.length === 0) {
    adapters.push(createTerminalAdapter({ core, input: io.input ?? process.stdin, output: io.output ?? process.stdout, now: io.now }));
  }
  await Promise.all(adapters.map((a) => a.start().then(() => ops?.readiness.set(a.platform, true))));
  logger.info('started', { adapters: adapters.map((a) => a.platform) });
  return {
    core,
    adapters,
    async stop() {
      await Promise.allSettled(adapters.map((a) => a.stop()));
      knowledge.close();
      await ops?.stop();
      await store.close();
      logger.info('stopped');
    },
  };
}

/** The deadline for a clean stop: an adapter that hangs on the way out must not keep the process from ending. */
const STOP_DEADLINE_MS = 10_000;

/** `npm start`: runs until the terminal chat's input ends or a signal comes, then stops every adapter. */
async function main(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel, base: { app: 'border-bot' } });
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
    // A Ctrl-C reaches both npm and the bot, and npm passes it on: the same signal can come twice.
    if (stopping) return;
    stopping = true;
    logger.info('signal', { signal });
    setTimeout(() => {
      logger.error('stop_timed_out', { ms: STOP_DEADLINE_MS });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The terminal chat ends at the end of its input; the bots run until a signal.
  if (running.adapters.every((a) => a.platform === 'terminal')) {
    const terminal = running.adapters[0] as Adapter & { done?: Promise<void> };
    await terminal.done;
    if (!stopping) await running.stop();
  }
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(configOrExit());
