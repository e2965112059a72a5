import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreTables } from './schema.js';

/** Keys older than the newest this many are forgotten: a vote on a very old answer is not counted. */
export const VOTE_KEYS_KEPT = 5_000;

export interface VoteKeys {
  /** A short key for a 👍/👎 button (Telegram's callback data holds 64 bytes), standing for the question answered. */
  create(question: string): Promise<string>;
  /** The question a button's key stands for, or null once it has been forgotten. */
  question(key: string): Promise<string | null>;
}

/**
 * Vote buttons carry a key, the question stays here: in the database, a vote counts whichever replica answered
 * the question and whichever receives the click, and across restarts.
 */
export function createVoteKeys(db: Kysely<StoreTables>, now: () => Date = () => new Date()): VoteKeys {
  return {
    async create(question) {
      const key = randomBytes(6).toString('base64url');
      const { id } = await db
        .insertInto('vote_keys')
        .values({ key, question, created_at: now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Pruned now and then, not on every click: one delete per hundred keys keeps the table bounded.
      if (Number(id) % 100 === 0)
        await db
          .deleteFrom('vote_keys')
          .where('id', '<=', Number(id) - VOTE_KEYS_KEPT)
          .execute();
      return key;
    },
    async question(key) {
      const row = await db.selectFrom('vote_keys').select('question').where('key', '=', key).executeTakeFirst();
      return row?.question ?? null;
    },
  };
}
