import type { EntityMatcher } from './entities.js';
import { authoredEvidence, factEvidence, sentenceEvidence, type Evidence } from './evidence.js';
import type { Passage } from './passages.js';
import type { KnowledgeBase } from '../knowledge/parse.js';
import type { AuthoredPassage, Fact } from '../types.js';

/**
 * All the evidence, by key, made when first asked for. A saved index already holds every document, so a start
 * from it need not turn hundreds of thousands of sentences into evidence before the first answer: a question
 * reads a few hundred. The table keeps what each key is made from (the sentences, the facts, the written-up
 * passages) and the evidence made so far.
 */
export interface EvidenceTable {
  get(key: number | string): Evidence | undefined;
  /** Puts evidence in place of any under its key (what it is made from included). */
  put(e: Evidence): void;
  delete(key: number | string): void;
  /** A source's evidence: its sentences in order, then its facts, then its written-up passages. */
  ofSource(sourceId: string): Evidence[];
  /** Every sentence, in order. */
  sentences(): Passage[];
  /** The keys of the facts and written-up passages, in the knowledge's order. */
  writtenKeys(): string[];
  /** Every piece of evidence: builds all of it (for an index built from scratch). */
  all(): Evidence[];
}

export function createEvidenceTable(kb: KnowledgeBase, passages: Passage[], matcher: EntityMatcher): EvidenceTable {
  const byId = new Map<number, Passage>();
  for (const p of passages) byId.set(p.id, p);
  const facts = new Map<string, Fact>(kb.facts.map((f) => [f.id, f]));
  const written = new Map<string, AuthoredPassage>(kb.passages.map((p) => [p.id, p]));
  const made = new Map<number | string, Evidence>();
  /** Sentence ids by source, grouped when first needed and kept up to date after. */
  let bySource: Map<string, number[]> | null = null;
  const grouped = (): Map<string, number[]> => {
    if (!bySource) {
      bySource = new Map();
      for (const p of byId.values()) {
        const ids = bySource.get(p.sourceId);
        if (ids) ids.push(p.id);
        else bySource.set(p.sourceId, [p.id]);
      }
    }
    return bySource;
  };

  const make = (key: number | string): Evidence | undefined => {
    if (typeof key === 'number') {
      const p = byId.get(key);
      const source = p && kb.sources.get(p.sourceId);
      return source && sentenceEvidence(p, source);
    }
    if (key.startsWith('f:')) {
      const f = facts.get(key.slice(2));
      const source = f && kb.sources.get(f.sourceId);
      return source && factEvidence(f, source, matcher, kb.topics);
    }
    const p = written.get(key.slice(2));
    const source = p && kb.sources.get(p.sourceId);
    return source && authoredEvidence(p, source, matcher);
  };
  const get = (key: number | string): Evidence | undefined => {
    let e = made.get(key);
    if (!e) {
      e = make(key);
      if (e) made.set(key, e);
    }
    return e;
  };
  const remove = (key: number | string) => {
    made.delete(key);
    if (typeof key === 'number') {
      const p = byId.get(key);
      if (!p) return;
      byId.delete(key);
      const ids = bySource?.get(p.sourceId);
      if (ids) {
        const at = ids.indexOf(key);
        if (at >= 0) ids.splice(at, 1);
        if (!ids.length) bySource!.delete(p.sourceId);
      }
    } else if (key.startsWith('f:')) facts.delete(key.slice(2));
    else written.delete(key.slice(2));
  };

  const writtenKeys = () => [...[...facts.keys()].map((id) => `f:${id}`), ...[...written.keys()].map((id) => `p:${id}`)];

  return {
    get,
    put(e) {
      remove(e.key);
      made.set(e.key, e);
      if (e.kind === 'sentence' && e.passage) {
        byId.set(e.passage.id, e.passage);
        const ids = bySource?.get(e.sourceId);
        if (ids) ids.push(e.passage.id);
        else bySource?.set(e.sourceId, [e.passage.id]);
      } else if (e.kind === 'fact' && e.fact) facts.set(e.fact.id, e.fact);
      // A written-up passage comes only from the knowledge files the table was made from: it is never put.
    },
    delete: remove,
    ofSource(sourceId) {
      const out: Evidence[] = [];
      for (const id of grouped().get(sourceId) ?? []) out.push(get(id)!);
      for (const f of facts.values()) if (f.sourceId === sourceId) out.push(get(`f:${f.id}`)!);
      for (const p of written.values()) if (p.sourceId === sourceId) out.push(get(`p:${p.id}`)!);
      return out.filter(Boolean);
    },
    sentences: () => [...byId.values()],
    writtenKeys,
    all: () => [...byId.keys(), ...writtenKeys()].flatMap((k) => get(k) ?? []),
  };
}
