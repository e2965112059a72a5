import { expectedType, type AnswerType } from './answer-type.js';
import type { EntityHit, EntityMatcher } from './entities.js';
import { readQuestion } from '../languages/index.js';
import { editDistance, isStopword, normalize, stem, STOPWORDS_LONG, tokenize } from '../text.js';
import type { AnswerLanguage, QuestionKind } from '../types.js';

/** English month names, the form the sources use: a Russian "сентябре" searches for "september". */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface DateMention {
  year?: number;
  /** 1 to 12. */
  month?: number;
  day?: number;
}

export interface Analysis {
  question: string;
  /** The language to answer in: the question's own, Kyrgyz and Tajik included. */
  language: AnswerLanguage;
  kind: QuestionKind;
  /** Normalized tokens and their stems, position by position. */
  tokens: string[];
  stems: string[];
  /** Stems of the words that carry meaning: no stopwords, no question words, no entity names, no years. */
  content: string[];
  entities: EntityHit[];
  dates: DateMention[];
  /** Stems of capitalized words (after the first) that name no gazetteer entry: "France", "Cup". */
  names: string[];
  /** What the answer must contain: a quantity, a length, a date, a person … (see answer-type.ts). */
  expects: AnswerType;
  /** A question of blame, ownership or right ("who started it?", "whose land is it?"): never answered from one side alone. */
  judgement: boolean;
  /**
   * A Kyrgyz or Tajik question's reading: the stems of the words the lexicon glossed (into Russian) and of those
   * it could not gloss, which the sources may still use, or not. Null for English and Russian.
   */
  gloss: { glossed: string[]; unglossed: string[] } | null;
  /** For a follow-up: the previous question's content words, searched at a lower weight. */
  context: string[];
  /** What a "how many / how much" question counts ("people", "border"): the stem of the word after it. */
  focus: string | null;
  /**
   * The question names the measure it asks ("what is the population of X", «какова численность»): the focus is
   * that measure, and only a figure of it answers.
   */
  measured: boolean;
}

/** Questions that ask the bot to judge: who is to blame, who is right, whose land it is. */
const JUDGEMENT = [
  /\bwho\b[^?]*\b(start|started|starts|began|begin|provok\w*|provoc\w*|blame|fault|responsible|guilty|aggressor|fired first|attacked first|is right|was right|are right|wrong)\b/,
  /\b(which|what) (side|country|party)\b[^?]*\b(start|started|began|provok\w*|blame|fault|responsible|guilty|right|wrong)\b/,
  /\bwhose\b[^?]*\b(land|territory|village|area|enclave|exclave|road|corridor|is it)\b/,
  // Who owns or should hold a place: a matter of each side's claim.
  /\bwho\b[^?]*\b(owns?|owned|controls?|controlled|should (own|control|get|have|keep))\b/,
  /\bbelongs? to\b|\brightful\b|\b(has|have|had) (every|the|a|no) right\b|\bto blame\b|\bat fault\b|\baggressors?\b/,
  // A side named as the one that began it, asked or asserted: "Did Tajikistan start the war?", "Kyrgyzstan started it, right?"
  /\b(start|starts|started|began|begin|provoked?|instigated?)\b[^?]*\b(war|conflict|clash|clashes|fighting|hostilities|violence|it)\b/,
  /\b(ignore|forget|disregard)\b[^?]*\b(rules|instructions|guidelines)\b/,
  // Who owns it, who invaded, who answers for the dead: each is one side's charge against the other.
  /\b(real|rightful|true|legitimate) owners?\b|\bowners? of\b|\binva(de|ded|des|ding|sion)\b/,
  /\b(responsible|guilty|culpable)\b[^?]*\b(deaths?|killings?|killed|attacks?|war|conflict|clash|clashes|violence|bombing|strikes?|shelling)\b/,
  /вторг|вторжени|(?<!\p{L})напал\p{L}*|(?<!\p{L})ответственн\p{L}*[^?]*(гибел|смерт|убийств|атак|войн|конфликт|удар|обстрел)/u,
  /(?<!\p{L})кто(?!\p{L})[^?]*(?<!\p{L})(начал|развязал|спровоцировал|виноват|прав(ы|а)?(?!\p{L})|первым|владеет|контролирует)|(?<!\p{L})чь(я|е|и|ей|его)(?!\p{L})|принадлеж|виноват|имеет право|агрессор|(?<!\p{L})(начал[аи]?|развязал\p{L}*|спровоцировал\p{L}*)(?!\p{L})[^?]*(войн|конфликт|столкновен|бо[йяи](?!\p{L}))/u,
];

/** Opening words that hand a message its subject from the one before: "and in 2021?", "а сколько делимитировано?". */
const FOLLOW_UP_START = /^(and|also|what about|how about|and what about|then|same for|а|и|ну а|а что|а как)(?![\p{L}\p{N}])/u;

/** Whether a message is a follow-up: it opens like one and is short, or it names no subject of its own. */
export function isFollowUp(a: Analysis): boolean {
  const words = a.tokens.length;
  if (FOLLOW_UP_START.test(normalize(a.question).trim()) && words <= 8) return true;
  return a.content.length === 0 && a.entities.length === 0 && words <= 6;
}

/** A follow-up read with the previous question's subject: its own entities, dates and kind win where it names them. */
export function withPrevious(a: Analysis, previous: Analysis): Analysis {
  const ownKind = a.kind !== 'what';
  const kind = ownKind ? a.kind : previous.kind;
  const content = a.content.length ? a.content : previous.content;
  const context = a.content.length ? previous.content.filter((s) => !a.content.includes(s)) : [];
  const ownPlaces = a.entities.filter((e) => e.entry.type !== 'country');
  const entities = ownPlaces.length
    ? a.entities
    : [...previous.entities.filter((e) => !a.entities.some((x) => x.id === e.id)), ...a.entities];
  return {
    ...a,
    kind,
    content,
    context,
    entities,
    dates: a.dates.length ? a.dates : previous.dates,
    expects: ownKind ? a.expects : previous.expects,
    judgement: a.judgement || (!a.content.length && previous.judgement),
  };
}

const KIND_RULES: Array<[RegExp, QuestionKind]> = [
  [
    /^(how (many|much)|what (is|was|were) the (number|share|percentage|proportion|population|death toll|toll)|what (number|share|percentage|proportion)|сколько|какое (число|количество)|какая (часть|доля|численность)|каково (число|количество|население)|какова (численность|доля|часть))(?![\p{L}\p{N}])/u,
    'how-many',
  ],
  [
    /^(how (long|far|wide|big|large|narrow)|what (is|was) the (length|width|size|extent)|какова (протяженность|длина|ширина)|какой (длины|протяженности|ширины)|какая (длина|протяженность|ширина)|как(ая|ой|ова) (протяженность|длина))/u,
    'how-long',
  ],
  [
    /^(when|what (year|date|month|day)|since when|in what year|on what date|когда|в каком году|какого числа|с какого)(?![\p{L}\p{N}])/u,
    'when',
  ],
  [/^(who|whom|whose|кто|кого|кому|кем|чей|чья)(?![\p{L}\p{N}])/u, 'who'],
  // "What post does X hold?", "What is X's role?": a question about who someone is.
  [
    /^(what|which) (position|post|role|job|title|office)s? |^what (is|was) [\p{L} '’.-]+?(?:'s|’s) (position|post|role|job|title)|^(какую|какой) (должность|пост)/u,
    'who',
  ],
  [/^(where|in which (place|city|town|country)|где|куда|откуда|в каком (городе|месте))(?![\p{L}\p{N}])/u, 'where'],
  [/^(why|for what reason|what (caused|causes|is the reason)|почему|отчего|зачем|по какой причине)(?![\p{L}\p{N}])/u, 'why'],
  [/^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)(?![\p{L}\p{N}])/u, 'yes-no'],
];

/** Words that shape a question but name nothing to look for: "what happened", "what did he say". */
const QUESTION_WORDS = new Set(
  [
    ...[
      'how',
      'what',
      'when',
      'who',
      'where',
      'why',
      'which',
      'tell',
      'please',
      'happen',
      'happened',
      'say',
      'said',
      'says',
      'mean',
      'know',
      'explain',
      'describe',
      'take',
      'place',
      'occur',
    ],
    ...[
      'сколько',
      'когда',
      'кто',
      'где',
      'почему',
      'какой',
      'какая',
      'какое',
      'какие',
      'каков',
      'какова',
      'ли',
      'расскажи',
      'скажи',
      'произошло',
      'случилось',
      'такое',
      'такой',
    ],
    ...['сказал', 'сказала', 'сказали', 'говорил', 'говорит', 'означает', 'объясни'],
    // "When did they last meet?", "the latest clashes": the newest evidence leads every answer anyway.
    ...['last', 'latest', 'recent', 'recently', 'lately', 'последний', 'последняя', 'последние', 'последнее', 'недавно'],
  ].map(stem),
);

const MONTHS_EN = MONTH_NAMES;
const MONTH_STEMS_RU = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];

/** Abbreviated month names as people type them: "dec 2023", "sept". */
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(token: string): number | null {
  const en = MONTHS_EN.indexOf(token);
  if (en >= 0) return en + 1;
  const short = MONTH_ABBREVIATIONS.indexOf(token === 'sept' ? 'sep' : token);
  if (short >= 0 && token !== 'may' && token !== 'mar') return short + 1;
  if (/^ма[йяюе]$/.test(token)) return 5;
  const ru = MONTH_STEMS_RU.findIndex((m, i) => i !== 4 && token.startsWith(m));
  return ru >= 0 ? ru + 1 : null;
}

/** Years, months and days named in the question ("on September 19", "в апреле 2021 года"). */
function findDates(tokens: string[]): DateMention[] {
  const out: DateMention[] = [];
  tokens.forEach((t, i) => {
    const month = monthOf(t);
    if (month !== null) {
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      const day = [before, after].map((x) => (x && /^\d{1,2}$/.test(x) ? Number(x) : NaN)).find((n) => n >= 1 && n <= 31);
      const yearTok = [after, tokens[i + 2]].find((x) => x && /^(19|20)\d\d$/.test(x));
      out.push({ month, ...(day ? { day } : {}), ...(yearTok ? { year: Number(yearTok) } : {}) });
    } else if (/^(19|20)\d\d$/.test(t) && !out.some((d) => d.year === Number(t))) {
      out.push({ year: Number(t) });
    }
  });
  return out;
}

/** Verbs of wanting and trying: before "to" and a verb, or a Russian infinitive, they frame what is asked. */
const FRAME_VERB = {
  en: /^(hope[sd]?|hoping|wants?|wanted|wish(es|ed)?|expects?|expected|seeks?|sought|try|tries|tried|trying|intends?|intended|aims?|aimed|stands?)$/,
  ru: /^(надеет\p{L}*|надеют\p{L}*|надеял\p{L}*|хоч\p{L}*|хот\p{L}*|рассчитыва\p{L}*|стрем\p{L}*|пыта\p{L}*|намерен\p{L}*)$/u,
};

/** Verbs that say how long or how often something happens before a verb in -ing: "why do they keep fighting?". */
const ASPECT_VERB = /^(keeps?|kept|keeping|continues?|continued|go(es)?|went)$/;

/**
 * Whether the i-th word frames the question rather than naming what to look for: "what does Tajikistan hope to
 * gain" asks what it gains (the sources rarely say who hoped), "чего хочет добиться" what it achieves.
 */
function frameVerb(tokens: string[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1] ?? '';
  return (
    (FRAME_VERB.en.test(t) && next === 'to') ||
    (ASPECT_VERB.test(t) && /^\p{L}{3,}ing$/u.test(next)) ||
    (FRAME_VERB.ru.test(t) && /(ть|ти|чь|ться)$/u.test(next))
  );
}

/** Kyrgyz question words: a question holding one asks what, who, when…, whatever particle ends it. */
const KY_QUESTION_WORDS = /(^|[^\p{L}])(ким\p{L}*|эмне\p{L}*|качан|канча\p{L}*|кайда|кайдан|кандай|кайсы|неге|кантип|нече)(?![\p{L}])/u;

/**
 * A Kyrgyz yes/no question: its last word carries the question particle (-бы, -пы, -мы and their vowel forms:
 * "кол коюлдубу?", "таандыкпы?", "барбы?"), or it asks with "бекен" or "беле", and it has no question word.
 * Its Russian gloss cannot tell: the particle glosses to nothing.
 */
function kyrgyzYesNo(question: string): boolean {
  const words = question.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (KY_QUESTION_WORDS.test(question.toLowerCase())) return false;
  const last = words[words.length - 1] ?? '';
  return (last.length > 3 && /(бы|би|бу|бү|пы|пи|пу|пү|мы|ми|му|мү)$/u.test(last)) || words.some((w) => w === 'бекен' || w === 'беле');
}

/** Words that decide a question's kind, long enough that a one-letter slip ("how lon is") is still read right. */
const KIND_WORDS = ['long', 'many', 'much', 'when', 'where', 'which', 'what', 'wide', 'сколько', 'когда', 'какова', 'почему'];

/** A word one edit away from a kind word, or a stopword, is taken for it: "lon" is "long", "betwen" is "between". */
function fixSlip(word: string, candidates: Iterable<string>): string | null {
  if (word.length < 3) return null;
  for (const c of candidates)
    if (c !== word && c.length >= 4 && Math.abs(c.length - word.length) <= 1 && editDistance(word, c, 1) <= 1) return c;
  return null;
}

/**
 * The text the question is read from. Russian typed in Latin letters is read in Cyrillic. A Kyrgyz or Tajik
 * question is read from its Russian gloss (which decides its kind) followed by its own words, which meet the
 * Kyrgyz and Tajik questions and texts the knowledge indexes.
 */
function glossStems(gloss: string, unknown: string[]): NonNullable<Analysis['gloss']> {
  const stems = (text: string) =>
    new Set(
      tokenize(normalize(text))
        .filter((t) => !isStopword(t))
        .map(stem),
    );
  const unglossed = stems(unknown.join(' '));
  const glossed = [...stems(gloss)].filter((s) => !unglossed.has(s) && !QUESTION_WORDS.has(s) && !/^\d+$/.test(s));
  return { glossed, unglossed: [...unglossed] };
}

function readableText(
  question: string,
  reading?: 'gloss',
): { language: AnswerLanguage; text: string; named: string; gloss: Analysis['gloss'] } {
  const read = readQuestion(question);
  if (read.latinRussian) return { language: 'ru', text: read.search.ru, named: read.search.ru, gloss: null };
  // Names are read from the gloss alone: a Kyrgyz or Tajik word it could not gloss is kept there as typed.
  if (read.language === 'ky' || read.language === 'tg')
    return {
      language: read.language,
      text: reading === 'gloss' ? read.search.ru : `${read.search.ru} ${question}`,
      named: read.search.ru,
      gloss: glossStems(read.search.ru, read.unknown),
    };
  return { language: read.language, text: question, named: question, gloss: null };
}

/**
 * What a question asks: its language, kind, the entities and dates it names, and its content words.
 * Pure: the gazetteer's matcher is passed in, and `mayBeTypo` says which words may be misspellings
 * (those the sources never use), so a real word is never bent into a name. `reading: 'gloss'` reads a Kyrgyz or
 * Tajik question from its Russian gloss alone, without its own words.
 */
export function analyseQuestion(
  question: string,
  matcher: EntityMatcher,
  mayBeTypo: (stem: string) => boolean = () => true,
  reading?: 'gloss',
): Analysis {
  const { language, text, named, gloss } = readableText(question, reading);
  const raw = normalize(text)
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '');
  const norm = raw.replace(/[\p{L}]+/gu, (w, at: number) =>
    // Only a word the sources never use may be a slip: "side" is a word, not "wide" mistyped.
    at < 12 && !KIND_WORDS.includes(w) && !isStopword(w) && mayBeTypo(stem(w)) ? (fixSlip(w, KIND_WORDS) ?? w) : w,
  );
  const kindText = norm.replace(FOLLOW_UP_START, '').trim();
  const kind =
    KIND_RULES.find(([re]) => re.test(kindText))?.[1] ??
    (/(^|[^\p{L}])ли(?![\p{L}])/u.test(norm) || (language === 'ky' && kyrgyzYesNo(question)) ? 'yes-no' : 'what');
  const tokens = tokenize(norm);
  const stems = tokens.map(stem);
  // A gloss and the words it glosses name the same place twice: one hit per entity.
  const entities = matcher
    .find(stems, { fuzzy: mayBeTypo, tokens })
    .filter((e, i, all) => language === 'en' || language === 'ru' || all.findIndex((x) => x.id === e.id) === i);
  const inEntity = new Set(entities.flatMap((e) => Array.from({ length: e.end - e.start }, (_, k) => e.start + k)));
  const dates = findDates(tokens);
  const content = stems.filter(
    (s, i) =>
      (language === 'en' || language === 'ru' || stems.indexOf(s) === i) &&
      !frameVerb(tokens, i) &&
      !inEntity.has(i) &&
      !isStopword(tokens[i]!) &&
      !QUESTION_WORDS.has(s) &&
      !/^\d+$/.test(s) &&
      monthOf(tokens[i]!) === null &&
      s.length > 1 &&
      !(mayBeTypo(s) && tokens[i]!.length >= 5 && fixSlip(tokens[i]!, STOPWORDS_LONG)),
  );
  // Capitalized words after the first are names; the caller checks whether the sources know them.
  const entityStems = new Set([...inEntity].map((i) => stems[i]!));
  const words = named.normalize('NFKC').match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const names = words
    .slice(1)
    .filter((w) => /^\p{Lu}/u.test(w) && w !== w.toUpperCase())
    .flatMap((w) => tokenize(w))
    .filter((t) => monthOf(t) === null && !isStopword(t))
    .map(stem)
    .filter((s) => !entityStems.has(s) && !matcher.find([s], { fuzzy: true }).length);
  const judgement = JUDGEMENT.some((re) => re.test(raw));
  // A judgement question wants each side's account, whatever its form: "who started it" asks for no one name.
  const expects = judgement ? 'any' : expectedType(kind, raw);
  const countWord = tokens.findIndex((t) => t === 'many' || t === 'much' || t === 'сколько');
  const measureAt = countWord < 0 && kind === 'how-many' ? stems.findIndex((s) => content.includes(s)) : -1;
  const focus =
    countWord >= 0 ? (stems.slice(countWord + 1).find((s) => content.includes(s)) ?? null) : measureAt >= 0 ? stems[measureAt]! : null;
  const measured = measureAt >= 0;
  return {
    question,
    language,
    kind,
    tokens,
    stems,
    content,
    entities,
    dates,
    names,
    expects,
    judgement,
    gloss,
    context: [],
    focus,
    measured,
  };
}
