import type { KnowledgeService, SourceInput, UpdateResult } from '../core/index.js';
import type { AuditRecords, FeedbackRecords } from '../store/index.js';
import type { Accepted, ModerationAction, Outcome, Read, Refusal, Requester } from './types.js';

export interface ModerationDeps {
  knowledge: Pick<KnowledgeService, 'addSource' | 'addFact' | 'retract' | 'list' | 'show'>;
  feedback: Pick<FeedbackRecords, 'gaps'>;
  audit: Pick<AuditRecords, 'record'>;
}

/** How many updates or gaps a listing shows unless asked for another number. */
export const DEFAULT_LIST_LIMIT = 10;

/**
 * The one moderation flow behind the CLI, Telegram and Discord. Every request, allowed or refused, is audited
 * with the same action names and outcome words; the result is an outcome each adapter words and sends.
 */
export function createModeration(deps: ModerationDeps) {
  const { knowledge, audit } = deps;

  /**
   * What the audit keeps of an outcome: a summary in the audit's vocabulary (action, accepted or refused, the
   * refusal's reason), never text a user wrote: gaps are counted, not copied.
   */
  function summary(outcome: Outcome): string {
    if (outcome.status === 'refused')
      return outcome.reason === 'rejected' ? `refused: rejected: ${outcome.error}` : `refused: ${outcome.reason}`;
    if (outcome.result === 'update-accepted' || outcome.result === 'update-shown') return `accepted: ${outcome.update.id}`;
    if (outcome.result === 'updates-listed') return `accepted: ${outcome.updates.length} updates`;
    return `accepted: ${outcome.gaps.unanswered.length} unanswered, ${outcome.gaps.lowestRated.length} low-rated`;
  }
  async function finish(who: Requester, outcome: Outcome): Promise<Outcome> {
    await audit.record({
      actor: who.actor,
      moderator: who.moderator,
      operation: outcome.action,
      allowed: outcome.status === 'accepted',
      outcome: summary(outcome),
    });
    return outcome;
  }
  const refused = (who: Requester, action: ModerationAction, refusal: Refusal): Promise<Outcome> =>
    finish(who, { status: 'refused', action, ...refusal });
  const accepted = (who: Requester, accepted: Accepted): Promise<Outcome> => finish(who, { status: 'accepted', ...accepted });

  /** Runs `work` for a moderator, and refuses anyone else before it reads anything. */
  function run(who: Requester, action: ModerationAction, work: () => Promise<Outcome>): Promise<Outcome> {
    return who.moderator ? work() : refused(who, action, { reason: 'not-a-moderator' });
  }
  const update = async (
    who: Requester,
    action: 'add-source' | 'add-fact' | 'retract',
    pending: Promise<UpdateResult>,
  ): Promise<Outcome> => {
    const result = await pending;
    return result.ok
      ? accepted(who, { action, result: 'update-accepted', update: result.record })
      : refused(who, action, { reason: 'rejected', error: result.error });
  };

  return {
    /**
     * The guard adapters run before reading a request: a refusal (audited) for anyone who is not a moderator,
     * or null to go on. Every action below checks again, so a caller that skips the guard is still refused.
     */
    async check(who: Requester, action: ModerationAction): Promise<Outcome | null> {
      return who.moderator ? null : refused(who, action, { reason: 'not-a-moderator' });
    },
    addSource(who: Requester, input: Read<SourceInput>): Promise<Outcome> {
      return run(who, 'add-source', () =>
        'problem' in input
          ? refused(who, 'add-source', { reason: 'bad-input', expected: input.problem })
          : update(who, 'add-source', knowledge.addSource(input.value, who.actor)),
      );
    },
    addFact(who: Requester, input: Read<Record<string, unknown>>): Promise<Outcome> {
      return run(who, 'add-fact', () =>
        'problem' in input
          ? refused(who, 'add-fact', { reason: 'bad-input', expected: input.problem })
          : update(who, 'add-fact', knowledge.addFact(input.value, who.actor)),
      );
    },
    retract(who: Requester, targetId: string, reason: string): Promise<Outcome> {
      return run(who, 'retract', async () => {
        if (!targetId.trim()) return refused(who, 'retract', { reason: 'bad-input', expected: 'retract-id' });
        // Why it was taken back stays in the record for good: a retraction without a reason is refused.
        if (!reason.trim()) return refused(who, 'retract', { reason: 'bad-input', expected: 'retract-reason' });
        return await update(who, 'retract', knowledge.retract(targetId.trim(), reason.trim(), who.actor));
      });
    },
    list(who: Requester, limit = DEFAULT_LIST_LIMIT): Promise<Outcome> {
      return run(who, 'list', () => accepted(who, { action: 'list', result: 'updates-listed', updates: knowledge.list(limit) }));
    },
    show(who: Requester, id: string): Promise<Outcome> {
      return run(who, 'show', async () => {
        const found = await knowledge.show(id.trim());
        return found
          ? accepted(who, { action: 'show', result: 'update-shown', update: found })
          : refused(who, 'show', { reason: 'not-found', id: id.trim() });
      });
    },
    gaps(who: Requester, limit = DEFAULT_LIST_LIMIT): Promise<Outcome> {
      return run(who, 'gaps', async () => accepted(who, { action: 'gaps', result: 'gaps-listed', gaps: await deps.feedback.gaps(limit) }));
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
