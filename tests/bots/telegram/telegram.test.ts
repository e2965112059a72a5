import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig, type Running } from '../../../src/main.js';
import { TEST_NOW } from '../../helpers/core.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { GROUP, inlineQuery, newUser, recordingLogger, textMessage, type LogLine, type TestUser } from '../../fakes/telegram-fixtures.js';
import { FAKE_BOT, startFakeTelegram, type Body, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';

/** The Telegram bot as `npm start` runs it (config, core, adapter), against a fake Bot API server. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BORDER_EN = 'How long is the border between Kyrgyzstan and Tajikistan?';
const BORDER_RU = 'Какова протяжённость кыргызско-таджикской границы?';

let fake: FakeTelegram;
let dataDir: string;
let running: Running;
let lines: LogLine[];

// Each test has a bot, a fake Bot API and a data folder of its own: it passes alone and in any order.
beforeEach(async () => {
  fake = await startFakeTelegram(TOKEN);
  // What the bot records as it runs goes to a throw-away folder, never the repository's.
  dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  const log = recordingLogger();
  lines = log.lines;
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

describe('telegram bot started by startFromConfig', () => {
  it('starts polling and registers its commands in English (default) and Russian', async () => {
    // start() resolves as telegraf sends its first getUpdates; the request may still be on its way.
    await fake.waitForCall((c) => c.method === 'getUpdates');
    expect(fake.calls.map((c) => c.method).slice(0, 5)).toEqual(['getMe', 'setMyCommands', 'setMyCommands', 'deleteWebhook', 'getUpdates']);
    const [en, ru] = fake.calls.filter((c) => c.method === 'setMyCommands');
    const names = (c: RecordedCall | undefined) => (c?.body.commands as Array<{ command: string }>).map((x) => x.command).sort();
    expect(names(en)).toEqual(['about', 'ask', 'help', 'sources', 'start', 'subscribe', 'unsubscribe']);
    expect(en!.body.language_code).toBeUndefined();
    expect(names(ru)).toEqual(['about', 'ask', 'help', 'sources', 'start', 'subscribe', 'unsubscribe']);
    expect(ru!.body).toMatchObject({
      language_code: 'ru',
      commands: expect.arrayContaining([{ command: 'ask', description: 'Вопрос о кыргызско-таджикской границе' }]),
    });
    expect(running.adapters.map((a) => a.platform)).toEqual(['telegram']);
  });

  it('answers a private question with the figure and its citation, as an HTML reply without link previews', async () => {
    const update = textMessage(newUser(), BORDER_EN);
    const [reply, ...rest] = await exchange(update);
    expect(rest).toEqual([]);
    expect(reply!.body).toMatchObject({
      chat_id: update.message.chat.id,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_parameters: { message_id: update.message.message_id },
    });
    const text = shown(reply!);
    expect(text).toContain('970');
    expect(text).toMatch(/\[\d\] Asia-Plus · /);
    expect(reply!.body.text).toMatch(/<blockquote>[^<]*970 kilomet[^<]*<\/blockquote>/);
  });

  it('answers a Russian question in Russian, with its citation', async () => {
    const [reply] = await ask(newUser('ru'), BORDER_RU);
    const text = shown(reply!);
    expect(text).toMatch(/[а-яё]{4,}/i);
    expect(text).toContain('970');
    expect(text).toMatch(/\[\d\] Asia-Plus · /);
  });

  it('welcomes in Russian for a Russian app and in English otherwise; /help, /sources and /about answer', async () => {
    expect(shown((await ask(newUser('ru'), '/start'))[0]!)).toMatch(
      /^Здравствуйте! Я отвечаю на вопросы о кыргызско-таджикском пограничном споре/,
    );
    expect(shown((await ask(newUser('en-GB'), '/start'))[0]!)).toMatch(
      /^Hello! I answer questions about the Kyrgyzstan–Tajikistan border dispute/,
    );
    const user = newUser();
    expect(shown((await ask(user, '/help'))[0]!)).toContain('For example:\n• ');
    const sources = shown((await ask(user, '/sources'))[0]!);
    expect(sources).toMatch(/^The \d+ sources I quote, newest first:/);
    expect(sources).toContain('— Asia-Plus, 6 February 2017');
    expect(shown((await ask(user, '/about'))[0]!)).toContain('Every answer quotes its sources word for word');
  });

  it('in a group ignores chatter and /ask@otherbot, and answers /ask, /ask@thisbot, a mention and a reply to it', async () => {
    const user = newUser();
    const inGroup = (text: string, replyTo?: Sent) =>
      exchange(
        textMessage(user, text, {
          chat: GROUP,
          ...(replyTo
            ? { replyTo: { message_id: (replyTo.result as { message_id: number }).message_id, from: FAKE_BOT, text: replyTo.body.text } }
            : {}),
        }),
      );
    expect(await inGroup('Anyone for lunch? The border is long.')).toEqual([]);
    expect(await inGroup(`/ask@other_bot ${BORDER_EN}`)).toEqual([]);
    const viaCommand = await inGroup(`/ask@${FAKE_BOT.username} ${BORDER_EN}`);
    expect(shown(viaCommand[0]!)).toContain('970');
    expect(shown((await inGroup(`/ask ${BORDER_EN}`))[0]!)).toContain('970');
    expect(shown((await inGroup(`@${FAKE_BOT.username} ${BORDER_EN}`))[0]!)).toContain('970');
    expect(shown((await inGroup(BORDER_EN, viaCommand[0]!))[0]!)).toContain('970');
    // A reply to someone else's message is chatter.
    expect(
      await exchange(
        textMessage(user, BORDER_EN, {
          chat: GROUP,
          replyTo: { message_id: 1, from: { id: 5, is_bot: false, first_name: 'Ann' }, text: 'hi' },
        }),
      ),
    ).toEqual([]);
  });

  it('offers at most three inline results, each an HTML answer with its citation', async () => {
    const id = fake.pushUpdate(inlineQuery(newUser(), BORDER_EN));
    await fake.handled(id);
    const call = fake.calls.filter((c) => c.method === 'answerInlineQuery').at(-1);
    expect(call?.status).toBe(200);
    const results = call!.body.results as Array<{
      type: string;
      title: string;
      input_message_content: { message_text: string; parse_mode: string };
    }>;
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.length).toBeLessThanOrEqual(3);
    results.forEach((r, i) => {
      expect(r.type).toBe('article');
      expect(r.input_message_content.parse_mode).toBe('HTML');
      const check = checkTelegramHtml(r.input_message_content.message_text);
      expect(check.ok && check.text).toContain(`[${i + 1}] `);
      expect(r.input_message_content.message_text).toContain('<blockquote>');
    });
    expect(checkTelegramHtml(results[0]!.input_message_content.message_text)).toMatchObject({ text: expect.stringContaining('970') });
  });

  it('offers answers to three example questions for an empty inline query', async () => {
    const id = fake.pushUpdate(inlineQuery(newUser('ru'), ''));
    await fake.handled(id);
    const results = fake.calls.filter((c) => c.method === 'answerInlineQuery').at(-1)!.body.results as Array<{
      title: string;
      input_message_content: { message_text: string };
    }>;
    expect(results).toHaveLength(3);
    const texts = results.map((r) => checkTelegramHtml(r.input_message_content.message_text));
    for (const t of texts) expect(t.ok && t.text).toMatch(/\[1\] /);
    expect(texts[0]).toMatchObject({ text: expect.stringContaining('970') });
  });

  it('asks for a question after a bare /ask or mention, and points an unknown command to /help', async () => {
    const user = newUser();
    expect(shown((await ask(user, '/ask'))[0]!)).toMatch(/^What would you like to know\?/);
    expect(shown((await exchange(textMessage(user, `@${FAKE_BOT.username}`, { chat: GROUP })))[0]!)).toMatch(
      /^What would you like to know\?/,
    );
    expect(shown((await ask(user, '/weather'))[0]!)).toBe('I do not know that command. Try /help.');
  });

  it('gives hostile input a valid reply within 4,096 characters', async () => {
    const hostile = [
      '<b>bold</b> </a> & &amp; @everyone',
      '\u200b\u200f\u202e How long is the border?\u2066',
      'x'.repeat(10_000),
      `${'<i>'.repeat(2000)}border`,
    ];
    for (const text of hostile) {
      const replies = await ask(newUser(), text);
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) {
        expect(r.status).toBe(200);
        expect(r.body.text.length).toBeLessThanOrEqual(4096);
        shown(r);
      }
    }
  });

  it('limits each user to five questions in 30 s: the sixth gets a polite note, the seventh nothing, others are still served', async () => {
    const user = newUser();
    for (let i = 0; i < 5; i++) expect(shown((await ask(user, BORDER_EN))[0]!)).toContain('970');
    const sixth = await ask(user, BORDER_EN);
    expect(sixth).toHaveLength(1);
    expect(shown(sixth[0]!)).toMatch(/^You are asking faster than I can answer\. Please wait \d+ s and ask again\.$/);
    expect(await ask(user, BORDER_EN)).toEqual([]);
    expect(shown((await ask(newUser(), BORDER_EN))[0]!)).toContain('970');
    const ru = newUser('ru');
    for (let i = 0; i < 5; i++) await ask(ru, BORDER_RU);
    expect(shown((await ask(ru, BORDER_RU))[0]!)).toMatch(/^Вы задаёте вопросы быстрее, чем я успеваю отвечать/);
  });

  it('does not count /start, /help, /sources and /about against the question limit', async () => {
    const user = newUser();
    for (const command of ['/start', '/help', '/sources', '/about']) expect(await ask(user, command)).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect(shown((await ask(user, BORDER_EN))[0]!)).toContain('970');
    expect(shown((await ask(user, BORDER_EN))[0]!)).toMatch(/^You are asking faster than I can answer/);
  });

  it('logs through the logger with platform, event, latency and hashed user, never the token', async () => {
    const user = newUser();
    for (let i = 0; i < 6; i++) await ask(user, BORDER_EN);
    const answers = lines.filter((l) => l.event === 'telegram_answer');
    expect(answers).toHaveLength(5);
    for (const l of answers)
      expect(l.fields).toMatchObject({
        platform: 'telegram',
        user: expect.stringMatching(/^[0-9a-f]{16}$/),
        latencyMs: expect.any(Number),
      });
    expect(lines.filter((l) => l.event === 'telegram_rate_limited')).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });
});
