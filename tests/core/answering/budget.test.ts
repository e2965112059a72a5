import { beforeAll, describe, expect, it } from 'vitest';
import { fitBudget, READER_BUDGET, statement, type ComposeContext } from '../../../src/core/answering/compose.js';
import { createEntityMatcher } from '../../../src/core/answering/entities.js';
import { sentenceEvidence, type Evidence } from '../../../src/core/answering/evidence.js';
import { buildPassages } from '../../../src/core/answering/passages.js';
import { loadKnowledge, type KnowledgeBase } from '../../../src/core/index.js';
import type { Party } from '../../../src/core/types.js';
import { TEST_NOW } from '../../helpers/core.js';

let kb: KnowledgeBase;
let ctx: ComposeContext;
let sentences: Evidence[];
beforeAll(async () => {
  kb = await loadKnowledge('knowledge');
  const matcher = createEntityMatcher(kb.gazetteer);
  ctx = { language: 'en', now: TEST_NOW, sources: kb.sources, matcher };
  const source = kb.sources.get('diplomat-2025-02-hope-and-fear')!;
  sentences = buildPassages([source], matcher)
    .map((p) => sentenceEvidence(p, source))
    .sort((a, b) => b.quote.length - a.quote.length);
});

/** A sentence of the source as one side's account (the party is what the budget reads). */
const account = (e: Evidence, party: Party | null): Evidence => ({ ...e, party });

describe('cutting an answer to the reader’s length', () => {
  it('keeps the other side’s account beside one side’s lead, over the limit if need be, rather than one side alone', () => {
    const [a, b, ...rest] = sentences;
    const pieces = [account(a!, 'kyrgyzstan'), account(b!, 'tajikistan'), ...rest.slice(0, 12)];
    const build = (list: Evidence[]) => ({ shown: list, text: list.map((e) => statement(ctx, e)).join(' ') });
    // Long enough that the budget must cut down to the two accounts, which are kept (as the answer composer keeps
    // each party's account), and then still too long for both.
    expect(build(pieces).text.length).toBeGreaterThan(READER_BUDGET);
    expect(build(pieces.slice(0, 2)).text.length).toBeGreaterThan(READER_BUDGET / 2);
    const answer = fitBudget(ctx, 'Is Vorukh an enclave?', build, pieces, 0.5, 2);
    // Each account's first sentence at least.
    expect(answer.text).toContain(a!.quote.slice(0, 60));
    expect(answer.text).toContain(b!.quote.slice(0, 60));
  });

  it("cuts an answer with no side's account to the reader's limit, the lead kept", () => {
    const [a, ...rest] = sentences;
    const pieces = [a!, ...rest.slice(0, 12)];
    const build = (list: Evidence[]) => ({ shown: list, text: list.map((e) => statement(ctx, e)).join(' ') });
    const answer = fitBudget(ctx, 'What happened in Vorukh?', build, pieces, 0.5, 1);
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    expect(answer.text.length).toBeLessThan(build(pieces).text.length);
    // The lead stays, and what is seen (text and the first quotes) is within the limit.
    expect(answer.text).toContain(a!.quote.slice(0, 60));
    expect(answer.text.length + answer.citations.slice(0, 3).reduce((n, c) => n + c.quote.length + 1, 0)).toBeLessThanOrEqual(
      READER_BUDGET,
    );
  });
});
