/**
 * Rules a moderator's update must pass beyond the shape the knowledge files already check, so that a typo
 * never becomes the newest truth. Each is a pure function returning what is wrong, in words a moderator can
 * act on, or null.
 */

/** Sizes in characters (UTF-16 code units, as JavaScript counts them). */
export const LIMITS = {
  /** An article's text: a long report fits; a whole site or a book does not. */
  article: 200_000,
  /** A quote is a sentence or two, not a passage. */
  quote: 1_000,
  /** A fact in the bot's words (text, role), per language. */
  prose: 1_000,
  /** Title, publisher, url, id, topic, unit, short, statedBy, party. */
  line: 300,
} as const;

export const MIN_QUOTE_WORDS = 4;

const count = (n: number): string => n.toLocaleString('en-US');

/** `field` longer than `limit` characters. */
export function sizeProblem(field: string, value: string, limit: number): string | null {
  return value.length > limit ? `"${field}" is ${count(value.length)} characters long; the limit is ${count(limit)}` : null;
}

/** A line break in a field shown on one line (in a citation, a list, a button). */
export function lineBreakProblem(field: string, value: string): string | null {
  return /[\r\n\u0085\u2028\u2029]/.test(value) ? `"${field}" must be one line, without line breaks` : null;
}

/**
 * Source and fact ids alike: typed by moderators, shown in lists, used as file names. Cyrillic letters count,
 * first letter included: an id made from a Russian publisher's name starts with one.
 */
export function idProblem(id: string): string | null {
  const ok = /^[a-z0-9\u0400-\u04ff][a-z0-9\u0400-\u04ff-]*$/.test(id) && id === id.toLowerCase();
  return ok ? null : `bad id "${id}" (lower-case letters, digits and hyphens)`;
}

/**
 * Text that a lenient decoder produced from bad bytes (U+FFFD), or that cannot be written as UTF-8 at all (a
 * lone surrogate): the bot would quote it as a source's verbatim words.
 */
export function unicodeProblem(field: string, value: string): string | null {
  const replaced = value.indexOf('\ufffd');
  if (replaced >= 0)
    return `"${field}" has a replacement character (U+FFFD) at character ${replaced}: it was decoded from invalid UTF-8; send the original text`;
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(value);
  return lone ? `"${field}" is not valid Unicode: a lone surrogate at character ${lone.index}` : null;
}

/** A quote of a word or three is found almost anywhere, and proves nothing about what the source says. */
export function quoteWordsProblem(quote: string): string | null {
  const words = quote.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words >= MIN_QUOTE_WORDS) return null;
  return `the quote ${JSON.stringify(quote)} has ${words} word${words === 1 ? '' : 's'}; a quote needs at least ${MIN_QUOTE_WORDS}`;
}

/**
 * A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) whose first day is after today. "Today" is taken where it is latest
 * on Earth (UTC+14), so a moderator east of UTC is never refused today's date; the message names the UTC date.
 * Malformed dates are left to the format check.
 */
export function futureDateProblem(field: string, value: string, now: Date): string | null {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return null;
  const first = value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
  const latestToday = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  return first > latestToday ? `"${field}" ${value} is after today (${now.toISOString().slice(0, 10)})` : null;
}

/** A figure whose value its quote does not state: 9,800 km quoted from "the 980-kilometre frontier". */
export function figureInQuoteProblem(value: number, quote: string): string | null {
  const found = numbersIn(quote);
  if (found.some((n) => backs(n, value))) return null;
  const shown = quote.length > 160 ? `${quote.slice(0, 159)}…` : quote;
  const exact = [...new Set(found.filter((n) => !n.approx).map((n) => n.value))];
  const there = exact.length ? ` (numbers there: ${exact.slice(0, 8).join(', ')})` : found.length ? '' : ' (it has no number)';
  return `the value ${value} is not in its quote ${JSON.stringify(shown)}${there}`;
}

/** A number a quote states; `approx` for words ("a third") that back a value rounded to its own precision. */
export interface StatedNumber {
  value: number;
  approx: boolean;
}

function backs(n: StatedNumber, value: number): boolean {
  if (!n.approx) return Math.abs(n.value - value) <= 1e-9 * Math.max(1, Math.abs(value));
  const decimals = (String(value).split('.')[1] ?? '').length;
  return Math.abs(n.value - value) <= 0.5 * 10 ** -decimals + 1e-12;
}

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^(hundred|сто|сотн[яи])$/, 100],
  [/^(thousand|тыс|тысяч[аиу]?)$/, 1_000],
  [/^(million|mln|млн|миллион(а|ов)?)$/, 1_000_000],
  [/^(billion|bn|млрд|миллиард(а|ов)?)$/, 1_000_000_000],
];

/** Words whose value is certain. Plurals ("hundreds", "dozens", "тысячи людей") are left out: they are no number. */
const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1_000,
  dozen: 12,
  один: 1, одна: 1, одно: 1, одного: 1, одной: 1, два: 2, две: 2, двух: 2, три: 3, трёх: 3, трех: 3, четыре: 4,
  четырёх: 4, четырех: 4, пять: 5, пяти: 5, шесть: 6, шести: 6, семь: 7, семи: 7, восемь: 8, восьми: 8, девять: 9,
  девяти: 9, десять: 10, десяти: 10, двадцать: 20, двадцати: 20, тридцать: 30, тридцати: 30, сорок: 40,
  пятьдесят: 50, сто: 100, тысяча: 1_000, тысячу: 1_000, дюжина: 12, дюжину: 12,
};

/** Fractions in words: each backs its share (0.5) and its percentage (50), rounded to the value's precision. */
const FRACTIONS: Array<[RegExp, number]> = [
  [/(two|две)[\s-]+(thirds|трети)/gu, 2 / 3],
  [/(three|три)[\s-]+(quarters|четверти)/gu, 3 / 4],
  // "a third" only before "of": "a third round of talks" is an ordinal.
  [/one[\s-]+third|a\s+third(?=\s+of(?!\p{L}))|треть|трети/gu, 1 / 3],
  [/one[\s-]+quarter|a\s+quarter(?=\s+of(?!\p{L}))|четверть/gu, 1 / 4],
  [/half|половин[аыуе]/gu, 1 / 2],
];

const word = (pattern: RegExp): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern.source})(?![\\p{L}])`, 'gu');

/**
 * The numbers a text states: digits as people write them ("1,000", "1 000", "519.9", "519,9", "980-kilometre",
 * "33%"), with a multiplier word ("1.5 million", "130 тыс."), and the number words whose value is certain.
 */
export function numbersIn(text: string): StatedNumber[] {
  const out: StatedNumber[] = [];
  let rest = text.toLowerCase();
  for (const [pattern, share] of FRACTIONS) {
    rest = rest.replace(word(pattern), (m) => {
      out.push({ value: share, approx: true }, { value: share * 100, approx: true });
      return ' '.repeat(m.length);
    });
  }
  const after = (end: number): number => {
    const next = /^[\s-]*([\p{L}]+)/u.exec(rest.slice(end));
    return MULTIPLIERS.find(([re]) => next && re.test(next[1]!))?.[1] ?? 1;
  };
  for (const m of rest.matchAll(/(?<![\d.,])\d+(?:[.,\u00a0\u202f\u2009 ]\d+)*/g)) {
    const multiplier = after(m.index + m[0].length);
    for (const v of readDigits(m[0])) {
      out.push({ value: v, approx: false });
      if (multiplier !== 1) out.push({ value: v * multiplier, approx: false });
    }
  }
  const words = [...rest.matchAll(/[\p{L}]+/gu)];
  words.forEach((m, i) => {
    const v = WORDS[m[0]];
    if (v === undefined) return;
    out.push({ value: v, approx: false });
    const next = words[i + 1];
    const joined = next && /^[\s-]+$/.test(rest.slice(m.index + m[0].length, next.index));
    const unit = joined ? WORDS[next[0]] : undefined;
    // "twenty-five", "двадцать пять"; "two hundred", "три тысячи".
    if (unit !== undefined && v >= 20 && v < 100 && v % 10 === 0 && unit < 10) out.push({ value: v + unit, approx: false });
    const multiplier = joined ? after(m.index + m[0].length) : 1;
    if (multiplier !== 1 && v < 100) out.push({ value: v * multiplier, approx: false });
  });
  return out;
}

/**
 * The values a run of digits and separators can mean. A comma or point before exactly three digits, repeated
 * alike, groups thousands ("1,000", "1.000.000"); a single point, or a comma before other than three digits,
 * is a decimal mark ("519.9", "519,9"); spaces group thousands ("1 000") and also separate numbers ("2021 300"),
 * so each part counts too.
 */
function readDigits(run: string): number[] {
  const values = new Set<number>();
  const asNumber = (s: string) => {
    const parts = s.split(/([.,])/);
    const digits = parts.filter((_, i) => i % 2 === 0);
    const seps = parts.filter((_, i) => i % 2 === 1);
    if (!seps.length) return Number(s);
    const grouped = digits[0]!.length <= 3 && digits.slice(1).every((d) => d.length === 3) && seps.every((x) => x === seps[0]);
    if (grouped && (seps.length > 1 || seps[0] === ',')) return Number(digits.join(''));
    if (seps.length === 1) return Number(`${digits[0]}.${digits[1]}`);
    const head = digits.slice(0, -1);
    const headGrouped = head[0]!.length <= 3 && head.slice(1).every((d) => d.length === 3) && new Set(seps.slice(0, -1)).size === 1;
    return headGrouped && seps.at(-1) !== seps[0] ? Number(`${head.join('')}.${digits.at(-1)}`) : NaN;
  };
  const chunks = run.split(/[\u00a0\u202f\u2009 ]/);
  if (chunks.length > 1 && chunks[0]!.length <= 3 && chunks.slice(1, -1).every((c) => /^\d{3}$/.test(c)) && /^\d{3}\b/.test(chunks.at(-1)!))
    values.add(asNumber(chunks.join('')));
  for (const c of chunks) values.add(asNumber(c));
  return [...values].filter((v) => Number.isFinite(v));
}
