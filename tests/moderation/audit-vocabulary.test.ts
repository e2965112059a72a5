import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startFromConfig } from '../../src/main.js';
import { MODERATION_ACTIONS } from '../../src/moderation/index.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import { startTelegramBot } from '../fakes/telegram-bot.js';
import { newUser } from '../fakes/telegram-fixtures.js';
import { TEST_NOW } from '../helpers/core.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

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
/** What a moderator's list, refused fact and gaps leave in the log, and what a stranger's gaps leave. */
const MODERATOR = [
  ['list', 'accepted', undefined],
  ['add-fact', 'refused', 'rejected'],
  ['gaps', 'accepted', undefined],
];
const STRANGER = [['gaps', 'refused', 'not-a-moderator']];

type Entry = Record<string, unknown> & { actor: { platform: string; userId: string } };
const readAudit = (dataDir: string): Entry[] =>
  readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Entry);
const vocabulary = (entries: Entry[]) => entries.map((e) => [e.action, e.outcome, e.reason]);

function checkShape(entries: Entry[], platform: string): void {
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries) {
    expect(e.actor.platform).toBe(platform);
    expect(MODERATION_ACTIONS).toContain(e.action);
    expect(['accepted', 'refused']).toContain(e.outcome);
    expect(Object.keys(e).every((k) => ['at', 'actor', 'action', 'outcome', 'reason', 'update', 'detail'].includes(k))).toBe(true);
  }
}

function discordCommand(
  fake: FakeDiscord,
  name: string,
  member: { id: string; permissions: string },
  options: Array<{ name: string; value: string }> = [],
) {
  const id = nextId();
  const token = `tok-${id}`;
  const reply = fake.next((c) => c.path === `/interactions/${id}/${token}/callback`);
  fake.dispatch('INTERACTION_CREATE', {
    id,
    application_id: FAKE_DISCORD.appId,
    type: 2,
    token,
    version: 1,
    locale: 'en-US',
    channel_id: '300000000000000002',
    channel: { id: '300000000000000002', type: 0, guild_id: '300000000000000001', name: 'general' },
    guild_id: '300000000000000001',
    member: {
      user: { id: member.id, username: 'mod', discriminator: '0', global_name: null, avatar: null },
      roles: [],
      permissions: member.permissions,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    data: { id: nextId(), name, type: 1, options: options.map((o) => ({ ...o, type: 3 })) },
  });
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
    const fromCli = readAudit(cliData);
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
    const fromTelegram = telegram.audit() as Entry[];
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
    const fromDiscord = readAudit(discordData);
    checkShape(fromDiscord, 'discord');

    expect(vocabulary(fromCli)).toEqual(MODERATOR);
    expect(vocabulary(fromTelegram)).toEqual([...MODERATOR, ...STRANGER]);
    expect(vocabulary(fromDiscord)).toEqual([...MODERATOR, ...STRANGER]);
    // The knowledge service's own reason for the refusal, the same on every platform.
    const details = [fromCli, fromTelegram, fromDiscord].map((entries) => entries.find((e) => e.reason === 'rejected')?.detail);
    expect(details).toEqual(Array(3).fill('quote not found in source "asiaplus-2022-11-tashiyev-talks": "about 2,000 kilometers"'));
  }, 60_000);
});
