import { createEngine, type Engine } from '../answering/engine.js';
import { createEntityMatcher } from '../answering/entities.js';
import { authoredEvidence, factEvidence, sentenceEvidence } from '../answering/evidence.js';
import { buildPassages, type Passage } from '../answering/passages.js';
import { buildIndex } from '../answering/search-index.js';
import { markWithdrawn, type KnowledgeBase, type KnowledgeProblem } from './parse.js';
import type { UpdateRecord } from './updates-log.js';
import { checkUpdate, type Change } from './validate-update.js';

/** Where a source added by an update comes from, as a source's `file`, and where a stored update's problem is. */
export const STORED_UPDATES = 'stored updates';

/** The knowledge in use: the data, and the engine (index and matchers) built over it. */
export interface Live {
  kb: KnowledgeBase;
  engine: Engine;
}

export interface Applied {
  applied: UpdateRecord[];
  /** Updates that no longer apply (their source retracted, an id taken by a hand edit): skipped, named by seq. */
  problems: KnowledgeProblem[];
}

/** How long a reload may hold the event loop at once while it indexes the sources. */
const SLICE_MS = 20;
/** Sentences, and facts or written-up passages, indexed between two looks at the clock. */
const INDEX_CHUNK = 100;
const WRITTEN_CHUNK = 20;

const noLongerApplies = (r: UpdateRecord, error: string): KnowledgeProblem => ({
  file: STORED_UPDATES,
  line: r.seq,
  message: `update ${r.id} no longer applies: ${error}`,
});

function changeData(kb: KnowledgeBase, change: Change): void {
  if (change.kind === 'add-source') kb.sources.set(change.source.id, change.source);
  else if (change.kind === 'add-fact') {
    kb.facts = [...kb.facts.filter((f) => f.id !== change.fact.id), change.fact];
    markWithdrawn(kb, change.fact, false);
  } else if (change.kind === 'remove-fact') {
    const fact = kb.facts.find((f) => f.id === change.id);
    if (fact) markWithdrawn(kb, fact, true);
    kb.facts = kb.facts.filter((f) => f.id !== change.id);
  }
  else {
    kb.facts = kb.facts.filter((f) => f.sourceId !== change.id);
    kb.sources.delete(change.id);
  }
}

/** Lets other work (answering) run when the current slice has held the event loop long enough. */
function createSlicer() {
  let sliceStart = performance.now();
  /** `before` a step that cannot be cut (building the matchers): let other work in now, whatever the slice's time. */
  return async (before?: 'unbroken step') => {
    if (!before && performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}

/** Checks one update against the knowledge as the ones before it left it; `onChange` applies it if it holds. */
function replayOne(kb: KnowledgeBase, record: UpdateRecord, into: Applied, onChange: (change: Change) => void): void {
  const checked = checkUpdate(record, kb, STORED_UPDATES);
  if ('error' in checked) into.problems.push(noLongerApplies(record, checked.error));
  else {
    onChange(checked.change);
    into.applied.push(record);
  }
}

/**
 * Start-up and reload: the updates are applied to the data first, then the engine is built once over the files'
 * sources, and the sources updates added are indexed; both in slices of at most SLICE_MS, so a reload never holds
 * answering for long (the knowledge in use keeps answering until the new one is swapped in).
 */
export async function buildLive(kb: KnowledgeBase, records: UpdateRecord[]): Promise<Live & Applied> {
  const fromFiles = new Set(kb.sources.keys());
  const slice = createSlicer();
  const result: Applied = { applied: [], problems: [] };
  for (const record of records) {
    replayOne(kb, record, result, (change) => changeData(kb, change));
    await slice();
  }
  const sources = kb.sources;
  const facts = kb.facts;
  kb.sources = new Map([...sources].filter(([id]) => fromFiles.has(id)));
  kb.facts = facts.filter((f) => kb.sources.has(f.sourceId));
  // The files' sentences are split and indexed a slice at a time too: a reload must not hold answering while
  // the whole index is built (the engine then only adds the facts and passages).
  const matcher = createEntityMatcher(kb.gazetteer);
  const passages: Passage[] = [];
  const index = buildIndex([]);
  for (const source of kb.sources.values()) {
    const split = buildPassages([source], matcher, passages.length);
    passages.push(...split);
    for (let i = 0; i < split.length; i += INDEX_CHUNK) {
      index.add(split.slice(i, i + INDEX_CHUNK).map((p) => sentenceEvidence(p, source).doc));
      await slice();
    }
  }
  // So are the facts and written-up passages, whose questions in four languages cost the most to index.
  const written = [
    ...kb.facts.map((f) => () => factEvidence(f, kb.sources.get(f.sourceId)!, matcher, kb.topics)),
    ...kb.passages.map((p) => () => authoredEvidence(p, kb.sources.get(p.sourceId)!, matcher)),
  ];
  for (let i = 0; i < written.length; i += WRITTEN_CHUNK) {
    index.add(written.slice(i, i + WRITTEN_CHUNK).map((make) => make().doc));
    await slice();
  }
  await slice('unbroken step');
  const engine = createEngine(kb, { passages, index });
  await slice('unbroken step');
  for (const [id, source] of sources) {
    if (kb.sources.has(id)) continue;
    engine.addSource(source);
    await slice();
  }
  // Facts on sources the updates added are evidence too: indexed through the engine, like the sources.
  for (const fact of facts) {
    if (fromFiles.has(fact.sourceId)) continue;
    engine.addFact(fact);
    await slice();
  }
  return { kb, engine, ...result };
}

/** Updates accepted while the bot runs, applied in place: sources are indexed as they come, the matchers rebuilt once. */
export function applyToLive({ kb, engine }: Live, records: UpdateRecord[]): Applied {
  const result: Applied = { applied: [], problems: [] };
  // Every change goes through the engine: facts are evidence in its index, not only entries of the data.
  for (const record of records)
    replayOne(kb, record, result, (change) => {
      if (change.kind === 'add-source') engine.addSource(change.source);
      else if (change.kind === 'remove-source') engine.removeSource(change.id);
      else if (change.kind === 'add-fact') engine.addFact(change.fact);
      else engine.removeFact(change.id);
    });
  return result;
}
