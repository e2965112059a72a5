import MiniSearch, { type Options } from 'minisearch';

/**
 * A MiniSearch index saved as bytes and loaded without decoding its postings.
 *
 * MiniSearch's own JSON makes a load rebuild every posting list as a Map: at 100,000 passages that is most of a
 * start-up, for postings no question will read. Here the postings stay packed in one Uint32Array and each term's
 * lists are decoded the first time a search (or an update) reaches that term; only the terms and the document
 * table are built at load. A search over a loaded index reads the same numbers as over the built one, so answers
 * are identical (tests/core/answering/search-index.test.ts checks that).
 *
 * This reads and fills MiniSearch's internal fields, the ones its own `toJSON`/`loadJS` use; the lock file pins
 * MiniSearch, and the round-trip test fails if a new version stores them differently.
 *
 * Layout, little-endian: "MSP1", the header's byte length, the header (JSON), padding to 4 bytes, then Uint32s:
 * the documents' short ids, their field lengths (NONE where a document lacks the field), each term's offset into
 * the postings, and the postings: per term, how many fields hold it, then per field its id, the number of
 * documents n, n short ids and n frequencies.
 */

/** MiniSearch's internals this module reads and writes (the same its `toJSON` and `loadJS` use). */
interface Internals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, number | string>;
  _idToShortId: Map<number | string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: {
    set(term: string, data: Map<number, Map<number, number>>): void;
    [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]>;
  };
}

interface Header {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  dirtCount: number;
  /** Document ids, in the order of the short ids section. */
  ids: Array<number | string>;
  terms: string[];
  /** Whatever the caller keeps beside the index (here: document frequencies). */
  extra: unknown;
}

const MAGIC = 0x3150534d; // "MSP1"
const NONE = 0xffffffff;

/** A term's postings, decoded field by field when first read; afterwards an ordinary Map. */
class PackedTerm extends Map<number, Map<number, number>> {
  #words: Uint32Array | null;
  #at: number;

  constructor(words: Uint32Array, at: number) {
    super();
    this.#words = words;
    this.#at = at;
  }

  /** Decodes one field (all of them when `only` is undefined) into the Map. */
  #open(only?: number): void {
    const words = this.#words;
    if (!words) return;
    let at = this.#at;
    const fields = words[at++]!;
    for (let f = 0; f < fields; f++) {
      const fieldId = words[at]!;
      const n = words[at + 1]!;
      if ((only === undefined || only === fieldId) && !super.has(fieldId)) {
        const docs = new Map<number, number>();
        for (let i = 0; i < n; i++) docs.set(words[at + 2 + i]!, words[at + 2 + n + i]!);
        super.set(fieldId, docs);
      }
      at += 2 + 2 * n;
    }
    if (only === undefined) this.#words = null;
  }

  /** The packed words still waiting, for saving without decoding: [words, start, end) or null once opened. */
  packed(): [Uint32Array, number, number] | null {
    const words = this.#words;
    if (!words) return null;
    let at = this.#at;
    const fields = words[at++]!;
    for (let f = 0; f < fields; f++) at += 2 + 2 * words[at + 1]!;
    return [words, this.#at, at];
  }

  override get(fieldId: number): Map<number, number> | undefined {
    if (this.#words && !super.has(fieldId)) this.#open(fieldId);
    return super.get(fieldId);
  }
  override has(fieldId: number): boolean {
    this.#open();
    return super.has(fieldId);
  }
  override set(fieldId: number, docs: Map<number, number>): this {
    this.#open();
    return super.set(fieldId, docs);
  }
  override delete(fieldId: number): boolean {
    this.#open();
    return super.delete(fieldId);
  }
  override clear(): void {
    this.#words = null;
    super.clear();
  }
  override get size(): number {
    this.#open();
    return super.size;
  }
  override forEach(fn: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, self?: unknown): void {
    this.#open();
    super.forEach(fn, self);
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    this.#open();
    return super.entries();
  }
  override keys(): MapIterator<number> {
    this.#open();
    return super.keys();
  }
  override values(): MapIterator<Map<number, number>> {
    this.#open();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.entries();
  }
}

const internals = (mini: MiniSearch<never>): Internals => mini as unknown as Internals;

/** Grows a Uint32Array as words are pushed. */
class Words {
  buf = new Uint32Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = x;
  }
  append(src: Uint32Array, start: number, end: number): void {
    this.reserve(end - start);
    this.buf.set(src.subarray(start, end), this.length);
    this.length += end - start;
  }
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint32Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  view(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

/** The index as bytes, postings of terms never read since the last load copied as they were. */
export function packIndex<T>(mini: MiniSearch<T>, extra: unknown): Buffer {
  const m = internals(mini as MiniSearch<never>);
  if (m._storedFields.size) throw new Error('packIndex: stored fields are not supported');
  const fieldCount = Object.keys(m._fieldIds).length;
  const ids: Array<number | string> = [];
  const shortIds = new Words();
  const lengths = new Words();
  for (const [shortId, id] of m._documentIds) {
    ids.push(id);
    shortIds.push(shortId);
    const l = m._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < fieldCount; f++) lengths.push(l[f] ?? NONE);
  }
  const terms: string[] = [];
  const offsets = new Words();
  const postings = new Words();
  for (const [term, data] of m._index) {
    terms.push(term);
    offsets.push(postings.length);
    const packed = data instanceof PackedTerm ? data.packed() : null;
    if (packed) {
      postings.append(...packed);
      continue;
    }
    postings.push(data.size);
    for (const [fieldId, docs] of data) {
      postings.push(fieldId);
      postings.push(docs.size);
      for (const d of docs.keys()) postings.push(d);
      for (const n of docs.values()) postings.push(n);
    }
  }
  const header: Header = {
    documentCount: m._documentCount,
    nextId: m._nextId,
    fieldIds: m._fieldIds,
    averageFieldLength: m._avgFieldLength,
    dirtCount: m._dirtCount,
    ids,
    terms,
    extra,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = 8 + json.length;
  const start = headerEnd + ((4 - (headerEnd % 4)) % 4);
  const sections = [shortIds.view(), lengths.view(), offsets.view(), postings.view()];
  const out = Buffer.alloc(start + 4 * sections.reduce((n, s) => n + s.length, 0));
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  let at = start;
  for (const s of sections) {
    Buffer.from(s.buffer, s.byteOffset, s.byteLength).copy(out, at);
    at += s.byteLength;
  }
  return out;
}

/** Reads an index written by `packIndex`; the options must be the ones it was built with. Throws on other bytes. */
export function unpackIndex<T>(bytes: Uint8Array, options: Options<T>): { mini: MiniSearch<T>; extra: unknown } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 8 || view.readUInt32LE(0) !== MAGIC) throw new Error('not a packed index');
  const headerLength = view.readUInt32LE(4);
  const header = JSON.parse(view.toString('utf8', 8, 8 + headerLength)) as Header;
  const headerEnd = 8 + headerLength;
  const start = headerEnd + ((4 - (headerEnd % 4)) % 4);
  // Uint32Array needs its offset aligned to 4: a view when it is (a file read into its own buffer), a copy if not.
  const body =
    (view.byteOffset + start) % 4 === 0
      ? new Uint32Array(view.buffer, view.byteOffset + start, (view.length - start) / 4)
      : new Uint32Array(view.buffer.slice(view.byteOffset + start, view.byteOffset + view.length));
  const fieldCount = Object.keys(header.fieldIds).length;
  const docs = header.ids.length;
  const mini = MiniSearch.loadJS<T>(
    {
      documentCount: header.documentCount,
      nextId: header.nextId,
      documentIds: {},
      fieldIds: header.fieldIds,
      fieldLength: {},
      averageFieldLength: header.averageFieldLength,
      storedFields: {},
      dirtCount: header.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const m = internals(mini as MiniSearch<never>);
  let at = 0;
  for (let i = 0; i < docs; i++) {
    const shortId = body[at + i]!;
    const id = header.ids[i]!;
    m._documentIds.set(shortId, id);
    m._idToShortId.set(id, shortId);
  }
  at += docs;
  for (let i = 0; i < docs; i++) {
    // As MiniSearch makes them: set where the document has the field, so no longer than its last field.
    const l: number[] = [];
    for (let f = 0; f < fieldCount; f++) {
      const x = body[at + i * fieldCount + f]!;
      if (x !== NONE) l[f] = x;
    }
    m._fieldLength.set(body[i]!, l);
  }
  at += docs * fieldCount;
  const postings = body.subarray(at + header.terms.length);
  header.terms.forEach((term, t) => m._index.set(term, new PackedTerm(postings, body[at + t]!)));
  return { mini, extra: header.extra };
}
