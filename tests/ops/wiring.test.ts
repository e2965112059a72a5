import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { startFromConfig } from '../../src/main.js';
import { TEST_NOW } from '../helpers/core.js';
import { newUser, recordingLogger, textMessage } from '../fakes/telegram-fixtures.js';
import { startFakeTelegram } from '../fakes/telegram-server.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

/** The health and metrics server as `npm start` runs it with METRICS_PORT set, in front of the Telegram bot. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('METRICS_PORT', () => {
  it('is off unless set, and a port from 1 to 65535 when set', () => {
    expect(readConfig({}).metricsPort).toBeNull();
    expect(readConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    for (const bad of ['0', '65536', 'metrics', '-1']) {
      expect(() => readConfig({ METRICS_PORT: bad })).toThrow(
        new ConfigError('METRICS_PORT', `must be a port number from 1 to 65535 (got "${bad}")`),
      );
    }
  });
});

describe('health and metrics of the bot npm start runs', () => {
  it('is not ready until Telegram is connected, then ready, and counts the questions it answers', async () => {
    const fake = await startFakeTelegram(TOKEN);
    onTestFinished(() => fake.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const { logger, lines } = recordingLogger();
    const config = readConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, KNOWLEDGE_DIR: 'knowledge', DATA_DIR: dataDir });

    // Telegram is slow to answer getMe: the bot is starting, its knowledge loaded, its platform not yet connected.
    const release = fake.holdNext('getMe');
    const starting = startFromConfig({ ...config, metricsPort: 0 }, { logger, now: () => TEST_NOW });
    onTestFinished(async () => (await starting).stop());
    await fake.waitForCall((c) => c.method === 'getMe');
    const port = lines.find((l) => l.event === 'health_server_listening')?.fields.port;
    expect(port).toEqual(expect.any(Number));
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, body: await res.text() };
    };

    const connecting = await get('/readyz');
    expect([connecting.status, JSON.parse(connecting.body)]).toEqual([
      503,
      { ready: false, parts: { knowledge: true, telegram: false }, notReady: ['telegram'] },
    ]);
    expect((await get('/healthz')).status).toBe(200);
    release();
    await starting;
    expect((await get('/readyz')).status).toBe(200);

    await fake.handled(fake.pushUpdate(textMessage(newUser(), 'How long is the border between Kyrgyzstan and Tajikistan?')));
    expect(fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 200)).toHaveLength(1);
    const metrics = parsePrometheusText((await get('/metrics')).body);
    const questions = (outcome: string) => valueOf(metrics, 'border_bot_questions_total', { platform: 'telegram', outcome });
    expect([questions('answered'), questions('no_source'), questions('rate_limited')]).toEqual([1, 0, 0]);
    expect(valueOf(metrics, 'border_bot_answer_duration_seconds_count', { platform: 'telegram' })).toBe(1);
  });

  it('stops serving health and metrics when the bot stops', async () => {
    const fake = await startFakeTelegram(TOKEN);
    onTestFinished(() => fake.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const { logger, lines } = recordingLogger();
    const config = readConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, KNOWLEDGE_DIR: 'knowledge', DATA_DIR: dataDir });
    const running = await startFromConfig({ ...config, metricsPort: 0 }, { logger, now: () => TEST_NOW });
    const port = lines.find((l) => l.event === 'health_server_listening')?.fields.port;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await running.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
