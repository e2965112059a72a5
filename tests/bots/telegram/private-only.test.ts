import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegramBot, type TelegramBot } from '../../fakes/telegram-bot.js';
import { GROUP, newUser, textMessage, type TestUser } from '../../fakes/telegram-fixtures.js';
import type { RecordedCall } from '../../fakes/telegram-server.js';

/**
 * What /updates, /update and /gaps show (users' unanswered questions among it) is for the moderator alone: they
 * answer in a private chat, and in a group they say where to ask and show nothing else.
 */

const moderator = newUser();
const stranger = newUser();
let bot: TelegramBot;

/** Sends `text` from `from` in `chat` and waits until the bot has dealt with it; returns the texts it sent to that chat. */
async function say(from: TestUser, text: string, chat: { id: number; type: 'private' | 'supergroup' } = GROUP): Promise<string[]> {
  const start = bot.fake.calls.length;
  await bot.fake.handled(bot.fake.pushUpdate(textMessage(from, text, chat === GROUP ? { chat: GROUP } : {})));
  return bot.fake.calls
    .slice(start)
    .filter((c: RecordedCall) => c.method === 'sendMessage' && c.body.chat_id === chat.id)
    .map((c) => String(c.body.text));
}
const inPrivate = (from: TestUser, text: string) => say(from, text, { id: from.id, type: 'private' });
const PRIVATE_ONLY = 'I show updates and gaps in a private chat only, not in a group: write to me there, @border_test_bot.';

// Each test has a bot, a fake Bot API, knowledge and data of its own: it passes alone and in any order.
beforeEach(async () => {
  bot = await startTelegramBot({ TELEGRAM_MODERATOR_IDS: String(moderator.id) });
});
afterEach(async () => {
  await bot?.stop();
});

describe('telegram moderation, private chats only for what users asked', () => {
  it('shows /gaps in a group to no one: the moderator is told to ask in private, where the gaps are shown', async () => {
    await inPrivate(stranger, 'What is the capital of France?');
    const inGroup = await say(moderator, '/gaps');
    expect(inGroup).toEqual([PRIVATE_ONLY]);
    expect((await inPrivate(moderator, '/gaps')).join('\n')).toContain('1 × What is the capital of France?');
  });

  it('shows /updates and /update ID in a group to no one, and both in private', async () => {
    const [accepted] = await inPrivate(moderator, '/retract length-asiaplus-2022 Not our border');
    expect(accepted).toMatch(/^Accepted: Retracted length-asiaplus-2022/);
    const id = /\(update (u[0-9a-z]+-[0-9a-f]{12})\)/.exec(accepted!)![1]!;
    expect(await say(moderator, '/updates')).toEqual([PRIVATE_ONLY]);
    expect(await say(moderator, `/update@border_test_bot ${id}`)).toEqual([PRIVATE_ONLY]);
    expect((await inPrivate(moderator, '/updates')).join('\n')).toContain(`${id} · `);
    expect((await inPrivate(moderator, `/update ${id}`)).join('\n')).toContain('Not our border');
  });

  it('says it in Russian to a moderator whose app is in Russian', async () => {
    const russian = { ...newUser('ru'), id: moderator.id };
    expect(await say(russian, '/gaps')).toEqual([
      'Обновления и пробелы я показываю только в личном чате, не в группе: напишите мне туда, @border_test_bot.',
    ]);
  });

  it('still refuses a non-moderator in a group as a non-moderator, and still takes a retraction there', async () => {
    expect(await say(stranger, '/gaps')).toEqual(['Only moderators can change or review what I know.']);
    expect((await say(moderator, '/retract length-asiaplus-2022 Not our border'))[0]).toMatch(/^Accepted: Retracted/);
  });
});
