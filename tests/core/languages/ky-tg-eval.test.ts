import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectQuestionLanguage } from '../../../src/core/languages/detect.js';

interface EvalQuestion {
  id: string;
  kind: string;
  q: string;
  expect?: string[][];
  sources?: string[];
  abstain?: boolean;
}

const ROOT = new URL('../../../', import.meta.url).pathname;
const QUESTIONS: EvalQuestion[] = readFileSync(join(ROOT, 'tests/eval/ky-tg.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as EvalQuestion);

/** Normalized as the grader compares: case, NFKC, thousands separators. */
const norm = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d)[\s\u00a0\u202f,](?=\d{3}\b)/g, '$1');

function knowledgeText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((p) => (statSync(p).isDirectory() ? knowledgeText(p) : readFileSync(p, 'utf8')))
    .join('\n');
}

const sourceIds = readdirSync(join(ROOT, 'knowledge/sources')).map((f) => f.replace(/\.md$/, ''));
const byLanguage = (language: 'ky' | 'tg') => QUESTIONS.filter((q) => q.kind.startsWith(language));
const outOfScope = QUESTIONS.filter((q) => q.kind === 'oos');

describe('the Kyrgyz and Tajik question set', () => {
  it.each(['ky', 'tg'] as const)('has at least 20 questions in %s, a quarter or more typed without the special letters', (language) => {
    const questions = byLanguage(language);
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.kind.endsWith('-plain')).length).toBeGreaterThanOrEqual(questions.length / 4);
  });

  it('has out-of-scope questions in both languages, and Russian typed in Latin letters', () => {
    const languages = outOfScope.map((q) => detectQuestionLanguage(q.q).language);
    expect(languages.filter((l) => l === 'ky').length).toBeGreaterThanOrEqual(3);
    expect(languages.filter((l) => l === 'tg').length).toBeGreaterThanOrEqual(3);
    expect(outOfScope.every((q) => q.abstain === true && q.expect === undefined)).toBe(true);
    expect(QUESTIONS.filter((q) => q.kind === 'ru-latin').length).toBeGreaterThanOrEqual(3);
  });

  it('has unique ids and questions', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    expect(new Set(QUESTIONS.map((q) => q.q)).size).toBe(QUESTIONS.length);
  });

  it('expects only values found in the knowledge, from sources that exist', () => {
    const corpus = norm(knowledgeText(join(ROOT, 'knowledge')));
    const answerable = QUESTIONS.filter((q) => !q.abstain);
    expect(answerable.length).toBeGreaterThan(0);
    const unfounded = answerable.flatMap((q) => (q.expect ?? []).filter((group) => !group.some((alt) => corpus.includes(norm(alt)))));
    expect(unfounded).toEqual([]);
    expect(answerable.flatMap((q) => q.sources ?? []).filter((id) => !sourceIds.includes(id))).toEqual([]);
    expect(answerable.every((q) => (q.expect ?? []).length > 0 && (q.sources ?? []).length > 0)).toBe(true);
  });

  it('is recognised as the language each question is written in', () => {
    const expected = (q: EvalQuestion) => (q.kind === 'ru-latin' ? 'ru' : q.kind.slice(0, 2));
    const answerable = QUESTIONS.filter((q) => q.kind !== 'oos');
    expect(answerable.length).toBeGreaterThan(0);
    expect(answerable.map((q) => detectQuestionLanguage(q.q).language)).toEqual(answerable.map(expected));
  });
});
