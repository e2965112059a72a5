import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { createKnowledgeService, UPDATES_FILE, type Core, type Logger } from './core/index.js';
import { createModeration } from './moderation/index.js';
import { v8Options } from './v8-options.js';
import { openStore } from './store/index.js';
import { loadConfig, ConfigError, shardEnvironment, type Config } from './config.js';
import { createLogger } from './log.js';
import type { Adapter } from './bots/shared/adapter.js';
import { createTerminalAdapter } from './bots/terminal/adapter.js';
import { createTelegramAdapter } from './bots/telegram/adapter.js';
import { createDiscordAdapter } from './bots/discord/adapter.js';
import { createDiscordShards } from './bots/discord/shards.js';
import { countDiscordRateLimits, countForwarded, startOps, type MeasuredDeps, type Ops, type Platform } from './ops/index.js';

/** What each Discord shard process runs: the launcher (compiled when fresh, the source otherwise) on src/shard.ts. */
const SHARD_ENTRY = {
  file: join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'run.mjs'),
  args: ['shard'],
  // Each shard answers questions as this process would, with the V8 options `npm start` gave it.
  execArgv: v8Options(process.execArgv),
};

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
  io: {
    logger: Logger;
    input?: NodeJS.ReadableStream;
    output?: NodeJS.WritableStream;
    now?: () => Date;
    /** Where to measure, instead of a server on METRICS_PORT: a Discord shard's, sent to its manager. */
    ops?: Ops;
  },
): Promise<Running> {
  const { logger } = io;
  const bots = Boolean(config.telegram || config.discord);
  // Listening before the knowledge loads: /healthz answers at once, /readyz says what is still loading.
  const platforms: Platform[] = bots ? (['telegram', 'discord'] as const).filter((p) => config[p]) : ['terminal'];
  const ops: Ops | null = io.ops ?? (config.metricsPort === null ? null : await startOps({ port: config.metricsPort, platforms, logger }));
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
      snapshot: { dir: config.dataDir, store: `${store.dialect} ${store.location}` },
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
        // Readiness follows long polling: false while getUpdates fails, true again once a poll succeeds.
        onConnection: (connected) => ops?.readiness.set('telegram', connected),
      }),
    );
  }
  if (config.discord) {
    const { moderatorRoleId, announceChannelId, shards, ...discord } = config.discord;
    // Readiness follows the connection: false while it is lost, true again once it is back.
    const onConnection = (connected: boolean) => ops?.readiness.set('discord', connected);
    adapters.push(
      shards === null
        ? createDiscordAdapter({
            ...measured('discord', { core, rateLimiter: limiter('discord'), logger }),
            ...discord,
            userHashSalt: store.userHashSalt,
            feedback,
            moderation: { moderation, knowledge, moderatorRoleId, announceChannelId },
            onConnection,
            observeRest: ops ? (rest) => countDiscordRateLimits(rest, ops.metrics) : undefined,
          })
        : createDiscordShards({
            ...discord,
            shards,
            entry: SHARD_ENTRY,
            env: shardEnvironment(config),
            logger,
            onConnection,
            // What the shards measured is counted here, where /metrics is served.
            onMessage: (_shard, message) => ops && countForwarded(ops.metrics, message),
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

/**
 * `npm start` (and each Discord shard process): runs until the terminal chat's input ends or a signal comes, then
 * stops every adapter.
 */
export async function main(config: Config, options: { ops?: Ops } = {}): Promise<void> {
  const logger = createLogger({ level: config.logLevel, base: { app: 'border-bot' } });
  process.on('unhandledRejection', (reason) => logger.error('unhandled_rejection', { error: String(reason) }));
  let running: Running;
  try {
    running = await startFromConfig(config, { logger, ops: options.ops });
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

/** The settings, or the process ends with one line naming the one that is wrong. */
export function configOrExit(load: () => Config = loadConfig): Config {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(configOrExit());
