import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Insertable, Kysely } from 'kysely';
import { MAX_FEEDBACK_QUESTION_CHARS, questionKey } from './feedback.js';
import { IMPORTED_SUFFIX } from './import-export.js';
import { auditIdentity, auditText, hashUserId } from './privacy.js';
import type { AuditTable, FeedbackTable, StoreTables } from './schema.js';

/** The files the bots kept under DATA_DIR before the database, each imported once. */
export const RECORD_FILES = {
  feedback: 'feedback.jsonl',
  audit: 'audit.jsonl',
  telegramSubscriptions: 'telegram-subscriptions.json',
} as const;

export interface RecordsImport {
  file: string;
  /** Rows written. */
  imported: number;
  /** Lines that could not be read. */
  problems: number;
  /** Null when the file could not be renamed; the import is not repeated (its content is remembered). */
  renamedTo: string | null;
}

const jsonLines = (text: string) =>
  text.split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as Record<string, unknown>] : [];
    } catch {
      return [null];
    }
  });

/** The old hashes had an empty salt by default, so they could be reversed: they are hashed again with the salt. */
function feedbackRows(text: string, salt: string): Array<Insertable<FeedbackTable> | null> {
  return jsonLines(text).map((r) => {
    if (!r || (r.type !== 'vote' && r.type !== 'unanswered') || typeof r.question !== 'string' || typeof r.at !== 'string') return null;
    const question = r.question.slice(0, MAX_FEEDBACK_QUESTION_CHARS);
    return {
      type: r.type,
      question,
      question_key: questionKey(question),
      vote: r.type === 'vote' ? (Number(r.vote) > 0 ? 1 : -1) : null,
      user_hash: hashUserId('legacy', String(r.user ?? ''), salt),
      created_at: r.at,
    };
  });
}

/**
 * The old audit kept everyone by platform id and name: an allowed attempt was a moderator's and stays so, anyone
 * else is hashed now. The old /gaps outcome quoted users' questions: it is not carried over.
 */
function auditRows(text: string, salt: string): Array<Insertable<AuditTable> | null> {
  return jsonLines(text).map((r) => {
    const actor = r?.actor as { platform?: unknown; userId?: unknown; displayName?: unknown } | undefined;
    if (!r || !actor || typeof r.operation !== 'string' || typeof r.at !== 'string') return null;
    const moderator = r.allowed === true;
    const who = auditIdentity(
      { platform: String(actor.platform), userId: String(actor.userId), displayName: String(actor.displayName ?? '') },
      moderator,
      salt,
    );
    const outcome =
      /gaps/.test(r.operation) && moderator
        ? 'listed the gaps (the questions are not kept in the audit)'
        : auditText(String(r.outcome ?? ''));
    return {
      created_at: r.at,
      platform: String(actor.platform),
      actor_id: who.actorId,
      actor_name: who.actorName,
      moderator: moderator ? 1 : 0,
      operation: auditText(r.operation),
      allowed: r.allowed === true ? 1 : 0,
      outcome,
    };
  });
}

const batches = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, (i + 1) * 500));
const present = <T>(r: T | null): r is T => r !== null;

function chatIds(text: string): { ids: string[]; problems: number } {
  try {
    const chats = JSON.parse(text) as unknown;
    if (!Array.isArray(chats)) return { ids: [], problems: 1 };
    const ids = chats.filter((c) => typeof c === 'number' || typeof c === 'string').map(String);
    return { ids, problems: chats.length - ids.length };
  } catch {
    return { ids: [], problems: 1 };
  }
}

/**
 * Imports feedback.jsonl, audit.jsonl and telegram-subscriptions.json from `dataDir` into the database, each in one
 * transaction that also remembers the file's content hash: a crash before the rename, or a file that cannot be
 * renamed, never imports the same rows twice. Each imported file is renamed to *.imported.
 */
export async function importRecordFiles(
  db: Kysely<StoreTables>,
  dataDir: string,
  salt: string,
  now: () => Date = () => new Date(),
): Promise<RecordsImport[]> {
  const results: RecordsImport[] = [];
  for (const name of Object.values(RECORD_FILES)) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const marker = `imported:${name}:${createHash('sha256').update(text).digest('hex')}`;
    let imported = 0;
    let problems = 0;
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('settings')
        .values({ key: marker, value: now().toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      if (name === RECORD_FILES.telegramSubscriptions) {
        const chats = chatIds(text);
        problems = chats.problems;
        for (const id of chats.ids) {
          const r = await trx
            .insertInto('subscriptions')
            .values({ platform: 'telegram', chat_id: id, created_at: now().toISOString() })
            .onConflict((oc) => oc.columns(['platform', 'chat_id']).doNothing())
            .executeTakeFirst();
          imported += Number(r.numInsertedOrUpdatedRows ?? 0);
        }
      } else if (name === RECORD_FILES.feedback) {
        const rows = feedbackRows(text, salt);
        const good = rows.filter(present);
        for (const batch of batches(good)) await trx.insertInto('feedback').values(batch).execute();
        [imported, problems] = [good.length, rows.length - good.length];
      } else {
        const rows = auditRows(text, salt);
        const good = rows.filter(present);
        for (const batch of batches(good)) await trx.insertInto('audit').values(batch).execute();
        [imported, problems] = [good.length, rows.length - good.length];
      }
    });
    let renamedTo: string | null = `${path}${IMPORTED_SUFFIX}`;
    if (existsSync(renamedTo)) renamedTo = `${path}${IMPORTED_SUFFIX}-${Date.now()}`;
    try {
      renameSync(path, renamedTo);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') renamedTo = null;
    }
    results.push({ file: path, imported, problems, renamedTo });
  }
  return results;
}
