import type { Kysely } from 'kysely';
import { auditIdentity, auditText } from './privacy.js';
import type { StoreTables } from './schema.js';
import type { Actor } from './updates.js';

/** One moderator attempt, allowed or refused, as the audit keeps it. */
export interface AuditEntry {
  at: string;
  platform: string;
  /** The platform's id for a moderator, a salted hash for anyone else. */
  actorId: string;
  /** A moderator's display name; null for anyone else. */
  actorName: string | null;
  moderator: boolean;
  operation: string;
  allowed: boolean;
  outcome: string;
}

export interface AuditAttempt {
  actor: Actor;
  /** Whether the actor is a moderator: only moderators are kept by id and name. */
  moderator: boolean;
  operation: string;
  allowed: boolean;
  /** What came of it, as a summary ("listed 5 gaps", "accepted u42"): never a question or message a user wrote. */
  outcome: string;
}

export interface AuditRecords {
  record(attempt: AuditAttempt): Promise<void>;
  /** The newest first. */
  list(limit?: number): Promise<AuditEntry[]>;
}

/** Who tried what, and what came of it. `salt` hashes the ids of non-moderators. */
export function createAuditRecords(db: Kysely<StoreTables>, salt: string, now: () => Date = () => new Date()): AuditRecords {
  return {
    async record({ actor, moderator, operation, allowed, outcome }) {
      const who = auditIdentity(actor, moderator, salt);
      await db
        .insertInto('audit')
        .values({
          created_at: now().toISOString(),
          platform: actor.platform,
          actor_id: who.actorId,
          actor_name: who.actorName,
          moderator: moderator ? 1 : 0,
          operation: auditText(operation),
          allowed: allowed ? 1 : 0,
          outcome: auditText(outcome),
        })
        .execute();
    },
    async list(limit = 50) {
      const rows = await db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        at: r.created_at,
        platform: r.platform,
        actorId: r.actor_id,
        actorName: r.actor_name,
        moderator: r.moderator === 1,
        operation: r.operation,
        allowed: r.allowed === 1,
        outcome: r.outcome,
      }));
    },
  };
}
