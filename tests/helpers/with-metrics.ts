import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { readConfig } from '../../src/config.js';
import { startFromConfig } from '../../src/main.js';
import { recordingLogger, type LogLine } from '../fakes/telegram-fixtures.js';
import { TEST_NOW } from './core.js';

export interface HealthClient {
  get(path: string): Promise<{ status: number; body: string }>;
  /** /readyz, its status and the parts not ready. */
  readyz(): Promise<{ status: number; notReady: string[] }>;
  lines: LogLine[];
}

/**
 * The bot as npm start runs it with METRICS_PORT (a free port), on these settings and a data folder of its own,
 * stopped when the test ends; and a client of its health server, found from the port it logged.
 */
export async function startWithMetrics(env: Record<string, string>): Promise<HealthClient> {
  const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  const { logger, lines } = recordingLogger();
  const config = readConfig({ KNOWLEDGE_DIR: 'knowledge', DATA_DIR: dataDir, ...env });
  const running = await startFromConfig({ ...config, metricsPort: 0 }, { logger, now: () => TEST_NOW });
  onTestFinished(() => running.stop());
  const port = lines.find((l) => l.event === 'health_server_listening')?.fields.port;
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${String(port)}${path}`);
    return { status: res.status, body: await res.text() };
  };
  const readyz = async () => {
    const { status, body } = await get('/readyz');
    return { status, notReady: (JSON.parse(body) as { notReady: string[] }).notReady };
  };
  return { get, readyz, lines };
}
