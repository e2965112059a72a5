import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, loadKnowledge, type Engine } from '../../../src/core/index.js';
import { learnTranslations } from '../../../src/core/answering/synonyms.js';
import { TEST_NOW } from '../../helpers/core.js';

let engine: Engine;
beforeAll(async () => {
  engine = createEngine(await loadKnowledge('knowledge'));
});

/** The stems a question's word is searched and matched by: itself first, then its synonyms. */
const stemsOf = (question: string, word: string): string[] => {
  const { decision } = engine.explain(question, undefined, TEST_NOW);
  const concepts = 'concepts' in decision ? decision.concepts : [];
  return concepts.find((c) => c.stems[0] === word)?.stems ?? [];
};

describe('words the sources use rarely or never', () => {
  it('reaches a word of one sentence ("transit") through its one-word WordNet synonyms ("transportation")', () => {
    const stems = stemsOf('Why does transit through Kyrgyzstan matter to Tajikistan?', 'transit');
    expect(stems[0]).toBe('transit');
    expect(stems).toContain('transport');
    // Phrases WordNet lists ("pass through") are not taken apart into loose words for a word the sources use.
    expect(stems).not.toContain('pass');
  });

  it('weighs a word known only through WordNet as a guess: "what did Japarov promise" is answered from what he said', () => {
    const a = engine.ask('What did Japarov promise about the border?', { now: TEST_NOW });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('Japarov');
    expect(a.text).toMatch(/600 km|negotiations/);
  });

  it('reads "strip" of the corridor as the corridor, as the sources also call it a bottleneck', () => {
    const stems = stemsOf('Why does the strip near Vorukh matter to Kyrgyzstan?', 'strip');
    expect(stems).toContain('corridor');
    expect(stems).toContain('bottleneck');
  });

  it('takes an English word WordNet lists for a word of its own, never a slip of one the sources use', () => {
    // "currency" is two letters from "current"; "bordr" is no word and is the sources' "border".
    const currency = stemsOf('What currency does Kyrgyzstan use?', 'currenc');
    expect(currency[0]).toBe('currenc');
    expect(currency).not.toContain('current');
    expect(engine.explain('How long is the bordr?', undefined, TEST_NOW).analysis.content).toContain('bordr');
    expect(stemsOf('How long is the bordr?', 'border')[0]).toBe('border');
  });

  it('leaves a word the sources use often to its own wording and the glossary', () => {
    const stems = stemsOf('Why does the border matter to Tajikistan?', 'border');
    expect(stems[0]).toBe('border');
    expect(stems).not.toContain('bound');
  });
});

describe('Russian words translated from the knowledge itself', () => {
  it('takes for a Russian word the English words it goes with best, not those of every text it appears in', () => {
    // Presidents are who meet: "president" is in every text about a meeting, but it is «президент»'s word.
    const texts = [
      { en: 'The presidents met in Dushanbe.', ru: 'Президенты встретились в Душанбе.' },
      { en: 'The presidents met in New York.', ru: 'Президенты встретились в Нью-Йорке.' },
      { en: 'The presidents met again.', ru: 'Президенты встретились снова.' },
      { en: 'The president spoke to reporters.', ru: 'Президент говорил с журналистами.' },
      { en: 'The president signed a decree.', ru: 'Президент подписал указ.' },
    ];
    const learnt = learnTranslations(texts);
    expect(learnt.get('встрет')).toEqual(['met']);
    expect(learnt.get('президент')).toContain('presid');
  });

  it('gives a glossary word its glossary counterparts only: «человек» is people, not "kill" it stands beside', () => {
    const stems = stemsOf('Сколько человек погибло в 2022 году?', 'человек');
    expect(stems).toContain('peopl');
    expect(stems).not.toContain('kill');
  });

  it('reads «встречались» as meeting only, so a president named elsewhere does not answer when they met', () => {
    const stems = stemsOf('Когда президенты встречались в последний раз?', 'встреча');
    expect(stems).toContain('meet');
    expect(stems).not.toContain('presid');
    expect(stems).not.toContain('rahmon');
  });
});

describe('WordNet across engines', () => {
  // Every reload builds a new engine: they share one WordNet, so its files are opened once, not once per reload.
  it.runIf(existsSync('/proc/self/fd'))('opens no more files when another engine is built and asked', async () => {
    const kb = await loadKnowledge('knowledge');
    const ask = () =>
      createEngine({ ...kb, facts: [...kb.facts], sources: new Map(kb.sources) }).ask(
        'Why does transit through Kyrgyzstan matter to Tajikistan?',
        {
          now: TEST_NOW,
        },
      );
    ask();
    const open = readdirSync('/proc/self/fd').length;
    for (let i = 0; i < 3; i++) ask();
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(open);
  });
});
