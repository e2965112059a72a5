import { beforeAll, describe, expect, it } from 'vitest';
import { quoteIsIn, loadKnowledge, type Answer, type Core, type KnowledgeBase } from '../../../src/core/index.js';
import { bundledCore, TEST_NOW } from '../../helpers/core.js';

let core: Core;
let kb: KnowledgeBase;
beforeAll(async () => {
  core = await bundledCore();
  kb = await loadKnowledge('knowledge');
});
const ask = (q: string, now = TEST_NOW): Answer => core.ask(q, { now });
/** What a reader sees: the text and the first three quotes. */
const seen = (a: Answer) => [a.text, ...a.citations.slice(0, 3).map((c) => c.quote)].join('\n');

describe('facts first, and differing sources side by side', () => {
  it('shows every source figure for the border length, each with who and when', () => {
    const a = ask('How long is the border between Kyrgyzstan and Tajikistan?');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(
      /^The sources differ on the length of the border\. Latest, as of 24 October 2023: almost 1,000 km \(Eurasianet, 24 October 2023\)\. Earlier figures: /,
    );
    for (const figure of [
      'almost 1,000 km (Eurasianet, 24 October 2023)',
      'about 970 km (Asia-Plus, November 2022)',
      '971 km (Asia-Plus, 20 November 2020)',
      'over 970 km (Asia-Plus, 6 February 2017)',
    ]) {
      expect(a.text).toContain(figure);
    }
    expect(a.citations.map((c) => c.sourceId)).toEqual([
      'eurasianet-2023-10-presidents-meet',
      'asiaplus-2022-11-tashiyev-talks',
      'asiaplus-2020-11-20-kazakbayev-dushanbe',
      'asiaplus-2017-02-06-border-chiefs-leilek',
    ]);
    expect(a.facts.map((f) => f.value)).toEqual([1000, 970, 971, 970]);
  });

  it('shows the delimited length as each source gives it, including who said 600 km and when', () => {
    const a = ask('How much of the Kyrgyz-Tajik border has been delimited?');
    for (const s of ['519.9 km', '504 km', '600 km agreed and 300 km left']) expect(a.text).toContain(s);
    expect(a.text).toContain('Sadyr Japarov, President of Kyrgyzstan, to the Kabar agency, 25 April 2022; Asia-Plus, November 2022');
  });

  it('narrows the tolls to the year asked about', () => {
    const a = ask('How many people died in the April 2021 clashes?');
    expect(a.facts.map((f) => f.id)).toEqual(['toll-2021-april']);
    expect(a.text).toContain('over 50 citizens of both nations died');
    const b = ask('How many people died in the September 2022 clashes?');
    expect(b.facts.map((f) => f.id)).toEqual(expect.arrayContaining(['toll-2022-asiaplus', 'toll-2022-hrw']));
    expect(b.facts.map((f) => f.id)).not.toContain('toll-2021-april');
    // Civilians killed is not everyone killed: the civilian toll is stated on its own, never as an "earlier figure"
    // of the all-killed tolls it would seem to contradict.
    expect(b.text).toContain(
      'the September 2022 conflict killed 50 civilians and injured 121 (Human Rights Watch, reported by The Diplomat',
    );
    const compared = b.text.slice(0, b.text.indexOf('According to Human Rights Watch'));
    expect(compared).toContain('over 100 people lost on both sides, military and civilians');
    expect(compared).not.toContain('50 civilians');
  });

  it('every quote of every answer is verbatim in its source', () => {
    for (const q of [
      'How long is the border?',
      'What is Vorukh?',
      'Who is Kamchybek Tashiyev?',
      'What drones does Kyrgyzstan have?',
      'Сколько человек живёт в Ворухе?',
    ]) {
      for (const c of ask(q).citations) {
        for (const piece of c.quote.split(' … ')) expect(quoteIsIn(piece, kb.sources.get(c.sourceId)!.text), `${q}: ${piece}`).toBe(true);
      }
    }
  });

  it('keeps what a reader sees within 1,500 characters', () => {
    for (const q of [
      'How long is the border?',
      'How much of the border has been delimited?',
      'What is Vorukh?',
      'How many people died in border clashes?',
      'What steps remain before the agreement takes effect?',
    ]) {
      expect(seen(ask(q)).length, q).toBeLessThanOrEqual(1500);
    }
  });
});

describe('country names as people write them', () => {
  it('reads the countries\' codes: "how long r the kg-tj borders?"', () => {
    expect(ask('how long r the kg-tj borders?').text).toMatch(/^The sources differ on the length of the border\./);
  });
});

describe('contested matters are attributed', () => {
  it('gives each side’s position on Vorukh as held by that side, never as fact', () => {
    const a = ask('Is Vorukh an enclave?');
    expect(a.text).toContain('Kyrgyzstan holds that Vorukh is an enclave entirely surrounded by Kyrgyz territory');
    expect(a.text).toContain('Tajikistan holds that Vorukh is more like a peninsula');
    expect(a.text).not.toMatch(/(^|\. )Vorukh is an enclave/);
    expect(
      a.facts
        .filter((f) => f.party)
        .map((f) => f.party)
        .sort(),
    ).toEqual(['Kyrgyzstan', 'Tajikistan']);
  });

  it("leads a question about one side's position with that side's, the other side's beside it", () => {
    for (const [q, first, second] of [
      ['What is the Tajik position on Vorukh?', 'Tajikistan holds that Vorukh', 'Kyrgyzstan holds that Vorukh'],
      ['What does Kyrgyzstan say about Vorukh?', 'Kyrgyzstan holds that Vorukh', 'Tajikistan holds that Vorukh'],
      ['Какова позиция Таджикистана по Воруху?', 'Таджикистан считает', 'Кыргызстан считает'],
    ] as const) {
      const a = ask(q);
      expect(a.text.startsWith(first)).toBe(true);
      expect(a.text).toContain(second);
    }
  });

  it('takes a named country for the topic, not the speaker, when a person speaks or no stance is asked', () => {
    expect(ask('What did the GKNB chief say Tajikistan must give up?').text).toMatch(/^Tashiyev, head of the GKNB security service, said/);
    expect(ask('What did Tashiyev say about Tajikistan?').text).toMatch(
      /^As head of Kyrgyzstan's security services \(the GKNB\), Tashiyev demanded/,
    );
    // A figure one side gives of a contested thing comes with the other side's account, whatever was asked of it.
    const a = ask('How long is the corridor linking Vorukh to Tajikistan?');
    expect(a.text).toContain('Tajikistan holds that Vorukh is more like a peninsula, connected to Tajikistan by a corridor 20 km long');
    expect(a.text).toContain('Kyrgyzstan holds that Vorukh is an enclave');
  });

  it('attributes positions in Russian too', () => {
    const a = ask('Является ли Ворух анклавом?');
    expect(a.language).toBe('ru');
    expect(a.text).toContain('Кыргызстан считает, что Ворух — анклав');
    expect(a.text).toContain('Таджикистан считает, что Ворух — скорее полуостров');
  });
});

describe('no source, no answer', () => {
  it('answers "what is the population of X" only with a population: "sparsely populated, a thousand km from Bishkek" is none', () => {
    const bishkek = ask('What is the population of Bishkek?');
    expect(bishkek.answered).toBe(false);
    expect(bishkek.text).toMatch(/^I have no source on that\./);
    expect(ask('What is the population of Vorukh?').text).toMatch(/^Vorukh, an area of Tajikistan, has a population of around 40,000/);
    expect(ask('What is the population of Arka?').text).toContain('4,391');
  });

  it('declines a question whose own words the sources never use, whatever place it names: «Какой климат в Баткене?»', () => {
    for (const q of ['Какой климат в Баткене?', 'Какая погода в Баткене?']) {
      const a = ask(q);
      expect(a.answered).toBe(false);
      expect(a.text).toMatch(/^У меня нет источника/);
    }
    // The place in the same form is known: a question with words the sources use is answered.
    expect(ask('Что сказал Жапаров о Баткене?').answered).toBe(true);
  });

  it.each([
    'What is the capital of France?',
    'What will the weather be in Batken tomorrow?',
    'How long is the border between Kazakhstan and China?',
    'How long is the border between Kyrgyzstan and Uzbekistan?',
    'Give me a recipe for plov',
    'Who won the football World Cup in 2022?',
    'Who is Vladimir Putin?',
    'Какая столица Франции?',
    '',
  ])('declines %j plainly and offers what it can answer', (q) => {
    const a = ask(q);
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.confidence).toBe(0);
    expect(a.text).toMatch(/^(I have no source on that\.|У меня нет источника по этому вопросу\.)/);
    expect(a.suggestions).toHaveLength(3);
  });
});

describe('Russian', () => {
  it('answers a Russian question in Russian, with the quotes as the source wrote them', () => {
    const a = ask('Сколько человек живёт в Ворухе?');
    expect(a.language).toBe('ru');
    expect(a.text).toContain('около 40 000 человек');
    expect(a.text).toContain('The Diplomat, февраль 2025 г.');
    expect(a.citations[0]?.quote).toContain('with a population of around 40,000');
  });

  it('finds Cyrillic names and answers who someone is', () => {
    const a = ask('Кто такой Ташиев?');
    expect(a.language).toBe('ru');
    expect(a.text).toContain('ГКНБ');
    expect(a.citations.map((c) => c.sourceId)).toContain('asiaplus-2022-11-tashiyev-talks');
  });

  it('honours an explicit language', () => {
    expect(core.ask('How long is the border?', { now: TEST_NOW, language: 'ru' }).text).toMatch(/^Источники расходятся/);
  });
});

describe('dates under a fixed clock', () => {
  it('says "as of" the newest source and warns when it is more than a year old', () => {
    const a = ask('What is the population of Vorukh?');
    expect(a.asOf).toBe('2025-02');
    expect(a.text).toContain('As of February 2025: my newest source on this is from February 2025, more than a year ago');
    expect(a.staleNote).toBe('My newest source on this is from February 2025, more than a year ago.');
  });

  it('gives no warning when the source is recent for the clock', () => {
    const a = ask('What is the population of Vorukh?', new Date('2025-06-01T00:00:00Z'));
    expect(a.text).toContain('As of February 2025.');
    expect(a.staleNote).toBeNull();
  });

  it('finds a relative date by the year it resolves to', () => {
    const a = ask('How many violent incidents were there on the border in 2019?');
    expect(a.text).toContain('fourteen');
    expect(a.citations[0]?.quote).toMatch(/^Last year alone/);
  });
});

describe('"what is X?" for a place', () => {
  it('leads with what says what the place is, not with any sentence that names it', () => {
    const a = ask('What is Vorukh?');
    expect(a.text).toMatch(/^Vorukh, an area of Tajikistan,|^No one disputes that Vorukh is part of Tajikistan/);
    // What it is, is contested: both sides' positions follow, attributed.
    expect(a.text).toContain('Kyrgyzstan holds that Vorukh is an enclave');
    expect(a.text).toContain('Tajikistan holds that Vorukh is more like a peninsula');
  });

  it('does the same in Russian, with the dash that says what a thing is', () => {
    const a = ask('Что такое Ворух?');
    expect(a.text).toMatch(/^(Кыргызстан|Таджикистан) считает, что Ворух — /);
    expect(a.text).toContain('Кыргызстан считает');
    expect(a.text).toContain('Таджикистан считает');
  });
});

describe('a count in Russian', () => {
  it('leads with the figure that counts the people asked about, not an anecdote of the same source', () => {
    const a = ask('Сколько людей было эвакуировано в 2022 году?');
    expect(a.text).toMatch(/^Конфликт сентября 2022 года вынудил покинуть дома около 130 000 человек/);
  });
});

describe('"why" questions', () => {
  it('rank first what gives a reason: clashes over water and land, not the dates of a clash', () => {
    const a = ask('Why do the two countries keep fighting over the border?');
    expect(a.text.split('. ')[0]).toMatch(/over water and land|because|Soviet/);
  });

  it('take a preposition for no subject: "the crossroads near Vorukh" is not "relations near Khujand"', () => {
    const a = ask('Why is the crossroads near Vorukh so important?');
    expect(a.text).toMatch(/^When a dispute arises, both sides often rush to occupy this crossroads/);
    expect(a.text).not.toContain('Khujand');
  });

  it('reach the dispute in the sources\' words from the asker\'s ("disagree" for "contested", "debated")', () => {
    const a = ask('Why do the sides disagree on Vorukh?');
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/contested|debated|enclave/);
  });
});

describe('a country outside the dispute named beside a place of it', () => {
  it('keeps the question in scope: "the route from China if Karamik opened"', () => {
    const a = ask('How far would the route from China shrink if Karamik opened?');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('350 km');
  });

  it('still declines a question about that country alone', () => {
    expect(ask('How long is the border between China and Kyrgyzstan?').answered).toBe(false);
  });
});
