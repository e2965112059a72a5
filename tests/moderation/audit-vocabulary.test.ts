import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startFromConfig } from '../../src/main.js';
import { MODERATION_ACTIONS } from '../../src/moderation/index.js';
import type { AuditEntry } from '../../src/store/index.js';
import { slashCommand } from '../fakes/discord-payloads.js';
import { nextId, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { startTelegramBot } from '../fakes/telegram-bot.js';
import { newUser } from '../fakes/telegram-fixtures.js';
import { TEST_NOW } from '../helpers/core.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { storedAudit } from '../helpers/stored.js';

/**
 * One audit vocabulary whatever the platform: the same requests made from the CLI, Telegram and Discord leave
 * the same action names, outcomes and reasons in the audit log.
 */

/** A fact the knowledge service refuses: its quote is not in its source. */
const BAD_FACT = {
  kind: 'figure',
  topic: 'border-length',
  sourceId: 'asiaplus-2022-11-tashiyev-talks',
  quote: 'about 2,000 kilometers',
  text: { en: 'x', ru: 'y' },
};
const REFUSAL = 'quote not found in source "asiaplus-2022-11-tashiyev-talks": "about 2,000 kilometers"';
/** What a moderator's list, refused fact and gaps leave in the audit, and what a stranger's gaps leave. */
const MODERATOR = [
  ['list', 'accepted: 0 updates'],
  // The knowledge service's own reason for the refusal, the same on every platform.
  ['add-fact', `refused: rejected: ${REFUSAL}`],
  ['gaps', 'accepted: 0 unanswered, 0 low-rated'],
];
const STRANGER = [['gaps', 'refused: not-a-moderator']];

const vocabulary = (entries: AuditEntry[]) => entries.map((e) => [e.operation, e.outcome]);

function checkShape(entries: AuditEntry[], platform: string): void {
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries) {
    expect(e.platform).toBe(platform);
    expect(MODERATION_ACTIONS).toContain(e.operation);
    expect(e.outcome.startsWith(e.allowed ? 'accepted' : 'refused')).toBe(true);
    // Moderators act in the open; anyone else is a salted hash with no name.
    if (!e.moderator) expect([e.actorId, e.actorName]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), null]);
  }
}

function discordCommand(
  fake: FakeDiscord,
  name: string,
  member: { id: string; permissions: string },
  options: Array<{ name: string; value: string }> = [],
) {
  const command = slashCommand({ guild: '300000000000000001', channel: '300000000000000002', name, member, options });
  const reply = fake.next((c) => c.path === `/interactions/${command.d.id as string}/${command.token}/callback`);
  fake.dispatch('INTERACTION_CREATE', command.d);
  return reply;
}

describe('the audit vocabulary', () => {
  it('is the same from the CLI, Telegram and Discord', async () => {
    // The CLI, as a moderator at the machine runs it.
    const cliKnowledge = copyKnowledge();
    const cliData = mkdtempSync(join(tmpdir(), 'data-'));
    onTestFinished(() => {
      cliKnowledge.remove();
      rmSync(cliData, { recursive: true, force: true });
    });
    const cli = (...args: string[]) =>
      promisify(execFile)(
        join('node_modules', '.bin', 'tsx'),
        ['src/cli/knowledge.ts', ...args, '--knowledge', cliKnowledge.dir, '--data', cliData],
        {
          encoding: 'utf8',
        },
      ).catch((err: { code: number }) => err);
    await cli('list');
    const factArgs = [
      '--topic',
      BAD_FACT.topic,
      '--source',
      BAD_FACT.sourceId,
      '--quote',
      BAD_FACT.quote,
      '--text-en',
      'x',
      '--text-ru',
      'y',
    ];
    expect(await cli('add-fact', ...factArgs)).toMatchObject({ code: 1 });
    await cli('gaps');
    const fromCli = await storedAudit(cliData);
    checkShape(fromCli, 'cli');

    // Telegram: a listed moderator id, and a stranger.
    const moderator = newUser();
    const stranger = newUser();
    const telegram = await startTelegramBot({ TELEGRAM_MODERATOR_IDS: String(moderator.id) });
    onTestFinished(() => telegram.stop());
    await telegram.send(moderator, '/updates');
    await telegram.send(moderator, `/add_fact ${JSON.stringify(BAD_FACT)}`);
    await telegram.send(moderator, '/gaps');
    await telegram.send(stranger, '/gaps');
    const fromTelegram = await telegram.audit();
    checkShape(fromTelegram, 'telegram');

    // Discord: Manage Server, and a member without it.
    const fake = await startFakeDiscord();
    const discordKnowledge = copyKnowledge();
    const discordData = mkdtempSync(join(tmpdir(), 'data-'));
    const discord = await startFromConfig(
      readConfig({
        DISCORD_TOKEN: 'fake-discord-token-of-sufficient-length.abc.def',
        DISCORD_API_ROOT: fake.apiRoot,
        DISCORD_GUILD_ID: '300000000000000001',
        KNOWLEDGE_DIR: discordKnowledge.dir,
        DATA_DIR: discordData,
      }),
      { logger: silentLogger, now: () => TEST_NOW },
    );
    onTestFinished(async () => {
      await discord.stop();
      await fake.close();
      discordKnowledge.remove();
      rmSync(discordData, { recursive: true, force: true });
    });
    const admin = { id: nextId(), permissions: '32' };
    await discordCommand(fake, 'updates', admin);
    await discordCommand(fake, 'add-fact', admin, [{ name: 'fact', value: JSON.stringify(BAD_FACT) }]);
    await discordCommand(fake, 'gaps', admin);
    await discordCommand(fake, 'gaps', { id: nextId(), permissions: '0' });
    const fromDiscord = await storedAudit(discordData);
    checkShape(fromDiscord, 'discord');

    expect(vocabulary(fromCli)).toEqual(MODERATOR);
    expect(vocabulary(fromTelegram)).toEqual([...MODERATOR, ...STRANGER]);
    expect(vocabulary(fromDiscord)).toEqual([...MODERATOR, ...STRANGER]);
  }, 60_000);
});
