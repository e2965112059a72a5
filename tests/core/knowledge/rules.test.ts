import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, loadKnowledge } from '../../../src/core/index.js';
import {
  LIMITS,
  figureInQuoteProblem,
  futureDateProblem,
  idProblem,
  lineBreakProblem,
  quoteWordsProblem,
  sizeProblem,
  unicodeProblem,
} from '../../../src/core/knowledge/rules.js';
import { factShapeProblems, sourceProblem } from '../../../src/core/knowledge/validate-update.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const ARTICLE = { title: 'Talks resume', publisher: 'Test Agency', published: '2025-03', text: 'The talks resumed.' };

/** What a moderator sends, and the message they get back (null: accepted). */
const CASES: Array<[string, () => string | null, string | null]> = [
  ['980 in "980-kilometre"', () => figureInQuoteProblem(980, 'the 980-kilometre frontier between them'), null],
  ['980 in "980 km"', () => figureInQuoteProblem(980, 'a frontier of 980 km in all'), null],
  ['980 in "980"', () => figureInQuoteProblem(980, 'the border runs for 980 kilometers'), null],
  ['1000 in "1,000"', () => figureInQuoteProblem(1000, 'share almost 1,000 kilometers of border'), null],
  ['1000 in "1 000"', () => figureInQuoteProblem(1000, 'протяжённость границы почти 1 000 км'), null],
  ['1000 in "1 000" with a no-break space', () => figureInQuoteProblem(1000, 'почти 1\u00a0000 км границы'), null],
  ['1000 in "1000"', () => figureInQuoteProblem(1000, 'share almost 1000 kilometers of border'), null],
  ['519.9 in "519.9"', () => figureInQuoteProblem(519.9, 'only 519.9 kilometers have been defined'), null],
  ['519.9 in "519,9"', () => figureInQuoteProblem(519.9, 'определено только 519,9 км границы'), null],
  ['33 percent in "33%"', () => figureInQuoteProblem(33, 'about 33% of the border'), null],
  ['33 percent in "33 per cent"', () => figureInQuoteProblem(33, 'about 33 per cent of the border'), null],
  ['33 percent in "one-third"', () => figureInQuoteProblem(33, 'Around one-third of that total'), null],
  ['33 percent in "a third"', () => figureInQuoteProblem(33, 'around a third of that total'), null],
  [
    '33 percent refused for "a third round" (an ordinal)',
    () => figureInQuoteProblem(33, 'a third round of talks began'),
    'the value 33 is not in its quote "a third round of talks began" (it has no number)',
  ],
  ['25 percent in "a quarter of"', () => figureInQuoteProblem(25, 'a quarter of the border is disputed'), null],
  ['0.33 in "a third"', () => figureInQuoteProblem(0.33, 'around a third of that total'), null],
  ['50 percent in "half"', () => figureInQuoteProblem(50, 'half of the border is agreed'), null],
  ['12 in "a dozen"', () => figureInQuoteProblem(12, 'a dozen villages were shelled'), null],
  ['14 in "fourteen"', () => figureInQuoteProblem(14, 'at least fourteen cases of violence'), null],
  ['25 in "двадцать пять"', () => figureInQuoteProblem(25, 'обстреляли двадцать пять сёл'), null],
  ['130000 in "130 тыс."', () => figureInQuoteProblem(130000, 'эвакуированы около 130 тыс. человек'), null],
  ['1500000 in "1.5 million"', () => figureInQuoteProblem(1_500_000, 'some 1.5 million people live there'), null],
  [
    '9800 refused for "the 980-kilometre frontier"',
    () => figureInQuoteProblem(9800, 'the 980-kilometre frontier'),
    'the value 9800 is not in its quote "the 980-kilometre frontier" (numbers there: 980)',
  ],
  [
    '1.5 refused for "1,500" (a comma before three digits groups thousands)',
    () => figureInQuoteProblem(1.5, 'some 1,500 people fled'),
    'the value 1.5 is not in its quote "some 1,500 people fled" (numbers there: 1500)',
  ],
  [
    '34 percent refused for "one-third"',
    () => figureInQuoteProblem(34, 'Around one-third of that total'),
    'the value 34 is not in its quote "Around one-third of that total"',
  ],
  [
    '12 refused for "dozens" (no certain value)',
    () => figureInQuoteProblem(12, 'dozens of people were injured'),
    'the value 12 is not in its quote "dozens of people were injured" (it has no number)',
  ],
  [
    '7 refused for "six … and one" (a sum is not stated)',
    () => figureInQuoteProblem(7, 'six Tajik nationals and one Kyrgyz citizen were killed'),
    'the value 7 is not in its quote "six Tajik nationals and one Kyrgyz citizen were killed" (numbers there: 6, 1)',
  ],
  ['a quote of four words', () => quoteWordsProblem('about 970 kilometers long'), null],
  ['a one-word quote', () => quoteWordsProblem('Vorukh'), 'the quote "Vorukh" has 1 word; a quote needs at least 4'],
  [
    'a three-word quote with an ellipsis',
    () => quoteWordsProblem('… the 980-kilometre frontier'),
    'the quote "… the 980-kilometre frontier" has 3 words; a quote needs at least 4',
  ],
  ['a source published in 2031', () => futureDateProblem('published', '2031', NOW), '"published" 2031 is after today (2026-11-24)'],
  ['a fact dated next month', () => futureDateProblem('date', '2026-12', NOW), '"date" 2026-12 is after today (2026-11-24)'],
  ['an event ending the day after tomorrow', () => futureDateProblem('end', '2026-11-26', NOW), '"end" 2026-11-26 is after today (2026-11-24)'],
  ['a date today', () => futureDateProblem('start', '2026-11-24', NOW), null],
  ['this year', () => futureDateProblem('published', '2026', NOW), null],
  ["tomorrow, already today east of UTC (UTC+14 at noon UTC is 02:00 the next day)", () => futureDateProblem('date', '2026-11-25', NOW), null],
  [
    'bytes that are not UTF-8',
    () => utf8Message(Uint8Array.from([0x41, 0x42, 0xc3, 0x28, 0x43]), 'article.md'),
    'article.md is not valid UTF-8: invalid byte sequence at byte offset 2 (0xC3 0x28 0x43); save it as UTF-8 and send it again',
  ],
  [
    'a sequence cut short at the end',
    () => utf8Message(Uint8Array.from([...Buffer.from('Ворух '), 0xe2, 0x82]), 'the document'),
    'the document is not valid UTF-8: invalid byte sequence at byte offset 11 (0xE2 0x82); save it as UTF-8 and send it again',
  ],
  [
    'an overlong form',
    () => utf8Message(Uint8Array.from([0x61, 0xc0, 0xaf]), 'f'),
    'f is not valid UTF-8: invalid byte sequence at byte offset 1 (0xC0 0xAF); save it as UTF-8 and send it again',
  ],
  [
    'an encoded surrogate',
    () => utf8Message(Uint8Array.from([0xed, 0xa0, 0x80]), 'f'),
    'f is not valid UTF-8: invalid byte sequence at byte offset 0 (0xED 0xA0 0x80); save it as UTF-8 and send it again',
  ],
  [
    'past U+10FFFF',
    () => utf8Message(Uint8Array.from([0x20, 0xf4, 0x90, 0x80, 0x80]), 'f'),
    'f is not valid UTF-8: invalid byte sequence at byte offset 1 (0xF4 0x90 0x80 0x80); save it as UTF-8 and send it again',
  ],
  ['valid UTF-8, Cyrillic and emoji, byte order mark dropped', () => utf8Message(Buffer.from('\ufeffВорух 🏔', 'utf8'), 'f'), 'Ворух 🏔'],
  [
    'text already decoded leniently',
    () => unicodeProblem('text', 'Vorukh \ufffd enclave'),
    '"text" has a replacement character (U+FFFD) at character 7: it was decoded from invalid UTF-8; send the original text',
  ],
  ['a lone surrogate', () => unicodeProblem('quote', 'abc\ud800def'), '"quote" is not valid Unicode: a lone surrogate at character 3'],
  [
    'a 5 MB article',
    () => sourceProblem({ ...ARTICLE, text: 'x'.repeat(5_000_000) }),
    '"text" is 5,000,000 characters long; the limit is 200,000',
  ],
  ['an article at the limit', () => sizeProblem('text', 'x'.repeat(LIMITS.article), LIMITS.article), null],
  [
    'a quote over 1,000 characters',
    () => factShapeProblems({ quote: 'word '.repeat(201) }).join('; '),
    '"quote" is 1,005 characters long; the limit is 1,000',
  ],
  [
    'a title over 300 characters',
    () => sourceProblem({ ...ARTICLE, title: 'T'.repeat(301) }),
    '"title" is 301 characters long; the limit is 300',
  ],
  ['a fact id with capitals and an underscore', () => idProblem('Vorukh_2022'), 'bad id "Vorukh_2022" (lower-case letters, digits and hyphens)'],
  ['a fact id in Cyrillic', () => idProblem('ворух-2022'), null],
  ['an id with a capital Cyrillic letter', () => idProblem('Ворух-2022'), 'bad id "Ворух-2022" (lower-case letters, digits and hyphens)'],
  ['an id starting with a hyphen', () => idProblem('-vorukh'), 'bad id "-vorukh" (lower-case letters, digits and hyphens)'],
  [
    'a fact id with a space, through the fact checks',
    () => factShapeProblems({ id: 'border length' }).join('; '),
    'bad id "border length" (lower-case letters, digits and hyphens)',
  ],
  ['a title on two lines', () => lineBreakProblem('title', 'Talks\nresume'), '"title" must be one line, without line breaks'],
  [
    'a publisher with a carriage return',
    () => sourceProblem({ ...ARTICLE, publisher: 'Asia-Plus\r' }),
    '"publisher" must be one line, without line breaks',
  ],
  [
    'a url with a line break',
    () => sourceProblem({ ...ARTICLE, url: 'https://example.org/a\nb' }),
    '"url" must be one line, without line breaks',
  ],
  [
    'fact fields on two lines',
    () =>
      factShapeProblems({
        topic: 'border-\nlength',
        unit: 'k\nm',
        short: { en: 'about\n970 km', ru: 'около 970 км' },
        statedBy: 'Kamchybek\nTashiyev',
        party: 'Kyrgyz\u2028stan',
      }).join('; '),
    [
      '"topic" must be one line, without line breaks',
      '"unit" must be one line, without line breaks',
      '"short.en" must be one line, without line breaks',
      '"statedBy" must be one line, without line breaks',
      '"party" must be one line, without line breaks',
    ].join('; '),
  ],
  ['a source that passes every rule', () => sourceProblem({ ...ARTICLE, url: 'https://example.org/a' }, NOW), null],
];

function utf8Message(bytes: Uint8Array, what: string): string {
  try {
    return decodeUtf8Strict(bytes, what);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe('validation rules for moderators’ updates', () => {
  it('has cases', () => {
    expect(CASES.length).toBeGreaterThan(40);
  });

  it.each(CASES)('%s', (_name, run, expected) => {
    expect(run()).toBe(expected);
  });

  it('names the byte offset on the error it throws', () => {
    expect(() => decodeUtf8Strict(Uint8Array.from([0x41, 0xff]), 'x.md')).toThrow(expect.objectContaining({ name: 'Utf8Error', offset: 1 }));
  });
});

describe('the bundled facts against the figure-in-quote rule', () => {
  it('finds each figure’s value in its quote, but for the one known sum', async () => {
    const kb = await loadKnowledge('knowledge');
    const figures = kb.facts.filter((f) => typeof f.value === 'number');
    expect(figures.length).toBeGreaterThan(10);
    const failing = figures.flatMap((f) => {
      const problem = figureInQuoteProblem(f.value!, f.quote);
      return problem ? [`${f.id}: ${problem}`] : [];
    });
    // toll-2019 counts "six Tajik nationals and one Kyrgyz citizen" as 7: a sum the quote does not state.
    expect(failing).toEqual([
      'toll-2019: the value 7 is not in its quote "Last year alone, there were at least fourteen cases of violence, in which six Tajik ' +
        'nationals and one Kyrgyz citizen were killed and more than 60 other people …" (numbers there: 60, 14, 6, 1)',
    ]);
  });
});
