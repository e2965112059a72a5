import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { packIndex, unpackIndex } from './packed-index.js';
import { editDistance, isStopword, stem, tokenize } from '../text.js';

/**
 * One piece of evidence as the index sees it. A source sentence has only `text`; a fact or an authored passage
 * also has the questions it answers and the bot's own sentence, in every language the knowledge gives.
 */
export interface IndexDoc {
  /** A sentence's number, or "f:<fact id>", "p:<passage id>". */
  id: number | string;
  text: string;
  questions?: string;
  bot?: string;
  /** The words of the fact's topic (title and keywords): a weak hint, never the only match. */
  topic?: string;
  entities: string;
  dates: string;
}
type Doc = IndexDoc;
const WORD_FIELDS = ['text', 'questions', 'bot', 'topic'];
/** The fields only facts and written-up passages have. */
const WRITTEN_FIELDS = ['questions', 'bot', 'topic'];

/** Fields whose tokens are ids or years, kept as they are (no stemming, no stopwords). */
const RAW_FIELDS = new Set(['entities', 'dates']);

/**
 * The one options object for building and for loading a saved index.
 * Fields and boosts: the sentence's words (text) decide; the entities it names are a strong, exact signal
 * that also carries a Cyrillic or misspelt name to the English text; the years its relative dates resolve to
 * ("last year" → 2019) let a question naming the year find it. Titles and neighbouring sentences are left out
 * of the index: they multiply postings (and so latency, memory and load time) without telling sentences of one
 * article apart; the re-ranking reads the neighbouring sentences instead (see ranking.ts).
 */
export const SEARCH_OPTIONS: Options<Doc> = {
  idField: 'id',
  fields: [...WORD_FIELDS, 'entities', 'dates'],
  storeFields: [],
  tokenize: (text, field) => (field && RAW_FIELDS.has(field) ? text.split(' ').filter(Boolean) : tokenize(text)),
  processTerm: (term, field) => (field && RAW_FIELDS.has(field) ? term : isStopword(term) ? null : stem(term)),
  searchOptions: {
    boost: { text: 3, questions: 3, bot: 2.5, topic: 1, entities: 2, dates: 1.5 },
    weights: { fuzzy: 0.5, prefix: 0.3 },
    combineWith: 'OR',
  },
};

export interface IndexQuery {
  /** Stemmed content words of the question. */
  terms: string[];
  /** Their glossary synonyms: searched too, at a lower weight than the question's own words. */
  synonyms: string[];
  /** Entity keys (see entityKey). */
  entities: string[];
  years: string[];
  /** Words of the previous question, for a follow-up: searched at a lower weight, like synonyms. */
  context?: string[];
}

export interface PassageIndex {
  /**
   * Passages matching any of the query's words, entities or years, best first.
   * Words are searched exactly (the caller corrects typos first, see `nearest`), which keeps a query on a
   * large corpus from touching the postings of every near-spelling.
   * An empty result means no passage shares a single term with the question.
   */
  search(q: IndexQuery): SearchResult[];
  /** MiniSearch's own search of the raw text with the default options: the baseline the benchmark compares to. */
  bareSearch(text: string): SearchResult[];
  /** The indexed word this one is a typo of (within the allowed edits), or null. */
  nearest(term: string): string | null;
  /** Whether the index holds this (stemmed) word. */
  has(term: string): boolean;
  /** Indexed words that start with this prefix, a few at most. */
  completions(prefix: string): string[];
  /** Share of the documents that hold this (stemmed) word, 0 to 1. */
  share(term: string): number;
  add(docs: IndexDoc[]): void;
  /** Takes documents out; a document the index does not hold is skipped. */
  discard(docs: IndexDoc[]): void;
  /** Whether a document with this id is in the index. */
  hasDoc(id: number | string): boolean;
  /** The whole index as bytes, for `loadIndex`. */
  save(): Buffer;
  /** Documents in the index. */
  readonly size: number;
}

const toDoc = (p: IndexDoc): Doc => {
  const d: Doc = { id: p.id, text: p.text, entities: p.entities, dates: p.dates };
  if (p.questions) d.questions = p.questions;
  if (p.bot) d.bot = p.bot;
  if (p.topic) d.topic = p.topic;
  return d;
};
const fuzziness = (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0);

/**
 * How many postings one search may walk. BM25 over a term found in a tenth of a large corpus costs much and
 * tells little; the rarest terms of the question are searched first, the commonest only while the budget
 * lasts (the re-ranking still reads every concept in the candidates it gets).
 */
const POSTINGS_BUDGET = 1_500;

/** Document frequencies: words of the text field, and entity keys (a separate space: "vorukh" is both). */
interface Frequencies {
  words: Map<string, number>;
  entities: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string, by: number) => {
  const n = (m.get(k) ?? 0) + by;
  if (n > 0) m.set(k, n);
  else m.delete(k);
};

function countPassage(freq: Frequencies, p: IndexDoc, by: 1 | -1): void {
  const words = new Set<string>();
  for (const t of tokenize(`${p.text} ${p.questions ?? ''} ${p.bot ?? ''} ${p.topic ?? ''}`)) if (!isStopword(t)) words.add(stem(t));
  for (const w of words) bump(freq.words, w, by);
  for (const e of new Set(p.entities.split(' ').filter(Boolean))) bump(freq.entities, e, by);
}

function wrap(mini: MiniSearch<Doc>, freq: Frequencies): PassageIndex {
  // Typo corrections, remembered until the vocabulary changes.
  const nearMemo = new Map<string, string | null>();
  const processTerm = (t: string) => t;
  const asOne = (s: string) => [s];
  const SYNONYM_BOOST = { text: 1.2, questions: 1.2, bot: 1, topic: 0.5 };
  /**
   * One term's query for MiniSearch, written out whole: an object spread and given keys its source lacks gets a
   * hidden class of its own on every search, and what such objects hold outlives the young-generation collections
   * (see minisearch-options.ts).
   */
  const query = (fields: string[], term: string, synonym: boolean) =>
    synonym
      ? { processTerm, tokenize: asOne, fields, queries: [term], boost: SYNONYM_BOOST }
      : { processTerm, tokenize: asOne, fields, queries: [term] };
  return {
    search(q) {
      type Part = { fields: string[]; term: string; synonym: boolean; cost: number };
      const byCost = (a: Part, b: Part) => a.cost - b.cost;
      const parts: Part[] = [
        ...q.terms
          .filter((t) => freq.words.has(t))
          .map((t) => ({ fields: WORD_FIELDS, term: t, synonym: false, cost: freq.words.get(t)! })),
        ...q.entities
          .filter((e) => freq.entities.has(e))
          .map((e) => ({ fields: ['entities'], term: e, synonym: false, cost: freq.entities.get(e)! })),
        ...q.years.map((y) => ({ fields: ['dates', 'text'], term: y, synonym: false, cost: freq.words.get(y) ?? 0 })),
      ].sort(byCost);
      const synonyms: Part[] = [...q.synonyms, ...(q.context ?? [])]
        .filter((t) => freq.words.has(t))
        .map((t) => ({ fields: WORD_FIELDS, term: t, synonym: true, cost: freq.words.get(t)! }))
        .sort(byCost);
      const chosen: Array<ReturnType<typeof query>> = [];
      let spent = 0;
      for (const part of [...parts, ...synonyms]) {
        if (spent + part.cost <= POSTINGS_BUDGET) {
          chosen.push(query(part.fields, part.term, part.synonym));
          spent += part.cost;
        } else if (part.fields === WORD_FIELDS) {
          // Too common to search in every sentence ("border" in a large corpus): searched in what the facts and
          // written-up passages say of themselves, whose postings stay few however many sentences there are.
          chosen.push(query(WRITTEN_FIELDS, part.term, part.synonym));
        }
      }
      if (!chosen.length) return [];
      return mini.search({ combineWith: 'OR', queries: chosen } as never);
    },
    bareSearch: (text) => mini.search(text),
    has: (term) => freq.words.has(term),
    completions(prefix) {
      const hits = mini.search(prefix, { fields: WORD_FIELDS, prefix: true, processTerm: (t) => t, tokenize: (x) => [x] });
      return [...new Set(hits.flatMap((h) => h.terms))].filter((t) => t.startsWith(prefix) && freq.words.has(t)).slice(0, 5);
    },
    share: (term) => (freq.words.get(term) ?? 0) / Math.max(1, mini.documentCount),
    nearest(term) {
      if (freq.words.has(term)) return term;
      const edits = fuzziness(term);
      if (!edits) return null;
      if (nearMemo.has(term)) return nearMemo.get(term)!;
      if (nearMemo.size >= 10_000) nearMemo.clear();
      // MiniSearch's radix tree answers "which terms lie within n edits" without scanning the vocabulary. Its
      // distance counts a swap of two letters as two edits ("clahs" for "clash"), so it is asked one more and the
      // candidates are checked with a distance that counts a swap as one.
      const within = (n: number) =>
        mini
          .search(term, { fields: WORD_FIELDS, fuzzy: n, processTerm: (t) => t, tokenize: (x) => [x] })
          .flatMap((h) => h.terms)
          .find((t) => t !== term && editDistance(term, t, edits) <= edits) ?? null;
      // A wider search only for a short word, where it stays cheap: a long one rarely swaps letters unnoticed.
      const found = within(edits) ?? (edits === 1 ? within(2) : null);
      nearMemo.set(term, found);
      return found;
    },
    add(docs) {
      nearMemo.clear();
      for (const p of docs) countPassage(freq, p, 1);
      mini.addAll(docs.map(toDoc));
    },
    discard(docs) {
      nearMemo.clear();
      for (const p of docs) {
        if (!mini.has(p.id)) continue;
        countPassage(freq, p, -1);
        mini.discard(p.id);
      }
    },
    hasDoc: (id) => mini.has(id),
    // The frequencies travel with the index: recounting them from the postings would double the load time.
    save: () => packIndex(mini, { words: [...freq.words], entities: [...freq.entities] }),
    get size() {
      return mini.documentCount;
    },
  };
}

export function buildIndex(docs: IndexDoc[]): PassageIndex {
  const index = wrap(new MiniSearch<Doc>(SEARCH_OPTIONS), { words: new Map(), entities: new Map() });
  index.add(docs);
  return index;
}

/** Loads an index saved with `save()`: its postings are decoded as searches reach them (see packed-index.ts). */
export function loadIndex(bytes: Uint8Array): PassageIndex {
  const { mini, extra } = unpackIndex<Doc>(bytes, SEARCH_OPTIONS);
  const saved = extra as { words: Array<[string, number]>; entities: Array<[string, number]> };
  return wrap(mini, { words: new Map(saved.words), entities: new Map(saved.entities) });
}
