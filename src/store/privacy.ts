import { createHash } from 'node:crypto';

/**
 * A stable, non-reversible id for a platform user: salted, so a hash cannot be matched to an account by hashing
 * every known id. The same formula as the adapters' hashUserId, so hashes from both agree.
 */
export function hashUserId(platform: string, userId: string | number, salt: string): string {
  return createHash('sha256').update(`${salt}:${platform}:${userId}`).digest('hex').slice(0, 16);
}

/** Who the audit shows: a moderator by id and name (they act in the open), anyone else by a salted hash alone. */
export function auditIdentity(
  actor: { platform: string; userId: string; displayName?: string },
  moderator: boolean,
  salt: string,
): { actorId: string; actorName: string | null } {
  return moderator
    ? { actorId: actor.userId, actorName: actor.displayName ?? null }
    : { actorId: hashUserId(actor.platform, actor.userId, salt), actorName: null };
}

/** Audit text is a short summary on one line; a longer text is cut, since only user-written text runs that long. */
export const AUDIT_TEXT_MAX = 200;
export const auditText = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > AUDIT_TEXT_MAX ? `${line.slice(0, AUDIT_TEXT_MAX - 1)}…` : line;
};
