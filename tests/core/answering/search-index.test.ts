import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, loadIndex, loadKnowledge, restorePassages, savePassages, type KnowledgeBase } from '../../../src/core/index.js';
import type { Source } from '../../../src/core/types.js';
import { TEST_NOW } from '../../helpers/core.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledge('knowledge');
});
const QUESTIONS = [
  'What drones does Kyrgyzstan have?',
  'How many casinos were there in Arka?',
  'How long is the border?',
  'What is the capital of France?',
  'Кто такой Ташиев?',
];

describe('the passage index', () => {
  it('answers the same after a save and a load', async () => {
    const built = createEngine(await loadKnowledge('knowledge'));
    const passages = restorePassages(savePassages(built.passages), kb.sources);
    expect(passages).toEqual(built.passages);
    const loaded = createEngine(await loadKnowledge('knowledge'), { passages, index: loadIndex(built.index.save()) });
    for (const q of QUESTIONS) expect(loaded.ask(q, { now: TEST_NOW }), q).toEqual(built.ask(q, { now: TEST_NOW }));
  });

  it('keeps each passage’s offsets into its source', () => {
    for (const p of createEngine(kb).passages) expect(kb.sources.get(p.sourceId)!.text.slice(p.start, p.end)).toBe(p.text);
  });

  it('adds and discards a source in place: the next question cites it, then never again', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    const size = engine.index.size;
    const source: Source = {
      id: 'test-2025-03-treaty',
      title: 'Presidents sign the border treaty',
      publisher: 'Test Agency',
      published: '2025-03-13',
      url: null,
      language: 'en',
      text: 'On 13 March 2025 the presidents signed the border treaty in Bishkek. The treaty settles the last disputed segments.\n',
      file: 'updates.jsonl',
      bodyLine: 1,
    };
    engine.addSource(source);
    expect(engine.index.size).toBe(size + 2);
    const cited = engine.ask('Where was the border treaty signed?', { now: TEST_NOW });
    expect(cited.citations[0]?.sourceId).toBe('test-2025-03-treaty');
    expect(cited.citations[0]?.quote).toBe('On 13 March 2025 the presidents signed the border treaty in Bishkek.');
    engine.removeSource(source.id);
    expect(engine.index.size).toBe(size);
    const after = engine.ask('Where was the border treaty signed?', { now: TEST_NOW });
    expect(after.citations.map((c) => c.sourceId)).not.toContain('test-2025-03-treaty');
  });
});
