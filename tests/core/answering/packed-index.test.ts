import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { packIndex, unpackIndex } from '../../../src/core/answering/packed-index.js';

interface Doc {
  id: number | string;
  text: string;
  tags?: string;
}
const OPTIONS = { idField: 'id', fields: ['text', 'tags'], storeFields: [] as string[] };

/** Documents with repeated words (term frequencies above 1), a missing field, and ids of both kinds. */
function docs(n: number, from = 0): Doc[] {
  const words = ['border', 'vorukh', 'treaty', 'khujand', 'batken', 'water', 'canal', 'enclave', 'road', 'village'];
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const text = Array.from({ length: 3 + (i % 7) }, (_, j) => words[(i * 7 + j * 2) % words.length]).join(' ');
    return i % 5 === 0 ? { id: `f:${i}`, text } : { id: i, text, tags: i % 2 ? 'odd' : 'even' };
  });
}

const QUERIES = ['border', 'vorukh treaty', 'canal', 'odd', 'even water', 'enclav', 'villag'];
/** What MiniSearch itself would save, terms keyed (their order follows the radix tree's insertion order). */
const plain = (mini: MiniSearch<Doc>) => {
  const js = JSON.parse(JSON.stringify(mini)) as { index: Array<[string, unknown]> };
  return { ...js, index: Object.fromEntries(js.index) };
};
const results = (mini: MiniSearch<Doc>) =>
  QUERIES.map((q) => mini.search(q, { prefix: true, fuzzy: 0.2 }).map((r) => [r.id, r.score.toFixed(9), r.terms.join()]));

describe('the packed index', () => {
  it('searches exactly as the index it was saved from', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs(300));
    built.discard(7);
    built.discard('f:10');
    const { mini, extra } = unpackIndex<Doc>(packIndex(built, { kept: [1, 2] }), OPTIONS);
    expect(extra).toEqual({ kept: [1, 2] });
    expect(mini.documentCount).toBe(built.documentCount);
    expect(mini.termCount).toBe(built.termCount);
    expect(mini.has(7)).toBe(false);
    expect(mini.has('f:15')).toBe(true);
    expect(results(mini)).toEqual(results(built));
    // What MiniSearch itself would save is the same too: every posting and every document's field lengths.
    expect(plain(mini)).toEqual(plain(built));
  });

  it('takes additions and removals after a load as the built index does', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs(200));
    const { mini } = unpackIndex<Doc>(packIndex(built, null), OPTIONS);
    for (const index of [built, mini]) {
      index.addAll(docs(50, 200));
      index.discard(3);
      index.discard('f:20');
      index.remove(docs(1, 11)[0]!);
    }
    expect(results(mini)).toEqual(results(built));
    expect(plain(mini)).toEqual(plain(built));
  });

  it('saves a loaded index again, read or not, with every posting', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs(120));
    const bytes = packIndex(built, { n: 1 });
    const untouched = unpackIndex<Doc>(bytes, OPTIONS).mini;
    const searched = unpackIndex<Doc>(bytes, OPTIONS).mini;
    results(searched);
    for (const loaded of [untouched, searched]) {
      const again = unpackIndex<Doc>(packIndex(loaded, { n: 1 }), OPTIONS).mini;
      expect(plain(again)).toEqual(plain(built));
    }
  });

  it('refuses bytes that are not a packed index', () => {
    expect(() => unpackIndex(Buffer.from('{"index":[]}'), OPTIONS)).toThrow(/not a packed index/);
  });

  it('loads from a buffer at an offset not aligned to 4 bytes', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs(40));
    const bytes = packIndex(built, null);
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    expect(results(unpackIndex<Doc>(shifted.subarray(1), OPTIONS).mini)).toEqual(results(built));
  });
});
