/**
 * Russian typed in Latin letters ("skolko km granica kirgizii i tadzhikistana") back into Cyrillic, so the
 * Russian stemmer and the Russian evidence can take it from there. People mix schemes (sh/ch/zh/kh, ja/ya,
 * ' or nothing for ь), so the rules accept all the common ones; the few frequent words that lose their
 * soft sign or are ambiguous letter by letter are looked up whole.
 */

/** Whole words whose letter-by-letter reading goes wrong: a dropped soft sign, "e" that is е, or a name. */
const WORDS: Readonly<Record<string, string>> = {
  skolko: 'сколько',
  skol: 'сколь',
  bolshe: 'больше',
  menshe: 'меньше',
  oblast: 'область',
  oblasti: 'области',
  oblastyu: 'областью',
  rayon: 'район',
  rayona: 'района',
  rayone: 'районе',
  raion: 'район',
  raione: 'районе',
  tolko: 'только',
  vsyo: 'всё',
  seychas: 'сейчас',
  nachalis: 'начались',
  nachalos: 'началось',
  sluchilos: 'случилось',
  proizoshlo: 'произошло',
  japarov: 'жапаров',
  jeenbekov: 'жээнбеков',
  khujand: 'худжанд',
  khujande: 'худжанде',
  hujand: 'худжанд',
  leilek: 'лейлек',
  leylek: 'лейлек',
  sughd: 'согд',
  sugd: 'согд',
};

/** Word-initial "e" is э in Russian unless the word is one of these (если, есть, его, ещё ...). */
const INITIAL_YE = ['esl', 'est', 'ego', 'ee', 'ey', 'emu', 'esh', 'evrop', 'edin', 'ed', 'ezh'];

/** Several Latin letters for one Cyrillic letter, longest first so "shch" wins over "sh" and "ch". */
const CLUSTERS: ReadonlyArray<readonly [string, string]> = [
  ['shch', 'щ'],
  ['tsya', 'тся'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['gh', 'г'],
  ['dj', 'дж'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['yo', 'ё'],
  ['jo', 'ё'],
  ['ye', 'е'],
  ['je', 'е'],
];

const LETTERS: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'й',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'кс',
  z: 'з',
  "'": 'ь',
};

const VOWELS = 'аеёиоуыэюя';

function convertWord(lower: string): string {
  const whole = WORDS[lower];
  if (whole) return whole;
  let out = '';
  let i = 0;
  while (i < lower.length) {
    const cluster = CLUSTERS.find(([latin]) => lower.startsWith(latin, i));
    if (cluster) {
      out += cluster[1];
      i += cluster[0].length;
      continue;
    }
    const ch = lower[i]!;
    if (ch === 'y') out += out.length > 0 && VOWELS.includes(out[out.length - 1]!) ? 'й' : 'ы';
    else if (ch === 'e' && i === 0) out += INITIAL_YE.some((p) => lower.startsWith(p)) ? 'е' : 'э';
    else if (ch === "'" && i === 0) out += '';
    else out += LETTERS[ch] ?? ch;
    i++;
  }
  return out;
}

function restoreCase(original: string, converted: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return converted.toUpperCase();
  if (original[0] !== original[0]!.toLowerCase()) return converted[0]!.toUpperCase() + converted.slice(1);
  return converted;
}

const LATIN_WORD = /[a-z]+(?:['\u2019][a-z]+)*['\u2019]?/gi;

/**
 * Every Latin word of the text read as Russian in Latin letters and written in Cyrillic; Cyrillic words,
 * numbers and punctuation are left as they are. Case is kept for a capital first letter or a word in capitals.
 */
export function latinToCyrillicRussian(text: string): string {
  return text.replace(LATIN_WORD, (word) => restoreCase(word, convertWord(word.toLowerCase().replace(/\u2019/g, "'"))));
}
