import type { Evidence } from './evidence.js';
import type { EntityMatcher } from './entities.js';
import type { QuestionKind } from '../types.js';

/**
 * What an answer must contain (TREC QA answer typing): a question that asks "how many" is answered by a
 * number, "how long" by a length or a span of time, "when" by a date, "who" by a person or a body, "where"
 * by a place. Evidence that shares the question's words but lacks such a thing is no answer to it.
 */
export type AnswerType = 'quantity' | 'length' | 'duration' | 'date' | 'person' | 'place' | 'any';

/** Whether the answer is a figure: a count, a length or a duration, shown side by side with other sources' figures. */
export const isFigure = (type: AnswerType): boolean => type === 'quantity' || type === 'length' || type === 'duration';

// "One" is left out: "one of the stations" states no count.
const NUMBER =
  /\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?|half|third|quarter|several|few|doubled|tripled|quadrupled|halved|twice|percent)\b/i;
const LENGTH_UNIT = /\b(km|kilomet(er|re)s?|met(er|re)s?|miles?)\b|\d\s?(km|m)\b|км|метр|километр/i;
const TIME_UNIT = /\b(years?|months?|weeks?|days?|hours?|decades?|centur(y|ies))\b|год|лет|месяц|недел|дн/i;
const DATE = /\b(1[89]|20)\d\d\b|\b(january|february|march|april|june|july|august|september|october|november|december)\b|\bmay \d/i;
// A capitalized name after lower-case text ("said Rajabali Rahmon", "Human Rights Watch reported").
const NAME = /(?:^|[a-z,;:'’"”)] )(?:[A-Z][\p{Ll}’'-]+)(?:[ -](?:[A-Z][\p{Ll}’'-]+|of|the|for))*/u;
const WHERE = /\b(in|at|near|from|to|into)\s+(?:the\s+)?[A-Z]/;

/** Words in a "how long" question that ask for a span of time rather than a distance. */
const ABOUT_TIME =
  /\b(take|takes|took|last|lasts|lasted|go on|going on|been going|continue|ago|time|years?|months?)\b|сколько времени|как долго|сколько лет/i;

/** The answer type a question expects, from its kind and wording. */
export function expectedType(kind: QuestionKind, question: string): AnswerType {
  const q = question.toLowerCase();
  if (kind === 'how-long') return ABOUT_TIME.test(q) ? 'duration' : 'length';
  if (kind === 'how-many') return /сколько времени|how much time/.test(q) ? 'duration' : 'quantity';
  if (kind === 'when') return 'date';
  if (kind === 'who') return 'person';
  if (kind === 'where') return 'place';
  return 'any';
}

const typesByMatcher = new WeakMap<EntityMatcher, Map<string, string>>();
/** Each gazetteer entry's type by its index key, built once per gazetteer. */
function typeOfKey(matcher: EntityMatcher): Map<string, string> {
  let map = typesByMatcher.get(matcher);
  if (!map) {
    map = new Map(matcher.entries.map((e) => [e.id.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase(), e.type]));
    typesByMatcher.set(matcher, map);
  }
  return map;
}

const PERSONS = new Set(['person', 'body']);
const PLACES = new Set(['place', 'region', 'country']);

/** The text without its dates, so "28 January 2025" is not taken for a count. */
const undated = (text: string): string =>
  text
    .replace(
      /\b(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?)?(?:,?\s+(?:19|20)\d\d)?\b/gi,
      ' ',
    )
    .replace(/\b(?:in|since|by|until|of|from)\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b/gi, ' ');

/** What each piece of evidence carries, worked out once: a property of the evidence, asked by many questions. */
const carried = new WeakMap<Evidence, Map<AnswerType, boolean>>();

/** Whether the evidence carries an answer of the expected type. */
export function carries(ev: Evidence, type: AnswerType, matcher: EntityMatcher): boolean {
  if (type === 'any') return true;
  let known = carried.get(ev);
  if (!known) carried.set(ev, (known = new Map()));
  let answer = known.get(type);
  if (answer === undefined) known.set(type, (answer = carriesType(ev, type, matcher)));
  return answer;
}

function carriesType(ev: Evidence, type: AnswerType, matcher: EntityMatcher): boolean {
  const text = ev.quote;
  const counted = type === 'quantity' || type === 'length' ? undated(text) : text;
  const en = ev.bot?.en ?? '';
  const hasType = (types: Set<string>) =>
    ev.doc.entities
      .split(' ')
      .filter(Boolean)
      .some((k) => types.has(typeOfKey(matcher).get(k) ?? ''));
  switch (type) {
    case 'quantity':
      return ev.fact?.value !== undefined || NUMBER.test(counted);
    case 'length':
      return NUMBER.test(counted) && (LENGTH_UNIT.test(text) || TIME_UNIT.test(text));
    case 'duration':
      return (NUMBER.test(text) || /\bsince\b/i.test(text)) && (TIME_UNIT.test(text) || DATE.test(text));
    case 'date':
      return DATE.test(text) || ev.years.length > 0 || !!ev.fact?.start || !!ev.fact?.date;
    case 'person':
      return hasType(PERSONS) || NAME.test(text) || NAME.test(en);
    case 'place':
      return hasType(PLACES) || WHERE.test(text);
    default:
      return true;
  }
}

/**
 * Words that only restate what kind of answer is wanted ("length", "протяжённость", "number"): the answer type
 * already demands it (a figure with a unit of length), so evidence is not asked to repeat the word.
 */
const TYPE_WORDS: Partial<Record<AnswerType, RegExp>> = {
  length: /^(length|lengths|long|distance|extent|size|протяженн\p{L}*|длин\p{L}*|размер\p{L}*)$/u,
  quantity: /^(number|numbers|count|amount|total|figure|figures|количеств\p{L}*|числ\p{L}*|цифр\p{L}*)$/u,
  duration: /^(long|time|duration|period|время|времени|срок\p{L}*|долго)$/u,
  date: /^(date|year|day|month|дат\p{L}*|год\p{L}*)$/u,
};

/** Whether a question word only names the expected answer type. */
export const namesType = (token: string, type: AnswerType): boolean => TYPE_WORDS[type]?.test(token) ?? false;

/** Words evidence of an answer type tends to use ("980 kilometers"): searched beside the question's words. */
export const TYPE_TERMS: Partial<Record<AnswerType, string[]>> = {
  length: ['km', 'kilometers', 'kilometres', 'meters', 'metres'],
};
