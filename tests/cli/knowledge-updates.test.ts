import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { storedAudit } from '../helpers/stored.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');
let copy: ReturnType<typeof copyKnowledge>;
let data: string;
const knowledge = (...args: string[]) =>
  run(tsx, ['src/cli/knowledge.ts', ...args, '--knowledge', copy.dir, '--data', data], { encoding: 'utf8' });
const ask = (q: string) =>
  run(tsx, ['src/cli/ask.ts', '--json', '--now', '2026-11-24', '--knowledge', copy.dir, '--data', data, q], { encoding: 'utf8' }).then(
    (r) => JSON.parse(r.stdout),
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

// Each test starts the CLI several times, each a process that loads the knowledge: under load that takes a while.
describe('npm run knowledge -- add-source | add-fact | list | show | retract', { timeout: 90_000 }, () => {
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

    const answer = await ask('Has the border treaty been signed?');
    expect(answer.text).toMatch(
      /^Yes, as of 13 March 2025\. The presidents signed the border treaty in Bishkek on 13 March 2025 \(Test Agency, 13 March 2025\)\./,
    );

    const retracted = await knowledge('retract', 'test-agency-2025-03-13-treaty-signed', '--reason', 'Withdrawn by the agency');
    expect(retracted.stdout).toMatch(
      /^Accepted: Retracted test-agency-2025-03-13-treaty-signed: Withdrawn by the agency \(update u\S+\)\n$/,
    );
    const after = await ask('Has the border treaty been signed?');
    expect(after.citations.map((c: { sourceId: string }) => c.sourceId)).not.toContain('test-agency-2025-03-13-treaty-signed');
    const audit = await storedAudit(data);
    expect(audit.map((a) => [a.platform, a.operation, a.allowed])).toEqual([
      ['cli', 'add-source', true],
      ['cli', 'add-fact', true],
      ['cli', 'list', true],
      ['cli', 'show', true],
      ['cli', 'retract', true],
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

  it('imports an old updates.jsonl once, exports the stored updates, and checks them: one a hand edit made inapplicable fails check', async () => {
    const old = {
      id: 'u-old-1',
      kind: 'add-fact',
      payload: {
        id: 'length-old',
        kind: 'figure',
        topic: 'border-length',
        value: 970,
        unit: 'km',
        sourceId: 'asiaplus-2022-11-tashiyev-talks',
        quote: 'about 970 kilometers long',
        text: { en: 'About 970 km.', ru: 'Около 970 км.' },
      },
      actor: { platform: 'telegram', userId: '42', displayName: 'Moderator' },
      at: '2025-01-01T00:00:00.000Z',
    };
    writeFileSync(join(copy.dir, 'updates.jsonl'), `${JSON.stringify(old)}\n`);
    expect((await knowledge('check')).stdout).toMatch(/\nstored updates OK: 1 in .*border-bot\.sqlite\n$/);
    expect(existsSync(join(copy.dir, 'updates.jsonl'))).toBe(false);
    const exported = (await knowledge('export')).stdout.trim().split('\n');
    expect(exported.map((l) => JSON.parse(l))).toMatchObject([{ id: 'u-old-1', kind: 'add-fact', payload: { id: 'length-old' } }]);

    // The same fact id in a knowledge file: the stored update no longer applies.
    writeFileSync(
      join(copy.dir, 'facts', 'length-old.json'),
      JSON.stringify([{ ...old.payload, text: { en: 'By hand.', ru: 'Вручную.' } }]),
    );
    await expect(knowledge('check')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^1 of 1 stored update\(s\) in .+ no longer apply:\nupdate u-old-1 no longer applies: duplicate fact id\n$/,
      ),
    });
  }, 60_000);
});
