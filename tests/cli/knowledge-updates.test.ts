import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');
let copy: ReturnType<typeof copyKnowledge>;
let data: string;
const knowledge = (...args: string[]) =>
  run(tsx, ['src/cli/knowledge.ts', ...args, '--knowledge', copy.dir, '--data', data], { encoding: 'utf8' });
const ask = (q: string) =>
  run(tsx, ['src/cli/ask.ts', '--json', '--now', '2026-11-24', '--knowledge', copy.dir, q], { encoding: 'utf8' }).then((r) =>
    JSON.parse(r.stdout),
  );

// Each test has knowledge and a data folder (the audit log) of its own, never the repository's.
beforeEach(() => {
  copy = copyKnowledge();
  data = mkdtempSync(join(tmpdir(), 'data-'));
});
afterEach(() => {
  copy.remove();
  rmSync(data, { recursive: true, force: true });
});

describe('npm run knowledge -- add-source | add-fact | list | show | retract', () => {
  it('adds a source and a fact, lists and shows them, and the ask command uses them; then retracts', async () => {
    const text = join(copy.dir, '..', 'treaty.txt');
    writeFileSync(text, 'On 13 March 2025 the presidents signed the border treaty in Bishkek.\n');
    const added = await knowledge(
      'add-source',
      '--title',
      'Treaty signed',
      '--publisher',
      'Test Agency',
      '--date',
      '2025-03-13',
      '--url',
      'https://example.org/t',
      '--text-file',
      text,
    );
    expect(added.stdout).toMatch(
      /^Accepted: New source: “Treaty signed” \(Test Agency, 2025-03-13\) https:\/\/example\.org\/t \(update u\S+\)\n$/,
    );
    const fact = await knowledge(
      'add-fact',
      '--id',
      'treaty-signed-2025',
      '--kind',
      'event',
      '--topic',
      'agreement-steps',
      '--source',
      'test-agency-2025-03-13-treaty-signed',
      '--quote',
      'the presidents signed the border treaty in Bishkek',
      '--date',
      '2025-03-13',
      '--text-en',
      'The presidents signed the border treaty in Bishkek on 13 March 2025.',
      '--text-ru',
      'Президенты подписали договор о границе в Бишкеке 13 марта 2025 года.',
    );
    expect(fact.stdout).toMatch(/^Accepted: New fact: The presidents signed the border treaty in Bishkek on 13 March 2025\. \(source: /);

    const list = await knowledge('list');
    const lines = list.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' · ')[2]?.split(':')[0])).toEqual(['New fact', 'New source']);
    const id = lines[0]!.split(' · ')[0]!;
    expect(JSON.parse((await knowledge('show', id)).stdout)).toMatchObject({
      id,
      kind: 'add-fact',
      actor: { platform: 'cli' },
      payload: { id: 'treaty-signed-2025' },
    });

    const answer = await ask('What steps remain before the border agreement comes into force?');
    expect(answer.text).toMatch(/^The presidents signed the border treaty in Bishkek on 13 March 2025 \(Test Agency, 13 March 2025\)\./);

    const retracted = await knowledge('retract', 'test-agency-2025-03-13-treaty-signed', '--reason', 'Withdrawn by the agency');
    expect(retracted.stdout).toMatch(
      /^Accepted: Retracted test-agency-2025-03-13-treaty-signed: Withdrawn by the agency \(update u\S+\)\n$/,
    );
    const after = await ask('What steps remain before the border agreement comes into force?');
    expect(after.citations.map((c: { sourceId: string }) => c.sourceId)).not.toContain('test-agency-2025-03-13-treaty-signed');
    const audit = readFileSync(join(data, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.map((a) => [a.actor.platform, a.action, a.outcome])).toEqual([
      ['cli', 'add-source', 'accepted'],
      ['cli', 'add-fact', 'accepted'],
      ['cli', 'list', 'accepted'],
      ['cli', 'show', 'accepted'],
      ['cli', 'retract', 'accepted'],
    ]);
    expect((await knowledge('list')).stdout).toMatch(/ · New source: “Treaty signed”.* \(retracted by u\S+\)\n/);
    // Nine runs of the CLI, each loading the knowledge: slow on a busy machine.
  }, 90_000);

  it('refuses a fact whose quote is not in its source, with exit 1 and the reason', async () => {
    await expect(
      knowledge(
        'add-fact',
        '--topic',
        'border-length',
        '--source',
        'asiaplus-2022-11-tashiyev-talks',
        '--quote',
        'about 2,000 kilometers',
        '--text-en',
        'x',
        '--text-ru',
        'y',
      ),
    ).rejects.toMatchObject({
      code: 1,
      stderr: 'Refused: quote not found in source "asiaplus-2022-11-tashiyev-talks": "about 2,000 kilometers"\n',
    });
  });

  it('refuses a misspelt option with the usage and exit 2, and changes nothing', async () => {
    const failed = await knowledge('list', '--limt', '1').then(
      () => null,
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/^Unknown option '--limt'/);
    expect(failed?.stderr).toContain('usage: npm run knowledge -- COMMAND');
    expect(failed?.stdout).toBe('');
    await expect(knowledge('retract', 'x', '--reasn', 'typo')).rejects.toMatchObject({ code: 2 });
    await expect(knowledge('lst')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "lst"') });
  }, 60_000);
});
