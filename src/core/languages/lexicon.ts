// Imported, not read beside this module: the command-line entries are bundled into one file each (scripts/build.mjs).
import lexiconData from './lexicon-ky-tg.json' with { type: 'json' };
import { foldSpecialLetters } from './fold.js';
import type { QuestionLanguage } from './question-language.js';
import { stemKy } from './stem-ky.js';
import { stemTg } from './stem-tg.js';

/** One meaning: its English and Russian words (as the search knows them) and its Kyrgyz and Tajik forms. */
export interface LexiconEntry {
  kind: 'question' | 'function' | 'term' | 'name';
  en: string;
  ru: string;
  ky: readonly string[];
  tg: readonly string[];
}

/** A question glossed word by word; `unknown` lists the words the lexicon does not hold (kept as typed in both glosses). */
export interface Gloss {
  en: string;
  ru: string;
  unknown: string[];
}

type GlossLanguage = 'ky' | 'tg';

/** Named in error messages. */
const LEXICON_FILE = 'src/core/languages/lexicon-ky-tg.json';
const KINDS = new Set(['question', 'function', 'term', 'name']);

function readEntries(): LexiconEntry[] {
  const data = lexiconData as { entries?: unknown };
  if (!Array.isArray(data.entries)) throw new Error(`${LEXICON_FILE}: "entries" must be a list`);
  return data.entries.map((raw: Record<string, unknown>, i: number) => {
    const where = `${LEXICON_FILE}: entry ${i + 1} (${JSON.stringify(raw.en)})`;
    if (!KINDS.has(String(raw.kind))) throw new Error(`${where}: kind must be one of ${[...KINDS].join(', ')}`);
    if (typeof raw.en !== 'string' || typeof raw.ru !== 'string') throw new Error(`${where}: en and ru must be strings`);
    const forms = (key: string): string[] => {
      const v = raw[key] ?? [];
      if (!Array.isArray(v) || v.some((f) => typeof f !== 'string' || !f.trim()))
        throw new Error(`${where}: ${key} must be a list of non-empty strings`);
      return v as string[];
    };
    return { kind: raw.kind as LexiconEntry['kind'], en: raw.en, ru: raw.ru, ky: forms('ky'), tg: forms('tg') };
  });
}

/** The lexicon as written in its file; the Kyrgyz and Tajik spellings of names are there for the gazetteer too. */
export const KY_TG_LEXICON: readonly LexiconEntry[] = readEntries();

const STEMMERS: Record<GlossLanguage, (word: string) => string> = { ky: stemKy, tg: stemTg };

const WORD = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)?/gu;
const words = (text: string): string[] => text.normalize('NFC').toLowerCase().match(WORD) ?? [];

interface Phrase {
  stems: string[];
  entry: LexiconEntry;
}

/** Phrases by their first stem, longest first, so "чек ара" is read before "чек". */
function buildIndex(language: GlossLanguage): Map<string, Phrase[]> {
  const stem = STEMMERS[language];
  const index = new Map<string, Phrase[]>();
  const owner = new Map<string, LexiconEntry>();
  for (const entry of KY_TG_LEXICON) {
    for (const form of entry[language]) {
      const stems = words(form).map(stem);
      const key = stems.join(' ');
      const previous = owner.get(key);
      if (previous && previous !== entry)
        throw new Error(
          `${LEXICON_FILE}: the ${language} form "${form}" stems to "${key}", which already means "${previous.en}", not "${entry.en}"`,
        );
      if (previous) continue;
      owner.set(key, entry);
      const list = index.get(stems[0]!) ?? [];
      list.push({ stems, entry });
      index.set(stems[0]!, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return index;
}

/** Built on the first Kyrgyz or Tajik question: English and Russian never need it, and it costs a start much. */
const INDEX: Partial<Record<GlossLanguage, Map<string, Phrase[]>>> = {};
const indexOf = (language: GlossLanguage): Map<string, Phrase[]> => (INDEX[language] ??= buildIndex(language));

/** How many edits a stem of this length may carry and still be read as a typo of a lexicon word. */
const allowance = (length: number): number => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The single-word entry closest to a misspelt stem, if one is close enough. */
function nearest(stem: string, index: Map<string, Phrase[]>): LexiconEntry | undefined {
  const max = allowance(stem.length);
  if (max === 0) return undefined;
  let best: { entry: LexiconEntry; d: number } | undefined;
  for (const [first, phrases] of index) {
    if (Math.abs(first.length - stem.length) > max) continue;
    const single = phrases.find((p) => p.stems.length === 1);
    if (!single) continue;
    const d = editDistance(stem, first);
    if (d <= max && (!best || d < best.d)) best = { entry: single.entry, d };
  }
  return best?.entry;
}

/**
 * A Kyrgyz or Tajik question glossed word by word into English and Russian, so it can be searched over the
 * same evidence: "Кыргыз-тажик чек арасынын узундугу канча?" gives "how many Kyrgyz Tajik border length long".
 * Phrases are read before single words, misspellings within one or two letters are forgiven, and unknown
 * words and numbers are kept. English and Russian questions come back unchanged.
 */
export function translateQuestion(text: string, language: QuestionLanguage): Gloss {
  if (language === 'en' || language === 'ru') return { en: text, ru: text, unknown: [] };
  const stem = STEMMERS[language];
  const index = indexOf(language);
  const tokens = words(text);
  const stems = tokens.map(stem);
  // Kyrgyz and Tajik put the question word late ("Ташиев ким?"); English and Russian lead with it, and the
  // analysis of a question reads it there, so question words move to the front of the gloss.
  const lead: Array<[string, string]> = [];
  const rest: Array<[string, string]> = [];
  const unknown: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = (index.get(stems[i]!) ?? []).find((p) => p.stems.every((s, k) => stems[i + k] === s));
    const entry = phrase?.entry ?? (/^\d/.test(tokens[i]!) ? undefined : nearest(stems[i]!, index));
    if (entry) (entry.kind === 'question' ? lead : rest).push([entry.en, entry.ru]);
    else {
      rest.push([tokens[i]!, tokens[i]!]);
      if (!/^\d/.test(tokens[i]!)) unknown.push(tokens[i]!);
    }
    i += phrase?.stems.length ?? 1;
  }
  const glossed = [...lead, ...rest];
  const en = glossed.map(([e]) => e).filter(Boolean);
  const ru = glossed.map(([, r]) => r).filter(Boolean);
  return { en: en.join(' '), ru: ru.join(' '), unknown };
}

/** Whether a word (any inflection, with or without the special letters) is in the lexicon for the language. */
export function isLexiconWord(word: string, language: GlossLanguage): boolean {
  const s = STEMMERS[language](foldSpecialLetters(word));
  return (indexOf(language).get(s) ?? []).some((p) => p.stems.length === 1);
}
