import type { StoreTables } from './schema.js';
import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The schema's history, in code: a migration is never edited once released, a change is a new one after it.
 * Kysely runs them in name order and records each in kysely_migration, so running them again does nothing.
 */
export function storeMigrations(dialect: Dialect): Record<string, Migration> {
  // A key the database counts up and never reuses, not even after the newest row is deleted.
  const serialKey = <T extends string>(table: CreateTableBuilder<T>, column: string) =>
    dialect === 'postgres'
      ? table.addColumn(column, 'serial', (c) => c.primaryKey())
      : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
  return {
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await serialKey(db.schema.createTable('updates'), 'seq')
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('add-source', 'add-fact', 'retract')`))
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('actor_platform', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('target', 'text')
          .execute();
        await db.schema.createIndex('updates_target').on('updates').column('target').execute();

        await serialKey(db.schema.createTable('feedback'), 'id')
          .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('vote', 'unanswered')`))
          .addColumn('question', 'text', (c) => c.notNull())
          .addColumn('question_key', 'text', (c) => c.notNull())
          .addColumn('vote', 'integer')
          .addColumn('user_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('feedback_question_key').on('feedback').columns(['type', 'question_key']).execute();

        await serialKey(db.schema.createTable('audit'), 'id')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text')
          .addColumn('moderator', 'integer', (c) => c.notNull())
          .addColumn('operation', 'text', (c) => c.notNull())
          .addColumn('allowed', 'integer', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('subscriptions')
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('chat_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('subscriptions_pk', ['platform', 'chat_id'])
          .execute();

        await serialKey(db.schema.createTable('vote_keys'), 'id')
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('question', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002-rate-limits': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('rate_limits')
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('user_key', 'text', (c) => c.notNull())
          .addColumn('hits', 'text', (c) => c.notNull())
          .addColumn('last_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('rate_limits_pk', ['scope', 'user_key'])
          .execute();
        await db.schema.createIndex('rate_limits_last_at').on('rate_limits').columns(['scope', 'last_at']).execute();
      },
    },
  };
}

/** Migrations from code, not from a folder: they ship inside the bundle and need no file system look-up. */
export const migrationProvider = (dialect: Dialect): MigrationProvider => ({
  getMigrations: async () => storeMigrations(dialect),
});

/** Brings the schema up to date; returns the names of the migrations it ran (none when it already was). */
export async function migrateToLatest(db: Kysely<StoreTables>, dialect: Dialect): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause}`.replace('  ', ' '), { cause: error });
  }
  return results.map((r) => r.migrationName);
}
