import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');
const ask = (...args: string[]) => run(tsx, ['src/cli/ask.ts', '--now', '2026-11-24', ...args], { encoding: 'utf8' });

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
      stderr: expect.stringContaining('--now: not a date: yesterday-ish'),
    });
  });
});

describe('npm run knowledge -- check', () => {
  it('passes on the bundled knowledge and fails, naming file and line, on a broken copy', async () => {
    const ok = await run(tsx, ['src/cli/knowledge.ts', 'check'], { encoding: 'utf8' });
    expect(ok.stdout).toMatch(/^knowledge OK: 5 sources, \d+ facts/);
    const copy = copyKnowledge();
    const dir = copy.dir;
    onTestFinished(copy.remove);
    writeFileSync(
      join(dir, 'facts', 'extra.json'),
      '[\n  { "id": "x", "kind": "figure", "topic": "border-length", "sourceId": "nope", "quote": "q",\n    "text": { "en": "a", "ru": "б" } }\n]\n',
    );
    await expect(run(tsx, ['src/cli/knowledge.ts', 'check', '--knowledge', dir], { encoding: 'utf8' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${dir}/facts/extra.json:2: fact "x": unknown sourceId "nope"`),
    });
  });
});
