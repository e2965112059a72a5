import { foldSpecialLetters } from './fold.js';

/**
 * A suffix-stripping stemmer for Tajik, enough for search: it takes off the object marker "-ро", the
 * plurals "-ҳо" and "-он", the izofat "-и", the adjective "-ӣ" and "and" written as "-у", so "сарҳадро",
 * "сарҳадҳои" and "сарҳади" meet at "сархад". It works on the folded word (ҳ as х, ҷ as ч, ӣ as и ...),
 * so input typed without the special letters stems the same.
 */

/** Question words and short function words are left whole. */
const KEEP = new Set([
  'чанд',
  'кай',
  'ки',
  'кист',
  'чи',
  'чист',
  'чаро',
  'кучо',
  'кучост',
  'кадом',
  'оё',
  'аст',
  'нест',
  'буд',
  'шуд',
  'ва',
  'бо',
  'дар',
  'аз',
  'ба',
  'то',
  'барои',
  'байни',
  'бораи',
  'оид',
  'ин',
  'он',
  'хам',
  'низ',
]);

const SUFFIXES = [
  // plural with izofat or object marker, then the plurals themselves
  'хоро',
  'хои',
  'хо',
  'ёни',
  'они',
  'гон',
  'ён',
  'он',
  // object marker; izofat (-и, -йи after a vowel) and the adjective -ӣ; "and" written on the word (-у, -ю)
  'ро',
  'йи',
  'и',
  'у',
  'ю',
].sort((a, b) => b.length - a.length);

const MIN = 3;
const PASSES = 4;

/** "-он" is a plural only on a noun for people; in the "-стон" of a country name it is the word itself. */
const isCountryName = (w: string): boolean => w.endsWith('стон');

/** The stem of a Tajik word, lower case and folded; question words and function words come back whole. */
export function stemTg(word: string): string {
  let w = foldSpecialLetters(word.toLowerCase());
  if (KEEP.has(w) || !/^[а-яё-]+$/.test(w)) return w;
  for (let pass = 0; pass < PASSES; pass++) {
    const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= MIN && !((s === 'он' || s === 'ён') && isCountryName(w)));
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w;
}
