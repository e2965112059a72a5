import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { parsePartialDate } from '../dates.js';
import { createEngine, type Engine } from '../answering/engine.js';
import { KnowledgeError, validateFact, type KnowledgeBase, type KnowledgeProblem } from './parse.js';
import { coreOver } from '../answering/core-over.js';
import { loadKnowledge } from './load.js';
import { detectLanguage } from '../text.js';
import type { Core, CoreOptions, Source } from '../types.js';
import { openUpdateLog, readUpdateLog, type Actor, type UpdateKind, type UpdateLog, type UpdateRecord } from './updates-log.js';

export const UPDATES_FILE = 'updates.jsonl';

export interface SourceInput {
  id?: string;
  title: string;
  publisher: string;
  published: string;
  url?: string | null;
  text: string;
}

export type UpdateResult = { ok: true; record: UpdateRecord } | { ok: false; error: string };

export interface ListedUpdate extends UpdateRecord {
  /** The retraction that took this update back, if any. */
  retractedBy: string | null;
}

/**
 * The bot's knowledge while it runs: the knowledge files, then every update moderators made, replayed from
 * knowledge/updates.jsonl. An accepted update is fsynced to the log, then applied to the index in place, so
 * the very next question can use it; nothing is rebuilt. Refusals say what is wrong and change nothing.
 */
export interface KnowledgeService {
  core: Core;
  addSource(input: SourceInput, actor: Actor): UpdateResult;
  addFact(input: Record<string, unknown>, actor: Actor): UpdateResult;
  /** Takes back a source, a fact, or what an update added; the record of it stays in the log. */
  retract(targetId: string, reason: string, actor: Actor): UpdateResult;
  /** The newest updates first. */
  list(limit?: number): ListedUpdate[];
  show(id: string): ListedUpdate | null;
  /** Problems found in the log at load (a torn last line, a malformed or no longer valid record): reported, skipped. */
  problems: KnowledgeProblem[];
  onUpdate(listener: (record: UpdateRecord) => void): () => void;
  /**
   * Reads the knowledge files again and replays the updates onto them. An invalid edit changes nothing:
   * the last good knowledge keeps serving, and the result lists each problem (file, line, what is wrong).
   */
  reload(): Promise<ReloadResult>;
  /** Called after every reload, the automatic ones (with `watch`) included. */
  onReload(listener: (result: ReloadResult) => void): () => void;
  close(): void;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9\u0400-\u04ff]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

function checkSource(input: SourceInput, kb: KnowledgeBase): { source: Source } | { error: string } {
  const missing = (['title', 'publisher', 'published', 'text'] as const).filter((k) => typeof input[k] !== 'string' || !input[k].trim());
  if (missing.length) return { error: `missing ${missing.join(', ')}` };
  if (!parsePartialDate(input.published)) return { error: `bad date "${input.published}" (expected YYYY, YYYY-MM or YYYY-MM-DD)` };
  const url = input.url?.trim() || null;
  if (url && !/^https?:\/\/\S+$/.test(url)) return { error: `"${url}" is not an http(s) address` };
  const id = input.id?.trim() || `${slug(input.publisher)}-${input.published}-${slug(input.title)}`;
  if (!/^[a-z0-9][a-z0-9\u0400-\u04ff-]*$/.test(id)) return { error: `bad id "${id}" (lower-case letters, digits and hyphens)` };
  if (kb.sources.has(id)) return { error: `a source with id "${id}" already exists` };
  const text = input.text.replace(/\r\n/g, '\n').trim() + '\n';
  const source: Source = {
    id,
    title: input.title.trim(),
    publisher: input.publisher.trim(),
    published: input.published,
    url,
    language: detectLanguage(text),
    text,
    file: UPDATES_FILE,
    bodyLine: 1,
  };
  return { source };
}

const build = (kb: KnowledgeBase) => ({ kb, engine: createEngine(kb) });

export type ReloadResult = { ok: true; updates: number } | { ok: false; problems: KnowledgeProblem[] };

export async function createKnowledgeService(options: CoreOptions & { watch?: boolean }): Promise<KnowledgeService> {
  const started = performance.now();
  // The knowledge in use. A valid hand edit of the files swaps in a new one; everything reads it through `live`.
  let live: { kb: KnowledgeBase; engine: Engine } = build(await loadKnowledge(options.knowledgeDir));
  const logPath = join(options.knowledgeDir, UPDATES_FILE);
  const listeners = new Set<(r: UpdateRecord) => void>();
  const history: UpdateRecord[] = [];
  const now = options.now ?? (() => new Date());
  let log: UpdateLog | null = null;

  /**
   * Checks a record against the live knowledge: the error says why it cannot apply (and nothing changes),
   * or `apply` makes it so. Checking and applying apart lets a new record reach the disk in between.
   */
  function prepare(record: UpdateRecord, { kb, engine } = live): { error: string } | { apply: () => void } {
    const p = record.payload;
    if (record.kind === 'add-source') {
      const checked = checkSource(p as unknown as SourceInput, kb);
      return 'error' in checked ? checked : { apply: () => engine.addSource(checked.source) };
    }
    if (record.kind === 'add-fact') {
      const checked = validateFact(p, kb, UPDATES_FILE);
      return 'errors' in checked ? { error: checked.errors.join('; ') } : { apply: () => engine.addFact(checked.fact) };
    }
    if (!record.reason?.trim()) return { error: 'a retraction needs a reason' };
    const target = String(p.targetId ?? '');
    if (kb.sources.has(target)) return { apply: () => engine.removeSource(target) };
    if (kb.facts.some((f) => f.id === target)) return { apply: () => engine.removeFact(target) };
    return { error: `nothing to retract with id "${target}" (a source, a fact, or an update that added one)` };
  }

  /** Replays records onto fresh knowledge; those that no longer apply are reported with their line, and skipped. */
  function replay(
    target: { kb: KnowledgeBase; engine: Engine },
    records: UpdateRecord[],
  ): { applied: UpdateRecord[]; problems: KnowledgeProblem[] } {
    const applied: UpdateRecord[] = [];
    const problems: KnowledgeProblem[] = [];
    for (const [i, record] of records.entries()) {
      const prepared = prepare(record, target);
      if ('error' in prepared) {
        problems.push({ file: logLabel, line: i + 1, message: `update ${record.id} no longer applies: ${prepared.error}` });
        continue;
      }
      prepared.apply();
      applied.push(record);
    }
    return { applied, problems };
  }

  const logLabel = join(options.knowledgeDir, UPDATES_FILE);
  const read = readUpdateLog(logPath, logLabel);
  const replayed = replay(live, read.records);
  const problems = [...read.problems, ...replayed.problems];
  history.push(...replayed.applied);
  for (const p of problems) options.logger.warn('updates_problem', { file: p.file, line: p.line, problem: p.message });

  function commit(kind: UpdateKind, payload: Record<string, unknown>, actor: Actor, reason?: string): UpdateResult {
    const at = now();
    // Time first so ids sort by age; 48 random bits so two updates in one millisecond never share one.
    const record: UpdateRecord = {
      id: `u${at.getTime().toString(36)}-${randomBytes(6).toString('hex')}`,
      kind,
      payload,
      actor,
      at: at.toISOString(),
      ...(reason ? { reason } : {}),
    };
    // Checked first on the live knowledge, written to disk, then applied: what is acknowledged is on disk and in use.
    const prepared = prepare(record);
    if ('error' in prepared) return { ok: false, error: prepared.error };
    log ??= openUpdateLog(logPath);
    log.append(record);
    prepared.apply();
    history.push(record);
    options.logger.info('knowledge_update', { kind, id: record.id, platform: actor.platform });
    for (const l of listeners) l(record);
    return { ok: true, record };
  }

  const listed = (r: UpdateRecord): ListedUpdate => ({
    ...r,
    retractedBy:
      history.find((x) => x.kind === 'retract' && (x.payload.targetId === r.payload.id || x.payload.targetId === r.id))?.id ?? null,
  });

  const reloadListeners = new Set<(r: ReloadResult) => void>();
  async function reload(): Promise<ReloadResult> {
    let result: ReloadResult;
    try {
      const next = build(await loadKnowledge(options.knowledgeDir));
      const replayedNow = replay(next, history);
      for (const p of replayedNow.problems) options.logger.warn('updates_problem', { file: p.file, line: p.line, problem: p.message });
      live = next;
      history.splice(0, history.length, ...replayedNow.applied);
      result = { ok: true, updates: history.length };
      options.logger.info('knowledge_reloaded', { sources: live.kb.sources.size, facts: live.kb.facts.length, updates: history.length });
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      result = { ok: false, problems: err.problems };
      for (const p of err.problems) options.logger.error('knowledge_edit_rejected', { file: p.file, line: p.line, problem: p.message });
    }
    for (const l of reloadListeners) l(result);
    return result;
  }

  // Hand edits under knowledge/ are picked up while the bot runs; a burst of writes is one reload.
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (options.watch) {
    watcher = watch(options.knowledgeDir, { recursive: true }, (_, name) => {
      if (!name || String(name).endsWith(UPDATES_FILE)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => void reload().catch((err: unknown) => options.logger.error('knowledge_reload_failed', { error: String(err) })),
        200,
      );
    });
    watcher.on('error', (err) => options.logger.error('knowledge_watch_failed', { error: String(err) }));
  }

  options.logger.info('knowledge_loaded', {
    sources: live.kb.sources.size,
    facts: live.kb.facts.length,
    updates: history.length,
    ms: Math.round(performance.now() - started),
  });

  return {
    core: coreOver(() => live, options),
    problems,
    addSource(input, actor) {
      const checked = checkSource(input, live.kb);
      if ('error' in checked) return { ok: false, error: checked.error };
      const { source } = checked;
      return commit(
        'add-source',
        {
          id: source.id,
          title: source.title,
          publisher: source.publisher,
          published: source.published,
          url: source.url,
          text: source.text,
        },
        actor,
      );
    },
    addFact(input, actor) {
      const id =
        typeof input.id === 'string' && input.id
          ? input.id
          : `${String(input.topic ?? 'fact')}-${String(input.sourceId ?? 'source')}-${live.kb.facts.length + 1}`;
      return commit('add-fact', { ...input, id }, actor);
    },
    retract(targetId, reason, actor) {
      // An update's id stands for what it added.
      const byUpdate = history.find((r) => r.id === targetId && r.kind !== 'retract');
      const target = byUpdate ? String(byUpdate.payload.id) : targetId;
      return commit('retract', { targetId: target }, actor, reason);
    },
    list: (limit = 20) => history.slice(-limit).reverse().map(listed),
    show: (id) => {
      const r = history.find((x) => x.id === id);
      return r ? listed(r) : null;
    },
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    onReload(listener) {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      log?.close();
    },
  };
}
