import type { Kysely } from 'kysely';
import type { StoreTables } from './schema.js';

export interface SubscriptionRecords {
  /** False when the chat was already subscribed. */
  add(chatId: string | number): Promise<boolean>;
  /** False when the chat was not subscribed. */
  remove(chatId: string | number): Promise<boolean>;
  list(): Promise<string[]>;
}

/** The chats of one platform that asked for announcements of accepted updates, oldest first. */
export function createSubscriptionRecords(
  db: Kysely<StoreTables>,
  platform: string,
  now: () => Date = () => new Date(),
): SubscriptionRecords {
  return {
    async add(chatId) {
      const result = await db
        .insertInto('subscriptions')
        .values({ platform, chat_id: String(chatId), created_at: now().toISOString() })
        .onConflict((oc) => oc.columns(['platform', 'chat_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(chatId) {
      const result = await db
        .deleteFrom('subscriptions')
        .where('platform', '=', platform)
        .where('chat_id', '=', String(chatId))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async list() {
      const rows = await db
        .selectFrom('subscriptions')
        .select('chat_id')
        .where('platform', '=', platform)
        .orderBy('created_at')
        .orderBy('chat_id')
        .execute();
      return rows.map((r) => r.chat_id);
    },
  };
}
