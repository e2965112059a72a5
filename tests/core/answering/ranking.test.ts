import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, loadKnowledge, type Engine } from '../../../src/core/index.js';

let engine: Engine;
beforeAll(async () => {
  engine = createEngine(await loadKnowledge('knowledge'));
});

/** Golden ranking: the sentence expected first, and why it must beat the others. */
const GOLDEN: Array<[question: string, first: string, reason: string]> = [
  [
    'What drones does Kyrgyzstan have?',
    'Bayraktar TB2 drones',
    'names drones and Kyrgyzstan; the Tajik UAV sentence reaches "drone" only through a synonym',
  ],
  ['What was the Kairakum Reservoir renamed to?', 'renamed the Tajik Sea', 'the only sentence with both the reservoir and "renamed"'],
  [
    'How many petrol stations were there in Arka?',
    'a total of 32 petrol stations',
    'a how-many answer needs a number; the later "petrol stations" sentence has none',
  ],
  ['How many casinos were in Arka?', 'Arka was home to 20 casinos', 'casinos and Arka together, with the number'],
  [
    'Who met in Leilek district to discuss the border situation?',
    'Rajabali Rahmon has met with his Kyrgyz counterpart',
    'Leilek appears in this sentence alone',
  ],
  [
    "How did Tajikistan's foreign ministry react to Tashiyev's remarks?",
    'responded to those remarks by summoning the Kyrgyz ambassador',
    '"react" reaches "responded" through the glossary; ministry and remarks in one sentence',
  ],
  ['What did Tashiyev say on September 15?', 'remarks made on September 15', 'the month and day of the question, with Tashiyev'],
  ['Where is the Karamik checkpoint?', 'checkpoint at Karamik/Jirgatal', 'the sentence that names the checkpoint'],
  ['What happened in Ovchi Kalacha?', 'Tajik village of Ovchi Kalacha', 'the only sentence naming the village'],
  [
    'Where did Japarov and Rahmon meet on September 19?',
    'spoke on September 19 in New York',
    'the meeting fact of 19 September, not the Dushanbe one',
  ],
];

describe('golden ranking', () => {
  it.each(GOLDEN)('%s', (question, first, reason) => {
    const { decision } = engine.explain(question);
    const quoted =
      decision.via === 'passages'
        ? decision.chosen[0]!.passage.text
        : decision.via === 'facts'
          ? [...decision.topic.facts].map((f) => f.quote).join(' | ')
          : '';
    expect(quoted, reason).toContain(first);
  });

  it('answers from facts when a topic matches, and says why it declines', () => {
    expect(engine.explain('How long is the border?').decision.via).toBe('facts');
    expect(engine.explain('What is the capital of France?').decision).toEqual({
      via: 'none',
      reason: 'names only countries outside the subject',
    });
    expect(engine.explain('What is the population of Paris?').decision).toEqual({
      via: 'none',
      reason: 'names something the sources never mention: pari',
    });
    expect(engine.explain('How long is the border between Kyrgyzstan and Uzbekistan?').decision).toEqual({
      via: 'none',
      reason: 'asks about a border with a third country',
    });
  });

  it('never quotes a passage covering less than half of the question', () => {
    for (const q of ['What is the weather like in Batken?', 'How many universities are in Khujand?']) {
      const { decision } = engine.explain(q);
      expect(decision.via, q).toBe('none');
    }
  });
});
