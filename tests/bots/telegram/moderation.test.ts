import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedbackStore } from '../../../src/records/index.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';
import { startTelegramBot, type TelegramBot } from '../../fakes/telegram-bot.js';
import { newUser } from '../../fakes/telegram-fixtures.js';
import type { FakeTelegram, RecordedCall } from '../../fakes/telegram-server.js';

/**
 * Moderators on Telegram, as npm start runs the bot: updates, refusals, audit, subscriptions and announcements.
 * Each test has a bot, a fake Bot API, knowledge and data of its own.
 */

const ANNOUNCE = -100_999;
const moderator = newUser();
const stranger = newUser();
let bot: TelegramBot;
let fake: FakeTelegram;

const send = (from: ReturnType<typeof newUser>, text: string): Promise<RecordedCall[]> => bot.send(from, text);
const audit = () => bot.audit();
/** What a person sees of a message: its text after Telegram has parsed the HTML, which must be well-formed. */
function shown(call: RecordedCall | undefined): string {
  const check = checkTelegramHtml(String(call?.body.text));
  if (!check.ok) throw new Error(`${check.error}: ${String(call?.body.text)}`);
  return check.text;
}
const TREATY =
  '/add_source Presidents sign the border treaty | Test Agency | 2025-03-13 | https://example.org/t\nOn 13 March 2025 the presidents signed the border treaty in Bishkek.';

async function startBot(prepare?: (dataDir: string) => void): Promise<void> {
  bot = await startTelegramBot({ TELEGRAM_MODERATOR_IDS: String(moderator.id), TELEGRAM_ANNOUNCE_CHAT_ID: String(ANNOUNCE) }, prepare);
  fake = bot.fake;
}
afterEach(async () => {
  await bot?.stop();
});

describe('telegram moderation', () => {
  beforeEach(() => startBot());

  it('refuses a non-moderator clearly, changes nothing, and audits the attempt', async () => {
    const [reply] = await send(stranger, '/add_source Fake | Nobody | 2025-03-13\nThe border was abolished.');
    expect(reply?.body.text).toBe('Only moderators can change or review what I know.');
    expect(audit().at(-1)).toMatchObject({
      actor: { platform: 'telegram', userId: String(stranger.id) },
      action: 'add-source',
      outcome: 'refused',
      reason: 'not-a-moderator',
    });
    const [answer] = await send(stranger, 'Was the border abolished?');
    expect(String(answer?.body.text)).not.toContain('Nobody');
  });

  it('lets a subscriber and the announce chat hear of an accepted source, which the next question cites', async () => {
    const subscriber = newUser();
    const [subscribed] = await send(subscriber, '/subscribe');
    expect(subscribed?.body.text).toBe('Subscribed: I will send you each update to what I know.');
    // A 429 in the middle of the broadcast delays it; every chat still gets the announcement exactly once.
    fake.failNext('sendMessage', 1, { status: 429, retryAfter: 0 }, (body) => String(body.text).startsWith('📢'));
    const from = fake.calls.length;
    const [accepted] = await send(
      moderator,
      '/add_source Presidents sign the border treaty | Test Agency | 2025-03-13 | https://example.org/t\nOn 13 March 2025 the presidents signed the border treaty in Bishkek.',
    );
    expect(String(accepted?.body.text)).toMatch(
      /^Accepted: New source: “Presidents sign the border treaty” \(Test Agency, 2025-03-13\) https:\/\/example\.org\/t \(update u/,
    );
    const announced = (chat: number) =>
      fake.waitForCall(
        (c) => c.method === 'sendMessage' && c.body.chat_id === chat && c.status === 200 && String(c.body.text).startsWith('📢'),
        { from },
      );
    await Promise.all([announced(ANNOUNCE), announced(subscriber.id)]);
    const delivered = fake.calls.slice(from).filter((c) => c.status === 200 && String(c.body.text).startsWith('📢'));
    expect(delivered.map((c) => c.body.chat_id).sort()).toEqual([ANNOUNCE, subscriber.id].sort());
    expect(fake.calls.slice(from).filter((c) => c.status === 429)).toHaveLength(1);
    const [answer] = await send(stranger, 'Where was the border treaty signed?');
    expect(String(answer?.body.text)).toContain('Test Agency');
    expect(audit().at(-1)).toMatchObject({ action: 'add-source', outcome: 'accepted', update: expect.stringMatching(/^u/) });
  });

  it('takes a source as a .txt document from a moderator, and refuses one from anyone else', async () => {
    const document = (from: ReturnType<typeof newUser>, name: string) => {
      const file_id = fake.addFile('On 1 April 2025 a new checkpoint at Sarvan opened for trucks.\n', name);
      return {
        message: {
          message_id: Math.floor(Math.random() * 1e6),
          date: 0,
          chat: { id: from.id, type: 'private' as const, first_name: 'Tester' },
          from,
          document: { file_id, file_unique_id: `u${file_id}`, file_name: name, file_size: 60 },
          caption: '/add_source Sarvan checkpoint opens | Test Agency | 2025-04-01 | https://example.org/r',
          caption_entities: [{ type: 'bot_command' as const, offset: 0, length: 11 }],
        },
      };
    };
    let start = fake.calls.length;
    await fake.handled(fake.pushUpdate(document(stranger, 'r.txt') as never));
    expect(fake.calls.slice(start).find((c) => c.method === 'sendMessage')?.body.text).toBe(
      'Only moderators can change or review what I know.',
    );
    start = fake.calls.length;
    await fake.handled(fake.pushUpdate(document(moderator, 'r.md') as never));
    expect(String(fake.calls.slice(start).find((c) => c.method === 'sendMessage' && c.body.chat_id === moderator.id)?.body.text)).toMatch(
      /^Accepted: New source: “Sarvan checkpoint opens”/,
    );
    const [answer] = await send(newUser(), 'Which checkpoint opened for trucks?');
    expect(String(answer?.body.text)).toContain('On 1 April 2025 a new checkpoint at Sarvan opened for trucks.');
  });

  it('broadcasts to many subscribers within the limits: a 429 in the middle delays, and each gets it exactly once', async () => {
    const subscribers = Array.from({ length: 25 }, () => newUser());
    for (const s of subscribers) await send(s, '/subscribe');
    const middle = subscribers[12]!.id;
    // More 429s in a row than an ordinary reply would wait out: an announcement waits them all out.
    fake.failNext(
      'sendMessage',
      5,
      { status: 429, retryAfter: 0 },
      (body) => body.chat_id === middle && String(body.text).startsWith('📢'),
    );
    const from = fake.calls.length;
    const fact = {
      id: 'meetings-2025',
      kind: 'figure',
      topic: 'talks-meetings',
      value: 170,
      unit: 'meetings',
      sourceId: 'asiaplus-2022-11-tashiyev-talks',
      quote: 'more than 170 meetings and negotiations',
      short: { en: 'more than 170', ru: 'более 170' },
      text: { en: 'More than 170 meetings were held.', ru: 'Проведено более 170 встреч.' },
    };
    const [accepted] = await send(moderator, `/add_fact ${JSON.stringify(fact)}`);
    expect(String(accepted?.body.text)).toMatch(/^Accepted: New fact: More than 170 meetings were held\./);
    const all = [ANNOUNCE, ...subscribers.map((s) => s.id)];
    for (const chat of all)
      await fake.waitForCall((c) => c.body.chat_id === chat && c.status === 200 && String(c.body.text).startsWith('📢 New fact'), {
        from,
        timeoutMs: 10_000,
      });
    const delivered = fake.calls.slice(from).filter((c) => c.status === 200 && String(c.body.text).startsWith('📢 New fact'));
    const perChat = new Map<unknown, number>();
    for (const c of delivered) perChat.set(c.body.chat_id, (perChat.get(c.body.chat_id) ?? 0) + 1);
    for (const chat of all) expect(perChat.get(chat), `chat ${chat}`).toBe(1);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(
      fake.calls
        .slice(from)
        .filter((c) => c.status === 429)
        .map((c) => c.body.chat_id),
    ).toEqual([middle, middle, middle, middle, middle]);
    // About 30 a second at most: 26 messages take at least three quarters of a second.
    const times = delivered.map((c) => c.at!);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(25 * 30);
  }, 20_000);

  it('refuses a fact whose quote is not in its source, saying why', async () => {
    const fact = {
      kind: 'figure',
      topic: 'border-length',
      sourceId: 'asiaplus-2022-11-tashiyev-talks',
      quote: 'about 2,000 kilometers',
      text: { en: 'x', ru: 'y' },
    };
    const [reply] = await send(moderator, `/add_fact ${JSON.stringify(fact)}`);
    expect(reply?.body.text).toBe('Refused: quote not found in source "asiaplus-2022-11-tashiyev-talks": "about 2,000 kilometers"');
  });

  it('puts 👍 and 👎 under an answer; a vote is recorded and thanked, and the lowest-rated show in /gaps', async () => {
    const voter = newUser();
    const [answer] = await send(voter, 'What is Vorukh?');
    const keyboard = (answer?.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> })
      .inline_keyboard;
    const [up, down] = keyboard.at(-1)!;
    expect([up?.text, down?.text]).toEqual(['👍', '👎']);
    const from = fake.calls.length;
    const id = fake.pushUpdate({
      callback_query: {
        id: 'cb1',
        from: voter,
        chat_instance: 'ci',
        data: down!.callback_data!,
        message: { message_id: 1, date: 0, chat: { id: voter.id, type: 'private', first_name: 'Tester' } } as never,
      },
    });
    await fake.handled(id);
    expect(fake.calls.slice(from).find((c) => c.method === 'answerCallbackQuery')?.body).toMatchObject({
      callback_query_id: 'cb1',
      text: 'Thank you: moderators see which answers need work.',
    });
    const [gaps] = await send(moderator, '/gaps');
    expect(String(gaps?.body.text)).toContain('+0 −1 What is Vorukh?');
    const line = readFileSync(join(bot.dataDir, 'feedback.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((r) => r.type === 'vote');
    expect(line).toMatchObject({ type: 'vote', question: 'What is Vorukh?', vote: -1, user: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('lists updates, shows one, retracts it with a reason, and shows the gaps', async () => {
    const [accepted] = await send(moderator, TREATY);
    expect(shown(accepted)).toMatch(/^Accepted: New source: “Presidents sign the border treaty”/);
    const [list] = await send(moderator, '/updates');
    const line = shown(list)
      .split('\n')
      .find((l) => l.includes('Presidents sign the border treaty'));
    expect(line).toMatch(/^u[0-9a-z]+-[0-9a-f]{12} · \d{4}-\d\d-\d\dT\d\d:\d\d · New source: /);
    const id = line!.split(' · ')[0]!;
    const [one] = await send(moderator, `/update ${id}`);
    expect(shown(one)).toContain(`"id": "${id}"`);
    expect(shown(one)).toContain('"kind": "add-source"');
    const [retracted] = await send(moderator, `/retract ${id} Withdrawn by the agency`);
    expect(shown(retracted)).toMatch(
      /^Accepted: Retracted test-agency-2025-03-13-presidents-sign-the-border-treaty: Withdrawn by the agency \(update u/,
    );
    const [answer] = await send(stranger, 'Where was the border treaty signed?');
    expect(shown(answer)).not.toContain('Test Agency');
    expect(shown((await send(moderator, '/updates'))[0])).toContain(`${id} · `);
    await send(stranger, 'What is the capital of France?');
    const [gaps] = await send(moderator, '/gaps');
    expect(shown(gaps)).toContain('1 × What is the capital of France?');
    const [unsub] = await send(stranger, '/unsubscribe');
    expect(unsub?.body.text).toBe('You were not subscribed.');
    expect(audit().map((a) => [a.action, a.outcome])).toEqual([
      ['add-source', 'accepted'],
      ['list', 'accepted'],
      ['show', 'accepted'],
      ['retract', 'accepted'],
      ['list', 'accepted'],
      ['gaps', 'accepted'],
    ]);
  });

  it("words refusals in the moderator's language: Russian for a Russian app", async () => {
    const russianStranger = newUser('ru');
    const [refused] = await send(russianStranger, '/gaps');
    expect(shown(refused)).toBe('Изменять и просматривать то, что я знаю, могут только модераторы.');
    const russianModerator = { ...newUser('ru'), id: moderator.id };
    const [badFact] = await send(russianModerator, '/add_fact not json');
    expect(shown(badFact)).toBe('Отклонено: отправьте факт в виде JSON с полями файла фактов.');
    expect(audit().map((a) => [a.action, a.outcome, a.reason])).toEqual([
      ['gaps', 'refused', 'not-a-moderator'],
      ['add-fact', 'refused', 'bad-input'],
    ]);
  });

  it('shows a record full of characters that must be escaped as well-formed HTML, whole, never cut inside an entity', async () => {
    const text = 'R&D <costs> & "A&B" '.repeat(200);
    const [accepted] = await send(moderator, `/add_source Q&A <border> | A&B Press | 2025-03-13\n${text}`);
    expect(shown(accepted)).toMatch(/^Accepted: New source: “Q&A <border>”/);
    const id = /\(update (u[^)]+)\)/.exec(shown(accepted))![1]!;
    const parts = await send(moderator, `/update ${id}`);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.map((p) => p.status)).toEqual(parts.map(() => 200));
    for (const p of parts) expect(String(p.body.text).length).toBeLessThanOrEqual(4096);
    const all = parts.map(shown).join('\n');
    expect(all).toContain('"publisher": "A&B Press"');
    // The record's last field: the whole record is shown, not a first slice of it.
    expect(all).toContain('"retractedBy": null');
  });

  it('tells the moderators when a hand edit of the knowledge files is refused, naming file and line', async () => {
    const from = fake.calls.length;
    const file = join(bot.knowledgeDir, 'facts', 'broken.json');
    writeFileSync(file, '[\n  { "id": "x", "kind": "figure"\n]\n');
    const told = await fake.waitForCall((c) => c.body.chat_id === moderator.id && String(c.body.text).startsWith('⚠️'), {
      from,
      timeoutMs: 10_000,
    });
    expect(String(told.body.text)).toContain(`${file}:3: malformed JSON`);
    rmSync(file);
    const [answer] = await send(newUser(), 'How long is the border?');
    expect(String(answer?.body.text)).toContain('970');
  });
});

describe('telegram moderation, long listings', () => {
  it('splits /gaps with long recorded questions into messages Telegram accepts, each under 4,096 characters', async () => {
    const questions = Array.from(
      { length: 10 },
      (_, i) => `Question ${i}: ${'why is the border where it is & not <elsewhere>? '.repeat(20)}`,
    );
    await startBot((dataDir) => {
      const feedback = createFeedbackStore(join(dataDir, 'feedback.jsonl'));
      for (const q of questions) feedback.unanswered(q, 'someone');
    });
    const parts = await send(moderator, '/gaps');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.status)).toEqual(parts.map(() => 200));
    for (const p of parts) expect(String(p.body.text).length).toBeLessThanOrEqual(4096);
    const all = parts.map(shown).join('\n');
    expect(all).toMatch(/^Most asked without an answer:\n1 × Question \d: why is the border/);
    for (const i of questions.keys()) expect(all).toContain(`1 × Question ${i}: `);
  });
});
