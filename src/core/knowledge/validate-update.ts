import { parsePartialDate } from '../dates.js';
import { detectLanguage } from '../text.js';
import type { Fact, Source } from '../types.js';
import { validateFact, type KnowledgeBase } from './parse.js';
import type { UpdateRecord } from './updates-log.js';
import {
  LIMITS,
  figureInQuoteProblem,
  futureDateProblem,
  idProblem,
  lineBreakProblem,
  quoteWordsProblem,
  sizeProblem,
  unicodeProblem,
} from './rules.js';

/** A source as a moderator sends it; without an id, one is made for it (see ids.ts). */
export interface SourceInput {
  id?: string;
  title: string;
  publisher: string;
  published: string;
  url?: string | null;
  text: string;
}

/** What an update does to the knowledge, once it has been found to apply. */
export type Change =
  | { kind: 'add-source'; source: Source }
  | { kind: 'add-fact'; fact: Fact }
  | { kind: 'remove-source'; id: string }
  | { kind: 'remove-fact'; id: string };

/**
 * Why a source cannot be added, or null; the checks that need no id, so they can run before one is made.
 * With `now`, a date after today is refused too.
 */
export function sourceProblem(input: SourceInput, now?: Date): string | null {
  const missing = (['title', 'publisher', 'published', 'text'] as const).filter((k) => typeof input[k] !== 'string' || !input[k].trim());
  if (missing.length) return `missing ${missing.join(', ')}`;
  const url = typeof input.url === 'string' ? input.url.trim() || null : null;
  const shape = [
    ...(['title', 'publisher', 'published'] as const).flatMap((k) => lineProblems(k, input[k])),
    ...(url ? lineProblems('url', url) : []),
    sizeProblem('text', input.text, LIMITS.article),
    unicodeProblem('text', input.text),
  ].filter((p): p is string => p !== null);
  if (shape.length) return shape.join('; ');
  if (!parsePartialDate(input.published)) return `bad date "${input.published}" (expected YYYY, YYYY-MM or YYYY-MM-DD)`;
  if (url && !/^https?:\/\/\S+$/.test(url)) return `"${url}" is not an http(s) address`;
  return now ? futureDateProblem('published', input.published, now) : null;
}

/** A field shown on one line: within the length limit, no line break, well-formed text. */
function lineProblems(field: string, value: string): Array<string | null> {
  return [sizeProblem(field, value, LIMITS.line), lineBreakProblem(field, value), unicodeProblem(field, value)];
}

const ONE_LINE_FACT_FIELDS = ['id', 'topic', 'unit', 'short', 'statedBy', 'party', 'name', 'place', 'aspect'];
const PROSE_FACT_FIELDS = ['text', 'role'];

/** Each string of a field that is a string or `{ en, ru }`, with its name ("short.en"). */
function stringsOf(field: string, value: unknown): Array<[string, string]> {
  if (typeof value === 'string') return [[field, value]];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[`${field}.${k}`, v] as [string, string]] : []));
}

/** Sizes, line breaks, well-formed text and the id's form: checked before anything reads the fact's content. */
export function factShapeProblems(raw: Record<string, unknown>): string[] {
  const problems: Array<string | null> = [];
  if (typeof raw.id === 'string' && raw.id) problems.push(idProblem(raw.id));
  for (const f of ONE_LINE_FACT_FIELDS) for (const [name, v] of stringsOf(f, raw[f])) problems.push(...lineProblems(name, v));
  for (const f of PROSE_FACT_FIELDS) for (const [name, v] of stringsOf(f, raw[f])) problems.push(sizeProblem(name, v, LIMITS.prose), unicodeProblem(name, v));
  if (typeof raw.quote === 'string') problems.push(sizeProblem('quote', raw.quote, LIMITS.quote), unicodeProblem('quote', raw.quote));
  return [...new Set(problems.filter((p): p is string => p !== null))];
}

/** What a valid fact says that its source and the calendar must bear out: a real quote, its value, no future dates. */
export function factContentProblems(fact: Fact, now?: Date): string[] {
  const problems = [quoteWordsProblem(fact.quote)];
  if (typeof fact.value === 'number') problems.push(figureInQuoteProblem(fact.value, fact.quote));
  if (now) for (const k of ['date', 'start', 'end'] as const) if (fact[k] !== undefined) problems.push(futureDateProblem(k, fact[k], now));
  return problems.filter((p): p is string => p !== null);
}

/** A source in use with the same publisher, date and title: sent twice, a source is refused, whatever its id. */
export function sameSourceIn(input: SourceInput, kb: KnowledgeBase): Source | undefined {
  const key = (s: { publisher: string; published: string; title: string }) => [s.publisher.trim(), s.published, s.title.trim()].join('\n');
  return [...kb.sources.values()].find((s) => key(s) === key(input));
}

/**
 * The source a moderator's input makes, as it will be stored and indexed; `file` names where it came from.
 * With `now`, a date after today is refused.
 */
export function validateSource(
  input: SourceInput & { id: string },
  kb: KnowledgeBase,
  file: string,
  now?: Date,
): { source: Source } | { error: string } {
  const problem = sourceProblem(input, now);
  if (problem) return { error: problem };
  const id = input.id.trim();
  const badId = idProblem(id) ?? sizeProblem('id', id, LIMITS.line);
  if (badId) return { error: badId };
  if (kb.sources.has(id)) return { error: `a source with id "${id}" already exists` };
  const text = input.text.replace(/\r\n/g, '\n').trim() + '\n';
  const source: Source = {
    id,
    title: input.title.trim(),
    publisher: input.publisher.trim(),
    published: input.published,
    url: input.url?.trim() || null,
    language: detectLanguage(text),
    text,
    file,
    bodyLine: 1,
  };
  return { source };
}

/**
 * Checks an update against the knowledge it would change, without changing it: the error says why it cannot
 * apply, or the change says what applying it does. The same check serves a new update and a replayed one.
 * Dates may not be after `now`, by default the day the update was made, so a replay judges it as it was judged.
 */
export function checkUpdate(
  record: UpdateRecord,
  kb: KnowledgeBase,
  file: string,
  now: Date | undefined = validDate(record.at),
): { error: string } | { change: Change } {
  const p = record.payload;
  if (record.kind === 'add-source') {
    if (typeof p.id !== 'string') return { error: 'a source needs an id' };
    const checked = validateSource(p as unknown as SourceInput & { id: string }, kb, file, now);
    return 'error' in checked ? checked : { change: { kind: 'add-source', source: checked.source } };
  }
  if (record.kind === 'add-fact') {
    // Shape first: a 5 MB quote is refused before it is searched for; then the file rules; then what needs both.
    const shape = factShapeProblems(p);
    if (shape.length) return { error: shape.join('; ') };
    const checked = validateFact(p, kb, file);
    if ('errors' in checked) return { error: checked.errors.join('; ') };
    const content = factContentProblems(checked.fact, now);
    return content.length ? { error: content.join('; ') } : { change: { kind: 'add-fact', fact: checked.fact } };
  }
  if (!record.reason?.trim()) return { error: 'a retraction needs a reason' };
  const target = String(p.targetId ?? '');
  if (kb.sources.has(target)) return { change: { kind: 'remove-source', id: target } };
  if (kb.facts.some((f) => f.id === target)) return { change: { kind: 'remove-fact', id: target } };
  return { error: `nothing to retract with id "${target}" (a source, a fact, or an update that added one)` };
}

function validDate(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
