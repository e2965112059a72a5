import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/bots/shared/adapter.js';
import { FOLLOW_UP_WINDOW_MS } from '../../../src/bots/shared/follow-ups.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import { createTelegramAdapter } from '../../../src/bots/telegram/adapter.js';
import type { AskOptions, Core } from '../../../src/core/index.js';
import { bundledCore } from '../../helpers/core.js';
import { GROUP, newUser, recordingLogger, textMessage, type TestUser } from '../../fakes/telegram-fixtures.js';
import { FAKE_BOT, startFakeTelegram, type FakeTelegram, type RecordedCall } from '../../fakes/telegram-server.js';

/** Follow-ups on Telegram: the previous question reaches the core for a reply to an answer, and in a private chat soon after. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const FIRST = 'How long is the border between Kyrgyzstan and Tajikistan?';
const FOLLOW_UP = 'and in 2020?';

let fake: FakeTelegram;
let adapter: Adapter;
let asked: Array<{ question: string; options: AskOptions | undefined }>;
let clock: number;

beforeEach(async () => {
  fake = await startFakeTelegram(TOKEN);
  const real = await bundledCore();
  asked = [];
  clock = Date.parse('2026-11-24T12:00:00Z');
  // The real core, recording what each question was asked with.
  const core: Core = {
    ...real,
    ask: (question, options) => {
      asked.push({ question, options });
      return real.ask(question, options);
    },
  };
  adapter = createTelegramAdapter({
    core,
    token: TOKEN,
    apiRoot: fake.url,
    rateLimiter: createRateLimiter(100, 30_000),
    logger: recordingLogger().logger,
    userHashSalt: '',
    now: () => clock,
  });
  await adapter.start();
});
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
});

async function exchange(update: ReturnType<typeof textMessage>): Promise<RecordedCall[]> {
  const id = fake.pushUpdate(update);
  await fake.handled(id);
  return fake.calls.filter((c) => c.method === 'sendMessage' && c.body.reply_parameters?.message_id === update.message.message_id);
}
const contextOf = (question: string) => asked.find((a) => a.question === question)?.options?.context;
const replyTo = (answer: RecordedCall) => ({
  message_id: (answer.result as { message_id: number }).message_id,
  from: FAKE_BOT,
  text: String(answer.body.text),
});

describe('telegram follow-ups', () => {
  it('in a private chat, gives the core the previous question for a message within five minutes', async () => {
    const user: TestUser = newUser();
    await exchange(textMessage(user, FIRST));
    clock += FOLLOW_UP_WINDOW_MS - 1_000;
    const [reply] = await exchange(textMessage(user, FOLLOW_UP));
    expect(reply?.status).toBe(200);
    expect(contextOf(FIRST)).toBeUndefined();
    expect(contextOf(FOLLOW_UP)).toEqual({ previousQuestion: FIRST });
  });

  it('in a private chat, reads a message more than five minutes later on its own', async () => {
    const user = newUser();
    await exchange(textMessage(user, FIRST));
    clock += FOLLOW_UP_WINDOW_MS + 1_000;
    await exchange(textMessage(user, FOLLOW_UP));
    expect(asked.map((a) => a.question)).toEqual([FIRST, FOLLOW_UP]);
    expect(contextOf(FOLLOW_UP)).toBeUndefined();
  });

  it('in a group, gives a reply to one of its answers the question that answer answered, however late', async () => {
    const user = newUser();
    const [answer] = await exchange(textMessage(user, `/ask ${FIRST}`, { chat: GROUP }));
    expect(answer?.status).toBe(200);
    await exchange(textMessage(newUser(), '/ask What is Vorukh?', { chat: GROUP }));
    clock += 60 * 60_000;
    const [reply] = await exchange(textMessage(user, FOLLOW_UP, { chat: GROUP, replyTo: replyTo(answer!) }));
    expect(reply?.status).toBe(200);
    expect(contextOf(FOLLOW_UP)).toEqual({ previousQuestion: FIRST });
  });

  it('in a group, reads a mention that replies to nothing on its own', async () => {
    const user = newUser();
    await exchange(textMessage(user, `/ask ${FIRST}`, { chat: GROUP }));
    await exchange(textMessage(user, `@${FAKE_BOT.username} ${FOLLOW_UP}`, { chat: GROUP }));
    expect(asked.map((a) => a.question)).toEqual([FIRST, FOLLOW_UP]);
    expect(contextOf(FOLLOW_UP)).toBeUndefined();
  });
});
