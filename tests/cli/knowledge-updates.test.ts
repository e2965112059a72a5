import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyKnowledge } from '../helpers/knowledge-copy.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');
let copy: ReturnType<typeof copyKnowledge>;
const knowledge = (...args: string[]) => run(tsx, ['src/cli/knowledge.ts', ...args, '--knowledge', copy.dir], { encoding: 'utf8' });
const ask = (q: string) =>
  run(tsx, ['src/cli/ask.ts', '--json', '--now', '2026-11-24', '--knowledge', copy.dir, q], { encoding: 'utf8' }).then((r) =>
    JSON.parse(r.stdout),
  );

beforeAll(() => {
  copy = copyKnowledge();
});
afterAll(() => copy.remove());

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
    expect(added.stdout).toMatch(/^Accepted: u\S+ \(add-source test-agency-2025-03-13-treaty-signed\)\n$/);
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
    expect(fact.stdout).toMatch(/^Accepted: u\S+ \(add-fact treaty-signed-2025\)\n$/);

    const list = await knowledge('list');
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('  ')[2]),
    ).toEqual(['add-fact', 'add-source']);
    const id = list.stdout.split('  ')[0]!;
    expect(JSON.parse((await knowledge('show', id)).stdout)).toMatchObject({
      id,
      kind: 'add-fact',
      actor: { platform: 'cli' },
      payload: { id: 'treaty-signed-2025' },
    });

    const answer = await ask('What steps remain before the border agreement comes into force?');
    expect(answer.text).toMatch(/^The presidents signed the border treaty in Bishkek on 13 March 2025 \(Test Agency, 13 March 2025\)\./);

    const retracted = await knowledge('retract', 'test-agency-2025-03-13-treaty-signed', '--reason', 'Withdrawn by the agency');
    expect(retracted.stdout).toMatch(/^Accepted: u\S+ \(retract test-agency-2025-03-13-treaty-signed\)\n$/);
    const after = await ask('What steps remain before the border agreement comes into force?');
    expect(after.citations.map((c: { sourceId: string }) => c.sourceId)).not.toContain('test-agency-2025-03-13-treaty-signed');
    expect((await knowledge('list')).stdout).toContain('[retracted by');
  });

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
});
