import type { UpdateRecord } from './updates-log.js';

/**
 * Which update each retraction took back. A retraction names what it retracts by the id of a source or fact,
 * and an id can come back (a moderator re-adds a fact under its old id): so each retraction is matched to the
 * update that added its target and was still in force when it came, never to a later one with the same id.
 * A retraction of something from the knowledge files has no update to match.
 */
export function matchRetractions(history: readonly UpdateRecord[]): {
  /** Update id → the id of the retraction that took it back. */
  retractedBy: Map<string, string>;
  /** Source or fact id → the update that added it and is still in force. */
  inForce: Map<string, string>;
} {
  const retractedBy = new Map<string, string>();
  const inForce = new Map<string, string>();
  for (const r of history) {
    if (r.kind !== 'retract') {
      inForce.set(String(r.payload.id), r.id);
      continue;
    }
    const target = String(r.payload.targetId);
    // Recorded since retractions name their update; older records are matched by their place in the history.
    const update = typeof r.payload.updateId === 'string' ? r.payload.updateId : inForce.get(target);
    if (update !== undefined) retractedBy.set(update, r.id);
    inForce.delete(target);
  }
  return { retractedBy, inForce };
}
