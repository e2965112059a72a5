import { createRequire } from 'node:module';

/** The YAML reader, loaded on the first front matter read: a start from a saved snapshot reads none. */
let yaml: typeof import('yaml') | null = null;
const loadYaml = (): typeof import('yaml') => (yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { parsePartialDate } from '../dates.js';
import { checkLocalizedText, checkQuestions, parseAuthoredFile } from './authored.js';
import type { RawFile } from './files.js';
import type { AuthoredPassage, Fact, FactKind, GazetteerEntry, QuestionKind, Source, Topic } from '../types.js';

export interface KnowledgeBase {
  sources: Map<string, Source>;
  facts: Fact[];
  /** Passages written up at authoring time (knowledge/passages/): quote, the bot's sentence, the questions they answer. */
  passages: AuthoredPassage[];
  topics: Map<string, Topic>;
  gazetteer: GazetteerEntry[];
  /** Groups of words that mean the same for search, across English and Russian. */
  glossary: string[][];
  /**
   * The quotes of facts moderators took back: the sentences and written-up passages that hold them are not used as
   * evidence either, or the figure a moderator retracted would come back from the source's own words.
   */
  withdrawn?: Withdrawn[];
}

export interface Withdrawn {
  sourceId: string;
  quote: string;
}

/** Records a fact as taken back, or (`false`) as given again: the knowledge's list of withdrawn quotes changes in place. */
export function markWithdrawn(kb: KnowledgeBase, fact: Pick<Withdrawn, 'sourceId' | 'quote'>, withdrawn: boolean): void {
  const others = (kb.withdrawn ?? []).filter((w) => !(w.sourceId === fact.sourceId && w.quote === fact.quote));
  kb.withdrawn = withdrawn ? [...others, { sourceId: fact.sourceId, quote: fact.quote }] : others;
}

/** One problem in one knowledge file: where it is and what is wrong. */
export interface KnowledgeProblem {
  file: string;
  line: number;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'KnowledgeError';
  }
}

/**
 * Checks one fact against the knowledge it joins: known topic and source, a quote found verbatim in that
 * source, real dates, both languages, an id not yet used. The same rules apply to facts files and to facts
 * moderators add while the bot runs.
 */
export function validateFact(raw: Record<string, unknown>, kb: KnowledgeBase, file: string): { fact: Fact } | { errors: string[] } {
  const errors = checkFact(raw, kb);
  if (isStr(raw.id) && (kb.facts.some((f) => f.id === raw.id) || kb.passages.some((p) => p.id === raw.id))) errors.push('duplicate fact id');
  if (errors.length) return { errors };
  const statedBy = typeof raw.statedBy === 'string' ? { en: raw.statedBy, ru: raw.statedBy } : raw.statedBy;
  return { fact: { ...(raw as unknown as Fact), ...(statedBy ? { statedBy: statedBy as Fact['statedBy'] } : {}), file } };
}

const FACT_KINDS: FactKind[] = ['figure', 'event', 'position', 'person', 'step'];
const QUESTION_KINDS: QuestionKind[] = ['how-many', 'how-long', 'when', 'who', 'where', 'why', 'what', 'yes-no'];
const ENTITY_TYPES = ['country', 'region', 'place', 'person', 'body', 'other'];

/** Collapses white space and folds typographic quotes, as quote checks do. */
export const squash = (s: string): string =>
  s.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();

// The last few source texts folded: every quote of a source is checked against the same text.
const bodies = new Map<string, string>();
function squashedBody(text: string): string {
  let body = bodies.get(text);
  if (body === undefined) {
    body = squash(text);
    if (bodies.size >= 16) bodies.clear();
    bodies.set(text, body);
  }
  return body;
}

/** Whether `quote` is a verbatim span of `text`; `…` may join spans of the same text. */
export function quoteIsIn(quote: string, text: string): boolean {
  const body = squashedBody(text);
  const pieces = squash(quote).replace(/^(\.\.\.|…)\s*|\s*(\.\.\.|…)$/g, '').split(/\s*(?:\.\.\.|…)\s*/).filter(Boolean);
  return pieces.length > 0 && pieces.every((p) => body.includes(p));
}

const lineOf = (text: string, offset: number): number => text.slice(0, Math.max(0, offset)).split('\n').length;

/** The line of the `nth` (0-based) JSON object with this id (1 when it cannot be found). */
function lineOfId(text: string, id: unknown, nth = 0): number {
  if (typeof id !== 'string') return 1;
  const re = new RegExp(`"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
  const hits = [...text.matchAll(re)];
  const hit = hits[Math.min(nth, hits.length - 1)];
  return hit ? lineOf(text, hit.index) : 1;
}

function parseJson(file: RawFile, problems: KnowledgeProblem[]): unknown {
  try {
    return JSON.parse(file.text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const lc = /line (\d+)/.exec(msg);
    const line = lc ? Number(lc[1]) : pos ? lineOf(file.text, Number(pos[1])) : 1;
    problems.push({ file: file.path, line, message: `malformed JSON: ${msg}` });
    return undefined;
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isLocalized = (v: unknown): boolean => !!v && typeof v === 'object' && isStr((v as Record<string, unknown>).en) && isStr((v as Record<string, unknown>).ru);

function parseSource(file: RawFile, problems: KnowledgeProblem[]): Source | null {
  const problem = (line: number, message: string) => (problems.push({ file: file.path, line, message }), null);
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(file.text);
  if (!m) return problem(1, 'malformed front matter: the file must start with a "---" line and the metadata must end with another "---" line');
  let meta: Record<string, unknown>;
  try {
    const parsed: unknown = loadYaml().parse(m[1]!);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return problem(2, 'malformed front matter: expected "key: value" lines');
    meta = parsed as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof loadYaml().YAMLParseError && err.linePos ? err.linePos[0].line + 1 : 2;
    return problem(line, `malformed front matter: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const fieldLine = (key: string) => {
    const i = m[1]!.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return i >= 0 ? i + 2 : 1;
  };
  let ok = true;
  for (const key of ['id', 'title', 'publisher', 'language']) {
    if (!isStr(meta[key])) ok = !!problem(fieldLine(key), `front matter field "${key}" is missing or empty`);
  }
  const published = typeof meta.published === 'number' ? String(meta.published) : meta.published;
  if (!isStr(published) || !parsePartialDate(published)) {
    ok = !!problem(fieldLine('published'), `bad date in "published": ${JSON.stringify(meta.published ?? null)} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  if (meta.url !== null && meta.url !== undefined && !(isStr(meta.url) && /^https?:\/\//.test(meta.url))) {
    ok = !!problem(fieldLine('url'), `"url" must be an http(s) address or null`);
  }
  const expectedId = file.path.replace(/^.*\//, '').replace(/\.md$/, '');
  if (isStr(meta.id) && meta.id !== expectedId) ok = !!problem(fieldLine('id'), `id "${meta.id}" does not match the file name "${expectedId}.md"`);
  if (!ok) return null;
  const text = file.text.slice(m[0].length);
  if (!text.trim()) return problem(lineOf(file.text, m[0].length), 'the source has no text after its front matter');
  return {
    id: meta.id as string,
    title: meta.title as string,
    publisher: meta.publisher as string,
    published: published as string,
    url: (meta.url as string | null | undefined) ?? null,
    language: meta.language as string,
    ...(isStr(meta.via) ? { via: meta.via } : {}),
    ...(Array.isArray(meta.authors) ? { authors: meta.authors.map(String) } : {}),
    ...(isStr(meta.note) ? { note: meta.note } : {}),
    text,
    file: file.path,
    bodyLine: lineOf(file.text, m[0].length),
  };
}

function checkFact(raw: Record<string, unknown>, kb: KnowledgeBase): string[] {
  const errs: string[] = [];
  if (!isStr(raw.id)) errs.push('fact without an "id"');
  if (!FACT_KINDS.includes(raw.kind as FactKind)) errs.push(`"kind" must be one of ${FACT_KINDS.join(', ')} (got ${JSON.stringify(raw.kind ?? null)})`);
  if (!isStr(raw.topic) || !kb.topics.has(raw.topic)) errs.push(`unknown topic ${JSON.stringify(raw.topic ?? null)} (topics are defined in topics.json)`);
  if (!isLocalized(raw.text)) errs.push('"text" must give the fact in the bot\'s own words as { "en": …, "ru": … }');
  else errs.push(...checkLocalizedText(raw.text, 'text').filter((e) => !e.startsWith('"text" must')));
  if (raw.questions !== undefined) errs.push(...checkQuestions(raw.questions, { en: 1, ru: 0 }));
  if (raw.role !== undefined && !isLocalized(raw.role)) errs.push('"role" must be { "en": …, "ru": … }');
  if (raw.statedBy !== undefined && !isStr(raw.statedBy) && !isLocalized(raw.statedBy)) errs.push('"statedBy" must be a name or { "en": …, "ru": … }');
  if (raw.short !== undefined && !isLocalized(raw.short)) errs.push('"short" must be { "en": …, "ru": … }');
  if (raw.also !== undefined && !(Array.isArray(raw.also) && raw.also.every((t) => isStr(t) && kb.topics.has(t)))) errs.push(`"also" must list known topics`);
  if (raw.value !== undefined && typeof raw.value !== 'number') errs.push('"value" must be a number');
  for (const key of ['date', 'start', 'end']) {
    const v = raw[key];
    if (v !== undefined && !(typeof v === 'string' && parsePartialDate(v))) errs.push(`bad date in "${key}": ${JSON.stringify(v)} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  const source = isStr(raw.sourceId) ? kb.sources.get(raw.sourceId) : undefined;
  if (!source) errs.push(`unknown sourceId ${JSON.stringify(raw.sourceId ?? null)}`);
  if (!isStr(raw.quote)) errs.push('"quote" is missing');
  else if (source && !quoteIsIn(raw.quote, source.text)) errs.push(`quote not found in source "${source.id}": ${JSON.stringify(raw.quote.slice(0, 80))}`);
  return errs;
}

/** Parses and validates every knowledge file; throws one KnowledgeError listing every problem. */
export function parseKnowledge(files: RawFile[]): KnowledgeBase {
  const problems: KnowledgeProblem[] = [];
  const kb: KnowledgeBase = { sources: new Map(), facts: [], passages: [], topics: new Map(), gazetteer: [], glossary: [] };
  const byName = (re: RegExp) => files.filter((f) => re.test(f.path));

  for (const file of byName(/^sources\/[^/]+\.md$/)) {
    const s = parseSource(file, problems);
    if (!s) continue;
    if (kb.sources.has(s.id)) problems.push({ file: file.path, line: 2, message: `duplicate source id "${s.id}"` });
    else kb.sources.set(s.id, s);
  }
  if (kb.sources.size === 0 && problems.length === 0) problems.push({ file: 'sources/', line: 1, message: 'no sources found' });

  for (const file of byName(/^topics\.json$/)) {
    const data = parseJson(file, problems) as { topics?: unknown } | undefined;
    if (data === undefined) continue;
    const list = Array.isArray(data?.topics) ? data.topics : null;
    if (!list) { problems.push({ file: file.path, line: 1, message: 'expected { "topics": [ … ] }' }); continue; }
    for (const t of list as Record<string, unknown>[]) {
      const line = lineOfId(file.text, t.id);
      const bad = (message: string) => problems.push({ file: file.path, line, message: `topic ${JSON.stringify(t.id ?? null)}: ${message}` });
      if (!isStr(t.id)) { bad('missing "id"'); continue; }
      if (kb.topics.has(t.id)) { bad('duplicate topic id'); continue; }
      if (!isLocalized(t.title)) { bad('"title" must be { "en": …, "ru": … }'); continue; }
      if (!Array.isArray(t.keywords) || !t.keywords.every((g) => Array.isArray(g) && g.length > 0 && g.every(isStr))) { bad('"keywords" must be a list of non-empty lists of words'); continue; }
      if (!Array.isArray(t.answers) || !t.answers.every((k) => QUESTION_KINDS.includes(k as QuestionKind))) { bad(`"answers" must list question kinds among ${QUESTION_KINDS.join(', ')}`); continue; }
      kb.topics.set(t.id, t as unknown as Topic);
    }
  }

  for (const file of byName(/^facts\/[^/]+\.json$/)) {
    const data = parseJson(file, problems);
    if (data === undefined) continue;
    if (!Array.isArray(data)) { problems.push({ file: file.path, line: 1, message: 'a facts file must hold a JSON array of facts' }); continue; }
    const seen = new Map<unknown, number>();
    for (const raw of data as Record<string, unknown>[]) {
      const nth = seen.get(raw?.id) ?? 0;
      seen.set(raw?.id, nth + 1);
      const line = lineOfId(file.text, raw?.id, nth);
      if (!raw || typeof raw !== 'object') { problems.push({ file: file.path, line, message: 'a fact must be a JSON object' }); continue; }
      const checked = validateFact(raw, kb, file.path);
      if ('errors' in checked) { for (const e of checked.errors) problems.push({ file: file.path, line, message: `fact ${JSON.stringify(raw.id ?? null)}: ${e}` }); continue; }
      kb.facts.push(checked.fact);
    }
  }

  const usedIds = new Set(kb.facts.map((f) => f.id));
  for (const file of byName(/^passages\/[^/]+\.json$/)) {
    const data = parseJson(file, problems);
    if (data === undefined) continue;
    const parsed = parseAuthoredFile(file, data, kb.sources, usedIds, quoteIsIn);
    for (const p of parsed.problems) problems.push({ file: file.path, line: p.line, message: p.message });
    kb.passages.push(...parsed.passages);
  }

  for (const file of byName(/^gazetteer\.json$/)) {
    const data = parseJson(file, problems) as { entries?: unknown } | undefined;
    if (data === undefined) continue;
    if (!Array.isArray(data?.entries)) { problems.push({ file: file.path, line: 1, message: 'expected { "entries": [ … ] }' }); continue; }
    const ids = new Set<string>();
    for (const e of data.entries as Record<string, unknown>[]) {
      const line = lineOfId(file.text, e.id);
      const bad = (message: string) => problems.push({ file: file.path, line, message: `entry ${JSON.stringify(e.id ?? null)}: ${message}` });
      if (!isStr(e.id)) bad('missing "id"');
      else if (ids.has(e.id)) bad('duplicate id');
      else if (!ENTITY_TYPES.includes(e.type as string)) bad(`"type" must be one of ${ENTITY_TYPES.join(', ')}`);
      else if (!isLocalized(e.name)) bad('"name" must be { "en": …, "ru": … }');
      else if (!Array.isArray(e.aliases) || !e.aliases.every(isStr)) bad('"aliases" must be a list of names');
      else if (typeof e.inScope !== 'boolean') bad('"inScope" must be true or false');
      else { ids.add(e.id); kb.gazetteer.push(e as unknown as GazetteerEntry); }
    }
  }

  for (const file of byName(/^glossary\.json$/)) {
    const data = parseJson(file, problems) as { groups?: unknown } | undefined;
    if (data === undefined) continue;
    if (!Array.isArray(data?.groups) || !data.groups.every((g) => Array.isArray(g) && g.every(isStr))) {
      problems.push({ file: file.path, line: 1, message: 'expected { "groups": [ [word, synonym, …], … ] }' });
      continue;
    }
    kb.glossary = data.groups as string[][];
  }

  if (problems.length) throw new KnowledgeError(problems);
  return kb;
}
