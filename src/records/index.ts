/** What the bots record as they run (feedback on answers, unanswered questions, the moderation audit): not knowledge. */
export { createFeedbackStore, type FeedbackStore, type Gaps } from './feedback.js';
export { createAuditLog, type AuditLog, type AuditEntry } from './audit.js';
