import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/index.js';
import { bundledCore } from '../helpers/core.js';
import { gradeAnswer, knowledgeCorpus, loadQuestions } from './grade.js';

/** The bar the Kyrgyz and Tajik question set must clear (questions in the same kinds, unseen, are held to it too). */
const FLOOR = 0.9;
const QUESTIONS = 'tests/eval/ky-tg.jsonl';

let core: Core;
beforeAll(async () => {
  core = await bundledCore();
});

/** The language a kind of question is asked in: "ky-plain" is Kyrgyz typed without its special letters. */
const languageOf = (kind: string): string | null =>
  kind.startsWith('ky') ? 'ky' : kind.startsWith('tg') ? 'tg' : kind === 'ru-latin' ? 'ru' : null;

describe('questions in Kyrgyz and Tajik, and Russian typed in Latin letters', () => {
  it(`passes at least ${FLOOR * 100}% of ${QUESTIONS}`, () => {
    const questions = loadQuestions(QUESTIONS);
    const corpus = knowledgeCorpus('knowledge');
    const failures = questions.flatMap((q) => {
      const why = gradeAnswer(q, core.ask(q.q), corpus);
      return why.length ? [`${q.id} ${q.q}: ${why.join('; ')}`] : [];
    });
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect((questions.length - failures.length) / questions.length, failures.join('\n')).toBeGreaterThanOrEqual(FLOOR);
  });

  it('never answers "no source" to a Kyrgyz or Tajik question on a matter the knowledge covers', () => {
    const known = loadQuestions(QUESTIONS).filter((q) => !q.abstain && ['ky', 'tg'].includes(languageOf(q.kind) ?? ''));
    expect(known.length).toBeGreaterThanOrEqual(40);
    const unanswered = known.filter((q) => !core.ask(q.q).answered).map((q) => `${q.id} ${q.q}`);
    expect(unanswered).toEqual([]);
  });

  it('answers each question in the language it was asked in', () => {
    const asked = loadQuestions(QUESTIONS).filter((q) => languageOf(q.kind) !== null);
    expect(asked.length).toBeGreaterThanOrEqual(40);
    const wrong = asked.map((q) => ({ q, language: core.ask(q.q).language })).filter(({ q, language }) => language !== languageOf(q.kind));
    expect(wrong.map(({ q, language }) => `${q.id}: ${language}`)).toEqual([]);
  });
});
