import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemRu } from '@orama/stemmers/russian';
import { foldSpecialLetters } from './languages/fold.js';
import type { Language } from './types.js';

/**
 * Text handling shared by indexing and question analysis, so both sides of a match
 * see the same tokens: NFKC, lower case, ё as е, typographic quotes and dashes folded,
 * thousands separators dropped ("130,000" and "130 000" are both "130000").
 */
export function normalize(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
      .toLowerCase()
      .replace(/ё/g, 'е')
      // Kyrgyz and Tajik letters as people type them without those keys: question and indexed text meet folded.
      .replace(/[ңөүғӣқҳҷӯұһ]/g, (l) => foldSpecialLetters(l))
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, '$1')
  );
}

const TOKEN = /[\p{L}\p{M}]+(?:'[\p{L}]+)?|\d+(?:\.\d+)?/gu;

/** Words and numbers of a text, normalized; "519.9" stays one token. */
export function tokenize(text: string): string[] {
  return normalize(text).match(TOKEN) ?? [];
}

export const isCyrillic = (word: string): boolean => /[\u0400-\u04ff]/.test(word);

const stems = new Map<string, string>();
/** Memo bound: the vocabulary of a large corpus fits; a flood of made-up words cannot grow it for ever. */
const STEM_MEMO_MAX = 200_000;

/** Stems a normalized word with the stemmer of its script; numbers are kept as they are. Memoized: stemming is pure. */
export function stem(word: string): string {
  let out = stems.get(word);
  if (out !== undefined) return out;
  out = /^\d/.test(word) ? word : isCyrillic(word) ? stemRu(word) : stemEn(word.replace(/'s$/, ''));
  if (stems.size >= STEM_MEMO_MAX) stems.clear();
  stems.set(word, out);
  return out;
}

const STOP_EN = new Set(
  `a an the and or but of to in on at by for with from into onto about as is are was were be been being
  do does did done have has had having it its this that these those there here what which who whom whose
  when where why how much many long far whether if than then so such not no nor can could will would shall
  should may might must i you he she we they me him her us them my your his our their also just only very
  said says tell please any some all each other more most same own up down out over under again further once
  between among during before after above below through against per via ever since yet still just next
  simply really actually even can't cannot don't doesn't didn't won't isn't aren't wasn't weren't hasn't haven't
  hadn't shouldn't wouldn't couldn't near around beside besides along across toward towards within behind beyond
  inside outside upon`.split(/\s+/),
);
const STOP_RU = new Set(
  `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от
  меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж
  вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без
  будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один
  почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
  больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
  лучше чуть том нельзя такой им более всегда конечно всю между каков какова каково каковы сколько почему
  ли это является около возле рядом вблизи вокруг вдоль среди внутри`.split(/\s+/),
);

export const isStopword = (word: string): boolean => STOP_EN.has(word) || STOP_RU.has(word);

/** Stopwords long enough that a misspelling of one ("betwen", "abuot") can be recognised. */
export const STOPWORDS_LONG: string[] = [...STOP_EN, ...STOP_RU].filter((w) => w.length >= 5);

/** The question's language: Russian when Cyrillic letters outnumber Latin ones. */
export function detectLanguage(text: string): Language {
  const cyr = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const lat = (text.match(/[a-z]/gi) ?? []).length;
  return cyr > lat ? 'ru' : 'en';
}

// Three rows reused by every call: edit distances run thousands of times per question, allocation-free.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance, bounded: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > rows[0]!.length) rows = rows.map(() => new Int32Array(b.length * 2 + 2));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/** How many edits a word of this length may carry and still count as a typo of another. */
export const typoAllowance = (length: number): number => (length >= 8 ? 2 : length >= 5 ? 1 : 0);
