import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { StoreTables } from './schema.js';

const SALT_KEY = 'user_hash_salt';

export interface Settings {
  get(key: string): Promise<string | null>;
  /** Stores `value` unless the key already has one, and returns the value that is kept: the first writer wins. */
  setIfAbsent(key: string, value: string): Promise<string>;
  /**
   * The salt for hashing user ids: the configured one, or else one generated at random on first start and kept in
   * the database, so hashes stay stable across restarts and replicas, and cannot be reversed without the database.
   */
  userHashSalt(configured?: string): Promise<string>;
}

export function createSettings(db: Kysely<StoreTables>): Settings {
  const get = async (key: string) =>
    (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
  async function setIfAbsent(key: string, value: string): Promise<string> {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const kept = await get(key);
    if (kept === null) throw new Error(`setting "${key}" was not kept`);
    return kept;
  }
  return {
    get,
    setIfAbsent,
    async userHashSalt(configured) {
      if (configured?.trim()) return configured;
      return setIfAbsent(SALT_KEY, randomBytes(32).toString('hex'));
    },
  };
}
