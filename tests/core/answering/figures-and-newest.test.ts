import { describe, expect, it } from 'vitest';
import { createEngine, loadKnowledge, type Engine, type Fact, type Source } from '../../../src/core/index.js';
import { TEST_NOW } from '../../helpers/core.js';

const source = (id: string, published: string, text: string): Source =>
  ({ id, title: id, publisher: 'Kabar', published, url: null, language: 'en', text }) as Source;

async function engineWith(src: Source, fact: Partial<Fact>): Promise<Engine> {
  const engine = createEngine(await loadKnowledge('knowledge'));
  engine.addSource(src);
  engine.addFact({ sourceId: src.id, ...fact } as Fact);
  return engine;
}

describe('figures of the same measure side by side', () => {
  it('shows a figure fact that has no short form, and a second figure of the same source, each with who and when', async () => {
    const engine = await engineWith(
      source(
        'kabar-2025-length',
        '2025-03-14',
        'The border between Kyrgyzstan and Tajikistan is 980 kilometers long. Other officials say the border is 975 kilometers long.\n',
      ),
      {
        id: 'length-kabar-2025',
        kind: 'figure',
        topic: 'border-length',
        quote: 'The border between Kyrgyzstan and Tajikistan is 980 kilometers long.',
        value: 980,
        unit: 'km',
        text: { en: 'The border is 980 km long.', ru: 'Длина границы 980 км.' },
      },
    );
    const a = engine.ask('How long is the border?', { now: TEST_NOW });
    expect(a.text).toMatch(
      /^The sources differ on the length of the border\. Latest, as of 14 March 2025: 980 km \(Kabar, 14 March 2025\)\./,
    );
    expect(a.text).toContain('975 km (Kabar, 14 March 2025)');
    expect(a.text).toContain('almost 1,000 km (Eurasianet, 24 October 2023)');
    expect(a.text).toContain('971 km (Asia-Plus, 20 November 2020)');
  });
});

describe('only figures of the asked measure', () => {
  it('answers "how many were injured" with the injured count, not the death tolls side by side', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    for (const [question, count] of [
      ['How many people were injured in the 2022 conflict?', 'injured 121'],
      ['Сколько раненых в 2022 году?', '121 человек ранен'],
    ] as const) {
      const a = engine.ask(question, { now: TEST_NOW });
      expect(a.text).not.toMatch(/differ on the casualties|расходятся/);
      expect(a.text.split('. ')[0]).toContain(count);
    }
    // A death toll is still shown side by side, the injured count with it as the figure of one source.
    expect(engine.ask('How many people died in 2022?', { now: TEST_NOW }).text).toMatch(/^The sources differ on the casualties\./);
  });
});

describe('a figure of a part answers only a question about that part', () => {
  it('"how many ppl live in vorukh" leads with Vorukh\'s population, not the 100,000 on either side of the corridor', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    expect(engine.ask('how many ppl live in vorukh', { now: TEST_NOW }).text).toMatch(
      /^Vorukh, an area of Tajikistan, has a population of around 40,000/,
    );
    // Asked about the corridor, the figure of the corridor leads.
    expect(engine.ask('How many people live around the Vorukh corridor?', { now: TEST_NOW }).text).toMatch(
      /^On either side of the corridor live around 100,000 Tajiks/,
    );
  });

  it('keeps an earlier figure beside the latest when the reader\'s limit cuts: "the sources differ" never stands over one', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    const a = engine.ask('2022-жылкы согушта канча адам жарадар болгон?', { now: TEST_NOW });
    expect(a.text).toContain('Источники расходятся');
    expect(a.text).toContain('Более ранние данные');
  });
});

describe('the newest evidence leads, whatever its form', () => {
  it('dates a written-up passage that stands for a fact by the fact: the last meeting leads "when did they last meet"', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    // The passage on the governors' talks of 13 September holds the sentence of a fact; dated by its article
    // (24 October) it had led, over the presidents' meetings of 14 and 19 September.
    const a = engine.ask('When did the two presidents last meet?', { now: TEST_NOW });
    expect(a.text).toMatch(/^Presidents Japarov and Rahmon met in New York on 19 September 2023/);
  });

  it('leads "what steps remain" with a newer fact that the treaty was signed', async () => {
    const engine = await engineWith(
      source('agency-2025-treaty', '2025-03-13', 'On 13 March 2025 the presidents signed the border treaty in Bishkek.\n'),
      {
        id: 'treaty-signed-2025',
        kind: 'event',
        topic: 'agreement-steps',
        quote: 'the presidents signed the border treaty in Bishkek',
        date: '2025-03-13',
        text: {
          en: 'The presidents signed the border treaty in Bishkek on 13 March 2025.',
          ru: 'Президенты подписали договор о границе в Бишкеке 13 марта 2025 года.',
        },
      },
    );
    const steps = engine.ask('What steps remain before the border agreement comes into force?', { now: TEST_NOW });
    expect(steps.text).toMatch(/^The presidents signed the border treaty in Bishkek on 13 March 2025 \(Kabar, 13 March 2025\)\./);
    expect(steps.citations[0]!.sourceId).toBe('agency-2025-treaty');
    const signed = engine.ask('Has the border treaty been signed?', { now: TEST_NOW });
    expect(signed.text).toMatch(/^Yes, as of 13 March 2025\. The presidents signed the border treaty/);
  });

  it('leads "what steps remain" with the newest steps in the bundled knowledge', async () => {
    const engine = createEngine(await loadKnowledge('knowledge'));
    const a = engine.ask('What steps remain before the border agreement comes into force?', { now: TEST_NOW });
    expect(a.text).toMatch(/^Japarov said bilateral work on the document was under way/);
    expect(a.citations[0]!.sourceId).toBe('diplomat-2025-02-hope-and-fear');
  });
});
