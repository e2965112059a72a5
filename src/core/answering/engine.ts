import { analyseQuestion, MONTH_NAMES, type Analysis } from './analyse.js';
import { composeFromPassages, composeFromTopic, composeNoSource, type ComposeContext } from './compose.js';
import { createEntityMatcher } from './entities.js';
import type { KnowledgeBase } from '../knowledge/parse.js';
import { MESSAGES } from './messages.js';
import { buildPassages, entityKey, type Passage } from './passages.js';
import { choosePassages, rankPassages, type Concept, type RankedPassage } from './ranking.js';
import { buildIndex, type PassageIndex } from './search-index.js';
import { isCyrillic, isStopword, stem, tokenize } from '../text.js';
import { createTopicMatcher, type TopicMatch } from './topics.js';
import type { Answer, AskOptions, Fact, Language, Source } from '../types.js';

/** Questions longer than this are answered on their first part: no one asks about the border in 10,000 characters. */
export const MAX_QUESTION_CHARS = 500;

/** Words for "border": a border question naming a third country asks about another border. */
const BORDER_STEMS = new Set(['border', 'boundari', 'frontier', 'границ', 'рубеж']);

/** How the engine decided to answer: the reason is for logs, tests and `--explain`, never for users. */
export type Decision = { via: 'none'; reason: string } | { via: 'facts'; topic: TopicMatch } | { via: 'passages'; chosen: RankedPassage[] };

export interface Engine {
  ask(question: string, options: AskOptions & { now: Date }): Answer;
  /** The analysis, the decision and the ranked passages behind an answer. */
  explain(question: string): { analysis: Analysis; decision: Decision; ranked: RankedPassage[] };
  examples(language: Language): string[];
  /** Makes a source searchable from the next question: its passages are added to the index in place. */
  addSource(source: Source): void;
  /** Stops using a source at once: its passages leave the index, and so do the facts quoting it. */
  removeSource(id: string): void;
  /** A validated fact (see validateFact) answers from the next question on. */
  addFact(fact: Fact): void;
  removeFact(id: string): void;
  readonly passages: Passage[];
  index: PassageIndex;
}

/** Builds the passages, the index and the matchers once; `ask` is then pure and synchronous. */
export function createEngine(kb: KnowledgeBase, prebuilt?: { passages: Passage[]; index: PassageIndex }): Engine {
  const matcher = createEntityMatcher(kb.gazetteer);
  const passages = prebuilt?.passages ?? buildPassages(kb.sources.values(), matcher);
  const index = prebuilt?.index ?? buildIndex(passages);
  const byId = new Map(passages.map((p) => [p.id, p]));
  let nextId = passages.reduce((m, p) => Math.max(m, p.id), -1) + 1;
  let topics = createTopicMatcher([...kb.topics.values()], kb.facts, kb.sources, matcher);
  const refreshTopics = () => (topics = createTopicMatcher([...kb.topics.values()], kb.facts, kb.sources, matcher));
  const glossary = kb.glossary.map((g) => [...new Set(g.flatMap((w) => tokenize(w).map(stem)))]);
  const synonymMemo = new Map<string, string[]>();
  /** The word and its glossary synonyms (stems), the word first. */
  const synonyms = (s: string): string[] => {
    let out = synonymMemo.get(s);
    if (!out) {
      const same = (w: string) => w === s || (w.length >= 4 && s.startsWith(w)) || (isCyrillic(s) && s.length >= 5 && w.startsWith(s));
      out = [...new Set([s, ...glossary.filter((g) => g.some(same)).flat()])];
      if (synonymMemo.size > 50_000) synonymMemo.clear();
      synonymMemo.set(s, out);
    }
    return out;
  };
  const subjectCountries = new Set(kb.gazetteer.filter((e) => e.type === 'country' && e.inScope).map((e) => e.id));
  const examples = (language: Language) => MESSAGES[language].examples;
  // Stemmed words of the passages re-ranked lately: the same passages come up again and again.
  const wordCache = new Map<number, Set<string>>();
  const wordsOf = (p: Passage): Set<string> => {
    let w = wordCache.get(p.id);
    if (!w) {
      if (wordCache.size >= 20_000) wordCache.clear();
      w = new Set(tokenize(p.text).map(stem));
      wordCache.set(p.id, w);
    }
    return w;
  };
  /** A word the sources never use (and no stopword) may be a misspelling of one they do. */
  const mayBeTypo = (s: string) => !index.has(s) && !isStopword(s);

  function concepts(a: Analysis): Concept[] {
    const out: Concept[] = a.content.map((s) => ({ stems: synonyms(s), content: true }));
    for (const e of a.entities) out.push({ stems: [], entity: entityKey(e.id), content: false });
    for (const d of a.dates) {
      if (d.year) out.push({ stems: [], year: String(d.year), content: false });
      if (d.month) out.push({ stems: [stem(MONTH_NAMES[d.month - 1]!)], content: false });
      if (d.day) out.push({ stems: [String(d.day)], content: false });
    }
    return out;
  }

  function decide(question: string): { analysis: Analysis; decision: Decision; ranked: RankedPassage[] } {
    const a = analyseQuestion(question.replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION_CHARS), matcher, mayBeTypo);
    const out = (decision: Decision, ranked: RankedPassage[] = []) => ({ analysis: a, decision, ranked });
    if (!a.tokens.length) return out({ via: 'none', reason: 'empty question' });
    const countries = new Set(a.entities.filter((e) => e.entry.type === 'country').map((e) => e.id));
    if (countries.size && ![...countries].some((id) => subjectCountries.has(id)))
      return out({ via: 'none', reason: 'names only countries outside the subject' });
    const ours = [...countries].filter((id) => subjectCountries.has(id)).length;
    if (a.stems.some((s) => BORDER_STEMS.has(s)) && countries.size > ours && ours < subjectCountries.size) {
      return out({ via: 'none', reason: 'asks about a border with a third country' });
    }

    // A name the sources never use means a subject they do not cover ("the capital of France").
    const unknown = a.names.filter((n) => !index.has(n));
    if (unknown.length) return out({ via: 'none', reason: `names something the sources never mention: ${unknown.join(', ')}` });

    const topic = topics.match(a, mayBeTypo);
    if (topic) return out({ via: 'facts', topic });

    // Most of the question's own words unknown to the sources: not our subject ("a recipe for plov").
    // A Russian word the glossary cannot carry over to the English sources says nothing either way;
    // an English one that is a typo of a known word counts as known.
    const judged = a.content.filter((s) => !isCyrillic(s) || synonyms(s).length > 1);
    const isKnown = (s: string) => synonyms(s).some((x) => index.has(x)) || (!isCyrillic(s) && index.nearest(s) !== null);
    if (judged.length && judged.filter(isKnown).length / judged.length < 0.5)
      return out({ via: 'none', reason: 'most of its words are not in the sources' });

    const cs = concepts(a);
    const dateTerms = cs.filter((c) => !c.content && !c.entity && !c.year).flatMap((c) => c.stems);
    const results = index.search({
      terms: [...new Set([...a.content, ...dateTerms])],
      synonyms: [...new Set(cs.flatMap((c) => c.stems))].filter((s) => !a.content.includes(s) && !dateTerms.includes(s)),
      entities: [...new Set(a.entities.map((e) => entityKey(e.id)))],
      years: [...new Set(cs.flatMap((c) => (c.year ? [c.year] : [])))],
    });
    const ranked = rankPassages(a, cs, results, byId, mayBeTypo, wordsOf);
    const chosen = choosePassages(ranked);
    return chosen.length
      ? out({ via: 'passages', chosen }, ranked)
      : out({ via: 'none', reason: 'no sentence covers enough of the question' }, ranked);
  }

  function ask(question: string, options: AskOptions & { now: Date }): Answer {
    const { analysis, decision } = decide(question);
    const language = options.language ?? analysis.language;
    const ctx: ComposeContext = { language, now: options.now, sources: kb.sources, matcher };
    if (decision.via === 'facts') return composeFromTopic(ctx, question, decision.topic);
    if (decision.via === 'passages') {
      const confidence = Math.min(0.85, 0.3 + 0.5 * Math.min(1, decision.chosen[0]!.coverage));
      return composeFromPassages(
        ctx,
        question,
        decision.chosen.map((r) => r.passage),
        confidence,
      );
    }
    return composeNoSource(ctx, question, examples(language));
  }

  return {
    ask,
    explain: decide,
    examples,
    index,
    get passages() {
      return [...byId.values()];
    },
    addSource(source) {
      if (kb.sources.has(source.id)) this.removeSource(source.id);
      kb.sources.set(source.id, source);
      const added = buildPassages([source], matcher, nextId);
      nextId += added.length;
      for (const p of added) byId.set(p.id, p);
      index.add(added);
    },
    removeSource(id) {
      const gone = [...byId.values()].filter((p) => p.sourceId === id).map((p) => p.id);
      index.discard(gone);
      for (const g of gone) byId.delete(g);
      kb.facts = kb.facts.filter((f) => f.sourceId !== id);
      kb.sources.delete(id);
      refreshTopics();
    },
    addFact(fact) {
      kb.facts = [...kb.facts.filter((f) => f.id !== fact.id), fact];
      refreshTopics();
    },
    removeFact(id) {
      kb.facts = kb.facts.filter((f) => f.id !== id);
      refreshTopics();
    },
  };
}
