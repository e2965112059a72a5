import { fitBudget, partyName, statement, type ComposeContext } from './compose.js';
import type { Evidence } from './evidence.js';
import { messagesFor } from './wording.js';
import type { RankedEvidence } from './ranking.js';
import type { Answer } from '../types.js';

/** Party-tagged and neutral evidence shown on a judgement question, at most. */
const PER_PARTY = 2;
const NEUTRAL = 2;
const PARTIES = ['kyrgyzstan', 'tajikistan'];
/** How many of the best-ranked accounts are looked around for a side the question's words did not reach. */
const NEAR_TOP = 3;

/**
 * A question of blame, ownership or right is never answered from one side alone: each party's stated position,
 * attributed, then any neutral account, then a plain word that the sources do not settle it, or that only one
 * side's account is available. `years` are the years the question names.
 */
export function composeJudgement(
  ctx: ComposeContext,
  question: string,
  relevant: RankedEvidence[],
  reply: (e: Evidence, party: string, accept: (x: Evidence) => boolean) => Evidence | undefined = () => undefined,
  years: string[] = [],
): Answer | null {
  if (!relevant.length) return null;
  const m = messagesFor(ctx);
  const byParty = new Map<string, Evidence[]>();
  // A side's curated position (a fact) goes first when it answers nearly as well as the side's best account.
  const best = new Map<string, number>();
  for (const r of relevant) if (r.evidence.party && !best.has(r.evidence.party)) best.set(r.evidence.party, r.score);
  const curated = (r: RankedEvidence) => r.evidence.fact?.kind === 'position' && r.score >= 0.8 * (best.get(r.evidence.party ?? '') ?? 0);
  const ordered = [...relevant.filter(curated), ...relevant.filter((r) => !curated(r))];
  // A side's account is its position only when it is on what was asked: a reply in the same article on another
  // matter (summoning an ambassador over a speech) is not that side's word on who started a war.
  for (const r of ordered) {
    if (!r.evidence.party || !r.onMatter) continue;
    const list = byParty.get(r.evidence.party) ?? [];
    if (list.length < PER_PARTY) list.push(r.evidence);
    byParty.set(r.evidence.party, list);
  }
  // A side not found on the question's words may still have spoken on the matter: its account nearest to the
  // other side's (a reply in the same article), or nearest to the best neutral accounts of it.
  // A position curated under the same topic is on the matter by curation. Any other reply must be about the same
  // time as the account it answers, and as the question: a 2023 protest at a speech is no account of the 2022 war.
  const about = (e: Evidence) => (e.years.length ? e.years : [e.date.slice(0, 4)]);
  const onMatter = (reply: Evidence, to: Evidence) =>
    (!!reply.fact && reply.fact.topic === to.fact?.topic) ||
    relevant.some((r) => r.onMatter && r.evidence.key === reply.key) ||
    (about(reply).some((y) => about(to).includes(y)) && (!years.length || about(reply).some((y) => years.includes(y))));
  for (const party of PARTIES) {
    if (byParty.has(party)) continue;
    const near = [...[...byParty.values()].flat(), ...relevant.slice(0, NEAR_TOP).map((r) => r.evidence)];
    const found = near.flatMap((e) => {
      const r = reply(e, party, (x) => onMatter(x, e));
      return r && onMatter(r, e) ? [r] : [];
    })[0];
    if (found) byParty.set(party, [found]);
  }
  // Neutral accounts: the curated ones (facts) first, in the fact's own shorter words and quote, then by rank.
  const factForm = (e: Evidence): Evidence => (e.fact && e.kind !== 'fact' ? { ...e, quote: e.fact.quote, bot: e.fact.text } : e);
  // Neutral accounts (residents, rights groups, analysts, curated facts) by rank: one fact a topic, since two dates
  // of the same clashes are one account.
  // Someone's account (a resident, a rights group, an analyst: a passage, a position, a fact someone stated) comes
  // before a bare fact such as the dates of the clashes.
  const topics = new Set<string>();
  const isAccount = (e: Evidence) => !e.fact || e.kind !== 'fact' || e.fact.kind === 'position' || !!e.fact.statedBy;
  const others = relevant.filter((r) => !r.evidence.party);
  const neutral = [...others.filter((r) => isAccount(r.evidence)), ...others.filter((r) => !isAccount(r.evidence))]
    .filter((r) => {
      const topic = r.evidence.fact?.topic;
      if (!topic) return true;
      if (topics.has(topic)) return false;
      topics.add(topic);
      return true;
    })
    .slice(0, byParty.size >= 2 ? NEUTRAL : NEUTRAL + 1)
    .map((r) => factForm(r.evidence));
  const parties = [...byParty.keys()].sort();
  const missing = PARTIES.filter((p) => !byParty.has(p));
  const oneSide = parties.length === 1 ? m.onlyOneSide(partyName(ctx, parties[0]!), partyName(ctx, missing[0] ?? '')) : '';
  const opening = parties.length >= 2 ? m.judgementOpen : parties.length === 1 ? oneSide : m.noSide;
  const closing = parties.length >= 2 ? m.notSettled : parties.length === 1 ? m.oneSideNotSettled : '';
  // The first of each side's accounts is kept whatever the budget: dropping one side would make the answer one-sided.
  const firsts = parties.map((p) => byParty.get(p)![0]!);
  const seconds = parties.flatMap((p) => byParty.get(p)!.slice(1));
  const pieces = [...firsts, ...neutral, ...seconds];
  return fitBudget(
    ctx,
    question,
    (list) => {
      const lines = [opening];
      for (const p of parties) {
        const said = list.filter((e) => e.party === p);
        if (said.length) lines.push(`${m.partySays(partyName(ctx, p))} ${said.map((e) => statement(ctx, e)).join(' ')}`);
      }
      const others = list.filter((e) => !e.party);
      if (others.length) lines.push(`${m.neutral} ${others.map((e) => statement(ctx, e)).join(' ')}`);
      if (closing) lines.push(closing);
      return { shown: list, text: lines.join(' ') };
    },
    pieces,
    0.6,
    Math.max(1, firsts.length),
    true,
  );
}
