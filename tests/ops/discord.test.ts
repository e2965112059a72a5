import { describe, expect, it, onTestFinished } from 'vitest';
import { startWithMetrics, type HealthClient } from '../helpers/with-metrics.js';
import { useCommand } from '../fakes/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

/** Health and metrics in front of the Discord bot as npm start runs it with METRICS_PORT: readiness follows the gateway. */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
const GUILD = '300000000000000001';

async function startBot(): Promise<{ fake: FakeDiscord } & HealthClient> {
  const fake = await startFakeDiscord({ guilds: [GUILD] });
  onTestFinished(() => fake.close());
  return { fake, ...(await startWithMetrics({ DISCORD_TOKEN: TOKEN, DISCORD_API_ROOT: fake.apiRoot })) };
}

describe('readiness of the Discord bot', () => {
  it('goes false while the gateway connection is lost, and true again once it has resumed', async () => {
    const { fake, readyz } = await startBot();
    expect(await readyz()).toMatchObject({ status: 200, notReady: [] });

    // The fake holds its answer to the RESUME: the bot has lost its connection and is on its way back.
    const resume = fake.holdNext('resume');
    fake.drop();
    await resume.requested;
    expect(await readyz()).toMatchObject({ status: 503, notReady: ['discord'] });

    resume.release();
    await fake.resumesReached(1);
    await expect.poll(async () => (await readyz()).status).toBe(200);
    expect(fake.identified()).toBe(1);
  });

  it('stays false after Discord closes the session for good (4004, authentication failed)', async () => {
    const { fake, readyz } = await startBot();
    fake.drop(4004);
    await expect.poll(async () => (await readyz()).status).toBe(503);
    expect(await readyz()).toMatchObject({ notReady: ['discord'] });
    expect(fake.sessions()).toEqual([]);
  });
});

describe('the Discord 429 counter', () => {
  it('counts a 429 discord.js waited out by itself on /metrics, and the answer still arrives', async () => {
    const { fake, get } = await startBot();
    const count = async () =>
      valueOf(parsePrometheusText((await get('/metrics')).body), 'border_bot_platform_429_total', { platform: 'discord' });
    expect(await count()).toBe(0);
    fake.rateLimitNext(/\/interactions\/\d+\/[^/]+\/callback$/);
    const answer = await useCommand(fake, {
      guild: GUILD,
      name: 'ask',
      options: [{ name: 'question', value: 'How long is the border between Kyrgyzstan and Tajikistan?' }],
    });
    expect(JSON.stringify(answer.body)).toContain('970');
    expect(fake.calls.filter((c) => c.path.endsWith('/callback')).map((c) => c.status)).toEqual([429, 204]);
    expect(await count()).toBe(1);
  });
});
