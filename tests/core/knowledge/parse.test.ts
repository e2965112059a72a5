import { describe, expect, it } from 'vitest';
import { KnowledgeError, parseKnowledge, type RawFile } from '../../../src/core/index.js';

const source = (id: string, published = '2022-11', extra = ''): RawFile => ({
  path: `sources/${id}.md`,
  text: `---\nid: ${id}\ntitle: A title\npublisher: Asia-Plus\npublished: "${published}"\nurl: null\nlanguage: en\n${extra}---\nThe border is about 970 kilometers long.\nTalks began in 2002.\n`,
});
const topics: RawFile = {
  path: 'topics.json',
  text: JSON.stringify({ topics: [{ id: 'border-length', title: { en: 'length', ru: 'длина' }, keywords: [['border']], answers: ['how-long'] }] }, null, 2),
};
const fact = (over: Record<string, unknown> = {}) => ({
  id: 'f1',
  kind: 'figure',
  topic: 'border-length',
  sourceId: 's1',
  quote: 'about 970 kilometers long',
  text: { en: 'About 970 km.', ru: 'Около 970 км.' },
  ...over,
});
const facts = (list: unknown[]): RawFile => ({ path: 'facts/border.json', text: JSON.stringify(list, null, 2) });
/** The line of the n-th `"id": "…"` in a pretty-printed facts file: where an error about that fact must point. */
const lineOfFact = (list: unknown[], id: string, nth = 0): number =>
  JSON.stringify(list, null, 2).split('\n').flatMap((l, i) => (l.includes(`"id": "${id}"`) ? [i + 1] : []))[nth]!;

function problems(files: RawFile[]): string[] {
  try {
    parseKnowledge(files);
  } catch (err) {
    if (err instanceof KnowledgeError) return err.message.split('\n');
    throw err;
  }
  return [];
}

describe('knowledge validation', () => {
  it('accepts a valid set and keeps the fact', () => {
    const kb = parseKnowledge([source('s1'), topics, facts([fact()])]);
    expect(kb.facts.map((f) => f.id)).toEqual(['f1']);
    expect(kb.sources.get('s1')?.published).toBe('2022-11');
  });

  it('names the file and line of a fact with an unknown sourceId', () => {
    const list = [fact(), fact({ id: 'f2', sourceId: 'nope' })];
    const out = problems([source('s1'), topics, facts(list)]);
    expect(out).toHaveLength(1);
    expect(lineOfFact(list, 'f2')).toBeGreaterThan(10);
    expect(out[0]).toBe(`facts/border.json:${lineOfFact(list, 'f2')}: fact "f2": unknown sourceId "nope"`);
  });

  it('rejects a quote that is not in its source', () => {
    const out = problems([source('s1'), topics, facts([fact({ quote: 'about 1,000 kilometers long' })])]);
    expect(out[0]).toBe('facts/border.json:3: fact "f1": quote not found in source "s1": "about 1,000 kilometers long"');
  });

  it('accepts a quote that differs only in white space and quote marks', () => {
    const kb = parseKnowledge([source('s1'), topics, facts([fact({ quote: 'about   970\nkilometers long' })])]);
    expect(kb.facts).toHaveLength(1);
  });

  it('rejects a bad date in a fact and in front matter', () => {
    expect(problems([source('s1'), topics, facts([fact({ date: '2022-13-01' })])])[0]).toContain('fact "f1": bad date in "date": "2022-13-01"');
    expect(problems([source('s1', '2023-02-30'), topics])[0]).toBe('sources/s1.md:5: bad date in "published": "2023-02-30" (expected YYYY, YYYY-MM or YYYY-MM-DD)');
  });

  it('rejects duplicate fact ids and duplicate topic ids', () => {
    const twice = [fact(), fact()];
    expect(problems([source('s1'), topics, facts(twice)])).toEqual([`facts/border.json:${lineOfFact(twice, 'f1', 1)}: fact "f1": duplicate fact id`]);
    const dupTopics: RawFile = { path: 'topics.json', text: JSON.stringify({ topics: [JSON.parse(topics.text).topics[0], JSON.parse(topics.text).topics[0]] }) };
    expect(problems([source('s1'), dupTopics])[0]).toContain('topic "border-length": duplicate topic id');
  });

  it('reports malformed front matter with its line', () => {
    const noClose: RawFile = { path: 'sources/s1.md', text: '---\nid: s1\ntitle: x\nThe text.\n' };
    expect(problems([noClose, topics])[0]).toMatch(/^sources\/s1\.md:1: malformed front matter: the file must start with a "---" line/);
    const badYaml: RawFile = { path: 'sources/s1.md', text: '---\nid: s1\ntitle: [unclosed\n---\ntext.\n' };
    expect(problems([badYaml, topics])[0]).toMatch(/^sources\/s1\.md:\d+: malformed front matter: /);
    const missing = source('s1').text.replace('publisher: Asia-Plus\n', '');
    expect(problems([{ path: 'sources/s1.md', text: missing }, topics])[0]).toBe('sources/s1.md:1: front matter field "publisher" is missing or empty');
  });

  it('reports an id that does not match its file name', () => {
    const wrong = { path: 'sources/other.md', text: source('s1').text };
    expect(problems([wrong, topics])[0]).toBe('sources/other.md:2: id "s1" does not match the file name "other.md"');
  });

  it('reports malformed JSON with the line of the error', () => {
    const broken: RawFile = { path: 'facts/border.json', text: '[\n  {\n    "id": "f1",\n    "kind": "figure"\n    "topic": "x"\n  }\n]\n' };
    expect(problems([source('s1'), topics, broken])[0]).toMatch(/^facts\/border\.json:5: malformed JSON: /);
  });

  it('reports an unknown topic and a missing translation', () => {
    const out = problems([source('s1'), topics, facts([fact({ topic: 'weather', text: { en: 'x' } })])]);
    expect(out).toContain('facts/border.json:3: fact "f1": unknown topic "weather" (topics are defined in topics.json)');
    expect(out.some((l) => l.includes('"text" must give the fact'))).toBe(true);
  });

  it('lists every problem, not only the first', () => {
    const out = problems([source('s1'), topics, facts([fact({ sourceId: 'x' }), fact({ id: 'f2', date: 'soon' })])]);
    expect(out).toHaveLength(2);
  });

  it('accepts a fact with the questions it answers, and refuses a malformed list', () => {
    const questions = { en: ['How long is the border?', 'What is the length of the frontier?'], ru: ['Какова длина границы?'] };
    expect(parseKnowledge([source('s1'), topics, facts([fact({ questions })])]).facts[0]?.questions).toEqual(questions);
    expect(problems([source('s1'), topics, facts([fact({ questions: { en: 'How long?' } })])])[0]).toBe(
      'facts/border.json:3: fact "f1": "questions.en" must be a list of questions',
    );
  });
});

describe('authored passages (knowledge/passages/<sourceId>.json)', () => {
  const passage = (over: Record<string, unknown> = {}) => ({
    id: 's1-length',
    quote: 'The border is about 970 kilometers long.',
    text: { en: 'The border is about 970 km long.', ru: 'Протяжённость границы — около 970 км.' },
    questions: { en: ['How long is the border?', 'How many kilometres is the frontier?'], ru: ['Какова длина границы?'] },
    ...over,
  });
  const file = (list: unknown[], sourceId = 's1'): RawFile => ({
    path: `passages/${sourceId}.json`,
    text: JSON.stringify({ sourceId, passages: list }, null, 2),
  });
  const lineOf = (f: RawFile, id: string) => f.text.split('\n').findIndex((l) => l.includes(`"id": "${id}"`)) + 1;

  it('loads a valid passage with its bot sentence, questions and party', () => {
    const kb = parseKnowledge([source('s1'), topics, file([passage({ party: 'kyrgyzstan' })])]);
    expect(kb.passages).toHaveLength(1);
    expect(kb.passages[0]).toMatchObject({ id: 's1-length', sourceId: 's1', party: 'kyrgyzstan', text: { ru: 'Протяжённость границы — около 970 км.' } });
  });

  it('names the file and line of a quote that is not in the source', () => {
    const f = file([passage(), passage({ id: 's1-other', quote: 'The border is about 1,000 kilometers long.', text: { en: 'About 1,000 km.', ru: 'Около 1000 км.' } })]);
    expect(problems([source('s1'), topics, f])).toEqual([
      `passages/s1.json:${lineOf(f, 's1-other')}: passage "s1-other": quote not found in source "s1": "The border is about 1,000 kilometers long."`,
    ]);
  });

  it('refuses short quotes, missing Russian, too few questions, a bad party and numbers the quote lacks', () => {
    const out = problems([
      source('s1'),
      topics,
      file([
        passage({ id: 'a', quote: 'began in 2002.', text: { en: 'Talks began in 2002.', ru: 'Переговоры начались в 2002 году.' } }),
        passage({ id: 'b', text: { en: 'About 970 km.' } }),
        passage({ id: 'c', questions: { en: ['How long?'], ru: [] } }),
        passage({ id: 'd', party: 'uzbekistan' }),
        passage({ id: 'e', text: { en: 'The border is about 975 km long.', ru: 'Около 975 км.' } }),
      ]),
    ]);
    expect(out.some((l) => l.includes('passage "a": "quote" needs at least 4 words'))).toBe(true);
    expect(out.some((l) => l.includes('passage "b": "text" must give'))).toBe(true);
    expect(out.some((l) => l.includes('passage "c": "questions.en" needs at least 2'))).toBe(true);
    expect(out.some((l) => l.includes('passage "c": "questions.ru" needs at least 1'))).toBe(true);
    expect(out.some((l) => l.includes('passage "d": "party" must be one of kyrgyzstan, tajikistan'))).toBe(true);
    expect(out.some((l) => l.includes('passage "e": "text.en" has numbers the quote does not: 975'))).toBe(true);
  });

  it('refuses an id already taken by a fact, and a file named after no source', () => {
    expect(problems([source('s1'), topics, facts([fact()]), file([passage({ id: 'f1' })])])[0]).toContain(
      'passage "f1": id already used by another fact or passage',
    );
    expect(problems([source('s1'), topics, file([passage()], 's9')])[0]).toBe('passages/s9.json:2: unknown sourceId "s9"');
  });
});
