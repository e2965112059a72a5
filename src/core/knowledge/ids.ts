import { randomBytes } from 'node:crypto';

/**
 * Ids for moderator updates and for what they add. A generated id is derived from the id of the update that
 * adds it, never from a count of what exists now: a count goes down when something is retracted, and the next
 * addition would then take the id of the retracted one, and its history with it.
 */

/** Time first, so ids sort by age; 48 random bits, so two updates in one millisecond never share one. */
export function newUpdateId(at: Date): string {
  return `u${at.getTime().toString(36)}-${randomBytes(6).toString('hex')}`;
}

/** Lower-case Latin or Cyrillic letters and digits joined by hyphens, at most 40 characters: an id's readable part. */
export const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9\u0400-\u04ff]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** A fact's id when the moderator gave none: its topic, for the reader, and the update's id, for uniqueness. */
export function factIdFor(fact: Record<string, unknown>, updateId: string): string {
  return `${slug(String(fact.topic ?? '')) || 'fact'}-${updateId}`;
}

/**
 * A source's id when the moderator gave none: publisher, date and title, so a moderator can type it when citing
 * the source in a fact. Should that name have belonged to a source since retracted, the update's id is added to
 * it, so an id names one source for the whole history. (A source in use under that name refuses the new one as
 * a duplicate.)
 */
export function sourceIdFor(
  source: { publisher: string; published: string; title: string },
  updateId: string,
  retired: (id: string) => boolean,
): string {
  const readable = `${slug(source.publisher)}-${source.published}-${slug(source.title)}`;
  return retired(readable) ? `${readable}-${updateId}` : readable;
}
