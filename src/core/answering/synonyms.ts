import type { Analysis } from './analyse.js';
import type { PassageIndex } from './search-index.js';
import { isCyrillic, isStopword, stem, tokenize } from '../text.js';
import type { Thesaurus } from './wordnet.js';

export interface Synonyms {
  /** The stem, its glossary synonyms (the domain's terms, across English and Russian) and learnt translations, the stem first. */
  glossary(s: string): string[];
  /**
   * The stem, its glossary synonyms, then, for an English word the sources never use, WordNet's synonyms of
   * the word (and of the two-word phrase it starts, "gas station") that the sources do use. The caller weighs
   * everything after the first below the question's own word.
   */
  of(s: string, a: Analysis): string[];
}

const MEMO_MAX = 50_000;
/**
 * A word in at most this many documents is rare enough to be searched through its WordNet synonyms too: a sentence
 * that is written up is a sentence, a passage and perhaps a fact, so this is a word of one sentence.
 */
const RARE_DOCS = 3;
/** A Russian word's English counterparts: the few English words that share most of its facts and passages. */
const TRANSLATIONS = 4;
const MIN_DICE = 0.3;
const MIN_SHARED = 2;
/** How close to an English word's best Russian partner another must come to keep it as a translation (see below). */
const RIVAL_SHARE = 0.8;
/** How close to a Russian word's best English partner another must come to be a translation too. */
const OWN_SHARE = 0.6;

/** The English and the Russian wording of one fact or passage: its sentence in the bot's words and its questions. */
export interface ParallelText {
  en: string;
  ru: string;
}

const contentStems = (text: string): Set<string> =>
  new Set(
    tokenize(text)
      .filter((t) => !isStopword(t) && !/^\d/.test(t))
      .map(stem),
  );

/**
 * A Russian-to-English lexicon learnt from the knowledge itself: every fact and passage says the same thing in
 * both languages, so a Russian word and the English word that keep appearing in the same ones (Dice coefficient)
 * translate each other. It carries a Russian question to a source in English that has no Russian wording of its
 * own, such as one a moderator has just added; the glossary remains for the domain's terms.
 */
export function learnTranslations(texts: ParallelText[]): Map<string, string[]> {
  const dfEn = new Map<string, number>();
  const dfRu = new Map<string, number>();
  const together = new Map<string, Map<string, number>>();
  for (const t of texts) {
    const en = contentStems(t.en);
    const ru = [...contentStems(t.ru)].filter(isCyrillic);
    for (const e of en) dfEn.set(e, (dfEn.get(e) ?? 0) + 1);
    for (const r of ru) {
      dfRu.set(r, (dfRu.get(r) ?? 0) + 1);
      let row = together.get(r);
      if (!row) together.set(r, (row = new Map()));
      for (const e of en) row.set(e, (row.get(e) ?? 0) + 1);
    }
  }
  const dice = (r: string, e: string, n: number) => (2 * n) / (dfRu.get(r)! + dfEn.get(e)!);
  // Competitive linking (Melamed): an English word is the translation of the Russian words it goes with best, not
  // of every word of the texts it appears in. "presid" goes with «президент»; beside «встреча» it is only there
  // because presidents are who meet, and taking it made every sentence naming a president a meeting.
  const bestFor = new Map<string, number>();
  for (const [r, row] of together)
    for (const [e, n] of row) if (n >= MIN_SHARED) bestFor.set(e, Math.max(bestFor.get(e) ?? 0, dice(r, e, n)));
  const out = new Map<string, string[]>();
  for (const [r, row] of together) {
    const scored = [...row]
      .filter(([, n]) => n >= MIN_SHARED)
      .map(([e, n]) => [e, dice(r, e, n)] as const)
      .filter(([e, d]) => d >= MIN_DICE && d >= RIVAL_SHARE * bestFor.get(e)!)
      .sort((a, b) => b[1] - a[1])
      // …and from the Russian word's side: what goes with it far less than its best partner is a neighbour, not it.
      .filter(([, d], _, all) => d >= OWN_SHARE * all[0]![1])
      .slice(0, TRANSLATIONS)
      .map(([e]) => e);
    if (scored.length) out.set(r, scored);
  }
  return out;
}

export function createSynonyms(
  groups: string[][],
  index: PassageIndex,
  thesaurus: Thesaurus,
  translations: Map<string, string[]> = new Map(),
): Synonyms {
  const glossary = groups.map((g) => [...new Set(g.flatMap((w) => tokenize(w).map(stem)))]);
  const memo = new Map<string, string[]>();
  const ofGlossary = (s: string): string[] => {
    let out = memo.get(s);
    if (!out) {
      // Russian forms the stemmer cuts differently share a beginning; English stems match whole ("countri" is not
      // "count").
      const same = (w: string) => w === s || (isCyrillic(s) && ((w.length >= 4 && s.startsWith(w)) || (s.length >= 5 && w.startsWith(s))));
      // A word of the glossary has its counterparts there: what it was learnt to go with (человек with "kill", in
      // "сколько человек погибло") would only add the words it stands beside.
      const groupsOf = glossary.filter((g) => g.some(same));
      out = [...new Set([s, ...groupsOf.flat(), ...(groupsOf.length ? [] : (translations.get(s) ?? []))])];
      if (memo.size > MEMO_MAX) memo.clear();
      memo.set(s, out);
    }
    return out;
  };
  /** WordNet words as stems the index holds, no stopwords. */
  const known = (words: string[]): string[] =>
    words
      .flatMap((w) =>
        tokenize(w)
          .filter((t) => !isStopword(t))
          .map(stem),
      )
      .filter((x) => index.has(x));
  return {
    glossary: ofGlossary,
    of(s, a) {
      const out = ofGlossary(s);
      const at = a.stems.indexOf(s);
      const word = a.tokens[at];
      if (at < 0 || !word || isCyrillic(word)) return out;
      const extra: string[] = [];
      const next = a.tokens[at + 1];
      if (next && !isStopword(next)) extra.push(...known(thesaurus.synonyms(`${word} ${next}`)));
      if (!index.has(s)) extra.push(...known(thesaurus.synonyms(word)));
      // A word the sources use in one sentence or so ("transit" in one aside) reaches them through its one-word
      // synonyms too ("transportation"): the question's wording rarely matches that one sentence's.
      else if (index.share(s) * index.size <= RARE_DOCS) extra.push(...known(thesaurus.synonyms(word).filter((w) => !w.includes(' '))));
      return extra.length ? [...new Set([...out, ...extra.filter((x) => x !== s && x !== stem(next ?? ''))])] : out;
    },
  };
}
