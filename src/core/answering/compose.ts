import { compareNewestFirst, formatPartialDate, isOlderThanAYear } from '../dates.js';
import type { EntityMatcher } from './entities.js';
import { sameSpan, squashed, type Evidence } from './evidence.js';
import type { RankedEvidence } from './ranking.js';
import { verdictOf, type Verdict, type YesNoQuestion } from './verdict.js';
import { inLanguage, messagesFor, nameIn, type Wording } from './wording.js';
import type { Answer, AnswerFact, Citation, Fact, PartialDate, Source } from '../types.js';

/** What a reader sees (text plus the first three quotes) stays under this many characters. */
export const READER_BUDGET = 1400;

const endSentence = (s: string): string => (/[.!?…]["”»’]?$/.test(s) ? s : `${s}.`);
/** "Text (Source, date)." with the attribution inside the sentence. */
const attributed = (text: string, attr: string): string => `${text.replace(/[.]$/, '')} ${attr}.`;
const join = (parts: string[]): string => parts.filter(Boolean).join(' ');

export interface ComposeContext extends Wording {
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
  return `(${inLanguage(ctx, f.statedBy)}${when}; ${pub})`;
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
    const inner = squashed(q.quote);
    // A quote another quote of the same source already holds adds nothing; one that holds another replaces it.
    if (!list.some((l) => squashed(l).includes(inner))) {
      const wider = list.findIndex((l) => inner.includes(squashed(l)));
      if (wider >= 0) list.splice(wider, 1, q.quote);
      else list.push(q.quote);
    }
    bySource.set(q.sourceId, list);
  }
  // Pieces are joined with "…"; a piece's own leading or trailing elision mark would make it "… …".
  const bare = (q: string) => q.replace(/^\s*…\s*/u, '').replace(/\s*…\s*$/u, '');
  return [...bySource].map(([id, qs]) => citationOf(ctx.sources.get(id)!, qs.length > 1 ? qs.map(bare).join(' … ') : qs[0]!));
}

/** "As of …", and a warning when even the newest source is more than a year old. */
export function datingLine(ctx: ComposeContext, dates: PartialDate[]): { line: string; asOf: PartialDate; staleNote: string | null } {
  const asOf = [...dates].sort(compareNewestFirst)[0]!;
  const m = messagesFor(ctx);
  const shown = formatPartialDate(asOf, ctx.language);
  const stale = isOlderThanAYear(asOf, ctx.now);
  return { line: endSentence(stale ? m.asOfStale(shown) : m.asOf(shown)), asOf, staleNote: stale ? m.stale(shown) : null };
}

export const seenLength = (text: string, citations: Citation[]): number =>
  text.length + citations.slice(0, 3).reduce((n, c) => n + c.quote.length + 1, 0);

/**
 * Evidence from the same source span counts once: the better-ranked one, which keeps the fact of the span (its
 * figure, who stated it, its topic) when the other one was the fact.
 */
export function dedupe(ranked: RankedEvidence[]): RankedEvidence[] {
  const out: RankedEvidence[] = [];
  for (const r of ranked) {
    // One side's claim inside a neutral sentence that frames both sides is not the same evidence: both stay.
    const i = out.findIndex((o) => sameSpan(o.evidence, r.evidence) && (o.evidence.party === r.evidence.party || !r.evidence.party));
    if (i < 0) {
      out.push(r);
      continue;
    }
    const kept = out[i]!;
    if (r.evidence.fact && !kept.evidence.fact) {
      // The fact's date comes with it: the evidence now holds when the fact does, not when its source was published
      // (else "when did they last meet" is led by an earlier meeting, dated by the article that tells of it).
      // Assigned, not spread: a spread copy given a key its source lacks gets a hidden class of its own on Node 20,
      // and the code composing the answer then meets a new shape at every such answer.
      out[i] = { ...kept, evidence: Object.assign({}, kept.evidence, { fact: r.evidence.fact, date: r.evidence.date }) };
    }
  }
  return out;
}

/** Who said it and when: a fact's own attribution, otherwise "(Publisher, date)". */
export function attributionOf(ctx: ComposeContext, e: Evidence): string {
  if (e.fact) return attribution(ctx, e.fact);
  const s = ctx.sources.get(e.sourceId)!;
  return `(${s.publisher}, ${formatPartialDate(s.published, ctx.language)})`;
}

export function partyName(ctx: ComposeContext, party: string): string {
  const entry = ctx.matcher.byName(party);
  return entry ? nameIn(ctx, entry.name) : party;
}

/** The evidence stated in the bot's words with who and when; a bare sentence is quoted inline. */
export function statement(ctx: ComposeContext, e: Evidence): string {
  const m = messagesFor(ctx);
  const f = e.fact;
  if (f?.kind === 'position' && f.party)
    return endSentence(`${m.holds(partyName(ctx, f.party))} ${inLanguage(ctx, f.text).replace(/[.]$/, '')} ${attribution(ctx, f)}`);
  if (e.bot) return attributed(inLanguage(ctx, e.bot), attributionOf(ctx, e));
  const s = ctx.sources.get(e.sourceId)!;
  return endSentence(m.writes(`${s.publisher} (${formatPartialDate(s.published, ctx.language)})`, e.quote));
}

// A number, its qualifier and its unit, the unit written apart or hyphenated ("980 km", "the 980-kilometre frontier").
const FIGURE =
  /(?:(?:about|around|almost|nearly|over|some|more than|less than|at least|roughly|approximately|only)\s+)?(?<![\d.,])\d[\d,.]*(?:\s*(?:-|–|to)\s*\d[\d,.]*)?(?:(?:\s+|-)[a-z]+)?/gi;
const DATED =
  /^(?:(?:19|20)\d\d|\d{1,2})(?:\s+(?:january|february|march|april|may|june|july|august|september|october|november|december))?$|^\d{1,2}\s+(?:between|and|to|that|when|in|on|the)$/i;
const MONTHS_BEFORE = /(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+$/i;

/**
 * A figure as a short phrase: a fact's own, else the first number in the quote that is no date, with the word
 * after it ("980 kilometers"). A length question takes only a figure with a unit of length.
 */
function figureOf(ctx: ComposeContext, e: Evidence, unit?: RegExp): string | null {
  if (e.fact?.short) return inLanguage(ctx, e.fact.short);
  // A fact without a short form (a moderator's, say) still gives its figure: from its quote, else its value and unit.
  if (e.fact && e.fact.value === undefined) return null;
  for (const m of e.quote.matchAll(FIGURE)) {
    const phrase = m[0].replace(/[.,]$/, '');
    if (MONTHS_BEFORE.test(e.quote.slice(0, m.index)) || DATED.test(phrase) || /^(?:19|20)\d\d\b/.test(phrase)) continue;
    if (unit && !unit.test(phrase)) continue;
    // Kilometres however the source writes them ("980-kilometre", "980 kilometers"), as the bot writes them.
    return phrase.replace(/(\d)(?:\s+|-)?(?:kilomet(?:er|re)s?|km)\b/i, ctx.language === 'ru' ? '$1 км' : '$1 km');
  }
  const f = e.fact;
  return f?.value !== undefined && (!unit || unit.test(f.unit ?? ''))
    ? [f.value.toLocaleString('en-US'), f.unit].filter(Boolean).join(' ')
    : null;
}

/** The first number of a figure phrase ("almost 1,000 km" is 1000), or null. */
const numberIn = (phrase: string | null): number | null => {
  const m = phrase ? /\d[\d,]*(?:\.\d+)?/.exec(phrase) : null;
  return m ? Number(m[0].replace(/,/g, '')) : null;
};
const figureLine = (ctx: ComposeContext, e: Evidence, unit?: RegExp): string => `${figureOf(ctx, e, unit)} ${attributionOf(ctx, e)}`;
const LENGTH_WORD = /\b(km|kilomet(?:er|re)s?|met(?:er|re)s?|miles?)\b/i;

function answerOf(ctx: ComposeContext, question: string, shown: Evidence[], text: string, confidence: number): Answer {
  const dating = datingLine(
    ctx,
    shown.map((e) => ctx.sources.get(e.sourceId)!.published),
  );
  return {
    question,
    answered: true,
    text: join([text, dating.line]),
    language: ctx.language,
    confidence,
    citations: citationsFor(ctx, shown),
    facts: shown.flatMap((e) => (e.fact ? [toAnswerFact(ctx, e.fact)] : [])),
    asOf: dating.asOf,
    staleNote: dating.staleNote,
    asOfLine: dating.line,
    suggestions: [],
  };
}

/** The evidence quoted by its first sentence only, when its quote holds several. */
function firstSentence(e: Evidence): Evidence {
  const m = /^.+?[.!?…]["”’)]?(?=\s+["“‘(]?[\p{Lu}\d])/u.exec(e.quote);
  return m && m[0].length < e.quote.length ? { ...e, quote: m[0] } : e;
}

/**
 * Drops pieces, the last first, until what a reader sees fits the budget. The first `keep` pieces (each party's
 * account on a contested matter) stay while anything else can go; then they go together, never one side alone.
 */
export function fitBudget(
  ctx: ComposeContext,
  question: string,
  build: (shown: Evidence[]) => { shown: Evidence[]; text: string },
  pieces: Evidence[],
  confidence: number,
  keep = 1,
  balanced = false,
): Answer {
  const kept = new Set(pieces.slice(0, keep));
  // A balanced answer (a judgement) cuts its quotes to their first sentence before it drops anyone's account.
  let list = balanced ? pieces.map(firstSentence) : pieces;
  let shortened = balanced;
  if (balanced) for (const e of list.slice(0, keep)) kept.add(e);
  for (;;) {
    const { shown, text } = build(list);
    const answer = answerOf(ctx, question, shown, text, confidence);
    if (seenLength(answer.text, answer.citations) <= READER_BUDGET || list.length <= 1) return answer;
    let at = -1;
    for (let i = list.length - 1; i > 0 && at < 0; i--) if (!kept.has(list[i]!)) at = i;
    // Only the lead and the sides' accounts are left. A neutral lead gives way to both sides' accounts, or stands
    // alone rather than beside one side only.
    if (at < 0) {
      // First each quote is cut to its first sentence (still a verbatim span of the source).
      if (!shortened) {
        shortened = true;
        list = list.map(firstSentence);
        kept.clear();
        for (const e of list.slice(0, keep)) kept.add(e);
        continue;
      }
      if (!list[0]!.party && list.filter((e) => e.party).length >= 2) {
        list = list.slice(1);
        continue;
      }
      // One side's account leads: the other side's stays beside it, over the reader's limit if need be, so that
      // neither side is heard alone. Both sides' accounts of a judgement stay together too; elsewhere the
      // reader's limit wins and the lead, attributed, stands alone.
      const lead = list[0]!;
      const other = lead.party ? list.find((e) => e.party && e.party !== lead.party) : undefined;
      if (other && list.length > 2) {
        list = [lead, other];
        continue;
      }
      if (balanced || list.length === 1 || other) return answer;
      list = [lead];
      continue;
    }
    list = list.filter((_, i) => i !== at);
  }
}

/** How far below the best evidence (BM25, coverage, answer type) newer evidence may score and still lead. */
const NEAR_SLACK = 0.08;

export interface EvidenceAnswerInput {
  question: string;
  /** Ranked evidence that answers the question, deduplicated, best first. */
  relevant: RankedEvidence[];
  /** Whether the question asks for a figure (how many, how long), and whether for a length. */
  wantsFigure: boolean;
  wantsLength: boolean;
  /** Whether the question wants a typed answer (a figure, a date, a person, a place) rather than an account. */
  typed: boolean;
  /** Whether it asks why or how: the sentence after the best evidence often holds the explanation. */
  explains: boolean;
  following: (e: Evidence) => Evidence | undefined;
  /** The fact that quotes the same words as this evidence, if any: it tells which matter the evidence is on. */
  factOf: (e: Evidence) => Fact | undefined;
  /** The facts grouped with a fact by its topic, already narrowed to those that fit the question. */
  topicPeers: (f: Fact) => Evidence[];
  topicTitle: (f: Fact) => string | null;
  /** For a yes/no question, how it asks: the answer then opens with yes, no or "my sources don't say". */
  yesNo?: YesNoQuestion;
}

/**
 * The answer from evidence: the newest of the best evidence leads, whatever its form; for a figure, the other
 * sources' figures follow as earlier figures; each party's position is shown when one of them is; the text
 * states the answer in the bot's words (or quotes the key sentence inline), then says "as of" when.
 */
export function composeEvidence(ctx: ComposeContext, input: EvidenceAnswerInput): Answer {
  const m = messagesFor(ctx);
  const { relevant } = input;
  const top = relevant[0]!;
  // The newest of the evidence that answers about as well as the best leads, "as well" judged on coverage and
  // answer type alone (see RankedEvidence.base).
  const bestBase = Math.max(...relevant.map((r) => r.base));
  // Facts grouped under the best fact's topic answer the same matter by curation: the newest of them may lead too.
  const topTopic = (top.evidence.fact ?? input.factOf(top.evidence))?.topic;
  const near = relevant.filter((r) => r === top || r.base >= bestBase - NEAR_SLACK || (!!topTopic && r.evidence.fact?.topic === topTopic));
  // Newest by when it was said; between two facts of one source, by when each holds. A fact's date is its event's,
  // a sentence's its source's: compared with each other they would rank an anecdote over the figure beside it.
  const byNewest = (x: Evidence, y: Evidence) =>
    compareNewestFirst(ctx.sources.get(x.sourceId)!.published, ctx.sources.get(y.sourceId)!.published) ||
    (x.fact && y.fact ? compareNewestFirst(x.date, y.date) : 0);
  // An explanation ("why", "how") is led by the one that explains best, whatever its date.
  const newestLead = input.explains
    ? top.evidence
    : [...near].sort((x, y) => byNewest(x.evidence, y.evidence) || y.score - x.score)[0]!.evidence;
  const verdict = input.yesNo ? yesNoVerdict(ctx, relevant, input.yesNo, byNewest) : null;
  // A yes/no answer is followed by the statement it rests on.
  const lead = verdict?.evidence && verdict.kind !== 'unknown' ? verdict.evidence : newestLead;
  const opening = verdict?.evidence
    ? m.verdict[verdict.kind](formatPartialDate(ctx.sources.get(verdict.evidence.sourceId)!.published, ctx.language)).replace(/\.\.$/, '.')
    : '';
  const confidence = Math.min(0.9, 0.35 + 0.55 * top.coverage);

  if (input.wantsFigure) {
    const unit = input.wantsLength ? LENGTH_WORD : undefined;
    // The figure that answers best anchors the group: its topic's other facts, and other evidence that answers as
    // well with a figure of its own; the newest of them leads, the older ones follow as earlier figures.
    // A figure one party's official gave is still a figure, shown with who gave it; a party's position is not.
    const isPosition = (e: Evidence) => e.fact?.kind === 'position' && !!e.fact.party;
    // A figure of a measure other than the one asked ("100 dead" for "how many were injured") covers less of the
    // question than the best answer when that gives the asked one: only evidence covering as much anchors a display.
    const support = relevant.filter((r) => r.score >= 0.8 * top.score && r.coverage >= top.coverage - 0.01).map((r) => r.evidence);
    const groupOf = (anchor: Evidence): { anchor: Evidence; peers: Evidence[]; group: Evidence[] } => {
      const peers = anchor.fact ? input.topicPeers(anchor.fact) : [];
      // A fact belongs by its topic; other evidence by giving a figure of the same order as the anchor's (970 and
      // 980 km measure one thing; a 20 km corridor beside them does not).
      const value = anchor.fact?.value ?? numberIn(figureOf(ctx, anchor, unit));
      const sameOrder = (e: Evidence) => {
        const v = numberIn(figureOf(ctx, e, unit));
        return value === null || v === null || (v >= value / 2 && v <= value * 2);
      };
      const sameMatter = (e: Evidence) => {
        const f = e.fact ?? input.factOf(e);
        return f && anchor.fact ? f.topic === anchor.fact.topic || !!f.also?.includes(anchor.fact.topic) : sameOrder(e);
      };
      const group: Evidence[] = [];
      for (const e of [anchor, ...peers, ...near.map((r) => r.evidence).filter(sameMatter)]) {
        // Two facts may quote one sentence and still give two figures (an edit, a correction): both are shown.
        const twin = (g: Evidence) => g === e || (sameSpan(g, e) && !(g.fact && e.fact && g.fact.id !== e.fact.id));
        if (group.some(twin) || !figureOf(ctx, e, unit) || e.fact?.aspect || isPosition(e)) continue;
        group.push(e);
      }
      return { anchor, peers, group };
    };
    // The best-ranked figure whose matter several sources give anchors the display; a lone figure is stated plainly.
    const candidates = support.filter((e) => figureOf(ctx, e, unit) && !isPosition(e) && !e.fact?.aspect).map(groupOf);
    const chosen = candidates.find((c) => new Set(c.group.map((g) => `${g.sourceId} ${figureOf(ctx, g, unit)}`)).size >= 2);
    const { anchor, peers, group } = chosen ?? { anchor: undefined, peers: [] as Evidence[], group: [] as Evidence[] };
    if (chosen) {
      const title = anchor?.fact ? input.topicTitle(anchor.fact) : null;
      const [first, ...earlier] = [...group].sort(byNewest);
      const others = peers.filter((p) => !group.includes(p) && (p.fact?.aspect || isPosition(p)));
      return fitBudget(
        ctx,
        input.question,
        (list) => {
          const shownEarlier = earlier.filter((e) => list.includes(e));
          const shownOthers = others.filter((o) => list.includes(o));
          const lines = [
            `${title ? m.differ(title) : m.differFigures} ${m.latest(formatPartialDate(ctx.sources.get(first!.sourceId)!.published, ctx.language))} ${figureLine(ctx, first!, unit)}.` +
              (shownEarlier.length ? ` ${m.earlier} ${shownEarlier.map((e) => figureLine(ctx, e, unit)).join('; ')}.` : ''),
            ...shownOthers.map((o) => statement(ctx, o)),
          ];
          return { shown: [first!, ...shownEarlier, ...shownOthers], text: join(lines) };
        },
        // The first earlier figure stays with the latest: without it "the sources differ" would stand over one figure.
        [first!, ...earlier.slice(0, 1), ...others, ...earlier.slice(1)],
        confidence,
        2,
      );
    }
  }

  // One statement leads; a second source, and each party's position on a contested matter, follow.
  // On a contested matter each party's best account follows the lead, before anything else, and is never dropped
  // for length while the other side's stays. Then another source; then another span of the same source, which
  // often answers the rest of the question.
  const pieces: Evidence[] = [lead];
  // The other side's position on the same matter may share no word with the question ("peninsula" for "enclave"):
  // the positions grouped with a shown position under its topic are candidates too.
  const positionsBeside = relevant
    .filter((r) => r.evidence.fact?.kind === 'position' && r.evidence.party)
    .flatMap((r) => input.topicPeers(r.evidence.fact!))
    .filter((e) => e.party);
  const parties = new Set([...relevant.map((r) => r.evidence), ...positionsBeside].filter((e) => e.party).map((e) => e.party!));
  const support = relevant.filter((r) => r.score >= 0.8 * top.score);
  // Contested: the best evidence is one side's account. Then the other side's account, if any, is shown too. A typed
  // answer (who someone is, when something happened) is not contested for naming a side, unless it is led by one.
  if (lead.party || (!input.typed && support.some((r) => r.evidence.party))) {
    for (const party of parties) {
      // A curated position of that party first: it says what the party holds, in the party's name.
      const pool = [...relevant.map((r) => r.evidence), ...positionsBeside];
      const best = pool.find((e) => e.party === party && e.fact?.kind === 'position') ?? pool.find((e) => e.party === party);
      // An account already standing (as the lead, say, or a fact quoting the same words) is not given twice.
      if (best && !pieces.some((p) => p === best || sameSpan(p, best) || (p.party === party && p.sourceId === best.sourceId)))
        pieces.push(best);
    }
  }
  const keep = pieces.length;
  for (const r of support)
    if (pieces.length < keep + 1 && !pieces.some((p) => p.sourceId === r.evidence.sourceId) && !r.evidence.party) pieces.push(r.evidence);
  for (const r of support)
    if (pieces.length < Math.max(3, keep + 1) && !pieces.includes(r.evidence) && !r.evidence.party) pieces.push(r.evidence);
  // The sentence after the lead comes last: it is the likeliest explanation nobody ranked, so the first to go.
  const next = input.explains ? input.following(lead) : undefined;
  if (next && !pieces.some((p) => p === next || sameSpan(p, next))) pieces.push(next);
  return fitBudget(
    ctx,
    input.question,
    (list) => ({ shown: list, text: join([opening, ...list.map((e) => statement(ctx, e))]) }),
    pieces,
    confidence,
    keep,
  );
}

/** How many pieces of evidence a yes/no verdict reads: the best answers, newest first, then the next by rank. */
const VERDICT_DEPTH = 8;

function yesNoVerdict(
  ctx: ComposeContext,
  relevant: RankedEvidence[],
  q: YesNoQuestion,
  byNewest: (x: Evidence, y: Evidence) => number,
): Verdict {
  const most = Math.max(...relevant.map((r) => r.coverage));
  const best = relevant.filter((r) => r.coverage >= most - 0.01).map((r) => r.evidence);
  const rest = relevant.map((r) => r.evidence).filter((e) => !best.includes(e));
  return verdictOf(
    [...best].sort(byNewest).slice(0, VERDICT_DEPTH),
    rest.slice(0, VERDICT_DEPTH).sort(byNewest),
    q,
    ctx.language === 'ru' ? 'ru' : 'en',
  );
}

/** A question about a time after the newest source: where the sources end, and what the bot can answer instead. */
export function composeBeyond(ctx: ComposeContext, question: string, until: PartialDate, examples: string[]): Answer {
  return composeNoSource(ctx, question, examples, messagesFor(ctx).sourcesEnd(formatPartialDate(until, ctx.language)));
}

/** The honest "no source" answer: `lead` says why (by default, that there is no source), then what the bot can answer. */
export function composeNoSource(ctx: ComposeContext, question: string, examples: string[], lead?: string): Answer {
  const m = messagesFor(ctx);
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
    text: join([lead ?? m.noSource, scope, m.youCouldAsk, suggestions.map((s) => `“${s}”`).join(' ')]),
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
