import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig, type Running } from '../../../src/main.js';
import { silentLogger } from '../../../src/log.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { storedAudit } from '../../helpers/stored.js';
import { useCommand } from '../../fakes/discord-payloads.js';
import { FAKE_DISCORD, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/**
 * Every server that adds the bot shares one knowledge, so Discord moderation belongs to the home guild
 * (DISCORD_GUILD_ID) alone: Manage Server or the moderator role in any other server counts for nothing, and without
 * a home guild there are no moderators on Discord at all.
 */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
const HOME = '300000000000000001';
const OTHER = '300000000000000009';
const ROLE = '300000000000000003';
const MANAGE_SERVER = '32';

let fake: FakeDiscord;
let running: Running;
let knowledge: ReturnType<typeof copyKnowledge>;
let data: string;

/** Starts the bot as npm start does, with a home guild or none. */
async function start(homeGuild: string | null): Promise<void> {
  fake = await startFakeDiscord();
  knowledge = copyKnowledge();
  data = mkdtempSync(join(tmpdir(), 'data-'));
  running = await startFromConfig(
    readConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_ROOT: fake.apiRoot,
      ...(homeGuild ? { DISCORD_GUILD_ID: homeGuild } : {}),
      KNOWLEDGE_DIR: knowledge.dir,
      DATA_DIR: data,
      DISCORD_MODERATOR_ROLE_ID: ROLE,
    }),
    { logger: silentLogger, now: () => TEST_NOW },
  );
}
afterEach(async () => {
  await running?.stop();
  await fake?.close();
  knowledge?.remove();
  rmSync(data, { recursive: true, force: true });
});

/** A slash command used in `guild` by a member with these roles and permissions; resolves with the bot's answer. */
const command = (
  guild: string,
  name: string,
  member: { roles?: string[]; permissions?: string },
  options: Array<{ name: string; value: string }> = [],
): Promise<DiscordCall> => useCommand(fake, { guild, name, member, options });
const text = (c: DiscordCall) => JSON.stringify(c.body);
const audit = () => storedAudit(data);
const retract = [
  { name: 'id', value: 'length-asiaplus-2022' },
  { name: 'reason', value: 'Not our border' },
];
const askLength = () =>
  command(HOME, 'ask', {}, [{ name: 'question', value: 'How long is the border between Kyrgyzstan and Tajikistan?' }]);
const REFUSED = 'Only moderators can change or review what I know.';

describe('discord moderation, with a home guild', () => {
  it('refuses a member with Manage Server in another guild, ephemerally and audited, and changes nothing', async () => {
    await start(HOME);
    const reply = await command(OTHER, 'retract', { permissions: MANAGE_SERVER }, retract);
    expect(reply.body?.type).toBe(4);
    expect((reply.body?.data as { flags: number }).flags).toBe(64);
    expect(text(reply)).toContain(REFUSED);
    expect(await audit()).toMatchObject([
      { operation: 'retract', allowed: false, outcome: 'refused: not-a-moderator', platform: 'discord' },
    ]);
    expect(text(await askLength())).toContain('about 970 km (Asia-Plus, November 2022)');
  });

  it('refuses a member with the moderator role in another guild: a role id means something in its own guild only', async () => {
    await start(HOME);
    const reply = await command(OTHER, 'gaps', { roles: [ROLE] });
    expect(text(reply)).toContain(REFUSED);
    expect(text(reply)).not.toContain('×');
    expect(await audit()).toMatchObject([{ operation: 'gaps', allowed: false, outcome: 'refused: not-a-moderator' }]);
  });

  it('takes the same member, with Manage Server, in the home guild', async () => {
    await start(HOME);
    expect(text(await command(HOME, 'retract', { permissions: MANAGE_SERVER }, retract))).toContain(
      'Accepted: Retracted length-asiaplus-2022: Not our border',
    );
    expect(text(await askLength())).not.toContain('about 970 km (Asia-Plus, November 2022)');
  });

  it('registers the moderator commands in the home guild only', async () => {
    await start(HOME);
    const names = (scope: string) => (fake.commands.get(scope) as Array<{ name: string }> | undefined)?.map((c) => c.name);
    expect(names(HOME)).toEqual(['ask', 'sources', 'about', 'help', 'add-source', 'add-fact', 'updates', 'retract', 'gaps']);
    expect(fake.commands.has('global')).toBe(false);
  });
});

describe('discord moderation, without a home guild', () => {
  it('registers the commands for everyone globally, and no moderator command anywhere', async () => {
    await start(null);
    const puts = fake.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([`/applications/${FAKE_DISCORD.appId}/commands`]);
    expect((fake.commands.get('global') as Array<{ name: string }>).map((c) => c.name)).toEqual(['ask', 'sources', 'about', 'help']);
  });

  it('refuses every moderator call, even from a member with Manage Server and the role, and audits it', async () => {
    await start(null);
    const reply = await command(OTHER, 'retract', { permissions: MANAGE_SERVER, roles: [ROLE] }, retract);
    expect((reply.body?.data as { flags: number }).flags).toBe(64);
    expect(text(reply)).toContain(REFUSED);
    expect(await audit()).toMatchObject([{ operation: 'retract', allowed: false, outcome: 'refused: not-a-moderator' }]);
    expect(text(await askLength())).toContain('about 970 km (Asia-Plus, November 2022)');
  });
});
