import { compareNewestFirst, formatPartialDate, isOlderThanAYear } from '../dates.js';
import type { EntityMatcher } from './entities.js';
import { MESSAGES } from './messages.js';
import type { Passage } from './passages.js';
import type { TopicMatch } from './topics.js';
import type { Answer, AnswerFact, Citation, Fact, Language, PartialDate, Source } from '../types.js';

/** What a reader sees (text plus the first three quotes) stays under this many characters. */
export const READER_BUDGET = 1400;

const endSentence = (s: string): string => (/[.!?…]$/.test(s) ? s : `${s}.`);
/** "Text (Source, date)." with the attribution inside the sentence. */
const attributed = (text: string, attr: string): string => `${text.replace(/[.]$/, '')} ${attr}.`;
const join = (parts: string[]): string => parts.filter(Boolean).join(' ');

export interface ComposeContext {
  language: Language;
  now: Date;
  sources: Map<string, Source>;
  matcher: EntityMatcher;
}

const published = (ctx: ComposeContext, f: Fact): PartialDate => ctx.sources.get(f.sourceId)!.published;
const factDate = (ctx: ComposeContext, f: Fact): PartialDate => f.date ?? f.start ?? published(ctx, f);

/** "(Asia-Plus, November 2022)" or "(Sadyr Japarov, President of Kyrgyzstan, 25 April 2022; Asia-Plus, November 2022)". */
function attribution(ctx: ComposeContext, f: Fact): string {
  const s = ctx.sources.get(f.sourceId)!;
  const pub = `${s.publisher}, ${formatPartialDate(s.published, ctx.language)}`;
  if (!f.statedBy || f.statedBy.en === s.publisher) return `(${pub})`;
  const when = f.date && f.date !== s.published ? `, ${formatPartialDate(f.date, ctx.language)}` : '';
  return `(${f.statedBy[ctx.language]}${when}; ${pub})`;
}

function partyName(ctx: ComposeContext, party: string): string {
  return ctx.matcher.byName(party)?.name[ctx.language] ?? party;
}

function toAnswerFact(ctx: ComposeContext, f: Fact): AnswerFact {
  return {
    id: f.id,
    kind: f.kind,
    topic: f.topic,
    value: f.value ?? null,
    unit: f.unit ?? null,
    date: factDate(ctx, f),
    sourceId: f.sourceId,
    statedBy: f.statedBy?.en ?? ctx.sources.get(f.sourceId)!.publisher,
    party: f.party ?? null,
  };
}

function citationOf(source: Source, quote: string): Citation {
  return { sourceId: source.id, title: source.title, publisher: source.publisher, published: source.published, url: source.url, quote };
}

/** One citation per source, in order of first use; a source's several quotes are joined with "…". */
function citationsFor(ctx: ComposeContext, quotes: Array<{ sourceId: string; quote: string }>): Citation[] {
  const bySource = new Map<string, string[]>();
  for (const q of quotes) {
    const list = bySource.get(q.sourceId) ?? [];
    if (!list.includes(q.quote)) list.push(q.quote);
    bySource.set(q.sourceId, list);
  }
  return [...bySource].map(([id, qs]) => citationOf(ctx.sources.get(id)!, qs.join(' … ')));
}

/** "As of …", and a warning when even the newest source is more than a year old. */
function datingLine(ctx: ComposeContext, dates: PartialDate[]): { line: string; asOf: PartialDate; staleNote: string | null } {
  const asOf = [...dates].sort(compareNewestFirst)[0]!;
  const m = MESSAGES[ctx.language];
  const shown = formatPartialDate(asOf, ctx.language);
  const stale = isOlderThanAYear(asOf, ctx.now);
  return { line: endSentence(stale ? m.asOfStale(shown) : m.asOf(shown)), asOf, staleNote: stale ? m.stale(shown) : null };
}

const seenLength = (text: string, citations: Citation[]): number =>
  text.length + citations.slice(0, 3).reduce((n, c) => n + c.quote.length + 1, 0);

/** The text for a topic's facts: figures side by side when sources differ, positions attributed to their party. */
function topicText(ctx: ComposeContext, match: TopicMatch, facts: Fact[]): string {
  const m = MESSAGES[ctx.language];
  const lang = ctx.language;
  const parts: string[] = [];
  const comparable = facts.filter((f) => f.short && !f.aspect && !f.party);
  const rest = facts.filter((f) => !comparable.includes(f) || new Set(comparable.map((c) => c.sourceId)).size < 2);
  if (rest.length !== facts.length) {
    // The newest figure leads; the older ones follow as earlier figures, each still with who and when.
    const [latest, ...earlier] = comparable;
    const figure = (f: Fact) => `${f.short![lang]} ${attribution(ctx, f)}`;
    parts.push(
      `${m.differ(match.topic.title[lang])} ${m.latest(formatPartialDate(published(ctx, latest!), lang))} ${figure(latest!)}.` +
        (earlier.length ? ` ${m.earlier} ${earlier.map(figure).join('; ')}.` : ''),
    );
  }
  const positions = rest.filter((f) => f.kind === 'position' && f.party);
  const plain = rest.filter((f) => !positions.includes(f));
  // Background (what nobody disputes) first, then each party's position, then the rest.
  for (const f of plain.filter((p) => p.kind === 'position')) parts.push(attributed(f.text[lang], attribution(ctx, f)));
  if (positions.length)
    parts.push(endSentence(positions.map((f) => `${m.holds(partyName(ctx, f.party!))} ${f.text[lang]} ${attribution(ctx, f)}`).join('; ')));
  for (const f of plain.filter((p) => p.kind !== 'position')) parts.push(attributed(f.text[lang], attribution(ctx, f)));
  return join(parts);
}

export function composeFromTopic(ctx: ComposeContext, question: string, match: TopicMatch): Answer {
  // The newest source leads; a party's position is never dropped while the other side's stays.
  let facts = [...match.facts].sort(
    (a, b) => compareNewestFirst(published(ctx, a), published(ctx, b)) || compareNewestFirst(factDate(ctx, a), factDate(ctx, b)),
  );
  for (;;) {
    const citations = citationsFor(ctx, facts);
    const text = join([
      topicText(ctx, match, facts),
      datingLine(
        ctx,
        facts.map((f) => published(ctx, f)),
      ).line,
    ]);
    const droppable = facts.map((f, i) => ({ f, i })).filter(({ f }) => !f.party);
    if (seenLength(text, citations) <= READER_BUDGET || facts.length <= 1 || droppable.length === 0) {
      const dating = datingLine(
        ctx,
        facts.map((f) => published(ctx, f)),
      );
      return {
        question,
        answered: true,
        text,
        language: ctx.language,
        confidence: match.topic.contested ? 0.8 : 0.9,
        citations,
        facts: facts.map((f) => toAnswerFact(ctx, f)),
        asOf: dating.asOf,
        staleNote: dating.staleNote,
        asOfLine: dating.line,
        suggestions: [],
      };
    }
    const drop = droppable[droppable.length - 1]!.i;
    facts = facts.filter((_, i) => i !== drop);
  }
}

export function composeFromPassages(ctx: ComposeContext, question: string, passages: Passage[], confidence: number): Answer {
  const m = MESSAGES[ctx.language];
  const who = (p: Passage) => {
    const s = ctx.sources.get(p.sourceId)!;
    return `${s.publisher} (${formatPartialDate(s.published, ctx.language)})`;
  };
  const distinct = [...new Set(passages.map(who))];
  const lead = distinct.length === 1 ? m.reports(distinct[0]!) : m.reportsTwo(distinct[0]!, distinct[1]!);
  const citations = citationsFor(
    ctx,
    passages.map((p) => ({ sourceId: p.sourceId, quote: p.text })),
  );
  const dating = datingLine(
    ctx,
    passages.map((p) => ctx.sources.get(p.sourceId)!.published),
  );
  return {
    question,
    answered: true,
    text: join([lead, dating.line]),
    language: ctx.language,
    confidence,
    citations,
    facts: [],
    asOf: dating.asOf,
    staleNote: dating.staleNote,
    asOfLine: dating.line,
    suggestions: [],
  };
}

export function composeNoSource(ctx: ComposeContext, question: string, examples: string[]): Answer {
  const m = MESSAGES[ctx.language];
  const dates = [...ctx.sources.values()].map((s) => s.published).sort(compareNewestFirst);
  const scope = m.scope(
    ctx.sources.size,
    formatPartialDate(dates[dates.length - 1]!, ctx.language),
    formatPartialDate(dates[0]!, ctx.language),
  );
  const suggestions = examples.slice(0, 3);
  return {
    question,
    answered: false,
    text: join([m.noSource, scope, m.youCouldAsk, suggestions.map((s) => `“${s}”`).join(' ')]),
    language: ctx.language,
    confidence: 0,
    citations: [],
    facts: [],
    asOf: null,
    staleNote: null,
    asOfLine: '',
    suggestions,
  };
}
