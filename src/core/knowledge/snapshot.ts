import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
export const SNAPSHOT_FILE = 'knowledge-snapshot.bin';
/** Bump when what a snapshot holds changes shape. */
const FORMAT = 3;
/**
 * The file: MAGIC, then sections, each its byte length (Uint32, little-endian) and its bytes: the header, the
 * history, the added sources and the sentences (each JSON), and the index (packed-index.ts). Each section is decoded
 * on its own, so the index's bytes are never read as text, and the history only when something asks for it.
 */
const MAGIC = Buffer.from('KBSNAP\n', 'latin1');
const SECTIONS = 5;

interface Header {
  format: number;
  key: string;
  /** The last update applied: the log it came from must still hold that update (same id and time) at that seq. */
  lastSeq: number;
  lastId: string | null;
  lastAt: string | null;
  /** The ids of the knowledge files' own sources (some may have been taken back since). */
  fileSources: string[];
  /** How many updates the history section holds. */
  historyCount: number;
  /** The knowledge in use, sources aside (they are a section of their own). */
  facts: Fact[];
  passages: AuthoredPassage[];
  topics: Topic[];
  gazetteer: GazetteerEntry[];
  glossary: string[][];
  withdrawn: Withdrawn[];
  /** The Russian-to-English lexicon the engine learnt from the facts and passages it was built over. */
  translations: Array<[string, string[]]>;
  problems: KnowledgeProblem[];
}

export interface Restored {
  live: Live;
  fileSources: Set<string>;
  lastSeq: number;
  lastId: string | null;
  lastAt: string | null;
  /**
   * The updates that applied, their articles' text left out (the store keeps it; `show` reads it there). Read from
   * the file when first called: a start that only answers questions never needs them.
   */
  history: () => UpdateRecord[];
  historyCount: number;
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
    historyCount: state.history.length,
    facts: kb.facts,
    passages: kb.passages,
    topics: [...kb.topics.values()],
    gazetteer: kb.gazetteer,
    glossary: kb.glossary,
    withdrawn: kb.withdrawn ?? [],
    translations: [...engine.translations],
    problems: state.problems,
  };
  const sections = [
    Buffer.from(JSON.stringify(header)),
    Buffer.from(JSON.stringify(state.history.map(slim))),
    Buffer.from(JSON.stringify([...kb.sources.values()])),
    Buffer.from(savePassages(engine.passages)),
    engine.index.save(),
  ];
  const parts: Buffer[] = [MAGIC];
  for (const section of sections) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(section.length);
    parts.push(length, section);
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SNAPSHOT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat(parts));
  renameSync(temp, file);
  // The JSON-lines snapshot of earlier versions is never read again.
  rmSync(join(dir, 'knowledge-snapshot.jsonl'), { force: true });
}

/**
 * The snapshot under `dir` made with this key, restored: the knowledge files need not be parsed again (the key
 * holds their text). Null when there is none, or it was made from other files, code or store, or cannot be read.
 */
export async function readSnapshot(dir: string, key: string): Promise<Restored | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, SNAPSHOT_FILE));
  } catch {
    return null;
  }
  const sections: Buffer[] = [];
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  for (let at = MAGIC.length; sections.length < SECTIONS; ) {
    if (at + 4 > bytes.length) return null;
    const end = at + 4 + bytes.readUInt32LE(at);
    if (end > bytes.length) return null;
    sections.push(bytes.subarray(at + 4, end));
    at = end;
  }
  const [head, historyBytes, sourceBytes, sentenceBytes, indexBytes] = sections as [Buffer, Buffer, Buffer, Buffer, Buffer];
  // The header is read first, so a stale snapshot costs one short parse.
  try {
    const header = JSON.parse(head.toString('utf8')) as Header;
    if (header.format !== FORMAT || header.key !== key) return null;
    const kb: KnowledgeBase = {
      sources: new Map((JSON.parse(sourceBytes.toString('utf8')) as Source[]).map((s) => [s.id, s])),
      facts: header.facts,
      passages: header.passages,
      topics: new Map(header.topics.map((t) => [t.id, t])),
      gazetteer: header.gazetteer,
      glossary: header.glossary,
      withdrawn: header.withdrawn,
    };
    const passages = restorePassages(sentenceBytes.toString('utf8'), kb.sources);
    // The index and the history keep their bytes for later (postings are decoded as searches reach them); copied out,
    // they let the rest of the file (the sources' and sentences' JSON, already parsed) be freed.
    const index = loadIndex(Buffer.from(indexBytes));
    const history = Buffer.from(historyBytes);
    const engine = createEngine(kb, { passages, index, translations: new Map(header.translations) });
    return {
      live: { kb, engine },
      fileSources: new Set(header.fileSources),
      lastSeq: header.lastSeq,
      lastId: header.lastId,
      lastAt: header.lastAt,
      history: () => JSON.parse(history.toString('utf8')) as UpdateRecord[],
      historyCount: header.historyCount,
      problems: header.problems,
    };
  } catch {
    return null;
  }
}
