/** The plain data that flows from the knowledge files to every adapter. */

/** The languages the bot's own knowledge and interface are written in; every Localized text has both. */
export type Language = 'en' | 'ru';

/**
 * The languages a question may be asked and answered in: the bot's two, and Kyrgyz and Tajik, in which the
 * knowledge's texts and the fixed wording exist where written (an answer falls back to Russian otherwise).
 */
export type AnswerLanguage = Language | 'ky' | 'tg';

export const isAnswerLanguage = (value: string): value is AnswerLanguage => ['en', 'ru', 'ky', 'tg'].includes(value);

/** A date at the precision the source gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type PartialDate = string;

export interface SourceMeta {
  id: string;
  title: string;
  publisher: string;
  published: PartialDate;
  url: string | null;
  language: string;
  via?: string;
  authors?: string[];
  note?: string;
}

export interface Source extends SourceMeta {
  /** The article text as kept in knowledge/sources/<id>.md, front matter removed. */
  text: string;
  /** Where the file came from, for error messages. */
  file: string;
  /** 1-based line of the file on which `text` starts. */
  bodyLine: number;
}

/** Text in both languages the bot speaks; Kyrgyz and Tajik where the knowledge gives them. */
export interface Localized {
  en: string;
  ru: string;
  ky?: string;
  tg?: string;
}

/** The questions a passage or fact answers, as users ask them, per language (doc2query's "alternate questions"). */
export interface LocalizedQuestions {
  en: string[];
  ru: string[];
  ky?: string[];
  tg?: string[];
}

export type Party = 'kyrgyzstan' | 'tajikistan';

/**
 * A span of a source that states something, written up at authoring time: the verbatim quote, the same
 * in the bot's own words, and the questions it answers. Kept in knowledge/passages/<sourceId>.json.
 */
export interface AuthoredPassage {
  id: string;
  sourceId: string;
  /** One or more whole sentences of the source, verbatim. */
  quote: string;
  /** What the quote says, in the bot's words, attributed where contested. */
  text: Localized;
  questions: LocalizedQuestions;
  /** Set when the passage reports one side's claim or account. */
  party?: Party;
  file: string;
}

export type FactKind = 'figure' | 'event' | 'position' | 'person' | 'step';

export interface Fact {
  id: string;
  kind: FactKind;
  /** Facts sharing a topic answer the same question; several of them mean the sources differ. */
  topic: string;
  sourceId: string;
  /** A verbatim span of the source's text. */
  quote: string;
  /** The fact as one sentence in the bot's own words (a position: the clause after "X holds that"). */
  text: Localized;
  /** Figure: the value as a short phrase ("about 970 km"), for showing figures side by side. */
  short?: Localized;
  /** Figures of one topic that measure different things (a town versus a district) never "differ". */
  aspect?: string;
  /** Further topics the fact also answers. */
  also?: string[];
  /** Figure: the number; unit such as "km", "people". */
  value?: number;
  unit?: string;
  approximate?: boolean;
  /** When the fact was stated or holds: defaults to the source's date. */
  date?: PartialDate;
  /** Event: when it began and ended. */
  start?: PartialDate;
  end?: PartialDate;
  place?: string;
  /** Who states it (a person, a body), when not the publisher itself. A plain string in a file means the same in both languages. */
  statedBy?: Localized;
  /** Position: the party that holds it ("Kyrgyzstan", "Tajikistan"). */
  party?: string;
  /** Person or body: name and role as of `date`. */
  name?: string;
  role?: Localized;
  /** Step: its place in a sequence. */
  order?: number;
  /** Questions the fact answers, as users ask them (optional for facts moderators add). */
  questions?: LocalizedQuestions;
  /** Where the fact was read from, for error messages. */
  file: string;
}

export interface Topic {
  id: string;
  title: Localized;
  /** Groups of words, English and Russian: a question on the topic has a word from every group. "@Name" is a gazetteer entry. */
  keywords: string[][];
  /** Question kinds this topic answers (how-many, how-long, when, who, where, why, what, yes-no). */
  answers: QuestionKind[];
  /** A contested matter: each party's position is shown, attributed. */
  contested?: boolean;
}

export type EntityType = 'country' | 'region' | 'place' | 'person' | 'body' | 'other';

export interface GazetteerEntry {
  id: string;
  type: EntityType;
  /** The name the bot uses, per language. */
  name: Localized;
  /** Every spelling in Latin and Cyrillic script, including inflected Russian forms worth matching. */
  aliases: string[];
  /** Whether the entry belongs to the Kyrgyz–Tajik border subject (false for, say, France or China). */
  inScope: boolean;
}

export type QuestionKind = 'how-many' | 'how-long' | 'when' | 'who' | 'where' | 'why' | 'what' | 'yes-no';

/** One citation of an answer: a source and the exact passage. */
export interface Citation {
  sourceId: string;
  title: string;
  publisher: string;
  published: PartialDate;
  url: string | null;
  /** An exact span of the source's text; `…` may join two spans of the same source. */
  quote: string;
}

export interface AnswerFact {
  id: string;
  kind: FactKind;
  topic: string;
  value: number | null;
  unit: string | null;
  date: PartialDate;
  sourceId: string;
  statedBy: string;
  party: string | null;
}

export interface Answer {
  question: string;
  answered: boolean;
  /** Plain text in `language`, no markup. */
  text: string;
  language: AnswerLanguage;
  /** 0 to 1: how well the sources support the answer. */
  confidence: number;
  /** Strongest first; at least one when `answered`. */
  citations: Citation[];
  facts: AnswerFact[];
  /** The newest date among the answer's sources, or null when unanswered. */
  asOf: PartialDate | null;
  /** Set when the newest source is more than a year older than the clock's now. */
  staleNote: string | null;
  /** The "as of" sentence that ends `text` (empty when unanswered): an adapter may show it apart, as a footer. */
  asOfLine: string;
  /** Questions the bot can answer, offered when it cannot answer this one. */
  suggestions: string[];
}

export interface AskOptions {
  now?: Date;
  language?: AnswerLanguage;
  /**
   * The conversation so far, kept by the adapter: a follow-up without a subject of its own ("and in 2021?",
   * "а сколько делимитировано?") is read with the previous question's subject. Adapters pass it for a reply
   * to one of the bot's answers, and in a private chat for a message within a few minutes of the last one.
   */
  context?: AskContext;
}

export interface AskContext {
  /** The question the user asked before this one, as they typed it. */
  previousQuestion: string;
}

export interface SourceSummary {
  id: string;
  title: string;
  publisher: string;
  published: PartialDate;
  url: string | null;
}

/** What every adapter uses: built once per process. */
export interface Core {
  ask(question: string, options?: AskOptions): Answer;
  sources(): SourceSummary[];
  /** The bot's short self-description, per language. */
  about(language: AnswerLanguage): string;
  /** Example questions, per language. */
  examples(language: AnswerLanguage): string[];
}

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface CoreOptions {
  knowledgeDir: string;
  logger: Logger;
  /** The clock answers are dated against ("as of", "my newest source is old"); injectable for tests and `--now`. */
  now?: () => Date;
}
