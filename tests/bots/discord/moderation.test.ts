import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { startFromConfig, type Running } from '../../../src/main.js';
import { silentLogger } from '../../../src/log.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';
import { storedAudit } from '../../helpers/stored.js';
import { useCommand } from '../../fakes/discord-payloads.js';
import { FAKE_DISCORD, nextId, startFakeDiscord, type DiscordCall, type FakeDiscord } from '../../fakes/discord-server.js';

/** Moderators on Discord, as npm start runs the bot: permission checks, the add-source form, announcements, votes, gaps. */

const TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';
const GUILD = '300000000000000001';
const CHANNEL = '300000000000000002';
const ROLE = '300000000000000003';
const ANNOUNCE = '300000000000000004';
let fake: FakeDiscord;
let running: Running;
let knowledge: ReturnType<typeof copyKnowledge>;
let data: string;

function interact(
  type: number,
  data: Record<string, unknown>,
  member: { id: string; roles?: string[]; permissions?: string },
  { locale, ...extra }: Record<string, unknown> = {},
) {
  const name = String(data.name ?? data.custom_id);
  return useCommand(fake, { guild: GUILD, channel: CHANNEL, name, type, data, member, locale: locale as string | undefined, extra });
}
const command = (name: string, member: Parameters<typeof interact>[2], options: Array<{ name: string; value: string }> = []) =>
  interact(2, { id: nextId(), name, type: 1, options: options.map((o) => ({ ...o, type: 3 })) }, member);
const text = (c: DiscordCall) => JSON.stringify(c.body);
const audit = () => storedAudit(data);

// Each test has a bot, a fake Discord, knowledge and data of its own: it passes alone and in any order.
beforeEach(async () => {
  fake = await startFakeDiscord();
  knowledge = copyKnowledge();
  data = mkdtempSync(join(tmpdir(), 'data-'));
  running = await startFromConfig(
    readConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_ROOT: fake.apiRoot,
      DISCORD_GUILD_ID: GUILD,
      KNOWLEDGE_DIR: knowledge.dir,
      DATA_DIR: data,
      DISCORD_MODERATOR_ROLE_ID: ROLE,
      DISCORD_ANNOUNCE_CHANNEL_ID: ANNOUNCE,
    }),
    { logger: silentLogger, now: () => TEST_NOW },
  );
});
afterEach(async () => {
  await running?.stop();
  await fake?.close();
  knowledge?.remove();
  rmSync(data, { recursive: true, force: true });
});

describe('discord moderation', () => {
  it('refuses a member with neither the role nor Manage Server, ephemerally, and audits it', async () => {
    const reply = await command('retract', { id: nextId() }, [
      { name: 'id', value: 'length-asiaplus-2022' },
      { name: 'reason', value: 'wrong' },
    ]);
    expect(reply.body?.type).toBe(4);
    expect((reply.body?.data as { flags: number }).flags).toBe(64);
    expect(text(reply)).toContain('Only moderators can change or review what I know.');
    expect((await audit()).at(-1)).toMatchObject({
      operation: 'retract',
      allowed: false,
      outcome: 'refused: not-a-moderator',
      platform: 'discord',
      actorName: null,
    });
  });

  it('refuses in Russian a member whose Discord is in Russian', async () => {
    const reply = await interact(2, { id: nextId(), name: 'gaps', type: 1 }, { id: nextId() }, { locale: 'ru' });
    expect((reply.body?.data as { flags: number }).flags).toBe(64);
    expect(text(reply)).toContain('Изменять и просматривать то, что я знаю, могут только модераторы.');
    expect(await audit()).toMatchObject([{ operation: 'gaps', outcome: 'refused: not-a-moderator' }]);
  });

  it('adds a source through the form for a member with the role, announces it, and the next /ask cites it', async () => {
    const moderator = { id: nextId(), roles: [ROLE] };
    const form = await command('add-source', moderator);
    expect(form.body?.type).toBe(9);
    expect((form.body?.data as { custom_id: string }).custom_id).toBe('add-source');
    const announced = fake.next((c) => c.method === 'POST' && c.path === `/channels/${ANNOUNCE}/messages`);
    const field = (custom_id: string, value: string) => ({ type: 1, components: [{ type: 4, custom_id, value }] });
    const accepted = await interact(
      5,
      {
        custom_id: 'add-source',
        components: [
          field('title', 'Presidents sign the border treaty'),
          field('publisher', 'Test Agency'),
          field('published', '2025-03-13'),
          field('url', 'https://example.org/t'),
          field('text', 'On 13 March 2025 the presidents signed the border treaty in Bishkek.'),
        ],
      },
      moderator,
    );
    expect(text(accepted)).toContain('Accepted: New source: “Presidents sign the border treaty” (Test Agency, 2025-03-13)');
    expect(text(await announced)).toContain('📢 New source: “Presidents sign the border treaty”');
    expect((await announced).body?.allowed_mentions).toEqual({ parse: [] });
    const answer = await command('ask', { id: nextId() }, [{ name: 'question', value: 'Where was the border treaty signed?' }]);
    expect(text(answer)).toContain('Test Agency');
  });

  it.each([502, 'reset'] as const)('announces an update once when the response to the announcement is lost (%s)', async (as) => {
    const toAnnounce = (c: DiscordCall) => c.method === 'POST' && c.path === `/channels/${ANNOUNCE}/messages`;
    fake.loseResponseNext(new RegExp(`/channels/${ANNOUNCE}/messages$`), { as });
    const retried = fake.next(toAnnounce).then((first) => fake.next(toAnnounce, fake.calls.indexOf(first) + 1));
    const retract = [
      { name: 'id', value: 'length-asiaplus-2022' },
      { name: 'reason', value: 'A test' },
    ];
    expect(text(await command('retract', { id: nextId(), permissions: '32' }, retract))).toContain('Accepted');
    await retried;
    expect(fake.calls.filter(toAnnounce).map((c) => c.lost ?? c.status)).toEqual([as, 200]);
    const shown = fake.messages.filter((m) => m.channelId === ANNOUNCE);
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown[0]!.body)).toContain('length-asiaplus-2022');
  });

  it('takes a 👎 on an answer, thanks the voter privately, and shows it to a Manage Server member in /gaps', async () => {
    const voter = nextId();
    const answer = await command('ask', { id: voter }, [{ name: 'question', value: 'What is Vorukh?' }]);
    const rows = answer.body?.components as Array<{ components: Array<{ label: string; custom_id?: string }> }>;
    const down = rows.at(-1)!.components.find((b) => b.label === '👎')!;
    const thanks = await interact(
      3,
      { custom_id: down.custom_id, component_type: 2 },
      { id: voter },
      {
        message: {
          id: nextId(),
          channel_id: CHANNEL,
          type: 0,
          content: '',
          author: { id: FAKE_DISCORD.botId, username: 'borderbot', discriminator: '0', bot: true, avatar: null },
          embeds: [],
          components: [],
          attachments: [],
          mentions: [],
          mention_roles: [],
          mention_everyone: false,
          pinned: false,
          tts: false,
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
          flags: 0,
        },
      },
    );
    expect(thanks.body?.type).toBe(4);
    expect(text(thanks)).toContain('Thank you: moderators see which answers need work.');
    await command('ask', { id: nextId() }, [{ name: 'question', value: 'What is the capital of France?' }]);
    const gaps = await command('gaps', { id: nextId(), permissions: '32' });
    expect(text(gaps)).toContain('1 × What is the capital of France?');
    expect(text(gaps)).toContain('+0 −1 What is Vorukh?');
  });

  it('answers /updates, /updates id and /gaps ephemerally: what they show is for the moderator who asked alone', async () => {
    const admin = { id: nextId(), permissions: '32' };
    await command('ask', { id: nextId() }, [{ name: 'question', value: 'What is the capital of France?' }]);
    const retract = [
      { name: 'id', value: 'length-asiaplus-2022' },
      { name: 'reason', value: 'A test' },
    ];
    const updateId = /\(update (u\d+)\)/.exec(text(await command('retract', admin, retract)))![1]!;
    const replies = {
      updates: await command('updates', admin),
      update: await command('updates', admin, [{ name: 'id', value: updateId }]),
      gaps: await command('gaps', admin),
    };
    expect(text(replies.updates)).toContain(`${updateId} · `);
    expect(text(replies.update)).toContain('A test');
    expect(text(replies.gaps)).toContain('1 × What is the capital of France?');
    const how = (c: DiscordCall) => [c.body?.type, (c.body?.data as { flags?: number } | undefined)?.flags];
    expect([how(replies.updates), how(replies.update), how(replies.gaps)]).toEqual([
      [4, 64],
      [4, 64],
      [4, 64],
    ]);
  });

  it('adds a fact, lists it, and retracts it for a Manage Server member; the answer follows each step', async () => {
    const admin = { id: nextId(), permissions: '32' };
    const fact = {
      id: 'length-test-2025',
      kind: 'figure',
      topic: 'border-length',
      value: 971,
      unit: 'km',
      sourceId: 'asiaplus-2020-11-20-kazakbayev-dushanbe',
      quote: 'The countries share 971 kilometers of border',
      date: '2025-05',
      short: { en: '971 km, says a test', ru: '971 км, тест' },
      text: { en: 'A test figure.', ru: 'Тестовая цифра.' },
    };
    expect(text(await command('add-fact', admin, [{ name: 'fact', value: JSON.stringify(fact) }]))).toContain(
      'Accepted: New fact: A test figure.',
    );
    expect(text(await command('ask', { id: nextId() }, [{ name: 'question', value: 'How long is the border?' }]))).toContain(
      '971 km, says a test',
    );
    const listed = text(await command('updates', admin));
    expect(listed).toContain('New fact: A test figure.');
    const updateId = /(u\d+) · [^·]+ · New fact: A test figure/.exec(listed)![1]!;
    expect(text(await command('updates', admin, [{ name: 'id', value: updateId }]))).toContain('length-test-2025');
    expect(
      text(
        await command('retract', admin, [
          { name: 'id', value: 'length-test-2025' },
          { name: 'reason', value: 'A test' },
        ]),
      ),
    ).toContain('Accepted: Retracted length-test-2025: A test');
    expect(text(await command('ask', { id: nextId() }, [{ name: 'question', value: 'How long is the border?' }]))).not.toContain(
      'says a test',
    );
    expect((await audit()).map((a) => [a.actorId, a.operation, a.allowed])).toEqual([
      [admin.id, 'add-fact', true],
      [admin.id, 'list', true],
      [admin.id, 'show', true],
      [admin.id, 'retract', true],
    ]);
  });
});
