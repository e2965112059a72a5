import type { SearchResult } from 'minisearch';
import type { Analysis } from './analyse.js';
import type { Passage } from './passages.js';
import { editDistance, stem, tokenize, typoAllowance } from '../text.js';

/** One thing the question asks about: a word (with its synonyms), an entity, or a year. */
export interface Concept {
  /** The question's word first, then its glossary synonyms; only the first may be matched as a typo. */
  stems: string[];
  entity?: string;
  year?: string;
  /** Words of the question itself, as opposed to entities, years, months and days. */
  content: boolean;
}

export interface RankedPassage {
  passage: Passage;
  /** Share of the question's concepts the sentence itself covers (0 to 1). */
  coverage: number;
  /** How much of the question's own words the sentence (and, at half weight, its neighbours) covers. */
  contentCovered: number;
  /** Whether the sentence can answer this kind of question: a number for "how many", a date for "when". */
  fitsKind: boolean;
  score: number;
}

/** A passage must cover at least this share of the question's concepts to be quoted as an answer. */
export const MIN_COVERAGE = 0.5;
/** How many search hits are re-ranked: enough to reach a sentence that matches on one rare word. */
const RERANK_DEPTH = 30;

// "One" is left out: "one of the stations" states no count.
const NUMBER =
  /\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?|half|third|quarter)\b/i;
const DATE = /\b(1[89]|20)\d\d\b|january|february|march|april|may|june|july|august|september|october|november|december/i;

const never = () => false;

function stemHit(words: Set<string>, s: string, mayBeTypo: (s: string) => boolean): boolean {
  if (words.has(s)) return true;
  const allowance = mayBeTypo(s) ? typoAllowance(s.length) : 0;
  for (const w of words) {
    if (s.length >= 4 && w.startsWith(s)) return true;
    if (allowance && editDistance(s, w, allowance) <= allowance) return true;
  }
  return false;
}

/**
 * Re-ranks search hits by how much of the question the sentence itself answers: BM25 finds candidates,
 * coverage of the question's concepts decides, so a sentence that names the entity and the asked-for thing
 * beats one that repeats a single word. Returns only passages fit to quote, best first; empty means none is.
 */
export function rankPassages(
  a: Analysis,
  concepts: Concept[],
  results: SearchResult[],
  byId: Map<number, Passage>,
  mayBeTypo: (stem: string) => boolean,
  wordsOf: (p: Passage) => Set<string> = (p) => new Set(tokenize(p.text).map(stem)),
): RankedPassage[] {
  const contentCount = concepts.filter((c) => c.content).length;
  const needContent = contentCount > 0;
  const neighbour = (p: Passage, step: 1 | -1) => {
    const n = byId.get(p.id + step);
    return n && n.sourceId === p.sourceId ? n : undefined;
  };
  const best = results[0]?.score ?? 1;
  return results
    .slice(0, RERANK_DEPTH)
    .map((r): RankedPassage => {
      const passage = byId.get(r.id as number)!;
      /** 1 when the passage has the concept itself, 0.75 when only a synonym of the question's word, 0 when neither. */
      const covers = (p: Passage | undefined, c: Concept): number => {
        if (!p) return 0;
        if (c.entity) return ` ${p.entities} `.includes(` ${c.entity} `) ? 1 : 0;
        if (c.year) return p.dates.includes(c.year) || p.text.includes(c.year) ? 1 : 0;
        const words = wordsOf(p);
        if (stemHit(words, c.stems[0]!, mayBeTypo)) return 1;
        return c.stems.slice(1).some((s) => stemHit(words, s, never)) ? 0.75 : 0;
      };
      // A concept in the sentence counts fully; one only in the sentence before or after counts half.
      const weights = concepts.map(
        (c) => covers(passage, c) || 0.5 * Math.max(covers(neighbour(passage, -1), c), covers(neighbour(passage, 1), c)),
      );
      // A named place or person is what the question is about: it weighs more than any one word.
      const importance = (c: Concept) => (c.entity ? 1.5 : 1);
      const total = concepts.reduce((x, c) => x + importance(c), 0);
      const coverage = total ? concepts.reduce((x, c, i) => x + importance(c) * weights[i]!, 0) / total : 0;
      const inSentence = weights.filter((w) => w >= 0.75).length;
      const fitsKind =
        a.kind === 'how-many' || a.kind === 'how-long'
          ? NUMBER.test(passage.text)
          : a.kind === 'when'
            ? DATE.test(passage.text) || passage.dates !== ''
            : true;
      // How much of the question's own words the passage answers: at least half, or it is about something else.
      const contentCovered = concepts.reduce((x, c, i) => x + (c.content ? weights[i]! : 0), 0);
      // BM25 finds and orders candidates; how much of the question a sentence covers weighs more.
      const score = inSentence ? 0.35 * (r.score / best) + 0.65 * coverage : 0;
      return { passage, coverage, contentCovered, fitsKind, score };
    })
    .filter((r) => r.score > 0 && r.fitsKind && r.coverage >= MIN_COVERAGE && (!needContent || r.contentCovered >= 0.5 * contentCount))
    .sort((x, y) => y.score - x.score);
}

/** The best passage, and a second one when it is nearly as good: one or two sentences answer a question. */
export function choosePassages(ranked: RankedPassage[]): RankedPassage[] {
  const [top] = ranked;
  if (!top) return [];
  const second = ranked.find((r) => r !== top && r.score >= 0.8 * top.score && r.coverage >= top.coverage - 0.1);
  return second ? [top, second] : [top];
}
