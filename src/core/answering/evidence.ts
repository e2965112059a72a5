import type { EntityMatcher } from './entities.js';
import { entityKey, type Passage } from './passages.js';
import type { IndexDoc } from './search-index.js';
import { resolveRelativeDates } from '../dates.js';
import { squash } from '../knowledge/parse.js';
import { stem, tokenize } from '../text.js';
import type { AuthoredPassage, Fact, Localized, LocalizedQuestions, PartialDate, Party, Source, Topic } from '../types.js';

/**
 * Anything that can answer a question, in one shape: a structured fact, a passage written up at authoring
 * time, or a plain sentence of a source (bundled or added by a moderator). All of it is searched together.
 */
export interface Evidence {
  /** The index id: a sentence's number, "f:<fact id>" or "p:<passage id>". */
  key: number | string;
  kind: 'fact' | 'passage' | 'sentence';
  sourceId: string;
  /** Verbatim from the source: what a citation quotes. */
  quote: string;
  /** The same in the bot's words, when the knowledge gives it. */
  bot: Localized | null;
  /** The questions it answers, per language, when the knowledge gives them. */
  questions: LocalizedQuestions | null;
  /** When the evidence was stated or holds: a fact's date, otherwise the source's. */
  date: PartialDate;
  /** Years the evidence is about: named in the quote, resolved from relative dates, a fact's dates. */
  years: string[];
  party: Party | null;
  fact?: Fact;
  passage?: Passage;
  doc: IndexDoc;
}

const questionText = (q: LocalizedQuestions | undefined): string =>
  q ? [...q.en, ...q.ru, ...(q.ky ?? []), ...(q.tg ?? [])].join(' \n ') : '';
const botText = (t: Localized): string => [t.en, t.ru, t.ky ?? '', t.tg ?? ''].filter(Boolean).join(' \n ');
const yearsIn = (text: string): string[] => [...new Set(text.match(/\b(?:19|20)\d\d\b/g) ?? [])];

function entitiesOf(matcher: EntityMatcher, ...texts: string[]): string {
  return [
    ...new Set(
      texts.flatMap((t) => {
        const tokens = tokenize(t);
        return matcher.find(tokens.map(stem), { tokens }).map((h) => entityKey(h.id));
      }),
    ),
  ].join(' ');
}

const resolved = new WeakMap<Source, ReturnType<typeof resolveRelativeDates>>();
/** A source's relative dates, resolved once: each of its passages looks up its own. */
function resolvedOf(source: Source): ReturnType<typeof resolveRelativeDates> {
  let out = resolved.get(source);
  if (!out) resolved.set(source, (out = resolveRelativeDates(source.text, source.published)));
  return out;
}

function resolvedYears(source: Source, quote: string): string[] {
  const body = source.text;
  const at = body.indexOf(quote);
  if (at < 0) return [];
  return resolvedOf(source)
    .filter((r) => r.start >= at && r.end <= at + quote.length)
    .map((r) => r.value.slice(0, 4));
}

function topicWords(topic: Topic | undefined): string {
  if (!topic) return '';
  return [topic.title.en, topic.title.ru, ...topic.keywords.flat().filter((w) => !w.startsWith('@'))].join(' ');
}

/** A fact as evidence: its quote, its sentence in the bot's words, its questions and its topic's words. */
export function factEvidence(f: Fact, source: Source, matcher: EntityMatcher, topics: Map<string, Topic>): Evidence {
  const date = f.date ?? f.start ?? source.published;
  const years = [
    ...new Set([...yearsIn(`${f.quote} ${f.text.en}`), ...[f.date, f.start, f.end].flatMap((d) => (d ? [d.slice(0, 4)] : []))]),
  ];
  const doc: IndexDoc = {
    id: `f:${f.id}`,
    text: f.quote,
    questions: questionText(f.questions),
    bot: botText(f.text),
    topic: [f.topic, ...(f.also ?? [])].map((t) => topicWords(topics.get(t))).join(' '),
    entities: entitiesOf(matcher, f.quote, f.text.en, f.name ?? '', f.place ?? ''),
    dates: years.join(' '),
  };
  const party = f.party ? (f.party.toLowerCase() as Party) : null;
  return {
    key: doc.id,
    kind: 'fact',
    sourceId: f.sourceId,
    quote: f.quote,
    bot: f.text,
    questions: f.questions ?? null,
    date,
    years,
    party,
    fact: f,
    doc,
  };
}

/** An authored passage as evidence. */
export function authoredEvidence(p: AuthoredPassage, source: Source, matcher: EntityMatcher): Evidence {
  const years = [...new Set([...yearsIn(p.quote), ...resolvedYears(source, p.quote)])];
  const doc: IndexDoc = {
    id: `p:${p.id}`,
    text: p.quote,
    questions: questionText(p.questions),
    bot: botText(p.text),
    entities: entitiesOf(matcher, p.quote, p.text.en),
    dates: years.join(' '),
  };
  return {
    key: doc.id,
    kind: 'passage',
    sourceId: p.sourceId,
    quote: p.quote,
    bot: p.text,
    questions: p.questions,
    date: source.published,
    years,
    party: p.party ?? null,
    doc,
  };
}

/** A plain source sentence as evidence: searched on its own words only. */
export function sentenceEvidence(p: Passage, source: Source): Evidence {
  const years = [...new Set([...yearsIn(p.text), ...p.dates.split(' ').filter(Boolean)])];
  return {
    key: p.id,
    kind: 'sentence',
    sourceId: p.sourceId,
    quote: p.text,
    bot: null,
    questions: null,
    date: source.published,
    years,
    party: null,
    passage: p,
    doc: p,
  };
}

const squashMemo = new Map<string, string>();
/** A quote with its white space and quote marks folded, memoized: answers compare the same quotes again and again. */
export function squashed(quote: string): string {
  let out = squashMemo.get(quote);
  if (out === undefined) {
    out = squash(quote);
    if (squashMemo.size >= 20_000) squashMemo.clear();
    squashMemo.set(quote, out);
  }
  return out;
}

/** Whether two pieces of evidence quote the same words of one source (one quote holds the other, or they share a sentence). */
export function sameSpan(a: Evidence, b: Evidence): boolean {
  if (a.sourceId !== b.sourceId) return false;
  const [x, y] = [squashed(a.quote), squashed(b.quote)];
  return x.includes(y) || y.includes(x);
}
