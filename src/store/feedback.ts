import type { Kysely } from 'kysely';
import type { StoreTables } from './schema.js';

/** As much of a question as the bot reads: a 10,000-character message is not kept whole. */
export const MAX_FEEDBACK_QUESTION_CHARS = 500;

export interface Gaps {
  /** Most asked first. */
  unanswered: Array<{ question: string; count: number }>;
  /** Lowest net vote first. */
  lowestRated: Array<{ question: string; up: number; down: number }>;
}

export interface FeedbackRecords {
  /** A 👍 (1) or 👎 (-1) on an answer; `userHash` is the hashed user id, never the platform's. */
  vote(question: string, vote: 1 | -1, userHash: string): Promise<void>;
  /** A question the bot could not answer. */
  unanswered(question: string, userHash: string): Promise<void>;
  /** Where the next knowledge update should come from; each list at most `limit` long. */
  gaps(limit?: number): Promise<Gaps>;
}

/** The same question however it was typed: lower case, single spaces, no trailing punctuation. */
export const questionKey = (q: string) =>
  q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();

export function createFeedbackRecords(db: Kysely<StoreTables>, now: () => Date = () => new Date()): FeedbackRecords {
  const insert = (type: 'vote' | 'unanswered', question: string, vote: number | null, userHash: string) => {
    const kept = question.slice(0, MAX_FEEDBACK_QUESTION_CHARS);
    return db
      .insertInto('feedback')
      .values({ type, question: kept, question_key: questionKey(kept), vote, user_hash: userHash, created_at: now().toISOString() })
      .execute();
  };
  // Each group is shown in the wording it was first asked in.
  const firstWordings = async (ids: number[]) => {
    if (ids.length === 0) return new Map<number, string>();
    const rows = await db.selectFrom('feedback').select(['id', 'question']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [Number(r.id), r.question]));
  };
  return {
    async vote(question, vote, userHash) {
      await insert('vote', question, vote, userHash);
    },
    async unanswered(question, userHash) {
      await insert('unanswered', question, null, userHash);
    },
    async gaps(limit = 10) {
      const asked = await db
        .selectFrom('feedback')
        .select((eb) => [eb.fn.min('id').as('first'), eb.fn.countAll().as('count')])
        .where('type', '=', 'unanswered')
        .groupBy('question_key')
        .orderBy('count', 'desc')
        .orderBy('first')
        .limit(limit)
        .execute();
      const rated = await db
        .selectFrom('feedback')
        .select((eb) => [
          eb.fn.min('id').as('first'),
          eb.fn.sum(eb.case().when('vote', '>', 0).then(1).else(0).end()).as('up'),
          eb.fn.sum(eb.case().when('vote', '<', 0).then(1).else(0).end()).as('down'),
        ])
        .where('type', '=', 'vote')
        .groupBy('question_key')
        .having((eb) => eb.fn.sum(eb.case().when('vote', '<', 0).then(1).else(0).end()), '>', 0)
        .orderBy((eb) =>
          eb(
            eb.fn.sum(eb.case().when('vote', '>', 0).then(1).else(0).end()),
            '-',
            eb.fn.sum(eb.case().when('vote', '<', 0).then(1).else(0).end()),
          ),
        )
        .orderBy('first')
        .limit(limit)
        .execute();
      const wordings = await firstWordings([...asked, ...rated].map((r) => Number(r.first)));
      return {
        unanswered: asked.map((r) => ({ question: wordings.get(Number(r.first)) ?? '', count: Number(r.count) })),
        lowestRated: rated.map((r) => ({ question: wordings.get(Number(r.first)) ?? '', up: Number(r.up), down: Number(r.down) })),
      };
    },
  };
}
