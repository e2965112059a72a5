import type { Analysis, DateMention } from './analyse.js';
import { endOfDay, endOfMonth, endOfYear } from 'date-fns';
import { latestDay, parsePartialDate } from '../dates.js';
import type { EntityMatcher } from './entities.js';
import { editDistance, isCyrillic, stem, tokenize, typoAllowance } from '../text.js';
import type { Fact, Source, Topic } from '../types.js';

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
  // Russian stems keep more of the ending ("перемещ" from "перемещено", "перемещен" from "перемещенных").
  if (isCyrillic(questionStem) && questionStem.length >= 5 && keywordStem.startsWith(questionStem)) return true;
  if (!mayBeTypo(questionStem)) return false;
  const allowance = Math.min(typoAllowance(questionStem.length), typoAllowance(keywordStem.length));
  return (
    allowance > 0 && isCyrillic(questionStem) === isCyrillic(keywordStem) && editDistance(questionStem, keywordStem, allowance) <= allowance
  );
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

/** Whether a fact fits one date the question names; a month or day without a year is tried in each year the fact spans. */
function fitsDate(f: Fact, source: Source, m: DateMention): boolean {
  const [lo, hi] = factSpan(f, source);
  if (m.year !== undefined) {
    const span = mentionSpan(m)!;
    return span[0] <= hi && lo <= span[1];
  }
  const precise = (f.start ?? f.date ?? source.published).length;
  if ((m.day !== undefined && precise < 10) || (m.month !== undefined && precise < 7)) return false;
  for (let year = lo.getFullYear(); year <= hi.getFullYear(); year++) {
    const span = mentionSpan({ ...m, year })!;
    if (span[0] <= hi && lo <= span[1]) return true;
  }
  return false;
}

/**
 * Matches a question to the topic of structured facts that answers it.
 * A topic matches when the question has a word from each of its keyword groups, the question's kind is one the topic
 * answers, every entity the question names (beyond the two countries) appears in the topic's facts, and some of its facts
 * fit the dates the question names. Null means no topic: the answer then comes from passages.
 */
export function createTopicMatcher(topics: Topic[], facts: Fact[], sources: Map<string, Source>, matcher: EntityMatcher) {
  const compiled = topics
    .map((topic) => ({
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
    }))
    .map((c) => ({ ...c, named: new Set(c.groups.flat().flatMap((k) => ('entity' in k ? [k.entity] : []))) }));
  const factEntities = new Map(
    facts.map((f) => [
      f,
      new Set(matcher.find(tokenize(`${f.quote} ${f.text.en} ${f.name ?? ''} ${f.place ?? ''}`).map(stem)).map((h) => h.id)),
    ]),
  );
  const subjectCountries = new Set(matcher.entries.filter((e) => e.type === 'country' && e.inScope).map((e) => e.id));

  return {
    /** `mayBeTypo` says which question words may be misspelt keywords: those the sources never use. */
    match(a: Analysis, mayBeTypo: (stem: string) => boolean = () => true): TopicMatch | null {
      let best: TopicMatch | null = null;
      for (const c of compiled) {
        if (!c.topic.answers.includes(a.kind)) continue;
        if (!c.groups.every((g) => g.some((k) => keywordHit(k, a, mayBeTypo)))) continue;
        const named = c.named;
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
