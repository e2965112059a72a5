import { editDistance, isCyrillic, stem, tokenize, typoAllowance } from '../text.js';
import type { GazetteerEntry } from '../types.js';

export interface EntityHit {
  id: string;
  entry: GazetteerEntry;
  /** Token positions [start, end) in the text's token list. */
  start: number;
  end: number;
  /** True when matched only as a typo of a spelling. */
  fuzzy: boolean;
}

export interface EntityMatcher {
  /** Entities named in a list of stemmed tokens, longest spelling first, no overlaps. */
  /**
   * `tokens` (the words before stemming, position by position) make a Latin spelling match only as itself or
   * its plural or possessive: "diplomatic" shares a stem with "The Diplomat" but names no publisher.
   */
  find(stems: string[], options?: { fuzzy?: boolean | ((stem: string) => boolean); tokens?: string[] }): EntityHit[];
  /** The entry that has this spelling, if any. */
  byName(name: string): GazetteerEntry | undefined;
  entries: GazetteerEntry[];
}

interface Spelling {
  stems: string[];
  words: string[];
  entry: GazetteerEntry;
}

/** Whether a written word is a Latin spelling itself, or its plural or possessive. */
const sameWord = (token: string, word: string): boolean =>
  /[\u0400-\u04ff]/.test(word) ||
  /^\d/.test(word) ||
  token === word ||
  token === `${word}s` ||
  token === `${word}es` ||
  token === `${word}'s`;

/**
 * Finds gazetteer entries in text by any of their spellings, compared stem by stem,
 * so "Ворухе" finds Vorukh and "Tajikstan" (a typo) finds Tajikistan.
 */
export function createEntityMatcher(entries: GazetteerEntry[]): EntityMatcher {
  const byFirst = new Map<string, Spelling[]>();
  const single: Spelling[] = [];
  const byName = new Map<string, GazetteerEntry>();
  for (const entry of entries) {
    for (const alias of [...entry.aliases, entry.name.en, entry.name.ru]) {
      const words = tokenize(alias);
      const stems = words.map(stem);
      if (stems.length === 0) continue;
      byName.set(stems.join(' '), entry);
      const s = { stems, words, entry };
      const list = byFirst.get(stems[0]!) ?? [];
      if (!list.some((o) => o.entry === entry && o.stems.join(' ') === s.stems.join(' '))) list.push(s);
      byFirst.set(stems[0]!, list);
      if (stems.length === 1 && stems[0]!.length >= 5 && !/^\d/.test(stems[0]!)) single.push(s);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);

  return {
    entries,
    byName: (name) => byName.get(tokenize(name).map(stem).join(' ')),
    find(stems, options = {}) {
      const hits: EntityHit[] = [];
      for (let i = 0; i < stems.length;) {
        const { tokens } = options;
        const exact = (byFirst.get(stems[i]!) ?? []).find(
          (s) =>
            s.stems.every((t, k) => stems[i + k] === t) &&
            (!tokens || s.words.every((w, k) => tokens[i + k] === undefined || sameWord(tokens[i + k]!, w))),
        );
        if (exact) {
          hits.push({ id: exact.entry.id, entry: exact.entry, start: i, end: i + exact.stems.length, fuzzy: false });
          i += exact.stems.length;
          continue;
        }
        const word = stems[i]!;
        // The Russian stemmer takes less off an inflected form than off the name itself ("Баткене" → "баткен",
        // "Баткен" → "батк"): stemmed once more, the form meets the name's stem.
        const again = isCyrillic(word) ? stem(word) : word;
        const inflected = again !== word ? (byFirst.get(again) ?? []).find((s) => s.stems.length === 1) : undefined;
        if (inflected) {
          hits.push({ id: inflected.entry.id, entry: inflected.entry, start: i, end: i + 1, fuzzy: false });
          i++;
          continue;
        }
        const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(word) : options.fuzzy;
        const allowance = fuzzy ? typoAllowance(word.length) : 0;
        if (allowance > 0) {
          let best: Spelling | undefined;
          let bestD = allowance + 1;
          for (const s of single) {
            const d = editDistance(word, s.stems[0]!, allowance);
            if (d < bestD) [best, bestD] = [s, d];
          }
          if (best) hits.push({ id: best.entry.id, entry: best.entry, start: i, end: i + 1, fuzzy: true });
        }
        i++;
      }
      return hits;
    },
  };
}
