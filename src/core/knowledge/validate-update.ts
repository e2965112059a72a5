import { parsePartialDate } from '../dates.js';
import { detectLanguage } from '../text.js';
import type { Fact, Source } from '../types.js';
import { validateFact, type KnowledgeBase } from './parse.js';
import type { UpdateRecord } from './updates-log.js';

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

/** Why a source cannot be added, or null; the checks that need no id, so they can run before one is made. */
export function sourceProblem(input: SourceInput): string | null {
  const missing = (['title', 'publisher', 'published', 'text'] as const).filter((k) => typeof input[k] !== 'string' || !input[k].trim());
  if (missing.length) return `missing ${missing.join(', ')}`;
  if (!parsePartialDate(input.published)) return `bad date "${input.published}" (expected YYYY, YYYY-MM or YYYY-MM-DD)`;
  const url = input.url?.trim() || null;
  if (url && !/^https?:\/\/\S+$/.test(url)) return `"${url}" is not an http(s) address`;
  return null;
}

/** A source in use with the same publisher, date and title: sent twice, a source is refused, whatever its id. */
export function sameSourceIn(input: SourceInput, kb: KnowledgeBase): Source | undefined {
  const key = (s: { publisher: string; published: string; title: string }) => [s.publisher.trim(), s.published, s.title.trim()].join('\n');
  return [...kb.sources.values()].find((s) => key(s) === key(input));
}

/** The source a moderator's input makes, as it will be stored and indexed; `file` names where it came from. */
export function validateSource(
  input: SourceInput & { id: string },
  kb: KnowledgeBase,
  file: string,
): { source: Source } | { error: string } {
  const problem = sourceProblem(input);
  if (problem) return { error: problem };
  const id = input.id.trim();
  if (!/^[a-z0-9][a-z0-9\u0400-\u04ff-]*$/.test(id)) return { error: `bad id "${id}" (lower-case letters, digits and hyphens)` };
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
 */
export function checkUpdate(record: UpdateRecord, kb: KnowledgeBase, file: string): { error: string } | { change: Change } {
  const p = record.payload;
  if (record.kind === 'add-source') {
    if (typeof p.id !== 'string') return { error: 'a source needs an id' };
    const checked = validateSource(p as unknown as SourceInput & { id: string }, kb, file);
    return 'error' in checked ? checked : { change: { kind: 'add-source', source: checked.source } };
  }
  if (record.kind === 'add-fact') {
    const checked = validateFact(p, kb, file);
    return 'errors' in checked ? { error: checked.errors.join('; ') } : { change: { kind: 'add-fact', fact: checked.fact } };
  }
  if (!record.reason?.trim()) return { error: 'a retraction needs a reason' };
  const target = String(p.targetId ?? '');
  if (kb.sources.has(target)) return { change: { kind: 'remove-source', id: target } };
  if (kb.facts.some((f) => f.id === target)) return { change: { kind: 'remove-fact', id: target } };
  return { error: `nothing to retract with id "${target}" (a source, a fact, or an update that added one)` };
}
