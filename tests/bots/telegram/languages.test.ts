import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig, type Running } from '../../../src/main.js';
import { TEST_NOW } from '../../helpers/core.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { GROUP, newUser, recordingLogger, textMessage, type TestUser } from '../../fakes/telegram-fixtures.js';
import { FAKE_BOT, startFakeTelegram, type Body, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';
import { KY_TG_TEXTS } from '../../../src/core/languages/index.js';

/** Kyrgyz and Tajik on Telegram: the app's language sets the bot's wording, the question's language the answer's. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BORDER_KY = 'Кыргыз-тажик чек арасынын узундугу канча?';
const VORUKH_TG = 'Ворух дар куҷо ҷойгир аст?';

let fake: FakeTelegram;
let dataDir: string;
let running: Running;

// Each test has a bot, a fake Bot API and a data folder of its own: it passes alone and in any order.
beforeEach(async () => {
  fake = await startFakeTelegram(TOKEN);
  // What the bot records as it runs goes to a throw-away folder, never the repository's.
  dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  const log = recordingLogger();
  running = await startFromConfig(
    readConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, KNOWLEDGE_DIR: 'knowledge', DATA_DIR: dataDir }),
    { logger: log.logger, now: () => TEST_NOW },
  );
});

afterEach(async () => {
  await running?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Sent = RecordedCall & { body: Body & { text: string } };

/** Sends a message and waits until the bot has dealt with it; returns the messages sent in reply (parts after the first included). */
async function exchange(update: ReturnType<typeof textMessage>): Promise<Sent[]> {
  const from = fake.calls.length;
  const id = fake.pushUpdate(update);
  await fake.handled(id);
  const chatId = update.message.chat.id;
  return fake.calls.filter((c, i) => i >= from && c.method === 'sendMessage' && c.body.chat_id === chatId) as Sent[];
}

/** What a person sees: the message text after Telegram has parsed its HTML (which must be well-formed). */
function shown(sent: Sent): string {
  const check = checkTelegramHtml(sent.body.text);
  if (!check.ok) throw new Error(`${check.error}: ${sent.body.text}`);
  return check.text;
}

const ask = (user: TestUser, text: string) => exchange(textMessage(user, text));

describe('telegram bot in Kyrgyz and Tajik', () => {
  it('greets in Kyrgyz for an app set to Kyrgyz and in Tajik for one set to Tajik', async () => {
    expect(shown((await ask(newUser('ky'), '/start'))[0]!)).toMatch(/^Саламатсызбы! Мен Кыргызстан менен Тажикстандын/);
    expect(shown((await ask(newUser('tg'), '/start'))[0]!)).toMatch(/^Салом! Ман ба саволҳо/);
  });

  it('words subscriptions in the app language, Kyrgyz and Tajik included', async () => {
    expect(shown((await ask(newUser('ky'), '/subscribe'))[0]!)).toMatch(/^Жазылдыңыз:/);
    expect(shown((await ask(newUser('tg'), '/subscribe'))[0]!)).toMatch(/^Обуна шудед:/);
  });

  it('answers a Kyrgyz question in a group in Kyrgyz, or in Russian after a Kyrgyz line saying so', async () => {
    const user = newUser('ru');
    const [reply] = await exchange(textMessage(user, `/ask@${FAKE_BOT.username} ${BORDER_KY}`, { chat: GROUP }));
    const text = shown(reply!);
    expect(text).toMatch(/970|1000|1 000/);
    expect(text).toMatch(/\[\d\] Asia-Plus · |\[\d\] Eurasianet · /);
    expect(text).not.toContain('У меня нет источника');
    // The Kyrgyz wording, or the Russian one introduced by the Kyrgyz note: never Russian without a word of Kyrgyz.
    if (text.includes(KY_TG_TEXTS.ky.answeredInRussian)) expect(text.indexOf(KY_TG_TEXTS.ky.answeredInRussian)).toBe(0);
    else expect(text).toMatch(/[өүң]|Маалыматтын датасы/);
  });

  it('answers a Tajik question in Tajik where the knowledge has the words', async () => {
    const [reply] = await ask(newUser('en'), VORUKH_TG);
    const text = shown(reply!);
    expect(text).not.toContain(KY_TG_TEXTS.tg.answeredInRussian);
    expect(text).toMatch(/[ӣқҳҷӯғ]/);
    expect(text).toMatch(/\[\d\] /);
  });

  it('tells a Kyrgyz user in Kyrgyz when it has no source', async () => {
    const [reply] = await ask(newUser('ky'), 'Франциянын борбор шаары кайсы?');
    expect(shown(reply!)).toContain(KY_TG_TEXTS.ky.messages.noSource);
  });
});
