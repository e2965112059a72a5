import { describe, expect, it, onTestFinished } from 'vitest';
import { startWithMetrics } from '../helpers/with-metrics.js';
import { newUser, textMessage } from '../fakes/telegram-fixtures.js';
import { startFakeTelegram } from '../fakes/telegram-server.js';

/** Health in front of the Telegram bot as npm start runs it with METRICS_PORT: readiness follows long polling. */

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('readiness of the Telegram bot', () => {
  it('goes false while getUpdates fails and true again once a poll succeeds', async () => {
    const fake = await startFakeTelegram(TOKEN);
    onTestFinished(() => fake.close());
    const { readyz, lines } = await startWithMetrics({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url });
    expect(await readyz()).toMatchObject({ status: 200, notReady: [] });

    // Telegram's servers fail the next poll; telegraf waits the second it is told to and polls again.
    fake.failNext('getUpdates', 1, { status: 429, retryAfter: 1 });
    await fake.handled(fake.pushUpdate(textMessage(newUser(), 'How long is the border?')));
    await expect.poll(async () => (await readyz()).status).toBe(503);
    expect(await readyz()).toMatchObject({ notReady: ['telegram'] });
    expect(lines.some((l) => l.event === 'telegram_connection_lost')).toBe(true);

    // The next poll that comes back (with an update, not to wait out the long poll) makes the bot ready again.
    await fake.handled(fake.pushUpdate(textMessage(newUser(), 'What is Vorukh?')));
    await expect.poll(async () => (await readyz()).status).toBe(200);
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
  });
});
