import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, loadShardConfig, readConfig, shardEnvironment } from '../../../src/config.js';
import { startFromConfig } from '../../../src/main.js';
import type { DiscordShards } from '../../../src/bots/discord/shards.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { recordingLogger } from '../../fakes/telegram-fixtures.js';
import { backends, titleOf } from '../../store/backends.js';
import { parsePrometheusText, valueOf } from '../../ops/prometheus-text.js';
import { useCommand } from '../../fakes/discord-payloads.js';
import { FAKE_DISCORD, shardOf, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/**
 * DISCORD_SHARDS as npm start runs it: discord.js's ShardingManager starts each shard as a process of its own
 * (scripts/run.mjs shard), each holding the gateway connection of its shard and answering in its guilds, all on one
 * store, so a moderator's update made through one shard is used by the others.
 */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
// The home guild is on shard 0 of 2, the other guild on shard 1: (id >> 22) % 2.
const HOME = '300000000000000001';
const OTHER = '300000000004194305';
const MANAGE_SERVER = '32';
const LENGTH_2022 = 'about 970 km (Asia-Plus, November 2022)';

const text = (c: DiscordCall) => JSON.stringify(c.body);
const askLength = (fake: FakeDiscord, guild: string) =>
  useCommand(fake, {
    guild,
    name: 'ask',
    options: [{ name: 'question', value: 'How long is the border between Kyrgyzstan and Tajikistan?' }],
  }).then(text);

describe('DISCORD_SHARDS', () => {
  const env = { DISCORD_TOKEN: TOKEN };
  it('is off unless set, and a whole number of 1 or more, or auto', () => {
    expect(readConfig(env).discord?.shards).toBeNull();
    expect(readConfig({ ...env, DISCORD_SHARDS: '3' }).discord?.shards).toBe(3);
    expect(readConfig({ ...env, DISCORD_SHARDS: 'Auto' }).discord?.shards).toBe('auto');
  });

  it.each(['0', '-1', '1.5', 'two'])('refuses %j, naming the setting', (bad) => {
    expect(() => readConfig({ ...env, DISCORD_SHARDS: bad })).toThrow(
      new ConfigError('DISCORD_SHARDS', `must be a whole number of 1 or more, or "auto" (got "${bad}")`),
    );
  });

  it("hands each shard process its manager's settings, Discord alone and unsharded, with no metrics port", () => {
    const config = readConfig({
      ...env,
      DISCORD_SHARDS: '2',
      DISCORD_API_ROOT: 'http://127.0.0.1:1/api',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      METRICS_PORT: '9464',
      DATA_DIR: '/srv/data',
    });
    const shard = loadShardConfig(shardEnvironment(config));
    expect(shard).toEqual({ ...config, telegram: null, metricsPort: null, discord: { ...config.discord, shards: null } });
    expect(() => loadShardConfig({})).toThrow(ConfigError);
  });
});

/** The manager's /readyz and /metrics, on the port it logged. */
function opsOf(lines: ReturnType<typeof recordingLogger>['lines']) {
  const port = lines.find((l) => l.event === 'health_server_listening')?.fields.port;
  const get = (path: string) => fetch(`http://127.0.0.1:${String(port)}${path}`);
  return {
    async readyz() {
      const res = await get('/readyz');
      return { status: res.status, notReady: ((await res.json()) as { notReady: string[] }).notReady };
    },
    metric: async (name: string, labels: Record<string, string>) =>
      valueOf(parsePrometheusText(await (await get('/metrics')).text()), name, labels),
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'two Discord shards'), { timeout: 120_000 }, () => {
    it("run as two processes, each answering in its own guild, share a moderator update through the store, and show in the manager's /readyz and /metrics", async () => {
      expect([shardOf(HOME, 2), shardOf(OTHER, 2)]).toEqual([0, 1]);
      // Both shards may identify at once (max_concurrency 2), so the test does not wait out Discord's 5 s spacing.
      const fake = await startFakeDiscord({ shards: 2, maxConcurrency: 2, guilds: [HOME, OTHER] });
      onTestFinished(() => fake.close());
      const knowledge = copyKnowledge();
      onTestFinished(() => knowledge.remove());
      const database = await backend.fresh();
      onTestFinished(() => database.remove());
      const { logger, lines } = recordingLogger();
      const config = readConfig({
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_ROOT: fake.apiRoot,
        DISCORD_GUILD_ID: HOME,
        DISCORD_SHARDS: 'auto',
        // The shard processes log to this process's stderr: only what goes wrong.
        LOG_LEVEL: 'warn',
        KNOWLEDGE_DIR: knowledge.dir,
        ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : { DATA_DIR: database.options.dataDir }),
      });
      const running = await startFromConfig({ ...config, metricsPort: 0 }, { logger, now: () => TEST_NOW });
      onTestFinished(() => running.stop());

      // `auto`: the count the fake recommends on GET /gateway/bot; one process per shard, none of them this one.
      const shards = (running.adapters[0] as DiscordShards).running();
      expect(shards.map((s) => s.id).sort()).toEqual([0, 1]);
      const pids = shards.map((s) => s.process?.pid);
      expect(new Set([...pids, process.pid]).size).toBe(3);
      expect(fake.sessions().sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(lines.find((l) => l.event === 'shards_ready')?.fields).toMatchObject({ count: 2 });
      // The commands are registered once, by shard 0, not once per shard.
      expect(fake.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
        `/applications/${FAKE_DISCORD.appId}/guilds/${HOME}/commands`,
      ]);

      // Each guild's question reaches only its shard's connection: an answer in each shows each shard serving.
      expect(await askLength(fake, HOME)).toContain(LENGTH_2022);
      expect(await askLength(fake, OTHER)).toContain(LENGTH_2022);

      const retract = await useCommand(fake, {
        guild: HOME,
        name: 'retract',
        options: [
          { name: 'id', value: 'length-asiaplus-2022' },
          { name: 'reason', value: 'Superseded' },
        ],
        member: { permissions: MANAGE_SERVER },
      });
      expect(text(retract)).toContain('Accepted: Retracted length-asiaplus-2022: Superseded');
      // The other shard's process follows the store (within a second): its answers drop the retracted figure.
      await expect.poll(() => askLength(fake, OTHER), { timeout: 5_000, interval: 250 }).not.toContain(LENGTH_2022);

      // This process serves /readyz and /metrics for the shards: a 429 met by shard 1 is counted here.
      const ops = opsOf(lines);
      expect(await ops.readyz()).toEqual({ status: 200, notReady: [] });
      fake.rateLimitNext(/\/interactions\/\d+\/[^/]+\/callback$/);
      expect(await askLength(fake, OTHER)).not.toContain(LENGTH_2022);
      await expect.poll(() => ops.metric('border_bot_platform_429_total', { platform: 'discord' })).toBe(1);
      expect(await ops.metric('border_bot_questions_total', { platform: 'discord', outcome: 'answered' })).toBeGreaterThanOrEqual(4);

      // Shard 1's process dies: not ready until the process started in its place has connected (its IDENTIFY held).
      const identify = fake.holdNext('identify');
      shards.find((s) => s.id === 1)!.process!.kill('SIGKILL');
      await identify.requested;
      expect(await ops.readyz()).toEqual({ status: 503, notReady: ['discord'] });
      identify.release();
      await expect.poll(() => ops.readyz(), { timeout: 10_000 }).toEqual({ status: 200, notReady: [] });
      expect(await askLength(fake, OTHER)).not.toContain(LENGTH_2022);
    });
  });
}
