import { analyseQuestion, isFollowUp, MONTH_NAMES, withPrevious, type Analysis } from './analyse.js';
import { carries, isFigure, namesType, TYPE_TERMS } from './answer-type.js';
import { composeBeyond, composeEvidence, composeNoSource, dedupe, type ComposeContext } from './compose.js';
import { createEntityMatcher } from './entities.js';
import { factEvidence, sameSpan, sentenceEvidence, squashed, type Evidence } from './evidence.js';
import { createEvidenceTable } from './evidence-table.js';
import { composeJudgement } from './judgement.js';
import { yesNoQuestion } from './verdict.js';
import { markWithdrawn, type KnowledgeBase } from '../knowledge/parse.js';
import { KY_TG_TEXTS } from '../languages/index.js';
import { MESSAGES } from './messages.js';
import { buildPassages, entityKey, type Passage } from './passages.js';
import { rankEvidence, settleParts, toWords, type Concept, type RankedEvidence, type Words } from './ranking.js';
import { buildIndex, type IndexDoc, type PassageIndex } from './search-index.js';
// Before any search: how MiniSearch merges a query's options (see the module).
import './minisearch-options.js';
import { createSynonyms, learnTranslations } from './synonyms.js';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { compareNewestFirst, latestDay } from '../dates.js';
import { isCyrillic, isStopword, stem, tokenize } from '../text.js';
import { sharedWordNet, type Thesaurus } from './wordnet.js';
import { inLanguage, messagesFor } from './wording.js';
import type { Answer, AnswerLanguage, AskOptions, Fact, Source } from '../types.js';

/**
 * What chat adds around a question and is not part of it: HTML-like tags ("<b>"), Discord's mention, channel and
 * emoji syntax ("<@123>", "<#123>", "<:name:123>"), and @mentions ("@everyone", "@border_bot"). Read as words,
 * they were words no source uses, and a plain question wrapped in them went unanswered.
 */
function withoutChatMarkup(q: string): string {
  return q
    .replace(/<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/g, ' ')
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/gi, ' ')
    .replace(/(^|\s)@\w+/g, '$1');
}

/** Questions longer than this are answered on their first part: no one asks about the border in 10,000 characters. */
export const MAX_QUESTION_CHARS = 500;

/** Words for "border": a border question naming a third country asks about another border. */
const BORDER_STEMS = new Set(['border', 'boundari', 'frontier', 'границ', 'рубеж']);

/** How far (in characters) the other side's reply may stand from a claim in the same article. */
const REPLY_WINDOW = 2_000;

/** A synonym in more than this share of the evidence is not searched. */
const SYNONYM_SHARE = 0.2;
/** A word in more than this share of the evidence weighs half. */
const COMMON_SHARE = 0.08;
/** What a question word the sources never use weighs: the question may still be answered without it. */
const UNKNOWN_WEIGHT = 0.25;

/** Words that put a question in the present or the days around it, which a source more than a week old cannot answer. */
const PRESENT =
  /(?<![\p{L}])(today|tonight|tomorrow|yesterday|right now|this week|сегодня|завтра|вчера|прямо сейчас|на этой неделе)(?![\p{L}'’])/iu;

/** A year named relative to today: "next year", "this year", "в следующем году". */
const RELATIVE_YEAR = /(?<![\p{L}])(next year|this year|в следующем году|в этом году|в будущем году|в текущем году)(?![\p{L}])/iu;
const yearAfter = (now: Date, question: string): number =>
  now.getUTCFullYear() + (/next|следующ|будущ/i.test(RELATIVE_YEAR.exec(question)?.[1] ?? '') ? 1 : 0);

/** The question is in scope, but no evidence covers enough of it. */
const NOT_COVERED = 'no evidence covers enough of the question';

/** How the engine decided to answer: the reason is for logs, tests and `--explain`, never for users. */
export type Decision =
  | { via: 'none'; reason: string }
  | { via: 'beyond'; until: string }
  | { via: 'evidence' | 'judgement'; relevant: RankedEvidence[]; concepts: Concept[] };

export interface Engine {
  ask(question: string, options: AskOptions & { now: Date }): Answer;
  /** The analysis, the decision and the ranked evidence behind an answer. */
  explain(question: string, previousQuestion?: string, now?: Date): { analysis: Analysis; decision: Decision; ranked: RankedEvidence[] };
  examples(language: AnswerLanguage): string[];
  /** Makes a source searchable from the next question: its sentences are added to the index in place. */
  addSource(source: Source): void;
  /** Stops using a source at once: its sentences, passages and facts leave the index. */
  removeSource(id: string): void;
  /** A validated fact (see validateFact) answers from the next question on. */
  addFact(fact: Fact): void;
  removeFact(id: string): void;
  readonly passages: Passage[];
  index: PassageIndex;
  /** The Russian-to-English lexicon learnt from the facts and passages the engine was built over. */
  readonly translations: Map<string, string[]>;
}

/** Builds the evidence, the index and the matchers once; `ask` is then pure and synchronous. */
export function createEngine(
  kb: KnowledgeBase,
  prebuilt?: { passages: Passage[]; index: PassageIndex; translations?: Map<string, string[]> },
  thesaurus: Thesaurus = sharedWordNet(),
): Engine {
  const matcher = createEntityMatcher(kb.gazetteer);
  const evidence = createEvidenceTable(kb, prebuilt?.passages ?? buildPassages(kb.sources.values(), matcher), matcher);
  let index: PassageIndex;
  if (prebuilt) {
    index = prebuilt.index;
    // A saved index may predate facts or passages added to the files since: those join it now.
    const missing = evidence.writtenKeys().filter((k) => !index.hasDoc(k));
    index.add(missing.flatMap((k) => evidence.get(k)?.doc ?? []));
  } else index = buildIndex(evidence.all().map((e) => e.doc));
  let nextId = evidence.sentences().reduce((m, p) => Math.max(m, p.id), -1) + 1;
  const translations =
    prebuilt?.translations ??
    learnTranslations(
      evidence.writtenKeys().flatMap((k) => {
        const e = evidence.get(k);
        return e?.bot
          ? [{ en: `${e.bot.en} ${e.questions?.en.join(' ') ?? ''}`, ru: `${e.bot.ru} ${e.questions?.ru.join(' ') ?? ''}` }]
          : [];
      }),
    );
  const synonyms = createSynonyms(kb.glossary, index, thesaurus, translations);
  const subjectCountries = new Set(kb.gazetteer.filter((e) => e.type === 'country' && e.inScope).map((e) => e.id));
  const examples = (language: AnswerLanguage) =>
    language === 'en' || language === 'ru' ? MESSAGES[language].examples : KY_TG_TEXTS[language].messages.examples;
  /** A sentence or written-up passage that a fact moderators took back quotes (or that quotes it): not evidence any more. */
  const isWithdrawn = (e: Evidence): boolean =>
    e.kind !== 'fact' &&
    !!kb.withdrawn?.some((w) => {
      if (w.sourceId !== e.sourceId) return false;
      const [q, s] = [squashed(w.quote), squashed(e.quote)];
      return s.includes(q) || q.includes(s);
    });
  const wordCache = new Map<number | string, Words>();
  const wordsOf = (e: Evidence): Words => {
    let w = wordCache.get(e.key);
    if (!w) {
      if (wordCache.size >= 20_000) wordCache.clear();
      w = toWords(tokenize(`${e.doc.text} ${e.doc.bot ?? ''} ${e.doc.questions ?? ''} ${e.doc.topic ?? ''}`).map(stem));
      wordCache.set(e.key, w);
    }
    return w;
  };
  const questionCache = new Map<number | string, Array<Set<string>>>();
  /** Each question a fact or passage answers, as a set of stems without stopwords. */
  const questionsOf = (e: Evidence): Array<Set<string>> => {
    let qs = questionCache.get(e.key);
    if (!qs) {
      if (questionCache.size >= 20_000) questionCache.clear();
      qs = (e.doc.questions ?? '')
        .split(' \n ')
        .filter(Boolean)
        .map(
          (q) =>
            new Set(
              tokenize(q)
                .filter((t) => !isStopword(t))
                .map(stem),
            ),
        );
      questionCache.set(e.key, qs);
    }
    return qs;
  };
  const neighbour = (e: Evidence, step: 1 | -1) => {
    if (e.kind !== 'sentence') return undefined;
    const n = evidence.get((e.key as number) + step);
    return n && n.sourceId === e.sourceId ? n : undefined;
  };
  const mayBeTypo = (s: string) => !index.has(s);
  /** Where the evidence starts and ends in its source's text (-1 when the quote is joined from pieces). */
  const spanCache = new Map<number | string, [number, number]>();
  const spanOf = (e: Evidence): [number, number] => {
    let span = spanCache.get(e.key);
    if (!span) {
      if (e.passage) span = [e.passage.start, e.passage.end];
      else {
        const at = kb.sources.get(e.sourceId)?.text.indexOf(e.quote.slice(0, 60)) ?? -1;
        span = [at, at < 0 ? -1 : at + e.quote.length];
      }
      if (spanCache.size >= 20_000) spanCache.clear();
      spanCache.set(e.key, span);
    }
    return span;
  };
  // Evidence by source, built when first asked for and dropped when the source's evidence changes.
  const bySource = new Map<string, Evidence[]>();
  const ofSource = (id: string): Evidence[] => {
    let list = bySource.get(id);
    if (!list) {
      list = evidence.ofSource(id);
      if (bySource.size >= 1_000) bySource.clear();
      bySource.set(id, list);
    }
    return list;
  };
  /**
   * The evidence that follows this one in its source: for "why" and "how" the explanation is often the next
   * sentence (the answer window of passage retrieval). A written-up passage starting there is preferred.
   */
  const following = (e: Evidence): Evidence | undefined => {
    const [, end] = spanOf(e);
    if (end < 0) return undefined;
    const source = kb.sources.get(e.sourceId)!;
    const next = source.text.slice(end).search(/\S/);
    if (next < 0) return undefined;
    const at = end + next;
    let sentence: Evidence | undefined;
    for (const x of ofSource(e.sourceId)) {
      if (x === e) continue;
      const [start] = spanOf(x);
      if (start !== at) continue;
      if (x.kind === 'passage') return x;
      if (x.kind === 'sentence') sentence = x;
    }
    return sentence;
  };
  /**
   * A party's account of the matter of this evidence: its position under the same topic, or its account nearest in
   * the same source that `accept` takes. A neutral account introduces a matter and the sides' accounts of it follow
   * it, so for a neutral account only what comes after it is looked at.
   */
  const reply = (e: Evidence, party: string, accept: (x: Evidence) => boolean = () => true): Evidence | undefined => {
    // A position grouped with this evidence under its topic is the party's word on the same matter.
    const f = e.fact;
    const peer = f ? kb.facts.find((g) => g.topic === f.topic && g.party?.toLowerCase() === party) : undefined;
    if (peer) return evidence.get(`f:${peer.id}`);
    const [start] = spanOf(e);
    let best: Evidence | undefined;
    let distance = REPLY_WINDOW;
    for (const x of ofSource(e.sourceId)) {
      if (x.party !== party || (!e.party && spanOf(x)[0] < start)) continue;
      const d = Math.abs(spanOf(x)[0] - start);
      if (d < distance && accept(x)) [best, distance] = [x, d];
    }
    return best;
  };
  let newestCache: string | null = null;
  /** The newest source's date: where the sources end. */
  const newest = (): string => (newestCache ??= [...kb.sources.values()].map((s) => s.published).sort(compareNewestFirst)[0]!);

  /** The question's own word for one of its stems. */
  const wordOf = (a: Analysis, s: string): string => a.tokens[a.stems.indexOf(s)] ?? s;
  /**
   * The indexed word a stem is a slip of ("bordr": "border"), or null. An English word WordNet lists is a word of its
   * own, not a slip of one the sources use ("currency" is not "current").
   */
  const slipOf = (a: Analysis, s: string): string | null => (!isCyrillic(s) && thesaurus.knows(wordOf(a, s)) ? null : index.nearest(s));

  function concepts(a: Analysis): Concept[] {
    // A word the sources never use, and one most evidence uses, tells little about which evidence answers.
    // A word the sources never use, reached only through WordNet's synonyms ("promise": "hope", "assure"), is a
    // guess: it weighs as a common word, so evidence lacking it may still answer ("what did Japarov promise").
    const nearest = (s: string) => slipOf(a, s);
    const weightOf = (s: string, stems: string[]) =>
      stems.some((x) => index.has(x)) || nearest(s)
        ? index.share(s) > COMMON_SHARE || !synonyms.glossary(s).some((x) => index.has(x) || !!nearest(x))
          ? 0.5
          : 1
        : UNKNOWN_WEIGHT;
    const typeWord = (s: string) => namesType(wordOf(a, s), a.expects);
    const out: Concept[] = a.content
      .filter((s) => !typeWord(s) || a.content.length === 1)
      .map((s) => {
        // A word the sources never use but a letter or two from one they do is that word, misspelt ("bordr"):
        // corrected once here rather than matched fuzzily against every candidate.
        const fixed = index.has(s) || isCyrillic(s) ? null : nearest(s);
        // The Russian stemmer cuts one word's forms differently ("делимитирова", "делимитац"): a Russian word the
        // index lacks takes the indexed words that share its first seven letters.
        const forms = !fixed && isCyrillic(s) && s.length >= 8 && !index.has(s) ? index.completions(s.slice(0, 7)) : [];
        const stems = fixed
          ? [...new Set([fixed, ...synonyms.of(fixed, a).slice(1), ...synonyms.of(s, a).slice(1)])]
          : [...new Set([...synonyms.of(s, a), ...forms])];
        return { stems, content: true, weight: weightOf(s, stems) };
      });
    for (const s of a.context) out.push({ stems: [s], content: true, weight: 0.5, context: true });
    // Both countries of the dispute named together are the subject of everything the bot knows: they tell no
    // evidence apart. One of them alone ("what drones does Kyrgyzstan have") says whose side is asked about.
    const named = a.entities.filter((e) => subjectCountries.has(e.id));
    const both = new Set(named.map((e) => e.id)).size >= subjectCountries.size;
    for (const e of a.entities) {
      if (subjectCountries.has(e.id) && both) continue;
      const country = e.entry.type === 'country';
      out.push({ stems: [], entity: entityKey(e.id), content: false, weight: country ? 1 : 1.5, required: !country });
    }
    for (const d of a.dates) {
      if (d.year) out.push({ stems: [], year: String(d.year), content: false, weight: 1 });
      if (d.month) out.push({ stems: [stem(MONTH_NAMES[d.month - 1]!)], content: false, weight: 1 });
      // A day names one event: evidence of another day of that month is about something else.
      if (d.day) out.push({ stems: [String(d.day)], content: false, weight: 1, required: true });
    }
    return out;
  }

  function analyse(question: string, previous?: string, reading?: 'gloss'): Analysis {
    const clean = (q: string) => withoutChatMarkup(q).replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION_CHARS);
    const a = analyseQuestion(clean(question), matcher, mayBeTypo, reading);
    if (!previous?.trim() || !isFollowUp(a)) return a;
    return withPrevious(a, analyseQuestion(clean(previous), matcher, mayBeTypo, reading));
  }

  function decide(
    question: string,
    previous?: string,
    now: Date = new Date(),
  ): { analysis: Analysis; decision: Decision; ranked: RankedEvidence[] } {
    const read = decideOn(analyse(question, previous), previous, now);
    // A Kyrgyz or Tajik word may name something else in the gazetteer than the gloss does ("ТИМ", any
    // foreign ministry, is listed for Kyrgyzstan's): when its own words find nothing, the gloss alone is tried.
    if (read.decision.via !== 'none' || read.decision.reason !== NOT_COVERED || !read.analysis.gloss) return read;
    const glossed = decideOn(analyse(question, previous, 'gloss'), previous, now);
    return glossed.decision.via === 'none' ? read : glossed;
  }

  function decideOn(
    a: Analysis,
    previous: string | undefined,
    now: Date,
  ): { analysis: Analysis; decision: Decision; ranked: RankedEvidence[] } {
    const out = (decision: Decision, ranked: RankedEvidence[] = []) => ({ analysis: a, decision, ranked });
    if (!a.tokens.length) return out({ via: 'none', reason: 'empty question' });
    const until = newest();
    // A question about a time after the newest source ("what will happen in 2026?") is told where the sources end,
    // however little else it names.
    const asksAfter =
      a.dates.some((d) => d.year && d.year > Number(until.slice(0, 4))) ||
      (RELATIVE_YEAR.exec(a.question)?.[1] && yearAfter(now, a.question) > Number(until.slice(0, 4)));
    const beyond = asksAfter || (PRESENT.test(a.question) && differenceInCalendarDays(now, latestDay(until)) > 7);
    if (!previous?.trim() && isFollowUp(a) && !a.content.length && !a.entities.length && !beyond)
      return out({ via: 'none', reason: 'a follow-up without the question it follows' });
    const countries = new Set(a.entities.filter((e) => e.entry.type === 'country').map((e) => e.id));
    // A place of the dispute named beside them ("the route from China if Karamik opened") keeps it in scope.
    const ownPlace = a.entities.some((e) => e.entry.inScope && e.entry.type !== 'country');
    if (countries.size && ![...countries].some((id) => subjectCountries.has(id)) && !ownPlace)
      return out({ via: 'none', reason: 'names only countries outside the subject' });
    const ours = [...countries].filter((id) => subjectCountries.has(id)).length;
    if (a.stems.some((s) => BORDER_STEMS.has(s)) && countries.size > ours && ours < subjectCountries.size)
      return out({ via: 'none', reason: 'asks about a border with a third country' });
    // A name the sources never use means a subject they do not cover ("the capital of France").
    const unknown = a.names.filter((n) => !index.has(n));
    if (unknown.length) return out({ via: 'none', reason: `names something the sources never mention: ${unknown.join(', ')}` });
    // Most of the question's own words unknown to the sources (and to the glossary): not our subject.
    const judged = a.content.filter((s) => !isCyrillic(s) || synonyms.glossary(s).length > 1);
    const isKnown = (s: string) => synonyms.glossary(s).some((x) => index.has(x)) || (!isCyrillic(s) && slipOf(a, s) !== null);
    if (judged.length && judged.filter(isKnown).length / judged.length < 0.5)
      return out({ via: 'none', reason: 'most of its words are not in the sources' });
    // A Kyrgyz or Tajik question whose unglossed words the sources never use outnumber the words they do is on
    // another subject ("the capital of France", "tomorrow's weather"): the lexicon knows the border's words.
    const strange = a.gloss?.unglossed.filter((s) => !index.has(s)) ?? [];
    const familiar = a.gloss?.glossed.filter((s) => index.has(s)).length ?? 0;
    if (strange.length && strange.length > familiar)
      return out({ via: 'none', reason: `Kyrgyz or Tajik words the sources never use: ${strange.join(', ')}` });
    if (beyond) return out({ via: 'beyond', until });

    const cs = concepts(a);
    // What the question asks about, in words the sources never use and nothing known translates ("погода" in
    // "какая погода в Баткене?"): evidence naming only the place would answer another question.
    // (A Russian word is not corrected as a typo, so a near spelling, "пород" for "погод", does not make it known.)
    const asked = cs.filter((c) => c.content && !c.context);
    if (asked.length && asked.every((c) => !c.stems.some((x) => index.has(x))))
      return out({ via: 'none', reason: 'none of its own words are in the sources' });
    const results = index.search({
      // The question's words as corrected (a typo's correction replaces it); a word still unknown is left out.
      terms: [...new Set(cs.filter((c) => c.content && !c.context && c.weight > UNKNOWN_WEIGHT).map((c) => c.stems[0]!))],
      synonyms: [
        ...new Set([...cs.filter((c) => !c.context).flatMap((c) => c.stems.slice(1)), ...(TYPE_TERMS[a.expects] ?? []).map(stem)]),
        // A synonym most of the evidence uses ("tajik" for "границ") finds everything and tells nothing.
      ].filter((s) => !cs.some((c) => c.content && c.stems[0] === s) && index.share(s) <= SYNONYM_SHARE),
      context: a.context,
      entities: [...new Set(a.entities.map((e) => entityKey(e.id)))],
      years: [...new Set(cs.flatMap((c) => (c.year ? [c.year] : [])))],
    });
    const ranked = rankEvidence({
      analysis: a,
      concepts: cs,
      results,
      byKey: evidence,
      matcher,
      // Misspellings were corrected when the concepts were made: candidates are matched exactly (and by prefix).
      mayBeTypo: () => false,
      wordsOf,
      questionsOf,
      neighbour,
      relaxed: a.judgement,
    });
    const relevant = settleParts(a, cs, dedupe(ranked.filter((r) => !isWithdrawn(r.evidence))));
    if (!relevant.length) return out({ via: 'none', reason: NOT_COVERED }, ranked);
    return out({ via: a.judgement ? 'judgement' : 'evidence', relevant, concepts: cs }, ranked);
  }

  function topicPeers(a: Analysis) {
    const years = a.dates.flatMap((d) => (d.year ? [String(d.year)] : []));
    return (f: Fact): Evidence[] =>
      kb.facts
        .filter((g) => g.topic === f.topic || g.also?.includes(f.topic) || f.also?.includes(g.topic))
        .map((g) => evidence.get(`f:${g.id}`)!)
        // A curated figure of the topic (it has a short form) answers a figure question even in words ("substantially agreed").
        // A party's position stays whatever is asked: it is the other side's account beside one side's answer.
        .filter(
          (e) =>
            e &&
            (!years.length || years.some((y) => e.years.includes(y))) &&
            (!!e.fact?.short || carries(e, a.expects, matcher) || (e.fact?.kind === 'position' && !!e.party)),
        )
        .filter((e) =>
          a.entities.every(
            (x) => subjectCountries.has(x.id) || x.entry.type === 'country' || ` ${e.doc.entities} `.includes(` ${entityKey(x.id)} `),
          ),
        );
  }

  function ask(question: string, options: AskOptions & { now: Date }): Answer {
    const { analysis, decision } = decide(question, options.context?.previousQuestion, options.now);
    const language = options.language ?? analysis.language;
    if (language === 'en' || language === 'ru') return composeIn(language, question, analysis, decision, options.now);
    // Kyrgyz and Tajik where the knowledge has every word of the answer in them; otherwise Russian, saying so first.
    let lacking = false;
    const own = composeIn(language, question, analysis, decision, options.now, () => (lacking = true));
    if (!lacking) return own;
    const ru = composeIn('ru', question, analysis, decision, options.now);
    return { ...ru, language, text: `${KY_TG_TEXTS[language].answeredInRussian}\n${ru.text}` };
  }

  function composeIn(
    language: AnswerLanguage,
    question: string,
    analysis: Analysis,
    decision: Decision,
    now: Date,
    lacking?: () => void,
  ): Answer {
    const ctx: ComposeContext = { language, now, sources: kb.sources, matcher, ...(lacking ? { lacking } : {}) };
    const suggestions = examples(language);
    if (decision.via === 'beyond') return composeBeyond(ctx, question, decision.until, suggestions);
    if (decision.via === 'judgement')
      return (
        composeJudgement(
          ctx,
          question,
          decision.relevant,
          reply,
          analysis.dates.flatMap((d) => (d.year ? [String(d.year)] : [])),
        ) ?? composeNoSource(ctx, question, suggestions)
      );
    if (decision.via === 'evidence') {
      return composeEvidence(ctx, {
        question,
        relevant: decision.relevant,
        wantsFigure: isFigure(analysis.expects),
        wantsLength: analysis.expects === 'length',
        typed: analysis.expects !== 'any',
        explains:
          analysis.kind === 'why' ||
          /^(how|why|what (caused|sparked|led|made|triggered))\b|^(почему|как|зачем)(?!\p{L})/u.test(analysis.question.toLowerCase()),
        following,
        factOf: (e) => ofSource(e.sourceId).find((x) => x.kind === 'fact' && sameSpan(x, e))?.fact,
        topicPeers: topicPeers(analysis),
        topicTitle: (f) => {
          const title = kb.topics.get(f.topic)?.title;
          return title ? inLanguage(ctx, title) : null;
        },
        ...(analysis.kind === 'yes-no' ? { yesNo: yesNoQuestion(analysis, decision.concepts) } : {}),
      });
    }
    const none = composeNoSource(ctx, question, suggestions);
    // A yes/no question is answered first: the sources say neither yes nor no.
    if (analysis.kind === 'yes-no') return { ...none, text: `${messagesFor(ctx).sourcesDontSay} ${none.text}` };
    return none;
  }

  const changed = (sourceIds: Iterable<string>) => {
    for (const id of sourceIds) bySource.delete(id);
    newestCache = null;
  };
  /** Evidence in place of any under the same keys, in the index too. */
  const put = (list: Evidence[]) => {
    changed(list.map((e) => e.sourceId));
    for (const e of list) {
      questionCache.delete(e.key);
      const old = index.hasDoc(e.key) ? evidence.get(e.key) : undefined;
      if (old) index.discard([old.doc]);
      evidence.put(e);
      wordCache.delete(e.key);
    }
    index.add(list.map((e) => e.doc));
  };
  const drop = (keys: Array<number | string>) => {
    const docs: IndexDoc[] = [];
    for (const k of keys) {
      const e = evidence.get(k);
      if (!e) continue;
      changed([e.sourceId]);
      docs.push(e.doc);
      evidence.delete(k);
      wordCache.delete(k);
    }
    index.discard(docs);
  };

  return {
    ask,
    explain: decide,
    examples,
    index,
    translations,
    get passages() {
      return evidence.sentences();
    },
    addSource(source) {
      if (kb.sources.has(source.id)) this.removeSource(source.id);
      kb.sources.set(source.id, source);
      const added = buildPassages([source], matcher, nextId);
      nextId += added.length;
      put(added.map((p) => sentenceEvidence(p, source)));
    },
    removeSource(id) {
      drop(evidence.ofSource(id).map((e) => e.key));
      kb.facts = kb.facts.filter((f) => f.sourceId !== id);
      kb.passages = kb.passages.filter((p) => p.sourceId !== id);
      kb.sources.delete(id);
      changed([id]);
    },
    addFact(fact) {
      put([factEvidence(fact, kb.sources.get(fact.sourceId)!, matcher, kb.topics)]);
      kb.facts = [...kb.facts.filter((f) => f.id !== fact.id), fact];
      markWithdrawn(kb, fact, false);
    },
    removeFact(id) {
      const fact = kb.facts.find((f) => f.id === id);
      if (fact) markWithdrawn(kb, fact, true);
      drop([`f:${id}`]);
      kb.facts = kb.facts.filter((f) => f.id !== id);
    },
  };
}
