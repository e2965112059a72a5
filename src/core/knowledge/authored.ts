import { resolveRelativeDates } from '../dates.js';
import type { RawFile } from './files.js';
import type { AuthoredPassage, Party, Source } from '../types.js';

/** One problem found in an authored file: the line it is on, and what is wrong. */
export interface AuthoredProblem {
  line: number;
  message: string;
}

const LANGS = ['en', 'ru', 'ky', 'tg'] as const;
const PARTIES: Party[] = ['kyrgyzstan', 'tajikistan'];
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a `questions` object: lists of non-empty strings under en, ru (and optionally ky, tg), with at least
 * `min.en` English and `min.ru` Russian entries. Returns the problems, empty when it is fine.
 */
export function checkQuestions(v: unknown, min: { en: number; ru: number }): string[] {
  if (!isObj(v)) return ['"questions" must be { "en": [ … ], "ru": [ … ] }'];
  const errs: string[] = [];
  for (const key of Object.keys(v)) if (!(LANGS as readonly string[]).includes(key)) errs.push(`"questions" has an unknown language "${key}"`);
  for (const lang of LANGS) {
    const list = v[lang];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(isStr)) errs.push(`"questions.${lang}" must be a list of questions`);
  }
  const count = (lang: 'en' | 'ru') => (Array.isArray(v[lang]) ? (v[lang] as unknown[]).length : 0);
  if (count('en') < min.en) errs.push(`"questions.en" needs at least ${min.en} question${min.en > 1 ? 's' : ''}`);
  if (count('ru') < min.ru) errs.push(`"questions.ru" needs at least ${min.ru} question${min.ru > 1 ? 's' : ''}`);
  return errs;
}

/** A text object: non-empty en and ru, optional ky and tg, nothing else. */
export function checkLocalizedText(v: unknown, field: string): string[] {
  if (!isObj(v) || !isStr(v.en) || !isStr(v.ru)) return [`"${field}" must give the bot's own sentence as { "en": …, "ru": … }`];
  const errs: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (!(LANGS as readonly string[]).includes(key)) errs.push(`"${field}" has an unknown language "${key}"`);
    else if (!isStr(value)) errs.push(`"${field}.${key}" must be a non-empty sentence`);
  }
  return errs;
}

/** Numbers as written ("130,000", "519.9", "1-2"), normalized so "130 000" and "130000" are the same number. */
export function numbersIn(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .replace(/(\d)[,\u00a0\u202f ](?=\d{3}(?!\d))/g, '$1')
    // A Russian decimal comma: "519,9" is 519.9.
    .replace(/(\d),(?=\d{1,2}(?!\d))/g, '$1.');
  return [...folded.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);
}

const lineOf = (text: string, offset: number): number => text.slice(0, Math.max(0, offset)).split('\n').length;

function lineOfPassage(text: string, id: unknown, nth: number): number {
  if (typeof id !== 'string') return 1;
  const hits = [...text.matchAll(new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'))];
  const hit = hits[Math.min(nth, hits.length - 1)];
  return hit ? lineOf(text, hit.index) : 1;
}

/**
 * Parses one knowledge/passages/<sourceId>.json file against the sources loaded so far. Every problem is
 * reported with its line; a passage with a problem is left out. `usedIds` holds the ids of facts and
 * passages already taken, and gains the ids of the passages returned.
 */
export function parseAuthoredFile(
  file: RawFile,
  data: unknown,
  sources: Map<string, Source>,
  usedIds: Set<string>,
  quoteIsIn: (quote: string, text: string) => boolean,
): { passages: AuthoredPassage[]; problems: AuthoredProblem[] } {
  const problems: AuthoredProblem[] = [];
  const passages: AuthoredPassage[] = [];
  const expected = file.path.replace(/^.*\//, '').replace(/\.json$/, '');
  if (!isObj(data) || !Array.isArray(data.passages)) {
    return { passages, problems: [{ line: 1, message: 'expected { "sourceId": …, "passages": [ … ] }' }] };
  }
  const source = isStr(data.sourceId) ? sources.get(data.sourceId) : undefined;
  if (!isStr(data.sourceId) || data.sourceId !== expected) {
    problems.push({ line: lineOf(file.text, file.text.indexOf('"sourceId"')), message: `"sourceId" must be "${expected}", the file's name` });
  } else if (!source) {
    problems.push({ line: lineOf(file.text, file.text.indexOf('"sourceId"')), message: `unknown sourceId "${data.sourceId}"` });
  }
  const seen = new Map<unknown, number>();
  for (const raw of data.passages as unknown[]) {
    const id = isObj(raw) ? raw.id : undefined;
    const nth = seen.get(id) ?? 0;
    seen.set(id, nth + 1);
    const line = lineOfPassage(file.text, id, nth);
    const errs: string[] = [];
    if (!isObj(raw)) {
      problems.push({ line, message: 'a passage must be a JSON object' });
      continue;
    }
    if (!isStr(raw.id) || !/^[a-z0-9][a-z0-9-]*$/.test(raw.id)) errs.push('"id" must be lower-case letters, digits and hyphens');
    else if (usedIds.has(raw.id)) errs.push('id already used by another fact or passage');
    if (!isStr(raw.quote)) errs.push('"quote" is missing');
    else {
      if (raw.quote.trim().split(/\s+/).length < 4) errs.push('"quote" needs at least 4 words');
      if (source && !quoteIsIn(raw.quote, source.text)) errs.push(`quote not found in source "${source.id}": ${JSON.stringify(raw.quote.slice(0, 80))}`);
    }
    errs.push(...checkLocalizedText(raw.text, 'text'));
    errs.push(...checkQuestions(raw.questions, { en: 2, ru: 1 }));
    if (raw.party !== undefined && !PARTIES.includes(raw.party as Party)) errs.push(`"party" must be one of ${PARTIES.join(', ')}`);
    if (!errs.length && isStr(raw.quote)) {
      // A year the source gives elsewhere, its own, or one its relative dates resolve to may date the sentence: "on September 19" is 19 September 2023.
      const years = source
        ? [
            ...[...source.text.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => m[0]),
            ...resolveRelativeDates(source.text, source.published).map((r) => r.value.slice(0, 4)),
          ]
        : [];
      const inQuote = new Set([...numbersIn(raw.quote), ...years, source?.published.slice(0, 4) ?? '']);
      for (const lang of LANGS) {
        const t = (raw.text as Record<string, unknown>)[lang];
        const stray = typeof t === 'string' ? numbersIn(t).filter((n) => !inQuote.has(n)) : [];
        if (stray.length) errs.push(`"text.${lang}" has numbers the quote does not: ${stray.join(', ')}`);
      }
    }
    if (errs.length) {
      for (const e of errs) problems.push({ line, message: `passage ${JSON.stringify(id ?? null)}: ${e}` });
      continue;
    }
    usedIds.add(raw.id as string);
    passages.push({
      id: raw.id as string,
      sourceId: data.sourceId as string,
      quote: raw.quote as string,
      text: raw.text as AuthoredPassage['text'],
      questions: raw.questions as AuthoredPassage['questions'],
      ...(raw.party ? { party: raw.party as Party } : {}),
      file: file.path,
    });
  }
  return { passages, problems: source ? problems : problems.slice(0, 1) };
}
