import type { KnowledgeBase } from '../src/core/index.js';
import type { Source } from '../src/core/types.js';

/** A deterministic pseudo-random generator, so every run measures the same corpus. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sources of `passages` sentences in all, like a large news archive on the subject: half the words drawn
 * from the bundled articles (so "border", "Kyrgyzstan", "Vorukh" are as common as in them, and entities are
 * found), half from a Zipf-distributed vocabulary of 40,000 made-up words (a real archive's long tail),
 * with made-up names and numbers sprinkled in.
 */
export function generateSources(kb: KnowledgeBase, passages: number, perSource = 50): Source[] {
  const rand = mulberry32(42);
  const words = [...kb.sources.values()].flatMap((s) => s.text.split(/\s+/).filter((w) => /^[\p{L}’'-]+,?$/u.test(w)));
  const names = Array.from({ length: 2000 }, (_, i) => `Nam${(i * 7919).toString(36)}ovo`);
  const syllables = ['ka', 'ro', 'tu', 'mi', 'sha', 'len', 'dor', 'vi', 'pel', 'zan', 'qu', 'ost', 'ber', 'lin', 'gra', 'fe'];
  const vocabulary = Array.from({ length: 40_000 }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) w += syllables[n % syllables.length];
    return w;
  });
  // Zipf: the k-th word is drawn with probability ∝ 1/k, by inverting the harmonic cumulative sum.
  const harmonic = vocabulary.map((_, k) => 1 / (k + 1));
  const cumulative: number[] = [];
  harmonic.reduce((acc, h, k) => (cumulative[k] = acc + h), 0);
  const total = cumulative[cumulative.length - 1]!;
  const zipf = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sentence = () => {
    const n = 12 + Math.floor(rand() * 18);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = rand();
      out.push(r < 0.04 ? pick(names) : r < 0.08 ? String(Math.floor(rand() * 5000)) : r < 0.54 ? pick(words).replace(/,$/, '') : zipf());
    }
    const s = out.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const sources: Source[] = [];
  for (let i = 0; i * perSource < passages; i++) {
    const count = Math.min(perSource, passages - i * perSource);
    const text = Array.from({ length: count }, sentence).join('\n');
    const year = 2000 + (i % 25);
    sources.push({
      id: `generated-${i}`,
      title: `Generated article ${i}`,
      publisher: pick(['Asia-Plus', 'Eurasianet', 'The Diplomat', 'Kabar', 'AKIpress']),
      published: `${year}-${String(1 + (i % 12)).padStart(2, '0')}`,
      url: null,
      language: 'en',
      text,
      file: `generated/${i}.md`,
      bodyLine: 1,
    });
  }
  return sources;
}
