import { createHash } from 'node:crypto';

/** A stable, non-reversible id for logs and feedback records: the platform's user id never leaves the adapter. */
export function hashUserId(platform: string, userId: string | number, salt = ''): string {
  return createHash('sha256').update(`${salt}:${platform}:${userId}`).digest('hex').slice(0, 16);
}
