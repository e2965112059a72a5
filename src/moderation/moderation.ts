import type { KnowledgeService, SourceInput, UpdateResult } from '../core/index.js';
import type { AuditLog, FeedbackStore } from '../records/index.js';
import type { Accepted, ModerationAction, Outcome, Read, Refusal, Requester } from './types.js';

export interface ModerationDeps {
  knowledge: Pick<KnowledgeService, 'addSource' | 'addFact' | 'retract' | 'list' | 'show'>;
  feedback: Pick<FeedbackStore, 'gaps'>;
  audit: AuditLog;
}

/** How many updates or gaps a listing shows unless asked for another number. */
export const DEFAULT_LIST_LIMIT = 10;

/**
 * The one moderation flow behind the CLI, Telegram and Discord. Every request, allowed or refused, is audited
 * with the same action names and outcome words; the result is an outcome each adapter words and sends.
 */
export function createModeration(deps: ModerationDeps) {
  const { knowledge, audit } = deps;

  function finish(who: Requester, outcome: Outcome): Outcome {
    audit.record({
      actor: who.actor,
      action: outcome.action,
      outcome: outcome.status,
      ...(outcome.status === 'refused' ? { reason: outcome.reason } : {}),
      ...(outcome.status === 'accepted' && 'update' in outcome ? { update: outcome.update.id } : {}),
      ...(outcome.status === 'refused' && outcome.reason === 'rejected' ? { detail: outcome.error.slice(0, 300) } : {}),
    });
    return outcome;
  }
  const refused = (who: Requester, action: ModerationAction, refusal: Refusal): Outcome =>
    finish(who, { status: 'refused', action, ...refusal });
  const accepted = (who: Requester, accepted: Accepted): Outcome => finish(who, { status: 'accepted', ...accepted });

  /** Runs `work` for a moderator, and refuses anyone else before it reads anything. */
  function run(who: Requester, action: ModerationAction, work: () => Outcome): Outcome {
    return who.moderator ? work() : refused(who, action, { reason: 'not-a-moderator' });
  }
  const update = (who: Requester, action: 'add-source' | 'add-fact' | 'retract', result: UpdateResult): Outcome =>
    result.ok
      ? accepted(who, { action, result: 'update-accepted', update: result.record })
      : refused(who, action, { reason: 'rejected', error: result.error });

  return {
    /**
     * The guard adapters run before reading a request: a refusal (audited) for anyone who is not a moderator,
     * or null to go on. Every action below checks again, so a caller that skips the guard is still refused.
     */
    check(who: Requester, action: ModerationAction): Outcome | null {
      return who.moderator ? null : refused(who, action, { reason: 'not-a-moderator' });
    },
    addSource(who: Requester, input: Read<SourceInput>): Outcome {
      return run(who, 'add-source', () =>
        'problem' in input
          ? refused(who, 'add-source', { reason: 'bad-input', expected: input.problem })
          : update(who, 'add-source', knowledge.addSource(input.value, who.actor)),
      );
    },
    addFact(who: Requester, input: Read<Record<string, unknown>>): Outcome {
      return run(who, 'add-fact', () =>
        'problem' in input
          ? refused(who, 'add-fact', { reason: 'bad-input', expected: input.problem })
          : update(who, 'add-fact', knowledge.addFact(input.value, who.actor)),
      );
    },
    retract(who: Requester, targetId: string, reason: string): Outcome {
      return run(who, 'retract', () => {
        if (!targetId.trim()) return refused(who, 'retract', { reason: 'bad-input', expected: 'retract-id' });
        // Why it was taken back stays in the record for good: a retraction without a reason is refused.
        if (!reason.trim()) return refused(who, 'retract', { reason: 'bad-input', expected: 'retract-reason' });
        return update(who, 'retract', knowledge.retract(targetId.trim(), reason.trim(), who.actor));
      });
    },
    list(who: Requester, limit = DEFAULT_LIST_LIMIT): Outcome {
      return run(who, 'list', () => accepted(who, { action: 'list', result: 'updates-listed', updates: knowledge.list(limit) }));
    },
    show(who: Requester, id: string): Outcome {
      return run(who, 'show', () => {
        const found = knowledge.show(id.trim());
        return found
          ? accepted(who, { action: 'show', result: 'update-shown', update: found })
          : refused(who, 'show', { reason: 'not-found', id: id.trim() });
      });
    },
    gaps(who: Requester, limit = DEFAULT_LIST_LIMIT): Outcome {
      return run(who, 'gaps', () => accepted(who, { action: 'gaps', result: 'gaps-listed', gaps: deps.feedback.gaps(limit) }));
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
