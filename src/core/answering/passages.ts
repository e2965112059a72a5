import { resolveRelativeDates } from '../dates.js';
import type { EntityMatcher } from './entities.js';
import { stem, tokenize } from '../text.js';
import type { Source } from '../types.js';

/** One sentence of a source, the unit of search and of quoting. */
export interface Passage {
  id: number;
  sourceId: string;
  /** Character offsets of the sentence in the source's text: `source.text.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  /** Gazetteer ids named in the sentence (space-separated, hyphens dropped, for the index). */
  entities: string;
  /** Years the sentence's relative dates resolve to ("last year" in a 2020 article → 2019). */
  dates: string;
}

// A sentence ends at . ! ? or … (possibly followed by a closing quote or bracket) before white space
// and a capital, a digit or an opening quote; a line break always ends one.
const SENTENCE_END = /(?<=[.!?…]["”’)\]]?)[ \t]+(?=["“‘([]?[\p{Lu}\d])|\r?\n+/gu;

/** Splits text into sentences with their offsets; headings (a few words without a full stop) are left out. */
export function splitSentences(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    const isHeading = !/[.!?…:;"”]$/.test(s) && s.split(/\s+/).length <= 6;
    if (s && !isHeading) out.push({ start: from + lead, end: from + lead + s.length, text: s });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

export const entityKey = (id: string): string => id.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/** Every source cut into sentence passages, with entities and resolved dates attached. */
export function buildPassages(sources: Iterable<Source>, matcher: EntityMatcher, firstId = 0): Passage[] {
  const passages: Passage[] = [];
  let id = firstId;
  for (const source of sources) {
    const sentences = splitSentences(source.text);
    const resolved = resolveRelativeDates(source.text, source.published);
    sentences.forEach((s) => {
      const tokens = tokenize(s.text);
      const ids = [...new Set(matcher.find(tokens.map(stem), { tokens }).map((h) => entityKey(h.id)))];
      const dates = resolved.filter((r) => r.start >= s.start && r.end <= s.end).map((r) => r.value.slice(0, 4));
      passages.push({
        id: id++,
        sourceId: source.id,
        start: s.start,
        end: s.end,
        text: s.text,
        entities: ids.join(' '),
        dates: [...new Set(dates)].join(' '),
      });
    });
  }
  return passages;
}

type SavedPassage = [id: number, sourceId: string, start: number, end: number, entities: string, dates: string];

/** Passages for saving beside an index: offsets only, since the text is the source's own. */
export function savePassages(passages: Passage[]): string {
  return JSON.stringify(passages.map((p): SavedPassage => [p.id, p.sourceId, p.start, p.end, p.entities, p.dates]));
}

/** Restores saved passages against their sources; a passage whose source is gone is dropped. */
export function restorePassages(json: string, sources: Map<string, Source>): Passage[] {
  const out: Passage[] = [];
  for (const [id, sourceId, start, end, entities, dates] of JSON.parse(json) as SavedPassage[]) {
    const source = sources.get(sourceId);
    if (source) out.push({ id, sourceId, start, end, text: source.text.slice(start, end), entities, dates });
  }
  return out;
}
