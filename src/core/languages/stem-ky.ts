import { foldSpecialLetters } from './fold.js';

/**
 * A suffix-stripping stemmer for Kyrgyz, enough for search: it takes off case, possessive, plural,
 * "-дагы" and the question particle, so "чек арасынын", "арасындагы" and "ара" meet at "ара". It works
 * on the folded word (ө as о, ү as у, ң as н), so input typed without the special letters stems the same.
 */

/** Question words and short function words are left whole: stripping them would merge "кайда" and "кайсы". */
const KEEP = new Set([
  'канча',
  'канчалык',
  'качан',
  'ким',
  'эмне',
  'эмнеге',
  'эмнени',
  'эмнеден',
  'кайда',
  'кайсы',
  'кандай',
  'кантип',
  'жана',
  'менен',
  'дагы',
  'бул',
  'барбы',
  'жокпу',
  'беле',
  'деген',
  'боюнча',
  'жонундо',
  'тууралуу',
  'учун',
  'чейин',
  'кийин',
  'мурун',
  'азыр',
  'ооба',
  'эмес',
]);

/**
 * The slots of a Kyrgyz noun or participle, read from the end of the word: particle or "-дагы", case,
 * possessive, plural, participle. Each slot is stripped at most once, in that order, so a stem is never
 * eaten twice by the same kind of ending. Spellings are folded.
 */
const SLOTS: ReadonlyArray<readonly string[]> = [
  ['дагы', 'деги', 'догу', 'тагы', 'теги', 'тогу', 'бы', 'би', 'бу', 'пы', 'пи', 'пу'],
  [
    ...['нын', 'нин', 'нун', 'дын', 'дин', 'дун', 'тын', 'тин', 'тун'],
    ...['ндан', 'нден', 'ндон', 'дан', 'ден', 'дон', 'тан', 'тен', 'тон', 'нан', 'нен', 'нон'],
    ...['нда', 'нде', 'ндо', 'да', 'де', 'до', 'та', 'те', 'то'],
    ...['га', 'ге', 'го', 'ка', 'ке', 'ко', 'на', 'не', 'но'],
    ...['ны', 'ни', 'ну', 'ды', 'ди', 'ду', 'ты', 'ти', 'ту'],
  ],
  ['сын', 'син', 'сун', 'сы', 'си', 'су'],
  ['лар', 'лер', 'лор', 'дар', 'дер', 'дор', 'тар', 'тер', 'тор'],
  ['ган', 'ген', 'гон', 'кан', 'кен', 'кон'],
].map((slot) => [...slot].sort((a, b) => b.length - a.length));

const VOWELS = 'аеёиоуыэюя';
const VOICELESS = 'пткфсшчхцщ';
const MIN = 3;

/**
 * Kyrgyz endings agree with the sound before them: т- and к- forms follow a voiceless consonant, д- and
 * г- forms a voiced one or a vowel. Checking it keeps "президенти" from losing "-ти".
 */
function fits(stem: string, suffix: string): boolean {
  const before = stem[stem.length - 1] ?? '';
  const first = suffix[0]!;
  if (first === 'т' || first === 'к' || first === 'п') return VOICELESS.includes(before);
  if (first === 'д' || first === 'г' || first === 'б') return !VOICELESS.includes(before);
  if (first === 'с') return VOWELS.includes(before);
  // genitive and accusative n-forms follow any vowel ("аранын"); the other n-forms are the possessive's ("арасында")
  if (/^ны|^ни|^ну/.test(suffix)) return VOWELS.includes(before);
  if (first === 'н') return 'ыиу'.includes(before);
  return true;
}

/** "-стан" ends a country's name (Кыргызстан, Тажикстан); its "-тан" is no ablative. */
const isCountryName = (w: string): boolean => w.endsWith('стан');

function stripSlot(w: string, slot: readonly string[]): string {
  const suffix = slot.find((s) => {
    if (!w.endsWith(s) || w.length - s.length < MIN) return false;
    const stem = w.slice(0, -s.length);
    return fits(stem, s) && !(s === 'тан' && isCountryName(w));
  });
  return suffix ? w.slice(0, -suffix.length) : w;
}

/** A bare vowel is the possessive after a consonant, on a word long enough to spare it (узундугу, президенти). */
const POSSESSIVE_VOWEL = /[^аеёиоуыэюя][ыиу]$/;

/** Final к and п voice to г and б before a vowel suffix (узундук, узундугу): stems end in the plain letter. */
const devoice = (stem: string): string => stem.replace(/г$/, 'к').replace(/б$/, 'п');

/** The stem of a Kyrgyz word, lower case and folded; question words and function words come back whole. */
export function stemKy(word: string): string {
  let w = foldSpecialLetters(word.toLowerCase()).replace(/ё/g, 'е');
  if (KEEP.has(w) || !/^[а-я-]+$/.test(w)) return w;
  for (const [i, slot] of SLOTS.entries()) {
    const stripped = stripSlot(w, slot);
    if (stripped === w && i === 2 && w.length >= MIN + 2 && POSSESSIVE_VOWEL.test(w)) w = w.slice(0, -1);
    else w = stripped;
  }
  return devoice(w);
}
