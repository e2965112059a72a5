import type { SearchResult } from 'minisearch';
import type { Analysis } from './analyse.js';
import { carries, isFigure } from './answer-type.js';
import type { EntityMatcher } from './entities.js';
import type { Evidence } from './evidence.js';
import { editDistance, isCyrillic, isStopword, stem, tokenize, typoAllowance } from '../text.js';

/** One thing the question asks about: a word (with its synonyms), an entity, or a year. */
export interface Concept {
  /** The question's word first, then its synonyms (glossary, WordNet); only the first may be matched as a typo. */
  stems: string[];
  entity?: string;
  year?: string;
  /** Words of the question itself, as opposed to entities, years, months and days. */
  content: boolean;
  /** How much the concept weighs: an entity 1.5, a word 1, a word from the previous question (a follow-up) 0.5. */
  weight: number;
  /** A word of the previous question, for a follow-up. */
  context?: boolean;
  /** An entity other than the two countries: the evidence must name it, or it is about something else. */
  required?: boolean;
}

export interface RankedEvidence {
  evidence: Evidence;
  /** Share of the question's concepts the evidence covers (0 to 1). */
  coverage: number;
  /**
   * Coverage and the answer-type bonuses only: how well the evidence answers, whatever its form. BM25 and the
   * closeness to an authored question favour facts and written-up passages (more fields, more words); a source a
   * moderator just added has neither, and must still be able to lead when it answers as well.
   */
  base: number;
  score: number;
  /**
   * Whether it covers enough of the question to answer it unrelaxed: a judgement question takes any evidence on
   * the matter, but a side's account counts as its position only when it is on what was asked.
   */
  onMatter: boolean;
}

/** Evidence must cover at least this share of the question's concepts to answer it. */
export const MIN_COVERAGE = 0.4;
/** …and at least this share of the question's own words (weighted): paraphrases keep few of them. */
export const MIN_OWN = 0.4;
/** What a close match with one of the evidence's own questions adds to its score. */
const QUESTION_WEIGHT = 0.5;
/** What a number that counts the asked thing ("519.9 kilometers of the border" for "how much of the border") adds. */
const FOCUS_BONUS = 0.2;
/**
 * Words that ask what a side holds, says or wants. Only such a question is about one side's account: "the rest of
 * Tajikistan" in a question on the corridor's length does not make Kyrgyzstan's account a lesser answer.
 */
const STANCE =
  /\b(position|stance|view|views|say|says|said|hold|holds|claim|claims|think|thinks|consider|considers|argue|argues|want|wants|demand|demands|accuse|accuses|respond|responded|react|reacted)\b|позици|счита|говор|заявля|дума|требу|хоч|обвиня|отреагир/iu;
/** What one party's account loses on a question that names only the other party (see `askedSide`). */
const OTHER_SIDE_PENALTY = 0.25;

/**
 * Words that give a reason ("because", "due to", "led to", "из-за"). A "why" question is answered by a reason: evidence
 * that gives one ranks above evidence that only shares the question's words (a soft answer type; none is required).
 */
const REASON =
  /\b(because|due to|owing to|as a result|result of|caused?|causes|reasons?|stems? from|led to|leads to|lead to|sparked|triggered|fuell?ed|rooted in|since the|so that|over (?:water|land|pastures?|territory|access|the (?:border|land|water))|disputes? over)\b|потому что|из-за|поскольку|так как|причин\p{L}*|вызван\p{L}*|привел\p{L}*|привело|спор\p{L}* (?:из-за|о|за|вокруг)/iu;
const REASON_BONUS = 0.15;
/** Whether evidence gives a reason, tested once per piece of evidence: the pattern is long and "why" questions common. */
const givesReason = new WeakMap<Evidence, boolean>();
function reasonIn(ev: Evidence): boolean {
  let found = givesReason.get(ev);
  if (found === undefined)
    givesReason.set(ev, (found = REASON.test(ev.quote) || REASON.test(ev.bot?.en ?? '') || REASON.test(ev.bot?.ru ?? '')));
  return found;
}
/** What a statement that says what the asked place or thing is adds, for "what is X?" (see `definition`). */
const DEFINITION_BONUS = 0.25;
/** Words a counted thing may stand after its number: "32 petrol stations", "one-third of the border". */
const FOCUS_WINDOW = 4;

const NUMBER_WORD = /^(\d|(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|half|third)$)/;
/** Each piece of evidence's words, split once: its quote first, then the bot's sentences. */
const textTokens = new WeakMap<Evidence, string[][]>();
function tokensOf(ev: Evidence): string[][] {
  let texts = textTokens.get(ev);
  if (!texts) textTokens.set(ev, (texts = [ev.quote, ev.bot?.en ?? '', ev.bot?.ru ?? ''].map((t) => tokenize(t))));
  return texts;
}

/** Whether a number stands within FOCUS_WINDOW words before a word of the focus, or, `eitherSide`, after one too. */
function numberBeside(tokens: string[], focus: string[], eitherSide: boolean): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!NUMBER_WORD.test(tokens[i]!)) continue;
    for (let k = eitherSide ? Math.max(0, i - FOCUS_WINDOW) : i + 1; k <= i + FOCUS_WINDOW && k < tokens.length; k++)
      if (k !== i && focus.some((f) => stem(tokens[k]!).startsWith(f))) return true;
  }
  return false;
}

/** Whether a number in the quote is followed, within a few words, by the counted thing (or a synonym of it). */
const countsFocus = (ev: Evidence, focus: string[]): boolean => numberBeside(tokensOf(ev)[0]!, focus, false);

/**
 * Whether a number in the evidence stands within a few words of the measured thing, before or after it ("a
 * population of around 40,000", "121 were injured"): a quantity of the asked kind. "Sparsely populated … over a
 * thousand kilometres" measures a distance, not a population.
 */
const measures = (ev: Evidence, focus: string[]): boolean => tokensOf(ev).some((tokens) => numberBeside(tokens, focus, true));

/** How many search hits are re-ranked: enough to reach a sentence that matches on one rare word. */
const RERANK_DEPTH = 40;
/** How many more bare sentences are re-ranked beyond that depth. */
const SENTENCE_DEPTH = 20;

const never = () => false;

/** The words of a piece of evidence: as a set, and sorted, so a prefix is found by bisection. */
export interface Words {
  set: Set<string>;
  sorted: string[];
  /** The words' first three letters, hashed onto 256 bits (see `headBit`): which stems cannot match at all. */
  heads: Int32Array;
}

/**
 * A word's first three letters (all of a shorter one) hashed to one of 256 bits. A word equal to a stem, starting
 * with it, or equal to one of its beginnings shares its first three letters, so a stem whose bit the evidence
 * lacks matches none of its words: most (evidence, stem) pairs are ruled out by this before any lookup.
 */
function headBit(word: string): number {
  let h = 0;
  for (let i = 0; i < 3 && i < word.length; i++) h = (h * 31 + word.charCodeAt(i)) | 0;
  return h & 255;
}

export function toWords(stems: Iterable<string>): Words {
  const set = new Set(stems);
  const heads = new Int32Array(8);
  for (const w of set) {
    const bit = headBit(w);
    heads[bit >>> 5]! |= 1 << (bit & 31);
  }
  return { set, sorted: [...set].sort(), heads };
}

/** Whether some word of a sorted list starts with the prefix: the first word not before it, by bisection. */
function startsAny(sorted: string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo]?.startsWith(prefix) ?? false;
}

/** A stem prepared once per question for matching many pieces of evidence: its prefixes are cut here, not per match. */
interface Probe {
  stem: string;
  /** Russian: the stem's beginnings of five letters or more, any of which found as a word counts. */
  beginnings: string[];
  /** Russian, long stems: the first seven letters, matched as a prefix of a word. */
  seven: string | null;
  allowance: number;
  /** See `headBit`. */
  head: number;
}

function probe(s: string, mayBeTypo: (s: string) => boolean): Probe {
  const cyrillic = isCyrillic(s);
  const beginnings: string[] = [];
  if (cyrillic) for (let n = 5; n < s.length; n++) beginnings.push(s.slice(0, n));
  return {
    stem: s,
    beginnings,
    seven: cyrillic && s.length >= 8 ? s.slice(0, 7) : null,
    allowance: mayBeTypo(s) ? typoAllowance(s.length) : 0,
    head: headBit(s),
  };
}

function stemHit(words: Words, p: Probe): boolean {
  // No word shares the stem's first three letters: only a typo could still match.
  if (!p.allowance && !(words.heads[p.head >>> 5]! & (1 << (p.head & 31)))) return false;
  const s = p.stem;
  if (words.set.has(s)) return true;
  // A longer form of the word ("ratifi" for "ratif"): the first sorted word not before it starts with it, if any does.
  if (s.length >= 4 && startsAny(words.sorted, s)) return true;
  // Russian stems keep more of the ending ("перемещен" from "перемещенных", "перемещ" from "перемещено"), and
  // the stemmer cuts one word's forms differently ("делимитирова", "делимитац"): a long shared beginning counts.
  for (const b of p.beginnings) if (words.set.has(b)) return true;
  if (p.seven && startsAny(words.sorted, p.seven)) return true;
  if (p.allowance) for (const w of words.set) if (editDistance(s, w, p.allowance) <= p.allowance) return true;
  return false;
}

export interface RankInput {
  analysis: Analysis;
  concepts: Concept[];
  results: SearchResult[];
  byKey: { get(key: number | string): Evidence | undefined };
  matcher: EntityMatcher;
  mayBeTypo: (stem: string) => boolean;
  /** Stemmed words of the evidence: the quote, and for facts and passages the bot's sentence and questions. */
  wordsOf: (e: Evidence) => Words;
  /** The questions a fact or passage answers, each as a set of stems (empty for a bare sentence). */
  questionsOf: (e: Evidence) => Array<Set<string>>;
  /** The sentence before or after a source sentence, for context. */
  neighbour: (e: Evidence, step: 1 | -1) => Evidence | undefined;
  /** Judgement questions: any evidence on the matter is wanted (each side's account), not only what covers the question. */
  relaxed?: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For "what is X?" with nothing asked but one place or thing (not a person: "who is X?" has its facts), a test of
 * whether evidence says what X is: X as the subject of "is a…", "is part of…", "is more like…", an apposition
 * ("X, a Tajik exclave,"), or the Russian dash ("Ворух — анклав"). Every sentence naming X covers such a question
 * fully; the one that defines X answers it. Null for other questions.
 */
function definition(a: Analysis): ((e: Evidence) => boolean) | null {
  if (a.kind !== 'what' || a.content.length || a.entities.length !== 1) return null;
  const entry = a.entities[0]!.entry;
  if (entry.type === 'person' || entry.type === 'country') return null;
  const names = [...new Set([entry.name.en, entry.name.ru, ...entry.aliases])]
    .sort((x, y) => y.length - x.length)
    .map(escape)
    .join('|');
  const pattern = new RegExp(
    `(^|[^\\p{L}])(${names})(\\s+(is|was|remains)\\s+(a|an|the|part|one|more|not|home|located|situated|surrounded|connected)\\b|,\\s+(a|an|the)\\s|\\s+[—–-]\\s+\\p{L}|\\s+(является|был|была|находится|расположен))`,
    'iu',
  );
  return (e) => pattern.test(e.bot?.en ?? '') || pattern.test(e.bot?.ru ?? '') || pattern.test(e.quote);
}

/**
 * Re-ranks search hits by how much of the question the evidence answers. BM25 finds the candidates; coverage of
 * the question's concepts decides, so evidence that names the entity and the asked-for thing beats evidence
 * that repeats one word. Kept only: evidence that names every entity the question is about, is about the years it
 * names, and carries the answer type it expects (a number for "how many", a date for "when"). Best first.
 */
export function rankEvidence(input: RankInput): RankedEvidence[] {
  const { analysis: a, concepts, results, byKey, matcher, mayBeTypo, wordsOf, questionsOf, neighbour, relaxed } = input;
  const defines = definition(a);
  const focusStems = a.focus ? (concepts.find((c) => c.stems[0] === a.focus)?.stems ?? [a.focus]) : [];
  const measured = a.expects === 'quantity' && focusStems.length > 0 && a.measured;
  const asked = new Set(a.stems.filter((s, i) => !isStopword(a.tokens[i]!)));
  // A question about what one party holds ("the Tajik position on Vorukh") is answered first by that party's
  // account; the other party's is shown beside it (see composeEvidence), not in its place. Not for yes/no and
  // judgement questions, which weigh every account alike.
  const sides = new Set(a.entities.filter((e) => e.entry.type === 'country' && e.entry.inScope).map((e) => e.id));
  // A person or body named is who speaks ("what did Tashiyev say about Tajikistan"): the country is then the topic.
  const speaker = a.entities.some((e) => e.entry.type === 'person' || e.entry.type === 'body');
  const askedSide = a.kind !== 'yes-no' && !a.judgement && !speaker && sides.size === 1 && STANCE.test(a.question) ? [...sides][0]! : null;
  /** How close the question is to one the evidence was written to answer (Jaccard over stems): doc2query's signal. */
  const closeness = (e: Evidence): number => {
    let bestSim = 0;
    for (const q of questionsOf(e)) {
      let shared = 0;
      for (const s of q) if (asked.has(s)) shared++;
      const sim = shared / (q.size + asked.size - shared || 1);
      if (sim > bestSim) bestSim = sim;
    }
    return bestSim;
  };
  const own = concepts.filter((c) => c.content && !c.context && c.weight >= 0.5);
  const total = concepts.reduce((x, c) => x + c.weight, 0);
  const years = a.dates.flatMap((d) => (d.year ? [String(d.year)] : []));
  const best = results[0]?.score ?? 1;
  // Only the question's own word may be matched as a typo; its synonyms are matched as written.
  const probes = concepts.map((c) => c.stems.map((s, i) => probe(s, i === 0 ? mayBeTypo : never)));
  const coverCache = new Map<number | string, Array<number | undefined>>();
  const coverOne = (e: Evidence, c: Concept, i: number): number => {
    if (c.entity) return ` ${e.doc.entities} `.includes(` ${c.entity} `) ? 1 : 0;
    if (c.year) return e.years.includes(c.year) ? 1 : 0;
    const words = wordsOf(e);
    const [first, ...synonyms] = probes[i]!;
    if (stemHit(words, first!)) return 1;
    return synonyms.some((p) => stemHit(words, p)) ? 0.75 : 0;
  };
  /**
   * How well the evidence covers concept i, worked out when first asked: a sentence is read once however many
   * candidates it neighbours, and a neighbour only for the concepts the candidate itself lacks.
   */
  const covers = (e: Evidence | undefined, i: number): number => {
    if (!e) return 0;
    let got = coverCache.get(e.key);
    if (!got) coverCache.set(e.key, (got = new Array<number | undefined>(concepts.length)));
    return (got[i] ??= coverOne(e, concepts[i]!, i));
  };
  const out: RankedEvidence[] = [];
  // Written-up evidence matches on more fields, so it outscores a bare sentence in BM25; the best sentences (a
  // moderator's new source has nothing else) are re-ranked too, on the same terms.
  const candidates = results.slice(0, RERANK_DEPTH);
  let sentences = 0;
  for (let i = RERANK_DEPTH; i < results.length && sentences < SENTENCE_DEPTH; i++) {
    if (typeof results[i]!.id !== 'number') continue;
    candidates.push(results[i]!);
    sentences++;
  }
  // Worked out once, not per candidate: which concepts are the question's own words, and what they weigh.
  const isOwn = concepts.map((c) => own.includes(c));
  const ownTotal = own.reduce((x, c) => x + c.weight, 0);
  // Each candidate's weight per concept, in one array for all of them: the sums below are loops, not closures over
  // a fresh array, since these were most of what answering allocated outside the search itself.
  const weights = new Array<number>(concepts.length).fill(0);
  candidate: for (const r of candidates) {
    const evidence = byKey.get(r.id as number | string);
    if (!evidence) continue;
    // Evidence that names no year of its own is dated by when it was stated.
    const about = evidence.years.length ? evidence.years : [evidence.date.slice(0, 4)];
    if (years.length && !years.some((y) => about.includes(y))) continue;
    if (!carries(evidence, a.expects, matcher)) continue;
    // A figure the question measures ("what is the population of X") must be of that measure.
    if (measured && evidence.fact?.value === undefined && !measures(evidence, focusStems)) continue;
    // A concept in a sentence counts fully; one only in the sentence before or after counts half.
    for (let i = 0; i < concepts.length; i++) {
      const direct = covers(evidence, i);
      // A named place or person must be in the evidence itself: a figure beside it may be about something else.
      weights[i] =
        direct || evidence.kind !== 'sentence' || concepts[i]!.required
          ? direct
          : 0.5 * Math.max(covers(neighbour(evidence, -1), i), covers(neighbour(evidence, 1), i));
    }
    let covered = 0;
    // For "answers as well" a synonym or a translation counts as the word itself: a Russian question reaches an
    // English source only through them, and that source may still be the newest word on the matter.
    let reached = 0;
    let ownCovered = 0;
    let strong = false;
    for (let i = 0; i < concepts.length; i++) {
      const c = concepts[i]!;
      const w = weights[i]!;
      if (c.required && w < 0.5) continue candidate;
      covered += c.weight * w;
      reached += c.weight * (w >= 0.75 ? 1 : w);
      if (isOwn[i]) ownCovered += c.weight * w;
      if (w >= 0.75) strong = true;
    }
    const coverage = total ? covered / total : 0;
    const reach = total ? reached / total : 0;
    const onMatter = !(coverage < MIN_COVERAGE || (own.length && ownCovered < MIN_OWN * ownTotal));
    if (!relaxed && !onMatter) continue;
    if (!strong) continue;
    // BM25 finds and orders candidates; how much of the question the evidence covers weighs more.
    // "Who is X?" is answered by what X is: a person fact is the typed answer, other mentions of X are not.
    const typed = a.expects === 'person' && !own.length && evidence.fact?.kind === 'person' ? 0.3 : 0;
    const counts = a.focus && a.expects === 'quantity' && countsFocus(evidence, focusStems) ? FOCUS_BONUS : 0;
    const defining = defines && defines(evidence) ? DEFINITION_BONUS : 0;
    const reason = a.kind === 'why' && reasonIn(evidence) ? REASON_BONUS : 0;
    const otherSide = askedSide && evidence.party && evidence.party !== askedSide ? OTHER_SIDE_PENALTY : 0;
    const base = reach + typed + counts - otherSide;
    out.push({
      evidence,
      coverage,
      base,
      onMatter,
      score:
        0.35 * (r.score / best) + 0.65 * coverage + typed + counts + defining + reason - otherSide + QUESTION_WEIGHT * closeness(evidence),
    });
  }
  return out.sort((x, y) => y.score - x.score);
}

/**
 * What a figure of a part (a fact with an aspect: "civilians", "either side of the corridor") loses when the question
 * names no word of that part: "how many people live in Vorukh" asks the whole, not the area around it.
 */
const ASPECT_PENALTY = 0.1;

/**
 * For a question that asks a figure, lowers evidence that stands for a figure of a part the question does not name,
 * and orders the list again. Run after evidence of one span is merged (see `dedupe`): a written-up passage may then
 * stand for such a fact.
 */
export function settleParts(a: Analysis, concepts: Concept[], ranked: RankedEvidence[]): RankedEvidence[] {
  // Only a figure is of a part: "which villages were hit" is answered by the figure of one village's dead.
  if (!isFigure(a.expects) || !ranked.some((r) => r.evidence.fact?.aspect)) return ranked;
  const asked = new Set(a.stems);
  const named = (aspect: string): boolean =>
    tokenize(aspect)
      .filter((t) => !isStopword(t))
      .map(stem)
      .some((w) => asked.has(w) || concepts.some((c) => c.stems.includes(w)));
  return ranked
    .map((r) => (r.evidence.fact?.aspect && !named(r.evidence.fact.aspect) ? { ...r, score: r.score - ASPECT_PENALTY } : r))
    .sort((x, y) => y.score - x.score);
}
