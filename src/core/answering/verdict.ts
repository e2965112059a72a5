import type { Analysis } from './analyse.js';
import type { Evidence } from './evidence.js';
import type { Concept } from './ranking.js';
import { stem, tokenize } from '../text.js';
import type { Language } from '../types.js';

/**
 * What the evidence says to a yes/no question: it happened (yes), it did not (no), it is still a step ahead as of
 * the evidence's date (not-yet), the parties disagree (contested), or the evidence does not say (unknown).
 */
export type VerdictKind = 'yes' | 'no' | 'not-yet' | 'contested' | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  /** The evidence the verdict rests on: it is shown first, and its date is the verdict's "as of". */
  evidence: Evidence | null;
}

interface Markers {
  /** Words that put the asked thing ahead of the evidence's date: "will sign", "yet to be demarcated". */
  ahead: RegExp;
  /** Weaker words of sequence ("then", "once"), read as "ahead" only when nothing says it is done. */
  then: RegExp;
  /** Words that negate the asked word when they stand just before it. */
  negation: RegExp;
  /** Words that say the matter is in dispute. */
  disputed: RegExp;
  /** Words that say it is done, and a past form of the asked word. */
  done: RegExp;
  past: RegExp;
  article: RegExp;
  /** Words of a lead-in ("Proposed compromises: …") that make what follows an idea, not a fact. */
  proposal: RegExp;
  /** Words that put a statement in the future ("will not", "won't"). */
  future: RegExp;
  /** A form that describes a noun rather than says something of it (Russian long participles and adjectives). */
  attributive: RegExp;
}

// Tested on the clause's lower-case text with single spaces, padded with a space on each side.
const MARKERS: Record<Language, Markers> = {
  en: {
    ahead:
      / (will|would|shall|going to|yet to|left to|still to|remains? to|remain to be|not yet|has yet|have yet|plans? to|planned|expected to|pending|is to be|are to be)(?= )/,
    then: / (then|next|once|only after|after that)(?= )/,
    negation: /^(not|never|no|without|neither|nor|failed|refused|n't)$/,
    disputed: / (whether|(?:is|are|was|were|remains?) (?:hotly )?(?:contested|disputed|debated|in dispute))(?= )/,
    done: / (already)(?= )/,
    past: /^(\p{L}{3,}ed|died|fled|met|began|begun|held|made|took|taken|broke|broken|fought|won|lost|gave|given|built|paid|sent|left|drawn|drew|set|come|came|agreed|done|shot|hit)$/u,
    article: /^(a|an|the)$/,
    proposal: /\b(propos\w*|suggest\w*|options?|ideas?|could|might)\b/i,
    future: / (will|won't|wont|shall|going to|would)(?= )/,
    attributive: /^$/,
  },
  ru: {
    ahead: / (будет|будут|будем|предстоит|осталось|остаётся|остается|ещё не|еще не|пока не|планиру\p{L}*|должн\p{L}*|оставалось)(?= )/u,
    then: / (затем|потом|далее|после этого|сначала)(?= )/u,
    negation: /^(не|нет|никогда|без|ни)$/,
    disputed: / (ли|(?<!не )оспарива\p{L}*|спорят|спорным|остаётся спорным|остается спорным)(?= )/u,
    done: / (уже)(?= )/,
    past: /\p{L}{3,}(л|ла|ло|ли|лся|лась|лись|лось|н|на|но|ны|ен|ена|ено|ены)$/u,
    article: /^$/,
    proposal: /(^|[^\p{L}])(предлож\p{L}*|вариант\p{L}*|мог\p{L}*|идея|идеи)(?![\p{L}])/iu,
    future: / (будет|будут|буду|станет|станут)(?= )/u,
    attributive: /\p{L}{3,}(нн|[^н]н)(ый|ая|ое|ые|ой|ую|ых|ым|ыми|ого|ому)$/u,
  },
};

/** Clauses of a statement: a sequence of steps ("…; then …") is read one step at a time. */
const CLAUSE =
  /\s*(?:[;:—–]|,\s*(?=(?:and then|then|but|while|whereas|next|затем|потом|но|а|однако)\s))\s*|\s+(?=(?:but|whereas|however|но|однако)\s)/u;
/** How many words before the asked word a negation or a "will", "yet to" may stand and still bear on it. */
const REACH = 5;

/** How the question asks: of a state ("is Vorukh part of …"), or of the future ("will parliament ratify …"). */
export interface YesNoQuestion {
  /** Its own words, each with its synonyms, in the question's language first. */
  concepts: string[][];
  /** It asks what something is, not whether it was done: a plain statement holding its words answers yes. */
  copular: boolean;
  /** It asks about the future: a step still ahead is a yes. */
  future: boolean;
  /**
   * What it asks of its subject is among its concepts ("Is Vorukh an enclave?"). Not so in "Is the conflict
   * over?": no clause can then say yes or no, only that a step is ahead or done.
   */
  predicate: boolean;
  /** The places, people and bodies it names (entity keys): evidence that names not all of them says nothing of them. */
  entities: string[];
}

/** English verbs whose past form the stemmer does not bring back to the present one ("began" is "begin"). */
const IRREGULAR: Record<string, string> = {
  began: 'begin',
  begun: 'begin',
  met: 'meet',
  held: 'hold',
  made: 'make',
  took: 'take',
  taken: 'take',
  broke: 'break',
  broken: 'break',
  fought: 'fight',
  won: 'win',
  lost: 'lose',
  gave: 'give',
  given: 'give',
  built: 'build',
  paid: 'pay',
  sent: 'send',
  left: 'leave',
  drew: 'draw',
  drawn: 'draw',
  came: 'come',
  fled: 'flee',
  killed: 'kill',
};

/** Whether a token of the clause is the asked word (its stem, or a form sharing its beginning). */
function isWord(token: string, stems: string[]): boolean {
  const s = stem(IRREGULAR[token] ?? token);
  return stems.some(
    (x) => s === x || (x.length >= 4 && s.startsWith(x)) || (/[\u0400-\u04ff]/.test(x) && x.length >= 6 && s.startsWith(x.slice(0, 5))),
  );
}

interface Reading {
  covered: number;
  kind: VerdictKind | null;
}

/** What one clause says of the asked thing, and how much of the question it covers. */
function readClause(clause: string, q: YesNoQuestion, m: Markers): Reading {
  const tokens = tokenize(clause);
  const padded = ` ${tokens.join(' ')} `;
  const found = q.concepts.map((stems) => tokens.findIndex((t) => isWord(t, stems)));
  const at = found.filter((i) => i >= 0);
  const covered = at.length;
  if (!covered) return { covered, kind: null };
  const before = (i: number) => tokens.slice(Math.max(0, i - REACH), i);
  if (at.some((i) => m.ahead.test(` ${before(i).join(' ')} `))) return { covered, kind: 'not-yet' };
  // A negation bears on what the question asks of its subject, not on the subject: "no border checks" says
  // nothing of whether the border is disputed. The subject is the question's first word of several.
  const predicate = q.predicate ? (q.concepts.length > 1 ? found.slice(1) : found).filter((i) => i >= 0) : [];
  if (
    predicate.some((i) =>
      before(i)
        .slice(-3)
        .some((t) => m.negation.test(t)),
    )
  )
    // What is not so now says nothing of what will be ("he does not want war" is no answer to "will there be war
    // again?"): for a question about the future, only a negation of the future counts.
    return q.future && !m.future.test(padded) ? { covered, kind: null } : { covered, kind: 'no' };
  if (m.disputed.test(padded)) return { covered, kind: 'contested' };
  // A past form says it was done, unless it only describes a noun after an article ("a fully demarcated border").
  const described = (i: number) =>
    m.article.test(tokens[i - 1] ?? '') || (m.article.test(tokens[i - 2] ?? '') && /ly$/.test(tokens[i - 1] ?? ''));
  if (m.done.test(padded) || at.some((i) => m.past.test(tokens[i]!) && !described(i))) return { covered, kind: 'yes' };
  if (at.some((i) => m.then.test(` ${before(i).join(' ')} `))) return { covered, kind: 'not-yet' };
  // A plain statement holding (nearly) every word of a question about what something is says yes.
  const enough = q.concepts.length >= 3 ? q.concepts.length - 1 : q.concepts.length;
  // Not when the asked word only describes a noun ("только полностью демаркированная граница", a border that would be
  // fully demarcated): that says nothing of whether it is.
  const describes = predicate.some((i) => m.attributive.test(tokens[i]!));
  // The word missing may not be the first thing asked of the subject: "closed to Chinese trucks" holds every word of
  // "Is the Karamik checkpoint open to Chinese trucks?" but "open".
  const asked = q.concepts.length > 1 ? found[1]! : found[0]!;
  return { covered, kind: q.copular && covered >= enough && asked >= 0 && !describes ? 'yes' : null };
}

/**
 * What one piece of evidence says: its clause that covers most of the question decides. How much of the question
 * the whole text holds (the bot's words or the quote, whichever holds more) says how closely it answers.
 */
function readEvidence(e: Evidence, q: YesNoQuestion, language: Language): Reading {
  // A Russian question reads the Russian wording; a source sentence without one is read in English, through the
  // English words the question's words are known to translate to.
  // Evidence that stands for a fact of its span (see `dedupe`) is read in the fact's words too: the passage says the
  // presidents "talked" in New York, the fact that they "met".
  const fact = e.fact && e.fact.text !== e.bot ? e.fact.text : undefined;
  const texts: Array<[string | undefined, Language]> =
    language === 'ru' && e.bot?.ru
      ? [
          [e.bot.ru, 'ru'],
          [fact?.ru, 'ru'],
        ]
      : [
          [e.bot?.en, 'en'],
          [e.quote, 'en'],
          [fact?.en, 'en'],
        ];
  let best: Reading = { covered: 0, kind: null };
  for (const [text, textLanguage] of texts) {
    if (!text) continue;
    let clauseBest: Reading = { covered: 0, kind: null };
    for (const clause of text.split(CLAUSE)) {
      const read = readClause(clause, q, MARKERS[textLanguage]);
      if (read.covered > clauseBest.covered || (read.covered === clauseBest.covered && !clauseBest.kind && read.kind)) clauseBest = read;
    }
    // A step of a procedure, as of its date, is one still to be taken; so is what a lead-in calls a proposal.
    const leadIn = text.includes(':') ? text.slice(0, text.indexOf(':')) : '';
    const proposed = clauseBest.kind === 'yes' && !!leadIn && MARKERS[textLanguage].proposal.test(leadIn);
    const kind = proposed ? 'not-yet' : (clauseBest.kind ?? (clauseBest.covered && e.fact?.kind === 'step' ? 'not-yet' : null));
    const tokens = tokenize(text);
    const covered = q.concepts.filter((stems) => tokens.some((t) => isWord(t, stems))).length;
    if (kind && (!best.kind || covered > best.covered)) best = { covered, kind };
  }
  return best;
}

/**
 * The answer to a yes/no question from `best`, the evidence that answers it fully, and `rest`, the next by rank,
 * all newest first. No side's claim is the answer: when the deciding evidence is one party's account, the answer is
 * that the matter is contested.
 */
export function verdictOf(best: Evidence[], rest: Evidence[], q: YesNoQuestion, language: Language): Verdict {
  const all = [...best, ...rest];
  const needed = Math.min(2, q.concepts.length);
  // The evidence whose words hold most of the question decides, the newest of equals; the evidence that answers
  // less well by rank must hold at least two of the question's words.
  let found: { e: Evidence; read: Reading } | null = null;
  // "Does Tajikistan make its own drones?" is not answered by "Kyrgyzstan's Turkish-made drones".
  const namesAll = (e: Evidence) => q.entities.every((k) => ` ${e.doc.entities} `.includes(` ${k} `));
  for (const e of all) {
    if (!namesAll(e)) continue;
    const read = readEvidence(e, q, language);
    if (!read.kind || (!best.includes(e) && read.covered < needed)) continue;
    if (!found || read.covered > found.read.covered) found = { e, read };
  }
  if (!found) return { kind: 'unknown', evidence: all[0] ?? null };
  // One party's position, or its account of a matter the other party gives its own account of, is that party's
  // claim, never a plain yes or no ("Is Vorukh a peninsula?" rests on Tajikistan's word): the answer says the
  // sources do not settle it, and shows each side's account.
  const party = found.e.party;
  if (party && (found.e.fact?.kind === 'position' || all.some((e) => e.party && e.party !== party)))
    return { kind: 'contested', evidence: found.e };
  return { kind: q.future && found.read.kind === 'not-yet' ? 'yes' : found.read.kind!, evidence: found.e };
}

const COPULA = { en: /^(is|are|was|were)$/, ru: /^(является|являлся|являлась|являются|был|была|было|были|есть)$/ };
const FUTURE = { en: /^(will|shall)$/, ru: /^(будет|будут|станет|станут)$/ };

/** How a yes/no question asks, read from its first word (English) or the word before "ли" (Russian). */
export function yesNoQuestion(a: Analysis, concepts: Concept[]): YesNoQuestion {
  const own = concepts.filter((c) => c.content && !c.context).map((c) => c.stems);
  const entities = concepts.flatMap((c) => (c.entity ? [c.entity] : []));
  if (a.language === 'ru') {
    const asked = a.tokens[a.tokens.indexOf('ли') - 1] ?? '';
    return { concepts: own, copular: COPULA.ru.test(asked), future: FUTURE.ru.test(asked), predicate: true, entities };
  }
  const first = a.tokens[0] ?? '';
  const participle = a.tokens.slice(1).some((t) => MARKERS.en.past.test(t));
  // "Is the conflict over?": what is asked of the subject is a word no evidence is searched for, so a statement
  // holding the subject alone says nothing of it. The question's last word must be a word of its or a name.
  const lastAt = a.tokens.length - 1;
  const last = a.stems[lastAt] ?? '';
  const predicateKnown = own.some((stems) => stems.includes(last)) || a.entities.some((e) => e.start <= lastAt && lastAt < e.end);
  return {
    concepts: own,
    copular: COPULA.en.test(first) && !participle && predicateKnown,
    predicate: predicateKnown,
    future: FUTURE.en.test(first) || / going to /.test(` ${a.tokens.join(' ')} `),
    entities,
  };
}
