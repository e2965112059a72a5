import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../answering/engine.js';
import { BUILD_ID } from '../build-id.js';
import { restorePassages, savePassages } from '../answering/passages.js';
import { loadIndex } from '../answering/search-index.js';
import type { AuthoredPassage, Fact, GazetteerEntry, Source, Topic } from '../types.js';
import type { Live } from './apply-updates.js';
import type { RawFile } from './files.js';
import type { KnowledgeBase, KnowledgeProblem, Withdrawn } from './parse.js';
import type { UpdateRecord } from './updates-log.js';

/**
 * The knowledge in use, saved: the index and sentences built over the knowledge files and every update applied up
 * to one seq. A start whose files, code and store match loads it and applies only the updates after that seq, so
 * start-up does not grow with the log (no source is split or indexed again). It is a cache: a missing, stale or
 * unreadable snapshot is rebuilt from the files and the log, which stay the truth.
 */
export const SNAPSHOT_FILE = 'knowledge-snapshot.jsonl';
/** Bump when what a snapshot holds changes shape. */
const FORMAT = 2;

interface Header {
  format: number;
  key: string;
  /** The last update applied: the log it came from must still hold that update (same id and time) at that seq. */
  lastSeq: number;
  lastId: string | null;
  lastAt: string | null;
  /** The ids of the knowledge files' own sources (some may have been taken back since). */
  fileSources: string[];
  /** The knowledge in use, sources aside (they are the next line). */
  facts: Fact[];
  passages: AuthoredPassage[];
  topics: Topic[];
  gazetteer: GazetteerEntry[];
  glossary: string[][];
  withdrawn: Withdrawn[];
  /** The Russian-to-English lexicon the engine learnt from the facts and passages it was built over. */
  translations: Array<[string, string[]]>;
  /** The updates that applied, their articles' text left out (the store keeps it; `show` reads it there). */
  history: UpdateRecord[];
  problems: KnowledgeProblem[];
}

export interface Restored {
  live: Live;
  fileSources: Set<string>;
  lastSeq: number;
  lastId: string | null;
  lastAt: string | null;
  history: UpdateRecord[];
  problems: KnowledgeProblem[];
}

let codeFingerprint: string | null = null;
/**
 * The code that shapes the index (tokenizing, stemming, sentence splitting, evidence): every file of the core, as
 * it runs (compiled or not). A change to any of them makes an old snapshot stale.
 */
function codeHash(): string {
  if (codeFingerprint) return codeFingerprint;
  // Compiled: the build's fingerprint, the same in every compiled entry (bundled or not).
  if (BUILD_ID) return (codeFingerprint = BUILD_ID);
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|json)$/.test(name)) hash.update(name).update(readFileSync(p));
    }
  };
  walk(join(dirname(fileURLToPath(import.meta.url)), '..'));
  codeFingerprint = hash.digest('hex');
  return codeFingerprint;
}

/** What a snapshot must have been made from to be used: the same code, knowledge files and update store. */
export function snapshotKey(files: RawFile[], store: string): string {
  const hash = createHash('sha256').update(`${FORMAT}\n${codeHash()}\n${store}\n`);
  for (const f of files) hash.update(`${f.path}\n${f.text.length}\n`).update(f.text);
  return hash.digest('hex');
}

/** A record as the snapshot keeps it: an added article's text is left out. */
const slim = (r: UpdateRecord): UpdateRecord =>
  r.kind === 'add-source' && typeof r.payload.text === 'string' ? { ...r, payload: { ...r.payload, text: null, textOmitted: true } } : r;

/** Whether a history record stands without its article's text (the store has the whole record). */
export const isSlim = (r: UpdateRecord): boolean => r.payload.textOmitted === true;

/**
 * Writes the knowledge in use (atomically: a crash mid-write leaves the old snapshot or none).
 * @param fileSources the ids of the knowledge files' own sources, to tell them from the ones updates added
 */
export function writeSnapshot(
  dir: string,
  key: string,
  live: Live,
  state: { fileSources: Set<string>; last: Pick<UpdateRecord, 'seq' | 'id' | 'at'> | null; history: UpdateRecord[]; problems: KnowledgeProblem[] },
): void {
  const { kb, engine } = live;
  const header: Header = {
    format: FORMAT,
    key,
    lastSeq: state.last?.seq ?? 0,
    lastId: state.last?.id ?? null,
    lastAt: state.last?.at ?? null,
    fileSources: [...state.fileSources],
    facts: kb.facts,
    passages: kb.passages,
    topics: [...kb.topics.values()],
    gazetteer: kb.gazetteer,
    glossary: kb.glossary,
    withdrawn: kb.withdrawn ?? [],
    translations: [...engine.translations],
    history: state.history.map(slim),
    problems: state.problems,
  };
  const body = [JSON.stringify(header), JSON.stringify([...kb.sources.values()]), savePassages(engine.passages), engine.index.toJSON()].join('\n');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SNAPSHOT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${body}\n`);
  renameSync(temp, file);
}

/**
 * The snapshot under `dir` made with this key, restored: the knowledge files need not be parsed again (the key
 * holds their text). Null when there is none, or it was made from other files, code or store, or cannot be read.
 */
export async function readSnapshot(dir: string, key: string): Promise<Restored | null> {
  let text: string;
  try {
    text = await readFile(join(dir, SNAPSHOT_FILE), 'utf8');
  } catch {
    return null;
  }
  // Four lines: the header, the added sources, the sentences, the index. The header is read first, so a stale
  // snapshot costs one short parse.
  const cuts: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0 && cuts.length < 4; at = text.indexOf('\n', at + 1)) cuts.push(at);
  if (cuts.length < 4) return null;
  try {
    const header = JSON.parse(text.slice(0, cuts[0])) as Header;
    if (header.format !== FORMAT || header.key !== key) return null;
    const kb: KnowledgeBase = {
      sources: new Map((JSON.parse(text.slice(cuts[0]! + 1, cuts[1])) as Source[]).map((s) => [s.id, s])),
      facts: header.facts,
      passages: header.passages,
      topics: new Map(header.topics.map((t) => [t.id, t])),
      gazetteer: header.gazetteer,
      glossary: header.glossary,
      withdrawn: header.withdrawn,
    };
    const passages = restorePassages(text.slice(cuts[1]! + 1, cuts[2]), kb.sources);
    const index = loadIndex(text.slice(cuts[2]! + 1, cuts[3]));
    const engine = createEngine(kb, { passages, index, translations: new Map(header.translations) });
    return {
      live: { kb, engine },
      fileSources: new Set(header.fileSources),
      lastSeq: header.lastSeq,
      lastId: header.lastId,
      lastAt: header.lastAt,
      history: header.history,
      problems: header.problems,
    };
  } catch {
    return null;
  }
}
