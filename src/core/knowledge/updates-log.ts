import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { KnowledgeProblem } from './parse.js';

/** Who made an update: the platform, the user's id there, and the name shown. */
export interface Actor {
  platform: 'discord' | 'telegram' | 'cli';
  userId: string;
  displayName: string;
}

export type UpdateKind = 'add-source' | 'add-fact' | 'retract';

/** One line of knowledge/updates.jsonl. History is never rewritten: a retraction is a record of its own. */
export interface UpdateRecord {
  id: string;
  kind: UpdateKind;
  payload: Record<string, unknown>;
  actor: Actor;
  /** ISO 8601. */
  at: string;
  reason?: string;
}

export interface LogContents {
  records: UpdateRecord[];
  /** Malformed lines (skipped), and a torn last line left by a crash (skipped, never appended onto). */
  problems: KnowledgeProblem[];
  /** Whether the file ends without a newline: the next append starts on a fresh line. */
  torn: boolean;
}

const KINDS: UpdateKind[] = ['add-source', 'add-fact', 'retract'];

function isRecord(v: unknown): v is UpdateRecord {
  const r = v as UpdateRecord;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && KINDS.includes(r.kind) && !!r.payload && typeof r.payload === 'object' && typeof r.at === 'string' && !!r.actor;
}

/** Reads the log; a bad line is reported with its line number and skipped, so one bad line never stops the bot. */
export function readUpdateLog(path: string, label = path): LogContents {
  if (!existsSync(path)) return { records: [], problems: [], torn: false };
  const text = readFileSync(path, 'utf8');
  const torn = text.length > 0 && !text.endsWith('\n');
  const lines = text.split('\n');
  const records: UpdateRecord[] = [];
  const problems: KnowledgeProblem[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const last = i === lines.length - 1;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) return void records.push(parsed);
      problems.push({ file: label, line: i + 1, message: 'not an update record (id, kind, payload, actor, at)' });
    } catch {
      problems.push({ file: label, line: i + 1, message: last && torn ? 'torn last line (an append cut short): skipped' : 'malformed JSON: skipped' });
    }
  });
  return { records, problems, torn };
}

export interface UpdateLog {
  /** Appends one record and returns only once it is on disk (fsync): an acknowledged update survives a crash. */
  append(record: UpdateRecord): void;
  close(): void;
}

/** Opens the log for appending. A torn tail is left as it is: the first record starts on a new line after it. */
export function openUpdateLog(path: string): UpdateLog {
  let needsNewline = existsSync(path) && readUpdateLog(path).torn;
  let fd: number | null = null;
  return {
    append(record) {
      fd ??= openSync(path, 'a');
      const line = `${needsNewline ? '\n' : ''}${JSON.stringify(record)}\n`;
      writeSync(fd, line);
      fsyncSync(fd);
      needsNewline = false;
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
