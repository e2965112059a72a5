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
});
