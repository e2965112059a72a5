// Each function from its own module, and the one locale used: the package's index loads every function and
// 'date-fns/locale' every locale, a large share of a cold start of `ask`.
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfYear } from 'date-fns/endOfYear';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { subYears } from 'date-fns/subYears';
import { ru } from 'date-fns/locale/ru';
import type { AnswerLanguage, PartialDate } from './types.js';

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and nothing else. */
const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const parsed = new Map<string, Date | null>();

/**
 * The first day of a partial date, or null when it is not `YYYY`, `YYYY-MM` or a real `YYYY-MM-DD`.
 * Memoized (answers compare the same few dates again and again): treat the result as read-only.
 */
export function parsePartialDate(value: string): Date | null {
  if (parsed.has(value)) return parsed.get(value)!;
  const d = parseUncached(value);
  if (parsed.size < 10_000) parsed.set(value, d);
  return d;
}

function parseUncached(value: string): Date | null {
  const m = SHAPE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const d = new Date(year, month - 1, day);
  d.setFullYear(year); // years before 100 would otherwise be read as 19xx
  // A day the month does not have (2023-02-30) rolls over into the next month: not a real date.
  return isValid(d) && d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day ? d : null;
}

/** The last day a partial date may mean: "2025-02" may be as late as 28 February 2025. */
const latest = new Map<string, Date>();

export function latestDay(value: PartialDate): Date {
  const hit = latest.get(value);
  if (hit) return hit;
  const out = latestUncached(value);
  if (latest.size < 10_000) latest.set(value, out);
  return out;
}

function latestUncached(value: PartialDate): Date {
  const d = parsePartialDate(value);
  if (!d) throw new Error(`not a date: ${value}`);
  if (value.length === 4) return endOfYear(d);
  if (value.length === 7) return endOfMonth(d);
  return d;
}

const formatted = new Map<string, string>();

/** "6 February 2017", "February 2025", "2002"; in Russian "6 февраля 2017 г.", "февраль 2025 г.". */
export function formatPartialDate(value: PartialDate, language: AnswerLanguage): string {
  const key = `${language}:${value}`;
  let out = formatted.get(key);
  if (out === undefined) {
    out = formatUncached(value, language);
    if (formatted.size < 10_000) formatted.set(key, out);
  }
  return out;
}

function formatUncached(value: PartialDate, language: AnswerLanguage): string {
  const d = parsePartialDate(value);
  if (!d) return value;
  // Kyrgyz and Tajik month names take case endings a template cannot choose: the numeric form reads right in any sentence.
  if (language === 'ky' || language === 'tg') {
    if (value.length === 10) return format(d, 'dd.MM.yyyy');
    if (value.length === 7) return format(d, 'MM.yyyy');
    return value;
  }
  if (language === 'ru') {
    if (value.length === 10) return `${format(d, 'd MMMM yyyy', { locale: ru })} г.`;
    if (value.length === 7) return `${format(d, 'LLLL yyyy', { locale: ru })} г.`;
    return `${value} г.`;
  }
  if (value.length === 10) return format(d, 'd MMMM yyyy');
  if (value.length === 7) return format(d, 'MMMM yyyy');
  return value;
}

/** Newest first, comparing the last day each date may mean. */
export const compareNewestFirst = (a: PartialDate, b: PartialDate): number => latestDay(b).getTime() - latestDay(a).getTime();

/** True when even the latest day `value` may mean lies more than a year before `now`. */
export function isOlderThanAYear(value: PartialDate, now: Date): boolean {
  return differenceInCalendarDays(subYears(now, 1), latestDay(value)) > 0;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = MONTHS.join('|');

export interface ResolvedDate {
  /** Character offsets of the phrase in the text. */
  start: number;
  end: number;
  phrase: string;
  value: PartialDate;
}

/**
 * Relative dates in an article, resolved against its publication date:
 * "last year" in a 2020 article is 2019; "on September 19" in an October 2023 article is 2023-09-19,
 * and a month later in the year than the article's own month belongs to the year before.
 */
export function resolveRelativeDates(text: string, published: PartialDate): ResolvedDate[] {
  const pub = parsePartialDate(published);
  if (!pub) return [];
  const year = pub.getFullYear();
  const pubMonth = published.length >= 7 ? pub.getMonth() : 11;
  const out: ResolvedDate[] = [];
  const add = (m: RegExpExecArray, value: string) => out.push({ start: m.index, end: m.index + m[0].length, phrase: m[0], value });
  for (const m of text.matchAll(/\b(last|this|next|previous) year(?:'s)?\b/gi)) {
    const w = m[1]!.toLowerCase();
    add(m as RegExpExecArray, String(w === 'this' ? year : w === 'next' ? year + 1 : year - 1));
  }
  const monthDay = new RegExp(`\\b(${MONTH_RE})(?: (\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?)?\\b(?!,? \\d{4})(?! \\d{4})`, 'gi');
  for (const m of text.matchAll(monthDay)) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase());
    if (m[1] === 'may') continue; // lower-case "may" is the verb
    // "On September 16" right after a sentence about "September 2022" belongs to 2022, whatever the article's year.
    const before = text.slice(Math.max(0, (m.index ?? 0) - 400), m.index);
    const named = [...before.matchAll(new RegExp(`\\b${MONTHS[month]}\\s+((?:19|20)\\d\\d)\\b`, 'gi'))].pop();
    const y = named && Number(named[1]) <= year ? Number(named[1]) : month > pubMonth ? year - 1 : year;
    const mm = String(month + 1).padStart(2, '0');
    const day = m[2] ? `-${m[2].padStart(2, '0')}` : '';
    add(m as RegExpExecArray, `${y}-${mm}${day}`);
  }
  return out.sort((a, b) => a.start - b.start);
}
