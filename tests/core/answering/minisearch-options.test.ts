import { createRequire } from 'node:module';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import '../../../src/core/answering/minisearch-options.js';

// The library's CommonJS build is a class of its own, untouched by the module under test: the reference.
const Reference = createRequire(import.meta.url)('minisearch') as typeof MiniSearch;

type Doc = { id: number; text: string; title: string };
const DOCS: Doc[] = [
  { id: 1, text: 'The border between Kyrgyzstan and Tajikistan is 970 km long', title: 'Border length' },
  { id: 2, text: 'Clashes on the border in 2021 and 2022 displaced many people', title: 'Clashes' },
  { id: 3, text: 'Vorukh is an exclave of Tajikistan inside Kyrgyzstan', title: 'Vorukh' },
  { id: 4, text: 'Delimitation talks between the two countries began in 2002', title: 'Talks' },
  { id: 5, text: 'The border agreement was signed and ratified in 2025', title: 'Agreement' },
];
const OPTIONS: Options<Doc> = {
  fields: ['text', 'title'],
  storeFields: ['title'],
  searchOptions: { boost: { title: 2 }, weights: { fuzzy: 0.5, prefix: 0.3 }, combineWith: 'OR' },
};
const asIs = { processTerm: (t: string) => t, tokenize: (s: string) => [s] };
const QUERIES: Array<[Parameters<MiniSearch['search']>[0], SearchOptions?]> = [
  ['border clashes'],
  ['bordr', { fuzzy: 1 }],
  ['delim', { prefix: true, fields: ['text'] }],
  ['tajikistan kyrgyzstan', { combineWith: 'AND', boost: { text: 3 } }],
  [
    {
      combineWith: 'OR',
      queries: [
        { ...asIs, fields: ['text'], queries: ['border'] },
        { ...asIs, fields: ['title'], queries: ['vorukh'], boost: { title: 5 } },
        { combineWith: 'AND', queries: ['talks', 'began'] },
      ],
    },
  ],
  [{ queries: ['exclave', 'agreement'], prefix: true }, { fuzzy: 0.2 }],
  // A nested query's own options win over the caller's.
  [{ queries: ['border', 'vorukh'], combineWith: 'OR' }, { combineWith: 'AND' }],
  [MiniSearch.wildcard],
];

describe('MiniSearch with its options merged without spreads', () => {
  it('finds what the library finds, with the same scores', () => {
    const ours = new MiniSearch<Doc>(OPTIONS);
    const reference = new Reference<Doc>(OPTIONS);
    ours.addAll(DOCS);
    reference.addAll(DOCS);
    // Twice: the defaults it sets aside for a call are back for the next one.
    for (let round = 0; round < 2; round++)
      for (const [query, options] of QUERIES) {
        const [a, b] = [ours.search(query, options), reference.search(query === MiniSearch.wildcard ? Reference.wildcard : query, options)];
        expect(a, String(JSON.stringify(query))).toEqual(b);
        expect(a.length, String(JSON.stringify(query))).toBeGreaterThan(0);
      }
  });
});
