import { coreOver } from '../answering/core-over.js';
import type { Core, CoreOptions } from '../types.js';
import { applyToLive, buildLive, STORED_UPDATES, type Live } from './apply-updates.js';
import { matchRetractions } from './history.js';
import { factIdFor, sourceIdFor } from './ids.js';
import { readKnowledgeFolder } from './files.js';
import { loadKnowledgeFiles } from './load.js';
import { createLogMirror, type LogMirror } from './log-mirror.js';
import { KnowledgeError, type KnowledgeProblem } from './parse.js';
import type { Actor, NewUpdate, UpdateKind, UpdateLog, UpdateRecord } from './updates-log.js';
import { checkUpdate, sameSourceIn, sourceProblem, type SourceInput } from './validate-update.js';
import { isSlim, readSnapshot, snapshotKey, writeSnapshot } from './snapshot.js';
import { watchKnowledgeFiles } from './watch.js';

export type { SourceInput } from './validate-update.js';

/** The old updates file: imported into the store once, and never a knowledge file to watch. */
export const UPDATES_FILE = 'updates.jsonl';

export type UpdateResult = { ok: true; record: UpdateRecord } | { ok: false; error: string };

export interface ListedUpdate extends UpdateRecord {
  /** The retraction that took this update back, if any. */
  retractedBy: string | null;
}

export interface KnowledgeServiceOptions extends CoreOptions {
  /** Reload when the knowledge files are edited by hand. */
  watch?: boolean;
  /** Where moderators' updates are kept; without it the knowledge is the files alone and updates are refused. */
  updates?: UpdateLog;
  /**
   * Where the knowledge in use is saved between starts (see snapshot.ts), and which update store it was built
   * from; without it every start builds the index from the files and replays the whole log.
   */
  snapshot?: { dir: string; store: string };
}

/**
 * The bot's knowledge while it runs: the knowledge files, then every update moderators made, read from the update
 * log and followed, so an update accepted by any process (the CLI, another bot) is used here within a second.
 * An update is validated against the current knowledge and written in one transaction; once acknowledged, it is
 * durable and already in use here. Refusals say what is wrong and change nothing.
 */
export interface KnowledgeService {
  core: Core;
  addSource(input: SourceInput, actor: Actor): Promise<UpdateResult>;
  addFact(input: Record<string, unknown>, actor: Actor): Promise<UpdateResult>;
  /** Takes back a source, a fact, or what an update added; the record of it stays in the log. */
  retract(targetId: string, reason: string, actor: Actor): Promise<UpdateResult>;
  /** The newest updates first. */
  list(limit?: number): ListedUpdate[];
  /** One update, whole (an added article with its text). */
  show(id: string): Promise<ListedUpdate | null>;
  /** Stored updates that no longer apply to the knowledge: reported, skipped. */
  readonly problems: KnowledgeProblem[];
  /** How this start got its knowledge: a saved snapshot (and the updates after it), or the files and the whole log. */
  readonly startedFrom: 'snapshot' | 'files';
  /** Updates accepted by this process (not those followed from others): the ones it announces. */
  onUpdate(listener: (record: UpdateRecord) => void): () => void;
  /**
   * Reads the knowledge files again and replays the stored updates onto them. An invalid edit changes nothing:
   * the last good knowledge keeps serving, and the result lists each problem (file, line, what is wrong).
   */
  reload(): Promise<ReloadResult>;
  /** Called after every reload, the automatic ones (with `watch`) included. */
  onReload(listener: (result: ReloadResult) => void): () => void;
  close(): void;
}

/** Updates read at once when a reload reads the log again: a read holds the event loop (SQLite's driver is synchronous). */
const READ_PAGE = 500;

/** The whole log, a page at a time, with other work let in between. */
async function readWholeLog(log: UpdateLog): Promise<UpdateRecord[]> {
  if (!log.readSince) return log.readAll();
  const all: UpdateRecord[] = [];
  for (;;) {
    const page = await log.readSince(all.length ? all[all.length - 1]!.seq : 0, READ_PAGE);
    all.push(...page);
    if (page.length < READ_PAGE) return all;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How many updates the saved snapshot may lag behind at start before it is saved again at once. */
const SNAPSHOT_LAG = 100;

export type ReloadResult = { ok: true; updates: number } | { ok: false; problems: KnowledgeProblem[] };

export async function createKnowledgeService(options: KnowledgeServiceOptions): Promise<KnowledgeService> {
  const started = performance.now();
  const { logger } = options;
  const listeners = new Set<(r: UpdateRecord) => void>();
  const reloadListeners = new Set<(r: ReloadResult) => void>();
  /** Every stored update delivered so far, in seq order: what a reload replays. */
  const received: UpdateRecord[] = [];
  /** The ones that apply to the knowledge in use: `applied()`, since a start from a snapshot reads them when first needed. */
  let history: UpdateRecord[] = [];
  let unread: { count: number; read: () => UpdateRecord[] } | null = null;
  const applied = (): UpdateRecord[] => {
    // The snapshot's records are older than any followed since the start.
    if (unread) [history, unread] = [[...unread.read(), ...history], null];
    return history;
  };
  const appliedCount = () => history.length + (unread?.count ?? 0);
  let problems: KnowledgeProblem[] = [];
  const report = (found: KnowledgeProblem[]) => {
    for (const p of found) logger.warn('updates_problem', { file: p.file, line: p.line, problem: p.message });
    problems = [...problems, ...found];
  };
  // The knowledge in use; a valid hand edit swaps in a new one, and everything reads it through `live`.
  let live: Live | null = null;
  let pending: UpdateRecord[] = [];

  // Updates read at start are only collected: the engine is built once over all of them.
  const onBatch = (records: UpdateRecord[]) => {
    received.push(...records);
    const newest = records[records.length - 1];
    if (newest) last = { seq: newest.seq, id: newest.id, at: newest.at };
    if (!live) return void pending.push(...records);
    const result = applyToLive(live, records);
    history.push(...result.applied);
    report(result.problems);
    if (result.applied.length) logger.info('knowledge_followed', { updates: result.applied.length, last: records[records.length - 1]!.seq });
  };
  const mirror: LogMirror | null = options.updates
    ? createLogMirror(options.updates, onBatch, { onError: (err) => logger.error('updates_follow_failed', { error: String(err) }) })
    : null;
  const snapshot = options.snapshot && options.updates?.readSince && options.updates.get ? options.snapshot : null;
  let key = snapshot ? snapshotKey(await readKnowledgeFolder(options.knowledgeDir), snapshot.store) : '';
  let fileSources = new Set<string>();
  /** The last update applied (the snapshot records it), and what the saved snapshot holds. */
  let last: Pick<UpdateRecord, 'seq' | 'id' | 'at'> | null = null;
  let saved: { key: string; seq: number } | null = null;
  /** Whether `received` lacks the updates a snapshot held: a reload then reads the whole log again. */
  let partial = false;
  const restored = snapshot ? await readSnapshot(snapshot.dir, key) : null;
  // The snapshot's last update must still be in the log at its place: a log restored or replaced makes it stale.
  // And it must not be far behind: the updates after it are applied one by one to the knowledge in use, which
  // for thousands of them costs more than replaying the whole log onto the files and indexing once.
  const stillThere = async (r: { lastSeq: number; lastId: string | null; lastAt: string | null }) => {
    if ((await options.updates!.readSince!(r.lastSeq, SNAPSHOT_LAG + 1)).length > SNAPSHOT_LAG) return false;
    if (r.lastSeq === 0) return true;
    const found = await options.updates!.get!(r.lastId!);
    return found?.seq === r.lastSeq && found.at === r.lastAt;
  };
  const usable = restored !== null && (await stillThere(restored));
  if (restored && usable) {
    live = restored.live;
    fileSources = restored.fileSources;
    unread = { count: restored.historyCount, read: restored.history };
    report(restored.problems);
    last = restored.lastSeq ? { seq: restored.lastSeq, id: restored.lastId!, at: restored.lastAt! } : null;
    saved = { key, seq: restored.lastSeq };
    partial = restored.lastSeq > 0;
    await mirror?.start(restored.lastSeq);
  } else {
    const loaded = await loadKnowledgeFiles(options.knowledgeDir);
    if (snapshot) key = snapshotKey(loaded.files, snapshot.store);
    fileSources = new Set(loaded.kb.sources.keys());
    await mirror?.start();
    const built = await buildLive(loaded.kb, pending);
    pending = [];
    live = { kb: built.kb, engine: built.engine };
    history = built.applied;
    report(built.problems);
  }
  const current = (): Live => live!;

  /** Saves the knowledge in use when it differs from the saved snapshot; a failure only costs the next start time. */
  const save = () => {
    const seq = last?.seq ?? 0;
    if (!snapshot || (saved?.key === key && saved.seq === seq)) return;
    try {
      writeSnapshot(snapshot.dir, key, current(), { fileSources, last, history: applied(), problems });
      saved = { key, seq };
    } catch (err) {
      logger.warn('snapshot_not_saved', { error: String(err) });
    }
  };
  // Saved at once when the last one was missing or far behind: the next start then loads instead of rebuilding.
  if (!saved || (last?.seq ?? 0) - saved.seq >= SNAPSHOT_LAG) save();

  /** The current knowledge's verdict on an update: why it cannot apply, or nothing. */
  const refusal = (update: UpdateRecord) => {
    const checked = checkUpdate(update, current().kb, STORED_UPDATES);
    return 'error' in checked ? checked.error : null;
  };

  async function commit(make: (updateId: string) => NewUpdate, check: (u: UpdateRecord) => string | null = refusal): Promise<UpdateResult> {
    if (!mirror) return { ok: false, error: 'updates cannot be saved: no update store is configured' };
    const result = await mirror.append(({ id }) => make(id), check);
    if (!result.ok) return { ok: false, error: result.error };
    const { record } = result;
    logger.info('knowledge_update', { kind: record.kind, id: record.id, platform: record.actor.platform });
    for (const l of listeners) l(record);
    return { ok: true, record };
  }
  const update = (kind: UpdateKind, payload: Record<string, unknown>, actor: Actor, reason?: string): NewUpdate => ({
    kind,
    payload,
    actor,
    ...(reason ? { reason } : {}),
  });

  /** An id that is free now but named a source or fact once: given again, it would inherit that one's history. */
  const retired = (id: string) =>
    !current().kb.sources.has(id) &&
    !current().kb.facts.some((f) => f.id === id) &&
    applied().some((r) => r.payload.id === id || r.payload.targetId === id);

  const listed = (records: UpdateRecord[]): ListedUpdate[] => {
    const { retractedBy } = matchRetractions(applied());
    return records.map((r) => ({ ...r, retractedBy: retractedBy.get(r.id) ?? null }));
  };

  async function reload(): Promise<ReloadResult> {
    let result: ReloadResult;
    try {
      const fresh = await loadKnowledgeFiles(options.knowledgeDir);
      // Parsing the files held the event loop: let questions waiting since be answered before building.
      await new Promise((resolve) => setImmediate(resolve));
      const freshSources = new Set(fresh.kb.sources.keys());
      // Started from a snapshot, this process never received the updates it held: they are read from the log.
      const replay = partial && options.updates ? await readWholeLog(options.updates) : received.slice();
      const upTo = replay.length ? replay[replay.length - 1]!.seq : 0;
      const built = await buildLive(fresh.kb, replay);
      // Updates followed while the new knowledge was being built.
      const later = applyToLive(
        built,
        received.filter((r) => r.seq > upTo),
      );
      live = { kb: built.kb, engine: built.engine };
      fileSources = freshSources;
      if (snapshot) key = snapshotKey(fresh.files, snapshot.store);
      history = [...built.applied, ...later.applied];
      unread = null;
      problems = [];
      report([...built.problems, ...later.problems]);
      result = { ok: true, updates: history.length };
      logger.info('knowledge_reloaded', { sources: built.kb.sources.size, facts: built.kb.facts.length, updates: history.length });
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      result = { ok: false, problems: err.problems };
      for (const p of err.problems) logger.error('knowledge_edit_rejected', { file: p.file, line: p.line, problem: p.message });
    }
    for (const l of reloadListeners) l(result);
    return result;
  }

  // Hand edits under knowledge/ are picked up while the bot runs.
  const watcher = options.watch
    ? watchKnowledgeFiles(options.knowledgeDir, {
        skip: UPDATES_FILE,
        logger,
        onEdit: () => void reload().catch((err: unknown) => logger.error('knowledge_reload_failed', { error: String(err) })),
      })
    : null;

  const startedFrom = usable ? 'snapshot' : 'files';
  logger.info('knowledge_loaded', {
    from: startedFrom,
    sources: current().kb.sources.size,
    facts: current().kb.facts.length,
    updates: appliedCount(),
    ms: Math.round(performance.now() - started),
  });

  return {
    core: coreOver(current, options),
    get problems() {
      return problems;
    },
    startedFrom,
    addSource(input, actor) {
      // Refused before an id is made for it: a source with no publisher or date has no readable id either.
      const problem = sourceProblem(input);
      if (problem) return Promise.resolve({ ok: false, error: problem });
      const { title, publisher, published, url, text } = input;
      return commit(
        (updateId) =>
          update(
            'add-source',
            {
              id: input.id?.trim() || sourceIdFor(input, updateId, retired),
              title: title.trim(),
              publisher: publisher.trim(),
              published,
              url: url?.trim() || null,
              text: text.replace(/\r\n/g, '\n').trim() + '\n',
            },
            actor,
          ),
        (record) => {
          // Sent twice, a source is refused whatever its id: checked against the latest knowledge, other processes' included.
          const same = input.id?.trim() ? undefined : sameSourceIn(input, current().kb);
          return same ? `a source with id "${same.id}" already exists` : refusal(record);
        },
      );
    },
    addFact(input, actor) {
      const given = typeof input.id === 'string' && input.id ? input.id : null;
      return commit((updateId) => update('add-fact', { ...input, id: given ?? factIdFor(input, updateId) }, actor));
    },
    retract(targetId, reason, actor) {
      const { inForce } = matchRetractions(applied());
      // An update's id stands for what it added, as long as that is still in force.
      const byUpdate = applied().find((r) => r.id === targetId && r.kind !== 'retract');
      if (byUpdate && inForce.get(String(byUpdate.payload.id)) !== byUpdate.id)
        return Promise.resolve({ ok: false, error: `update ${targetId} has already been retracted` });
      const target = byUpdate ? String(byUpdate.payload.id) : targetId;
      const updateId = inForce.get(target);
      return commit(() => update('retract', { targetId: target, ...(updateId ? { updateId } : {}) }, actor, reason));
    },
    list: (limit = 20) => listed(applied().slice(-limit).reverse()),
    async show(id) {
      const r = applied().find((x) => x.id === id);
      if (!r) return null;
      const whole = isSlim(r) ? ((await options.updates?.get?.(id)) ?? r) : r;
      return listed([whole])[0]!;
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
      mirror?.close();
      save();
    },
  };
}
