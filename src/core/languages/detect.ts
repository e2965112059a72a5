import { stemmer as stemRu } from '@orama/stemmers/russian';
import { EN_MARKERS, KY_MARKERS, LATIN_RU_MARKERS, RU_MARKERS, TG_MARKERS, type MarkerTiers } from './detect-markers.js';
import { editDistance } from '../text.js';
import { foldSpecialLetters } from './fold.js';
import type { QuestionLanguage } from './question-language.js';
import { stemKy } from './stem-ky.js';
import { stemTg } from './stem-tg.js';

/** The language of a question, and whether it is Russian typed in Latin letters (to transliterate before search). */
export interface DetectedLanguage {
  language: QuestionLanguage;
  latinRussian: boolean;
}

/** The evidence for each reading of a question; the highest wins. Exposed for tests and for logging a doubtful call. */
export interface LanguageScores {
  en: number;
  ru: number;
  ky: number;
  tg: number;
  /** The Latin words read as Russian; counted into `ru`. */
  latinRussian: number;
}

type Reading = keyof LanguageScores;

const STRONG = 2;
const WEAK = 1;
/** A special letter is near proof: only Kyrgyz (ң ө ү) or only Tajik (ғ ӣ қ ҳ ҷ ӯ) among the bot's languages writes it. */
const SPECIAL_LETTER = 3;
/** Letters of a script tip a question with no other evidence (a bare name: "Ворух", "Vorukh") to ru or en. */
const SCRIPT_PRIOR = 0.5;

const KY_LETTERS = /[ңөүҢӨҮ]/u;
const TG_LETTERS = /[ғӣқҳҷӯҒӢҚҲҶӮ]/u;

const plain = (word: string): string => foldSpecialLetters(word.toLowerCase()).replace(/ё/g, 'е');

/** Each reading's markers, indexed by every key its words are compared on: first the word as normalized, then its stem. */
interface Reader {
  keys: (word: string) => string[];
  markers: Map<string, number>;
  /** Markers of five letters or more by length, for the typo search, each with its letter signature. */
  byLength: Map<number, Array<[string, number, number]>>;
  morphology: (word: string) => number;
}

function index(tiers: MarkerTiers, keys: (word: string) => string[]): Map<string, number> {
  const markers = new Map<string, number>();
  const add = (list: string, weight: number): void => {
    for (const word of list.split(/\s+/).filter(Boolean))
      for (const key of keys(word)) markers.set(key, Math.max(markers.get(key) ?? 0, weight));
  };
  add(tiers.weak, WEAK);
  add(tiers.strong, STRONG);
  return markers;
}

const RU_ENDINGS = /(ость|ости|ение|ения|ении|ание|ания|ться|тся|ого|его|ому|ему|ыми|ими|ами|ями|ых|ий|ый|ая|яя|ое|ые|ие|ах|ях|ой|ей)$/;
const KY_ENDINGS =
  /(нын|нин|нун|дын|дин|дун|тын|тин|тун|дагы|деги|тагы|теги|ган|гон|кан|кен|ген|лар|лер|лор|дар|дер|тар|тер|дан|ден|тан|тен)$/;
const TG_VERB = /^(ме|на)[а-я]{2,}(ад|анд|ам|ем|ед|ем)$/;
const EN_SHAPES = /(th|wh|ght|ing$|tion|ould|ee|oo|ea|ou|w|ph|'s$)/;
// "kh" is left out: English spells Khujand and Vorukh with it too.
const LATIN_RU_SHAPES = /(zh|shch|sch|ts|ya|yu|yo)/;
const LATIN_RU_ENDINGS = /(ogo|ego|omu|emu|ykh|ikh|ami|yami|iya|iyu|ija|ii|yy|iy|oy|aya|oye|iye|nie|niya|nii|stvo|ost)$/;

const READERS: Record<Reading, Reader> = {
  ky: {
    keys: (w) => [plain(w), stemKy(w)],
    markers: new Map(),
    byLength: new Map(),
    morphology: (w) => (/(оо|уу|ээ)/.test(w) ? 0.8 : 0) + (KY_ENDINGS.test(w) ? 0.5 : 0) + (/.{4}(бы|би|бу|пы|пи|пу)$/.test(w) ? 1 : 0),
  },
  tg: {
    keys: (w) => [plain(w), stemTg(w)],
    markers: new Map(),
    byLength: new Map(),
    morphology: (w) =>
      (/стону?$/.test(w) ? 2 : 0) +
      (/..(хо|хои|хоро|ро)$/.test(w) ? 0.6 : 0) +
      (TG_VERB.test(w) ? 1 : 0) +
      (/(ааст|анд)$/.test(w) ? 0.6 : 0),
  },
  ru: {
    keys: (w) => [plain(w), stemRu(plain(w))],
    markers: new Map(),
    byLength: new Map(),
    morphology: (w) => (RU_ENDINGS.test(w) ? 0.6 : 0) + (/[ьщ]/.test(w) ? 0.5 : 0) + (/ц/.test(w) ? 0.3 : 0),
  },
  en: {
    keys: (w) => [w],
    markers: new Map(),
    byLength: new Map(),
    morphology: (w) => (EN_SHAPES.test(w) ? 0.6 : 0),
  },
  latinRussian: {
    keys: (w) => [w],
    markers: new Map(),
    byLength: new Map(),
    morphology: (w) => (LATIN_RU_SHAPES.test(w) ? 0.5 : 0) + (LATIN_RU_ENDINGS.test(w) ? 0.5 : 0),
  },
};
const TIERS: Record<Reading, MarkerTiers> = {
  ky: KY_MARKERS,
  tg: TG_MARKERS,
  ru: RU_MARKERS,
  en: EN_MARKERS,
  latinRussian: LATIN_RU_MARKERS,
};
for (const [reading, reader] of Object.entries(READERS) as Array<[Reading, Reader]>) {
  reader.markers = index(TIERS[reading], reader.keys);
  for (const [marker, weight] of reader.markers)
    if (marker.length >= 5)
      reader.byLength.set(marker.length, [...(reader.byLength.get(marker.length) ?? []), [marker, weight, letters(marker)]]);
}

const CYRILLIC_READINGS: Reading[] = ['ru', 'ky', 'tg'];
const LATIN_READINGS: Reading[] = ['en', 'latinRussian'];

/**
 * Which letters a word holds, folded onto 32 bits. One edit changes at most two bits (a letter replaced by
 * another), so two words whose signatures differ in more than twice the allowed edits cannot be that close:
 * most markers are ruled out by this before any distance is computed.
 */
function letters(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) % 32);
  return bits;
}

function bitCount(n: number): number {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c++;
  return c;
}

/** How many edits a word of this length may carry and still count as a typo of a marker. */
const allowance = (length: number): number => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

function exact(reader: Reader, keys: string[]): number {
  let best = 0;
  for (const k of keys) best = Math.max(best, reader.markers.get(k) ?? 0);
  return best;
}

/**
 * Half a marker's weight for a word one or two letters off it: typos still count, but less than the real word.
 * The distance stops at the first row past the allowance, so most markers cost a few letters' comparison.
 */
function fuzzy(reader: Reader, key: string): number {
  const max = allowance(key.length);
  if (max === 0) return 0;
  const sig = letters(key);
  let best = 0;
  for (let length = key.length - max; length <= key.length + max; length++)
    for (const [marker, weight, markerSig] of reader.byLength.get(length) ?? [])
      if (weight > best && bitCount(sig ^ markerSig) <= 2 * max && editDistance(key, marker, max) <= max) best = weight;
  return best / 2;
}

/** A word's evidence for each reading of its script: its own markers, or, when it has none, its typos and endings. */
interface WordEvidence {
  hits: number[];
  /** Zero for a word with a marker of its own: then only markers count. */
  guesses: number[];
  known: boolean;
}

/**
 * Worked out once per word: stemming a word three ways and comparing it with every marker near its length was
 * a tenth of answering a Cyrillic question, and people ask with the same words again and again. A word's script
 * decides its readings, so the word alone is the key.
 */
const wordEvidence = new Map<string, WordEvidence>();
/** Memo bound: far more words than questions use; a flood of made-up words cannot grow it for ever. */
const WORD_MEMO_MAX = 50_000;

function evidenceOf(word: string, readings: Reading[]): WordEvidence {
  let found = wordEvidence.get(word);
  if (found) return found;
  const keys = readings.map((r) => READERS[r].keys(word));
  const hits = readings.map((r, i) => exact(READERS[r], keys[i]!));
  const known = hits.some((h) => h > 0);
  const guesses = readings.map((r, i) => {
    const reader = READERS[r];
    const key = keys[i]![0]!;
    return known ? 0 : fuzzy(reader, key) || reader.morphology(key);
  });
  found = { hits, guesses, known };
  if (wordEvidence.size >= WORD_MEMO_MAX) wordEvidence.clear();
  wordEvidence.set(word, found);
  return found;
}

/** Only a word's own markers count, or, if it has none and may be more than a name, its typos and endings. */
function scoreWord(word: string, readings: Reading[], scores: LanguageScores, namesOnly: boolean): void {
  const { hits, guesses, known } = evidenceOf(word, readings);
  for (let i = 0; i < readings.length; i++) scores[readings[i]!] += hits[i]! || (known || namesOnly ? 0 : guesses[i]!);
}

/**
 * A few capitalised words and nothing else ("Давлатшо Гулмахмадзода", "Rajaboy Ahmadzoda") are a name: its
 * endings and near-misses tell of the name's origin, not of the language the person asks in.
 */
const isBareName = (words: string[]): boolean => words.length > 0 && words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w));

/** A question's language shows in its first words; a pasted article is read no further than this. */
const MAX_WORDS = 64;

const CYRILLIC_WORD = /[\u0400-\u04ff]+/g;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)*'?/g;

/** The evidence for each language, summed over the words of the question. */
export function scoreQuestionLanguages(text: string): LanguageScores {
  const t = text
    .split(/\s+/, MAX_WORDS)
    .join(' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u2019\u02bc`]/g, "'");
  const namesOnly = isBareName(text.match(/[\p{L}\p{M}]+/gu) ?? []);
  const scores: LanguageScores = { en: 0, ru: 0, ky: 0, tg: 0, latinRussian: 0 };
  const cyrillic = t.match(CYRILLIC_WORD) ?? [];
  const latin = t.match(LATIN_WORD) ?? [];
  for (const word of cyrillic) {
    if (KY_LETTERS.test(word)) scores.ky += SPECIAL_LETTER;
    if (TG_LETTERS.test(word)) scores.tg += SPECIAL_LETTER;
    scoreWord(word, CYRILLIC_READINGS, scores, namesOnly);
  }
  for (const word of latin) scoreWord(word, LATIN_READINGS, scores, namesOnly);
  const cyrLetters = cyrillic.join('').length;
  const latLetters = latin.join('').replace(/'/g, '').length;
  const letters = cyrLetters + latLetters;
  if (letters > 0) {
    scores.ru += (SCRIPT_PRIOR * cyrLetters) / letters;
    scores.en += (SCRIPT_PRIOR * latLetters) / letters;
  }
  return scores;
}

/**
 * Which language a question is in. Kyrgyz and Tajik are recognised by their letters and, typed without them,
 * by their common words and endings; Cyrillic with no such evidence is Russian; Latin is English unless it
 * reads better as Russian in Latin letters ("skolko km granica"), which is Russian with `latinRussian` set.
 * On a tie Russian wins over English, and both over Kyrgyz and Tajik: a wrong "ky" or "tg" costs more than
 * a wrong "ru", since Russian is the language most people on the border can read.
 */
export function detectQuestionLanguage(text: string): DetectedLanguage {
  if (!/\p{L}/u.test(text)) return { language: 'en', latinRussian: false };
  const s = scoreQuestionLanguages(text);
  const ru = s.ru + s.latinRussian;
  const candidates: Array<[QuestionLanguage, number]> = [
    ['ru', ru],
    ['en', s.en],
    ['ky', s.ky],
    ['tg', s.tg],
  ];
  const [language] = candidates.reduce((best, c) => (c[1] > best[1] ? c : best));
  // Transliterate when the Latin words read better as Russian than as English (s.en holds at most SCRIPT_PRIOR of script).
  return { language, latinRussian: language === 'ru' && s.latinRussian > 0 && s.latinRussian > s.en - SCRIPT_PRIOR };
}
