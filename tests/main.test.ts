import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAKE_DISCORD, nextId, startFakeDiscord, type FakeDiscord } from './fakes/discord-server.js';
import { newUser, textMessage } from './fakes/telegram-fixtures.js';
import { startFakeTelegram, type FakeTelegram } from './fakes/telegram-server.js';

/** `npm start` as a process: settings checked at start, both bots in one process, a clean stop on a signal. */

const TSX = join('node_modules', '.bin', 'tsx');
const TELEGRAM_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DISCORD_TOKEN = 'fake-discord-token-of-sufficient-length.abc.def';

/** Settings from this machine's .env must not leak in: every setting the entry point reads is given here. */
function baseEnv(): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'info',
    DOTENV_CONFIG_PATH: '/nonexistent/.env',
    DATA_DIR: dataDir,
  };
}

function start(
  env: Record<string, string>,
  command: [string, string[]] = [TSX, ['src/main.ts']],
): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(command[0], command[1], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, out: () => out, err: () => err };
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('settings at start', () => {
  it.each<[Record<string, string>, string]>([
    [
      { TELEGRAM_BOT_TOKEN: 'not-a-token' },
      'Configuration error: TELEGRAM_BOT_TOKEN: does not look like a Telegram bot token (digits, a colon, then the secret)',
    ],
    [{ DISCORD_GUILD_ID: 'general' }, 'Configuration error: DISCORD_GUILD_ID: must be a numeric Discord id (got "general")'],
    [{ RATE_LIMIT_MAX: 'five' }, 'Configuration error: RATE_LIMIT_MAX: must be a whole number of 1 or more (got "five")'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'Configuration error: TELEGRAM_API_ROOT: must be an http(s) address (got "ftp://x")'],
  ])('refuses %j with one line naming the setting, and exits 1 without a stack', async (env, line) => {
    const p = start({ ...env, TELEGRAM_BOT_TOKEN: env.TELEGRAM_BOT_TOKEN ?? '', DISCORD_TOKEN: '' });
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(1);
    expect(p.err().trim()).toBe(line);
    expect(p.err()).not.toMatch(/at .*\.ts:\d+/);
  });
});

async function fakeTelegram(): Promise<FakeTelegram> {
  const telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  onTestFinished(() => telegram.close());
  return telegram;
}

describe('both bots in one process', () => {
  it('serves Discord and Telegram from one core, never logs a token, and exits 0 on SIGTERM', async () => {
    const discord: FakeDiscord = await startFakeDiscord();
    onTestFinished(() => discord.close());
    const telegram = await fakeTelegram();
    const p = start({
      DISCORD_TOKEN,
      DISCORD_API_ROOT: discord.apiRoot,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
    });
    try {
      await until(() => p.err().includes('"event":"started"'), 'the start log line');
      expect(p.err()).toContain('"adapters":["telegram","discord"]');

      const from = telegram.calls.length;
      telegram.pushUpdate(textMessage(newUser(), 'How long is the border?'));
      const sent = await telegram.waitForCall((c) => c.method === 'sendMessage', { from });
      expect(String(sent.body.text)).toContain('The sources differ on the length of the border');

      const id = nextId();
      const token = `tok-${id}`;
      const edit = discord.next((c) => c.method === 'PATCH' && c.path.includes(token));
      discord.dispatch('INTERACTION_CREATE', {
        id,
        application_id: FAKE_DISCORD.appId,
        type: 2,
        token,
        version: 1,
        locale: 'ru',
        channel_id: '5',
        channel: { id: '5', type: 1 },
        user: { id: '77', username: 'u', discriminator: '0', global_name: null, avatar: null },
        app_permissions: '0',
        entitlements: [],
        authorizing_integration_owners: {},
        context: 1,
        data: { id: nextId(), name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: 'Сколько человек живёт в Ворухе?' }] },
      });
      expect(JSON.stringify((await edit).body)).toContain('около 40 000 человек');

      p.child.kill('SIGTERM');
      const [code] = await once(p.child, 'exit');
      expect(code).toBe(0);
      expect(p.err()).toContain('"event":"stopped"');
      expect(p.err()).not.toContain(TELEGRAM_TOKEN.split(':')[1]);
      expect(p.err()).not.toContain(DISCORD_TOKEN);
    } finally {
      p.child.kill('SIGKILL');
    }
  });
});

/** The processes descended from `pid`, read from /proc: what a signal to `pid` must not leave behind. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields after it are state, then parent.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the table was read.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, p] of parents) {
      if (p !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Whether a process still runs: a zombie has stopped, it only waits to be reaped. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('npm start, stopped the way systemd, Docker and Ctrl-C stop it', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the bot on %s to the npm process, exits 0 and leaves nothing polling',
    async (signal) => {
      const telegram = await fakeTelegram();
      const p = start({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.url, DISCORD_TOKEN: '' }, [
        'npm',
        ['start', '--silent'],
      ]);
      const left: number[] = [];
      // Also after a failure or a time-out: a bot left running by a broken stop would poll on for ever.
      onTestFinished(() => {
        p.child.kill('SIGKILL');
        for (const pid of left.filter(running)) process.kill(pid, 'SIGKILL');
      });
      await telegram.waitForCall((c) => c.method === 'getUpdates', { timeoutMs: 30_000 });
      left.push(...descendants(p.child.pid!));
      expect(left.length).toBeGreaterThan(0);

      p.child.kill(signal);
      const [code] = await once(p.child, 'exit');
      const callsAtExit = telegram.calls.length;
      expect(code).toBe(0);
      expect(p.err()).toContain(`"signal":"${signal}"`);
      expect(p.err()).toContain('"event":"telegram_polling_stopped"');
      expect(p.err()).toContain('"event":"stopped"');
      // npm waits for its script to end, so once npm is gone nothing it started may still run.
      expect(left.filter(running)).toEqual([]);
      expect(telegram.calls.slice(callsAtExit).filter((c) => c.method === 'getUpdates')).toEqual([]);
    },
    60_000,
  );
});
