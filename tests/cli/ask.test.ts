import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');
// A store of its own (empty), never the repository's data folder.
const DATA = mkdtempSync(join(tmpdir(), 'ask-data-'));
afterAll(() => rmSync(DATA, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: DATA };
const ask = (...args: string[]) => run(tsx, ['src/cli/ask.ts', '--now', '2026-11-24', ...args], { encoding: 'utf8', env });

const CONTRACT_FIELDS = ['question', 'answered', 'text', 'language', 'confidence', 'citations', 'facts'];
const CITATION_FIELDS = ['sourceId', 'title', 'publisher', 'published', 'url', 'quote'];

describe('the ask command (shared/ANSWER_CONTRACT.md)', () => {
  it('prints one JSON line with the contract’s fields', async () => {
    const { stdout } = await ask('--json', 'How long is the border between Kyrgyzstan and Tajikistan?');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const a = JSON.parse(stdout);
    for (const f of CONTRACT_FIELDS) expect(a).toHaveProperty(f);
    expect(a).toMatchObject({ question: 'How long is the border between Kyrgyzstan and Tajikistan?', answered: true, language: 'en' });
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    expect(a.citations.length).toBeGreaterThan(1);
    for (const c of a.citations) for (const f of CITATION_FIELDS) expect(c).toHaveProperty(f);
    expect(a.citations[1]).toMatchObject({
      sourceId: 'asiaplus-2022-11-tashiyev-talks',
      publisher: 'Asia-Plus',
      published: '2022-11',
      url: null,
    });
    expect(a.facts[0]).toMatchObject({
      id: 'length-eurasianet-2023',
      value: 1000,
      date: '2023-10-24',
      sourceId: 'eurasianet-2023-10-presidents-meet',
    });
  });

  it('answers a batch file: one JSON line per question, in order, blank lines skipped, nothing else on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ask-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'q.txt');
    writeFileSync(file, 'How long is the border?\n\nWhat is the capital of France?\nСколько человек живёт в Ворухе?\n');
    const { stdout } = await ask('--json', '--batch', file);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((a) => [a.question, a.answered, a.language])).toEqual([
      ['How long is the border?', true, 'en'],
      ['What is the capital of France?', false, 'en'],
      ['Сколько человек живёт в Ворухе?', true, 'ru'],
    ]);
  });

  it('prints a readable answer with each source and its passage', async () => {
    const { stdout } = await ask('What is the population of Vorukh?');
    expect(stdout).toContain('Vorukh, an area of Tajikistan, has a population of around 40,000 (The Diplomat, February 2025).');
    expect(stdout).toContain(
      '[1] The Diplomat · February 2025 · https://thediplomat.com/2025/02/hope-and-fear-on-the-kyrgyz-tajik-border/',
    );
  });

  it('rejects a bad --now with a clear message', async () => {
    await expect(ask('--now', 'yesterday-ish', 'x')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--now: not a date: yesterday-ish'),
    });
  });

  it.each([
    [['--jsn', 'How long is the border?'], "Unknown option '--jsn'"],
    [['--json', '--lang', 'de', 'How long is the border?'], '--lang must be en, ru, ky or tg (got de)'],
    [['--json'], 'a question, or --batch FILE, is needed'],
    [['--json', '--batch'], "Option '--batch <value>' argument missing"],
  ])('refuses %j with the usage on stderr, nothing on stdout, and exit 2', async (args, message) => {
    const failed = (await ask(...args).then(
      () => null,
      (err: unknown) => err,
    )) as { code: number; stdout: string; stderr: string } | null;
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect(failed!.stderr.startsWith(message)).toBe(true);
    expect(failed!.stderr).toContain('\nusage: npm run ask -- [--json]');
  });
});

/** Ninety questions or more, in a file: the size at which answers were lost when stdout was a pipe. */
function batchFile(): { file: string; questions: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ask-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const pool = readFileSync(join('tests', 'eval', 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
  expect(pool.length).toBeGreaterThan(0);
  const questions = Array.from({ length: 96 }, (_, i) => pool[i % pool.length]!);
  const file = join(dir, 'questions.txt');
  writeFileSync(file, questions.join('\n') + '\n');
  return { file, questions };
}

/** The contract's command, as an outside check runs it: through npm, with stdout a pipe. */
const batch = (file: string) =>
  spawn('npm', ['run', '--silent', 'ask', '--', '--now', '2026-11-24', '--json', '--batch', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });

describe('the batch command writes every answer before it exits', () => {
  it('through a pipe whose reader is slower than the writer', async () => {
    const { file, questions } = batchFile();
    // A named pipe, not the socket pair a spawned child's stdout would be: a real pipe holds only 64 KiB.
    const fifo = join(dirname(file), 'answers.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn('sh', ['-c', `exec npm run --silent ask -- --now 2026-11-24 --json --batch "$0" > "$1"`, file, fifo], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A throttle, not a wait for an effect: between two reads the pipe fills, and a writer that exits then loses the rest.
    const chunks: Buffer[] = [];
    const slowReader = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setTimeout(done, 20);
      },
    });
    const [[code]] = await Promise.all([once(child, 'exit'), pipeline(createReadStream(fifo, { highWaterMark: 16 * 1024 }), slowReader)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(questions.length);
    expect(lines.map((l) => (JSON.parse(l) as { question: string }).question)).toEqual(questions);
  });

  it('into a file', async () => {
    const { file, questions } = batchFile();
    const out = join(mkdtempSync(join(tmpdir(), 'ask-out-')), 'answers.jsonl');
    onTestFinished(() => rmSync(dirname(out), { recursive: true, force: true }));
    const fd = openSync(out, 'w');
    const child = spawn(tsx, ['src/cli/ask.ts', '--now', '2026-11-24', '--json', '--batch', file], {
      stdio: ['ignore', fd, 'inherit'],
      env,
    });
    closeSync(fd);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { question: string }).question)).toEqual(questions);
  });

  it('stops quietly, exit 0, when the reader leaves early (| head -n 2)', async () => {
    const { file } = batchFile();
    const child = batch(file);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    const firstTwo: string[] = [];
    for await (const line of lines) {
      firstTwo.push(line);
      if (firstTwo.length === 2) break;
    }
    child.stdout.destroy();
    const [code] = await once(child, 'exit');
    expect(firstTwo).toHaveLength(2);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('npm run knowledge -- check', () => {
  it('passes on the bundled knowledge and fails, naming file and line, on a broken copy', async () => {
    const ok = await run(tsx, ['src/cli/knowledge.ts', 'check'], { encoding: 'utf8', env });
    expect(ok.stdout).toMatch(/^knowledge OK: 5 sources, \d+ facts/);
    const copy = copyKnowledge();
    const dir = copy.dir;
    onTestFinished(copy.remove);
    writeFileSync(
      join(dir, 'facts', 'extra.json'),
      '[\n  { "id": "x", "kind": "figure", "topic": "border-length", "sourceId": "nope", "quote": "q",\n    "text": { "en": "a", "ru": "б" } }\n]\n',
    );
    await expect(run(tsx, ['src/cli/knowledge.ts', 'check', '--knowledge', dir], { encoding: 'utf8', env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${dir}/facts/extra.json:2: fact "x": unknown sourceId "nope"`),
    });
  });
});
