import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer } from '../../src/core/index.js';

/** One question of the project's set: expected words (one of each group), expected sources, or a decline. */
export interface EvalQuestion {
  id: string;
  kind: string;
  q: string;
  expect?: string[][];
  sources?: string[];
  abstain?: boolean;
}

export const loadQuestions = (path: string): EvalQuestion[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalQuestion);

// The same reading of an answer as shared/eval/grade.mjs: what a person sees, numbers without separators.
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\d)[\s\u00a0\u202f,](?=\d{3}\b)/g, '$1')
    .replace(/\s+/g, ' ');
const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** Every string under the knowledge folder, as the outside grader collects it. */
export function knowledgeCorpus(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return squash(out.join('\n\u0000\n'));
}

/** Why an answer fails its question; empty when it passes. */
export function gradeAnswer(q: EvalQuestion, a: Answer, corpus: string): string[] {
  if (q.abstain) return a.answered ? ['answered where it should decline'] : [];
  const why: string[] = [];
  const cites = a.citations.slice(0, 3);
  const seen = [a.text, ...cites.map((c) => c.quote)].join('\n');
  if (!a.answered) why.push('not answered');
  if (seen.length > 1500) why.push(`too long (${seen.length})`);
  for (const group of q.expect ?? [])
    if (!group.some((alt) => norm(seen).includes(norm(alt)))) why.push(`missing one of ${JSON.stringify(group)}`);
  if (q.sources && !cites.some((c) => q.sources!.includes(c.sourceId))) why.push(`cites none of ${q.sources.join(', ')}`);
  for (const c of cites) {
    const pieces = squash(c.quote)
      .replace(/^(\.\.\.|…)\s*|\s*(\.\.\.|…)$/g, '')
      .split(/\s*(?:\.\.\.|…)\s*/)
      .filter(Boolean);
    if (!pieces.every((p) => corpus.includes(p))) why.push(`quote not verbatim: ${c.quote.slice(0, 60)}`);
  }
  return why;
}
