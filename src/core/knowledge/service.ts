import { join } from 'node:path';
import { createEngine, type Engine } from '../answering/engine.js';
import { KnowledgeError, type KnowledgeBase, type KnowledgeProblem } from './parse.js';
import { coreOver } from '../answering/core-over.js';
import { loadKnowledge } from './load.js';
import type { Core, CoreOptions } from '../types.js';
import { openUpdateLog, readUpdateLog, type Actor, type UpdateKind, type UpdateLog, type UpdateRecord } from './updates-log.js';
import { checkUpdate, sameSourceIn, sourceProblem, type Change, type SourceInput } from './validate-update.js';
import { factIdFor, newUpdateId, sourceIdFor } from './ids.js';
import { matchRetractions } from './history.js';
import { watchKnowledgeFiles } from './watch.js';

export type { SourceInput } from './validate-update.js';

export const UPDATES_FILE = 'updates.jsonl';

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

function applyChange(engine: Engine, change: Change): void {
  if (change.kind === 'add-source') engine.addSource(change.source);
  else if (change.kind === 'add-fact') engine.addFact(change.fact);
  else if (change.kind === 'remove-source') engine.removeSource(change.id);
  else engine.removeFact(change.id);
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
    const checked = checkUpdate(record, kb, UPDATES_FILE);
    return 'error' in checked ? checked : { apply: () => applyChange(engine, checked.change) };
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

  /** `payload` is given the update's id, so that what the update adds can take its id from it (see ids.ts). */
  function commit(kind: UpdateKind, payload: (updateId: string) => Record<string, unknown>, actor: Actor, reason?: string): UpdateResult {
    const at = now();
    const id = newUpdateId(at);
    const record: UpdateRecord = { id, kind, payload: payload(id), actor, at: at.toISOString(), ...(reason ? { reason } : {}) };
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

  /** An id that is free now but named a source or fact once: given again, it would inherit that one's history. */
  const retired = (id: string) =>
    !live.kb.sources.has(id) &&
    !live.kb.facts.some((f) => f.id === id) &&
    history.some((r) => r.payload.id === id || r.payload.targetId === id);

  const listed = (records: UpdateRecord[]): ListedUpdate[] => {
    const { retractedBy } = matchRetractions(history);
    return records.map((r) => ({ ...r, retractedBy: retractedBy.get(r.id) ?? null }));
  };

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

  // Hand edits under knowledge/ are picked up while the bot runs.
  const watcher = options.watch
    ? watchKnowledgeFiles(options.knowledgeDir, {
        skip: UPDATES_FILE,
        logger: options.logger,
        onEdit: () => void reload().catch((err: unknown) => options.logger.error('knowledge_reload_failed', { error: String(err) })),
      })
    : null;

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
      // Refused before an id is made for it: a source with no publisher or date has no readable id either.
      const problem = sourceProblem(input);
      if (problem) return { ok: false, error: problem };
      const same = input.id?.trim() ? undefined : sameSourceIn(input, live.kb);
      if (same) return { ok: false, error: `a source with id "${same.id}" already exists` };
      return commit(
        'add-source',
        (updateId) => {
          const id = input.id?.trim() || sourceIdFor(input, updateId, retired);
          const { title, publisher, published, url, text } = input;
          return {
            id,
            title: title.trim(),
            publisher: publisher.trim(),
            published,
            url: url?.trim() || null,
            text: text.replace(/\r\n/g, '\n').trim() + '\n',
          };
        },
        actor,
      );
    },
    addFact(input, actor) {
      const given = typeof input.id === 'string' && input.id ? input.id : null;
      return commit('add-fact', (updateId) => ({ ...input, id: given ?? factIdFor(input, updateId) }), actor);
    },
    retract(targetId, reason, actor) {
      const { inForce } = matchRetractions(history);
      // An update's id stands for what it added, as long as that is still in force.
      const byUpdate = history.find((r) => r.id === targetId && r.kind !== 'retract');
      if (byUpdate && inForce.get(String(byUpdate.payload.id)) !== byUpdate.id)
        return { ok: false, error: `update ${targetId} has already been retracted` };
      const target = byUpdate ? String(byUpdate.payload.id) : targetId;
      const updateId = inForce.get(target);
      return commit('retract', () => ({ targetId: target, ...(updateId ? { updateId } : {}) }), actor, reason);
    },
    list: (limit = 20) => listed(history.slice(-limit).reverse()),
    show: (id) => {
      const r = history.find((x) => x.id === id);
      return r ? listed([r])[0]! : null;
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
      watcher?.close();
      log?.close();
    },
  };
}
