import { describe, expect, it, onTestFinished } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig } from '../../../src/main.js';
import type { DiscordShards } from '../../../src/bots/discord/shards.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { recordingLogger } from '../../fakes/telegram-fixtures.js';
import { backends, titleOf } from '../../store/backends.js';
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

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'two Discord shards'), { timeout: 120_000 }, () => {
    it('run as two processes, each answering in its own guild, and share a moderator update through the store', async () => {
      expect([shardOf(HOME, 2), shardOf(OTHER, 2)]).toEqual([0, 1]);
      // Both shards may identify at once (max_concurrency 2), so the test does not wait out Discord's 5 s spacing.
      const fake = await startFakeDiscord({ shards: 2, maxConcurrency: 2, guilds: [HOME, OTHER] });
      onTestFinished(() => fake.close());
      const knowledge = copyKnowledge();
      onTestFinished(() => knowledge.remove());
      const database = await backend.fresh();
      onTestFinished(() => database.remove());
      const { logger, lines } = recordingLogger();
      const running = await startFromConfig(
        readConfig({
          DISCORD_TOKEN: TOKEN,
          DISCORD_API_ROOT: fake.apiRoot,
          DISCORD_GUILD_ID: HOME,
          DISCORD_SHARDS: 'auto',
          // The shard processes log to this process's stderr: only what goes wrong.
          LOG_LEVEL: 'warn',
          KNOWLEDGE_DIR: knowledge.dir,
          ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : { DATA_DIR: database.options.dataDir }),
        }),
        { logger, now: () => TEST_NOW },
      );
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
    });
  });
}
