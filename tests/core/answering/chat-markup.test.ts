import { describe, expect, it } from 'vitest';
import { createEngine, loadKnowledge } from '../../../src/core/index.js';
import { bundledCore, TEST_NOW } from '../../helpers/core.js';

/** A question as chat delivers it, wrapped in markup and mentions, is the same question. */
describe('questions wrapped in chat markup', () => {
  const cases: Array<[string, string]> = [
    ['<b>@everyone</b> how long is the border?', 'How long is the border?'],
    ['<@123456789012345678> How long is the border?', 'How long is the border?'],
    ['@border_bot Сколько километров составляет граница?', 'Сколько километров составляет граница?'],
    ['<i>How many people were evacuated in 2022?</i> <:flag:112233445566778899>', 'How many people were evacuated in 2022?'],
  ];
  it.each(cases)('%s is answered as "%s" is', async (wrapped, plain) => {
    const core = await bundledCore();
    const a = core.ask(wrapped, { now: TEST_NOW });
    const b = core.ask(plain, { now: TEST_NOW });
    expect(a.answered).toBe(true);
    expect({ text: a.text, citations: a.citations, language: a.language }).toEqual({
      text: b.text,
      citations: b.citations,
      language: b.language,
    });
  });

  it('keeps what is not a mention: an @ inside a word (an e-mail address) stays part of the question', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    const read = (q: string) => engine.explain(q, undefined, TEST_NOW).analysis.tokens;
    expect(read('Did news@asiaplustj report the Leilek talks?')).toContain('asiaplustj');
    // The same word after a space is a mention, and is not read.
    expect(read('@asiaplustj Did news report the Leilek talks?')).not.toContain('asiaplustj');
  });
});
