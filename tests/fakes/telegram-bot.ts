import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.js';
import { startFromConfig, type Running } from '../../src/main.js';
import { silentLogger } from '../../src/log.js';
import { TEST_NOW } from '../helpers/core.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { textMessage, type TestUser } from './telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from './telegram-server.js';

export const TELEGRAM_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface TelegramBot {
  fake: FakeTelegram;
  running: Running;
  /** The bot's own copy of the knowledge and its own data folder, removed by `stop`. */
  knowledgeDir: string;
  dataDir: string;
  /** Sends a text message and waits until the bot has dealt with it; returns what it sent to that chat. */
  send(from: TestUser, text: string): Promise<RecordedCall[]>;
  /** The audit log's entries, oldest first. */
  audit(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * The Telegram bot as `npm start` runs it, against a fake Bot API, with knowledge and data of its own:
 * what a test needs to stand alone. `env` adds settings (moderator ids, an announce chat…).
 */
export async function startTelegramBot(env: Record<string, string> = {}, prepare?: (dataDir: string) => void): Promise<TelegramBot> {
  const fake = await startFakeTelegram(TELEGRAM_TOKEN);
  const knowledge = copyKnowledge();
  const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  prepare?.(dataDir);
  const running = await startFromConfig(
    readConfig({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      KNOWLEDGE_DIR: knowledge.dir,
      DATA_DIR: dataDir,
      ...env,
    }),
    { logger: silentLogger, now: () => TEST_NOW },
  );
  return {
    fake,
    running,
    knowledgeDir: knowledge.dir,
    dataDir,
    async send(from, text) {
      const start = fake.calls.length;
      const id = fake.pushUpdate(textMessage(from, text));
      await fake.handled(id);
      return fake.calls.slice(start).filter((c) => c.method === 'sendMessage' && c.body.chat_id === from.id);
    },
    audit: () =>
      readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop() {
      await running.stop();
      await fake.close();
      knowledge.remove();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
