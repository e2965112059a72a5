/** The core's public surface: adapters and commands import from here only. */
export { coreOver, createCore, loadKnowledge, type CoreOptions } from './core.js';
export { createKnowledgeService, UPDATES_FILE, type KnowledgeService, type ListedUpdate, type ReloadResult, type SourceInput, type UpdateResult } from './knowledge-service.js';
export { openUpdateLog, readUpdateLog, type Actor, type UpdateRecord } from './updates-log.js';
export { KnowledgeError, parseKnowledge, quoteIsIn, validateFact, type KnowledgeBase, type KnowledgeProblem } from './knowledge-parse.js';
export { readKnowledgeFolder, type RawFile } from './knowledge-files.js';
export { createEngine, MAX_QUESTION_CHARS, type Engine } from './engine.js';
export { loadIndex, type PassageIndex } from './search-index.js';
export { restorePassages, savePassages, type Passage } from './passages.js';
export { formatPartialDate, parsePartialDate } from './dates.js';
export { detectLanguage } from './text.js';
export { MESSAGES } from './messages.js';
export type * from './types.js';
export { createFeedbackStore, type FeedbackStore, type Gaps } from './feedback.js';
export { createAuditLog, type AuditLog, type AuditEntry } from './audit.js';
