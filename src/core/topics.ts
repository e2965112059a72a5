import type { Analysis, DateMention } from './analyse.js';
import { endOfDay, endOfMonth, endOfYear } from 'date-fns';
import { latestDay, parsePartialDate } from './dates.js';
import type { EntityMatcher } from './entities.js';
import { editDistance, isCyrillic, stem, tokenize, typoAllowance } from './text.js';
import type { Fact, Source, Topic } from './types.js';

export interface TopicMatch {
  topic: Topic;
  /** How many keyword groups the question matched (all of them, or it would not be a match). */
  groups: number;
  /** The topic's facts that fit the question's dates, in no particular order. */
  facts: Fact[];
}

type Keyword = { entity: string } | { stems: string[] };

/** Same stem, a longer form of it ("ratifi" for "ratif"), or a typo of it ("bordr" for "border"). */
function stemMatches(questionStem: string, keywordStem: string, mayBeTypo: (s: string) => boolean): boolean {
  if (questionStem === keywordStem || (keywordStem.length >= 4 && questionStem.startsWith(keywordStem))) return true;
  if (!mayBeTypo(questionStem)) return false;
  const allowance = Math.min(typoAllowance(questionStem.length), typoAllowance(keywordStem.length));
  return allowance > 0 && isCyrillic(questionStem) === isCyrillic(keywordStem) && editDistance(questionStem, keywordStem, allowance) <= allowance;
}

function keywordHit(k: Keyword, a: Analysis, mayBeTypo: (s: string) => boolean): boolean {
  if ('entity' in k) return a.entities.some((e) => e.id === k.entity);
  return k.stems.every((ks) => a.stems.some((qs) => stemMatches(qs, ks, mayBeTypo)));
}

/** The span of days a fact is about: its event's start to end, or the day it was stated. */
function factSpan(f: Fact, source: Source): [Date, Date] {
  const lo = f.start ?? f.date ?? source.published;
  return [parsePartialDate(lo)!, latestDay(f.end ?? lo)];
}

function mentionSpan(m: DateMention): [Date, Date] | null {
  if (m.year === undefined) return null;
  if (m.month === undefined) return [new Date(m.year, 0, 1), endOfYear(new Date(m.year, 0, 1))];
  if (m.day === undefined) return [new Date(m.year, m.month - 1, 1), endOfMonth(new Date(m.year, m.month - 1, 1))];
  const d = new Date(m.year, m.month - 1, m.day);
  return [d, endOfDay(d)];
}

/** Whether a fact fits one date the question names; a month or day without a year is matched on its own. */
function fitsDate(f: Fact, source: Source, m: DateMention): boolean {
  const [lo, hi] = factSpan(f, source);
  const span = mentionSpan(m);
  if (span) return span[0] <= hi && lo <= span[1];
  const days: Date[] = [];
  for (let d = new Date(lo); d <= hi && days.length < 400; d = new Date(d.getTime() + 86_400_000)) days.push(d);
  const precise = (f.start ?? f.date ?? source.published).length;
  if (m.day !== undefined && precise < 10) return false;
  if (m.month !== undefined && precise < 7) return false;
  return days.some((d) => (m.month === undefined || d.getMonth() + 1 === m.month) && (m.day === undefined || d.getDate() === m.day));
}

/**
 * Matches a question to the topic of structured facts that answers it.
 * A topic matches when the question has a word from each of its keyword groups, the question's kind is one the topic
 * answers, every entity the question names (beyond the two countries) appears in the topic's facts, and some of its facts
 * fit the dates the question names. Null means no topic: the answer then comes from passages.
 */
export function createTopicMatcher(topics: Topic[], facts: Fact[], sources: Map<string, Source>, matcher: EntityMatcher) {
  const compiled = topics.map((topic) => ({
    topic,
    groups: topic.keywords.map((group) =>
      group.map((word): Keyword => {
        if (word.startsWith('@')) {
          const entry = matcher.byName(word.slice(1));
          if (!entry) throw new Error(`topic "${topic.id}": "${word}" names no gazetteer entry`);
          return { entity: entry.id };
        }
        return { stems: tokenize(word).map(stem) };
      }),
    ),
    facts: facts.filter((f) => f.topic === topic.id || f.also?.includes(topic.id)),
  }));
  const factEntities = new Map(
    facts.map((f) => [f, new Set(matcher.find(tokenize(`${f.quote} ${f.text.en} ${f.name ?? ''} ${f.place ?? ''}`).map(stem)).map((h) => h.id))]),
  );
  const subjectCountries = new Set(matcher.entries.filter((e) => e.type === 'country' && e.inScope).map((e) => e.id));

  return {
    /** `mayBeTypo` says which question words may be misspelt keywords: those the sources never use. */
    match(a: Analysis, mayBeTypo: (stem: string) => boolean = () => true): TopicMatch | null {
      let best: TopicMatch | null = null;
      for (const c of compiled) {
        if (!c.topic.answers.includes(a.kind)) continue;
        if (!c.groups.every((g) => g.some((k) => keywordHit(k, a, mayBeTypo)))) continue;
        const named = new Set(c.groups.flat().flatMap((k) => ('entity' in k ? [k.entity] : [])));
        let candidates = c.facts.filter((f) =>
          a.entities.every((e) => subjectCountries.has(e.id) || named.has(e.id) || factEntities.get(f)!.has(e.id)),
        );
        if (a.dates.length) candidates = candidates.filter((f) => a.dates.some((m) => fitsDate(f, sources.get(f.sourceId)!, m)));
        if (!candidates.length) continue;
        if (!best || c.groups.length > best.groups) best = { topic: c.topic, groups: c.groups.length, facts: candidates };
      }
      return best;
    },
  };
}
