import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { StoreDriver } from './driver.js';
import { UPDATE_KINDS, updateToRow, type Actor, type StoredUpdate, type UpdateKind } from './updates.js';

export const IMPORTED_SUFFIX = '.imported';
/** Rows per insert statement: well under SQLite's limit on bound parameters. */
const BATCH = 500;

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportResult {
  /** Lines that became updates. */
  imported: number;
  /** Updates whose id the store already held (an import cut short, run again): left as they are. */
  skipped: number;
  /** Lines that are no update (malformed, or a torn last line): not imported, still in the renamed file. */
  problems: ImportProblem[];
  /** Where the file went once imported; null when it could not be renamed (see `renameError`). */
  renamedTo: string | null;
  /**
   * Why the file stayed in place (a read-only knowledge folder): the import is idempotent, so each start reads
   * it again and imports nothing new, but it costs time; move the file away by hand.
   */
  renameError?: string;
}

type LegacyRecord = Omit<StoredUpdate, 'seq'>;

const PLATFORMS: readonly string[] = ['discord', 'telegram', 'cli'];

function parseRecord(value: unknown): LegacyRecord | string {
  const r = value as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') return 'not an object';
  if (typeof r.id !== 'string' || !r.id) return 'no id';
  if (!UPDATE_KINDS.includes(r.kind as UpdateKind)) return `unknown kind ${JSON.stringify(r.kind)}`;
  if (!r.payload || typeof r.payload !== 'object') return 'no payload';
  if (typeof r.at !== 'string') return 'no time ("at")';
  const a = r.actor as Partial<Actor> | null;
  if (!a || typeof a !== 'object' || !PLATFORMS.includes(String(a.platform)) || a.userId === undefined)
    return 'no actor (platform, userId)';
  const payload = r.payload as Record<string, unknown>;
  const target =
    typeof r.target === 'string' ? r.target : r.kind === 'retract' && typeof payload.targetId === 'string' ? payload.targetId : undefined;
  return {
    id: r.id,
    kind: r.kind as UpdateKind,
    payload,
    actor: { platform: a.platform as Actor['platform'], userId: String(a.userId), displayName: String(a.displayName ?? '') },
    at: r.at,
    ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
    ...(target !== undefined ? { target } : {}),
  };
}

/** Reads JSON lines of updates (the old updates.jsonl, or an export); a bad line is reported with its number. */
export function parseUpdateLines(text: string): { records: LegacyRecord[]; problems: ImportProblem[] } {
  const records: LegacyRecord[] = [];
  const problems: ImportProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      const torn = i === lines.length - 1 && !text.endsWith('\n');
      return void problems.push({ line: i + 1, message: torn ? 'torn last line (a write cut short)' : 'malformed JSON' });
    }
    const record = parseRecord(parsed);
    if (typeof record === 'string') problems.push({ line: i + 1, message: `not an update: ${record}` });
    else records.push(record);
  });
  return { records, problems };
}

/**
 * Imports an updates file into the store in one transaction, then renames it (updates.jsonl → updates.jsonl.imported)
 * so it is imported once. Idempotent by id: a crash between the commit and the rename, or two processes starting at
 * once, never doubles an update. Returns null when there is no file.
 */
export async function importUpdatesFile(driver: StoreDriver, path: string): Promise<ImportResult | null> {
  if (!existsSync(path)) return null;
  const { records, problems } = parseUpdateLines(readFileSync(path, 'utf8'));
  let imported = 0;
  await driver.db.transaction().execute(async (trx) => {
    await driver.lockAppends(trx);
    for (let i = 0; i < records.length; i += BATCH) {
      const rows = records.slice(i, i + BATCH).map((r) => updateToRow(r));
      const result = await trx
        .insertInto('updates')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      imported += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  });
  let renamedTo = `${path}${IMPORTED_SUFFIX}`;
  if (existsSync(renamedTo)) renamedTo = `${path}${IMPORTED_SUFFIX}-${Date.now()}`;
  try {
    renameSync(path, renamedTo);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOENT: another process starting at the same moment imported and renamed it first.
    if (code !== 'ENOENT')
      return {
        imported,
        skipped: records.length - imported,
        problems,
        renamedTo: null,
        renameError: `${path} stays in place: ${String(err)}`,
      };
  }
  return { imported, skipped: records.length - imported, problems, renamedTo };
}

/** One JSON line per update, oldest first: for review and backup, and importable again. */
export function toJsonLines(updates: StoredUpdate[]): string {
  return updates.map((u) => `${JSON.stringify(u)}\n`).join('');
}
