import { once } from 'node:events';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Logger } from '../../core/index.js';
import type { Adapter } from '../shared/adapter.js';
import { createConnectionState } from './connection.js';
import { describe, isFatal } from './errors.js';

export interface DiscordShardsDeps {
  token: string;
  /** Another REST root than discord.com's (the tests' fake): asked for the shard count and the identify concurrency. */
  apiRoot: string | null;
  /** DISCORD_SHARDS: a count, or `auto` for the one Discord recommends. */
  shards: number | 'auto';
  /**
   * The script each shard process runs, its arguments, and the node options it runs with (the bot's own, so a shard
   * answers as the process it came from would): it starts the Discord adapter on the shared store.
   */
  entry: { file: string; args: string[]; execArgv?: string[] };
  /** Added to each shard process's environment: its settings. */
  env: Record<string, string>;
  logger: Logger;
  /** Told when a shard's connection or process is lost (false), and when every shard is connected again (true). */
  onConnection?: (connected: boolean) => void;
  /** Each message a shard process sends that discord.js does not handle itself (the shards' metrics, say). */
  onMessage?: (shard: number, message: unknown) => void;
}

export interface DiscordShards extends Adapter {
  /** The shard processes running now, by shard id (for sending them a message). */
  running(): Shard[];
}

const PLATFORM = 'discord';
/** How long a shard may take from its process's start to a ready connection: loading the knowledge is part of it. */
const READY_TIMEOUT_MS = 60_000;
/** Discord allows one IDENTIFY per 5 seconds per concurrency bucket: discord.js's own spacing of shard starts. */
const IDENTIFY_SPACING_MS = 5_500;

/**
 * Discord through discord.js's ShardingManager: each shard is a process of its own, running the ordinary adapter
 * (discord.js gives it its shard id through SHARDS and SHARD_COUNT). This process holds no gateway connection; it
 * starts the shards, restarts one whose process dies, follows their connections and stops them all.
 */
export function createDiscordShards(deps: DiscordShardsDeps): DiscordShards {
  const { logger } = deps;
  const connection = createConnectionState((connected) => deps.onConnection?.(connected));
  let manager: ShardingManager | null = null;
  let stopping = false;

  function follow(shard: Shard): void {
    Object.assign(shard.env as NodeJS.ProcessEnv, deps.env);
    const lost = (how: string) => () => {
      // Shards stopped on purpose are not lost.
      if (stopping) return;
      logger.warn('shard_lost', { platform: PLATFORM, shard: shard.id, how });
      connection.lost(shard.id);
    };
    shard.on('ready', () => connection.back(shard.id));
    shard.on('resume', () => connection.back(shard.id));
    shard.on('reconnecting', lost('reconnecting'));
    shard.on('disconnect', lost('disconnected'));
    shard.on('death', lost('process exited'));
    shard.on('error', (err) => logger.error('shard_failed', { platform: PLATFORM, shard: shard.id, error: describe(err) }));
    shard.on('message', (message: unknown) => deps.onMessage?.(shard.id, message));
  }

  /** The shard count (Discord's, for `auto`) and how long to wait between starting two shards. */
  async function plan(): Promise<{ count: number; spacingMs: number }> {
    const rest = new REST(deps.apiRoot ? { api: deps.apiRoot } : {}).setToken(deps.token);
    let gateway: RESTGetAPIGatewayBotResult;
    try {
      gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    } catch (err) {
      throw new Error(`Discord refused to connect (${describe(err)})${isFatal(err) ? ': check DISCORD_TOKEN' : ''}`);
    }
    const count = deps.shards === 'auto' ? gateway.shards : deps.shards;
    // Shards in separate concurrency buckets may identify at once; otherwise they take turns.
    return { count, spacingMs: gateway.session_start_limit.max_concurrency >= count ? 0 : IDENTIFY_SPACING_MS };
  }

  async function stopShards(): Promise<void> {
    stopping = true;
    const shards = [...(manager?.shards.values() ?? [])];
    await Promise.all(
      shards.map(async (shard) => {
        const child = shard.process;
        const exited = child && child.exitCode === null && child.signalCode === null ? once(child, 'exit') : null;
        // SIGTERM: the shard answers the questions in hand, closes its connection and its store, then exits.
        shard.kill();
        await exited;
      }),
    );
  }

  return {
    platform: 'discord',
    running: () => [...(manager?.shards.values() ?? [])].filter((s) => s.process !== null),
    async start() {
      const { count, spacingMs } = await plan();
      manager = new ShardingManager(deps.entry.file, {
        token: deps.token,
        totalShards: count,
        shardArgs: deps.entry.args,
        execArgv: deps.entry.execArgv ?? [],
        mode: 'process',
        respawn: true,
      });
      manager.on('shardCreate', follow);
      logger.info('shards_starting', { platform: PLATFORM, count, spacingMs });
      try {
        await manager.spawn({ amount: count, delay: spacingMs, timeout: READY_TIMEOUT_MS });
      } catch (err) {
        await stopShards();
        stopping = false;
        throw new Error(`Discord shards did not start (${err instanceof Error ? err.message : String(err)})`);
      }
      logger.info('shards_ready', { platform: PLATFORM, count });
    },
    stop: stopShards,
  };
}
