/** The core's public surface: adapters and commands import from here only. */
export { createCore } from './create-core.js';
export { coreOver } from './answering/core-over.js';
export { loadKnowledge } from './knowledge/load.js';
export {
  createKnowledgeService,
  UPDATES_FILE,
  type KnowledgeService,
  type KnowledgeServiceOptions,
  type ListedUpdate,
  type ReloadResult,
  type SourceInput,
  type UpdateResult,
} from './knowledge/service.js';
export type { Actor, AppendResult, Assigned, NewUpdate, UpdateLog, UpdateRecord } from './knowledge/updates-log.js';
export { createLogMirror, type LogMirror } from './knowledge/log-mirror.js';
export { KnowledgeError, parseKnowledge, quoteIsIn, validateFact, type KnowledgeBase, type KnowledgeProblem } from './knowledge/parse.js';
export { readKnowledgeFolder, type RawFile } from './knowledge/files.js';
export { decodeUtf8Strict, firstInvalidUtf8, Utf8Error } from './knowledge/utf8.js';
export { createEngine, MAX_QUESTION_CHARS, type Engine } from './answering/engine.js';
export { loadIndex, type PassageIndex } from './answering/search-index.js';
export { restorePassages, savePassages, type Passage } from './answering/passages.js';
export { formatPartialDate, parsePartialDate } from './dates.js';
export { detectLanguage } from './text.js';
export { MESSAGES } from './answering/messages.js';
export { inQuoteMarks } from './answering/quote-marks.js';
export type * from './types.js';
export { isAnswerLanguage } from './types.js';
