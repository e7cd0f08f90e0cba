/**
 * A frozen segment: the compact, immutable part of a collection's index. Paragraphs are
 * numbered 0..n-1 in id order; each field (text, heading) keeps, per term of a sorted
 * vocabulary, a posting list of (paragraph number, term frequency) in flat typed arrays:
 * paragraph numbers ascending, stored as variable-length deltas (one byte for most), and
 * frequencies in one byte. About 2.5 bytes a posting instead of MiniSearch's nested maps, and it
 * serialises to one byte buffer that loads without parsing: the typed arrays are views on it.
 *
 * Beside the postings it keeps each paragraph's sentences and its text terms in order (as vocabulary numbers, 4
 * bytes a term), so the answer engine reads a paragraph's analysis from here instead of analysing its text again.
 *
 * Removal marks a paragraph dead (a tombstone); `mergeSegment` writes a new segment without
 * the dead and with the paragraphs added since. Scoring lives in `index.ts`.
 */
import { crc32 } from 'node:zlib';
import type { AnalysedParagraph, SentenceSpan } from '../text/paragraph.js';
import { type NearTerm, nearTerms } from './fuzzy.js';

/** A paragraph as a segment stores it: its analysed terms, not its text. */
export interface SegmentDoc {
  readonly id: number;
  readonly articleId: number;
  readonly textTerms: readonly string[];
  readonly headingTerms: readonly string[];
  /**
   * Its sentences, each with how many of `textTerms` it holds (`analyseParagraph`). Without them the segment keeps
   * no analysis of the paragraph (`analysed` gives undefined).
   */
  readonly sentences?: readonly SentenceSpan[];
}

/** The fields of a segment, in the order of their ids (text = 0, heading = 1). */
export const SEGMENT_FIELDS = ['text', 'heading'] as const;
export type SegmentField = 0 | 1;

/** Term frequencies are stored in 8 bits; a paragraph repeating a word more often counts as this many. */
export const MAX_TERM_FREQUENCY = 0xff;

/** Paragraph numbers are at most 28 bits (their deltas take at most four bytes). */
export const MAX_SEGMENT_PARAGRAPHS = 1 << 28;

const MAGIC = 0x58494e46; // "FNIX"
/** Bumped whenever the byte layout below changes. */
export const SEGMENT_FORMAT = 4;
const HEADER_BYTES = 16;

/** A snapshot that cannot be used: wrong magic, other format or analyser, bad checksum, truncated. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** One field's postings. Term t's postings are numbers starts[t]..starts[t+1]-1. */
export interface Postings {
  readonly starts: Uint32Array;
  /** Byte offset of term t's first delta in `deltas`. */
  readonly offsets: Uint32Array;
  /** Paragraph numbers as deltas from the previous one (the first from 0), 7 bits a byte, high bit = more. */
  readonly deltas: Uint8Array;
  readonly freqs: Uint8Array;
}

/**
 * The paragraphs' analyses. Paragraph d's text terms are the bytes of `terms` from `termStarts[d]` up to
 * `termStarts[d + 1]`: each term as its rank by how often the segment's paragraphs write it, a variable-length number
 * (7 bits a byte, high bit = more), so the most frequent 128 take one byte and the next 16,256 two; `ranked` gives
 * the vocabulary number of each rank. Its sentences are the triples (start, end, terms held) of `spans` from
 * `3 * sentenceStarts[d]` up to `3 * sentenceStarts[d + 1]`. A paragraph stored without sentences has no terms here
 * either.
 */
export interface Forward {
  readonly termStarts: Uint32Array;
  readonly terms: Uint8Array;
  readonly ranked: Uint32Array;
  readonly sentenceStarts: Uint32Array;
  readonly spans: Uint32Array;
}

interface SegmentParts {
  readonly ids: Int32Array;
  readonly articles: Int32Array;
  readonly lengths: readonly [Uint32Array, Uint32Array];
  readonly vocabulary: readonly string[];
  readonly postings: readonly [Postings, Postings];
  readonly forward: Forward;
  readonly fingerprint: string;
}

export class FrozenSegment {
  /** Paragraph ids, ascending; a paragraph's number is its place here. */
  readonly ids: Int32Array;
  readonly articles: Int32Array;
  /** Field lengths (distinct terms, as MiniSearch counts them), per paragraph number. */
  readonly lengths: readonly [Uint32Array, Uint32Array];
  /** The analyser fingerprint the terms were made with. */
  readonly fingerprint: string;
  private readonly vocabulary: readonly string[];
  private readonly postings: readonly [Postings, Postings];
  private readonly forward: Forward;
  private readonly dead: Uint8Array;
  private deadCount = 0;
  private readonly lengthSums: [number, number];
  /** Document frequencies that had to discount dead paragraphs, cleared when one more dies. */
  private readonly liveFrequency = new Map<string, number>();

  constructor(parts: SegmentParts) {
    this.ids = parts.ids;
    this.articles = parts.articles;
    this.lengths = parts.lengths;
    this.vocabulary = parts.vocabulary;
    this.postings = parts.postings;
    this.forward = parts.forward;
    this.fingerprint = parts.fingerprint;
    this.dead = new Uint8Array(parts.ids.length);
    this.lengthSums = [sum(parts.lengths[0]), sum(parts.lengths[1])];
  }

  static empty(fingerprint: string): FrozenSegment {
    return mergeSegment(undefined, [], fingerprint);
  }

  /** Paragraphs stored, dead or alive. */
  get docCount(): number {
    return this.ids.length;
  }

  /** Paragraphs alive. */
  get size(): number {
    return this.ids.length - this.deadCount;
  }

  get deadParagraphs(): number {
    return this.deadCount;
  }

  get termCount(): number {
    return this.vocabulary.length;
  }

  /** Vocabulary terms within `maxDistance` edits of `term` (see `nearTerms`), dead paragraphs' terms included. */
  nearTerms(term: string, maxDistance: number, sharedPrefix = 0): NearTerm[] {
    return nearTerms(this.vocabulary, term, maxDistance, sharedPrefix);
  }

  /** Sum of a field's length over the living paragraphs. */
  lengthSum(field: SegmentField): number {
    return this.lengthSums[field];
  }

  /** The paragraph number of `id`, or -1. Dead paragraphs are still found; see `isAlive`. */
  docOf(id: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid] as number;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** 1 for each dead paragraph number (read-only; for the scorer's inner loop). */
  get deadFlags(): Uint8Array {
    return this.dead;
  }

  isAlive(doc: number): boolean {
    return this.dead[doc] === 0;
  }

  has(id: number): boolean {
    const doc = this.docOf(id);
    return doc >= 0 && this.dead[doc] === 0;
  }

  /** Mark a paragraph dead. Returns false when it is not here or already dead. */
  kill(id: number): boolean {
    const doc = this.docOf(id);
    if (doc < 0 || this.dead[doc] === 1) return false;
    this.dead[doc] = 1;
    this.deadCount += 1;
    this.lengthSums[0] -= this.lengths[0][doc] as number;
    this.lengthSums[1] -= this.lengths[1][doc] as number;
    this.liveFrequency.clear();
    return true;
  }

  /** The term of vocabulary number `termId`. */
  term(termId: number): string | undefined {
    return this.vocabulary[termId];
  }

  /**
   * Calls `visit` with the vocabulary number of each of paragraph number `doc`'s text terms, in order. Returns false
   * when its bytes do not decode to vocabulary numbers (a damaged analysis).
   */
  forEachForwardTerm(doc: number, visit: (termId: number) => void): boolean {
    const { termStarts, terms: bytes, ranked } = this.forward;
    const end = termStarts[doc + 1] as number;
    let at = termStarts[doc] as number;
    while (at < end) {
      let byte = bytes[at++] as number;
      let rank = byte & 0x7f;
      for (let shift = 7; byte >= 0x80 && at < end; shift += 7) {
        byte = bytes[at++] as number;
        rank |= (byte & 0x7f) << shift;
      }
      const termId = ranked[rank];
      if (termId === undefined || byte >= 0x80) return false;
      visit(termId);
    }
    return true;
  }

  /** Paragraph number `doc`'s sentences and text terms, or undefined when it was stored without them. */
  analysed(doc: number): AnalysedParagraph | undefined {
    const { sentenceStarts, spans } = this.forward;
    const first = sentenceStarts[doc];
    const last = sentenceStarts[doc + 1];
    if (first === undefined || last === undefined || first === last) return undefined;
    const terms: string[] = [];
    if (!this.forEachForwardTerm(doc, (termId) => terms.push(this.vocabulary[termId] as string))) return undefined;
    const sentences = new Array<SentenceSpan>(last - first);
    for (let k = 0; k < sentences.length; k++) {
      const at = 3 * (first + k);
      sentences[k] = { start: spans[at] as number, end: spans[at + 1] as number, terms: spans[at + 2] as number };
    }
    return { terms, sentences };
  }

  /** The raw analyses (for `mergeSegment`). */
  get forwardArrays(): Forward {
    return this.forward;
  }

  /** Vocabulary number of `term`, or -1 (binary search over the sorted vocabulary). */
  termId(term: string): number {
    const v = this.vocabulary;
    let lo = 0;
    let hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = v[mid] as string;
      if (t === term) return mid;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Living paragraphs whose `field` holds the term with vocabulary number `termId`. */
  documentFrequency(termId: number, field: SegmentField): number {
    if (termId < 0) return 0;
    const { starts } = this.postings[field];
    const all = (starts[termId + 1] as number) - (starts[termId] as number);
    if (this.deadCount === 0) return all;
    const key = `${field}:${termId}`;
    const cached = this.liveFrequency.get(key);
    if (cached !== undefined) return cached;
    let n = 0;
    this.forEachPosting(termId, field, () => {
      n++;
    });
    this.liveFrequency.set(key, n);
    return n;
  }

  /** Calls `visit(doc, frequency)` for every living paragraph holding the term in `field`, in paragraph order. */
  forEachPosting(termId: number, field: SegmentField, visit: (doc: number, frequency: number) => void): void {
    if (termId >= 0) this.decode(termId, field, false, visit);
  }

  /** Walks a term's postings, decoding the deltas (the scorer in `index.ts` inlines the same loop). */
  private decode(
    termId: number,
    field: SegmentField,
    withDead: boolean,
    visit: (doc: number, tf: number) => void,
  ): void {
    const { starts, offsets, deltas, freqs } = this.postings[field];
    const end = starts[termId + 1] as number;
    let at = offsets[termId] as number;
    let doc = 0;
    for (let i = starts[termId] as number; i < end; i++) {
      let byte = deltas[at++] as number;
      let delta = byte & 0x7f;
      for (let shift = 7; byte >= 0x80; shift += 7) {
        byte = deltas[at++] as number;
        delta |= (byte & 0x7f) << shift;
      }
      doc += delta;
      if (withDead || this.dead[doc] === 0) visit(doc, freqs[i] as number);
    }
  }

  /** Raw posting arrays of a field, for the scorer's inner loop. */
  postingsOf(field: SegmentField): Postings {
    return this.postings[field];
  }

  /** Bytes held by the arrays (the heap the segment costs, its vocabulary strings aside). */
  get byteLength(): number {
    let n = this.ids.byteLength * 4 + this.dead.byteLength;
    for (const p of this.postings)
      n += p.starts.byteLength + p.offsets.byteLength + p.deltas.byteLength + p.freqs.byteLength;
    const f = this.forward;
    return (
      n +
      f.termStarts.byteLength +
      f.terms.byteLength +
      f.ranked.byteLength +
      f.sentenceStarts.byteLength +
      f.spans.byteLength
    );
  }

  /** Terms with their postings in `field`, dead paragraphs included, as (term, paragraph numbers, frequencies). */
  *termsWithPostings(field: SegmentField): IterableIterator<[string, number[], number[]]> {
    const { starts } = this.postings[field];
    for (let t = 0; t < this.vocabulary.length; t++) {
      if ((starts[t + 1] as number) === (starts[t] as number)) continue;
      const docs: number[] = [];
      const freqs: number[] = [];
      this.decode(t, field, true, (doc, tf) => {
        docs.push(doc);
        freqs.push(tf);
      });
      yield [this.vocabulary[t] as string, docs, freqs];
    }
  }

  /** The segment as bytes (dead paragraphs included; merge first to drop them). */
  toBytes(): Uint8Array {
    const meta = new TextEncoder().encode(
      JSON.stringify({
        docs: this.ids.length,
        terms: this.vocabulary.length,
        postings: [this.postings[0].freqs.length, this.postings[1].freqs.length],
        deltaBytes: [this.postings[0].deltas.length, this.postings[1].deltas.length],
        forwardBytes: this.forward.terms.length,
        ranked: this.forward.ranked.length,
        spans: this.forward.spans.length,
        fingerprint: this.fingerprint,
      }),
    );
    const vocab = new TextEncoder().encode(this.vocabulary.join('\n'));
    const arrays: ArrayBufferView[] = [
      this.ids,
      this.articles,
      this.lengths[0],
      this.lengths[1],
      this.postings[0].starts,
      this.postings[0].offsets,
      this.postings[0].deltas,
      this.postings[0].freqs,
      this.postings[1].starts,
      this.postings[1].offsets,
      this.postings[1].deltas,
      this.postings[1].freqs,
      this.forward.termStarts,
      this.forward.terms,
      this.forward.ranked,
      this.forward.sentenceStarts,
      this.forward.spans,
    ];
    let size = HEADER_BYTES + pad4(meta.length);
    for (const a of arrays) size += pad4(a.byteLength);
    size += vocab.length;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, SEGMENT_FORMAT, true);
    view.setUint32(12, meta.length, true);
    let at = HEADER_BYTES;
    out.set(meta, at);
    at += pad4(meta.length);
    for (const a of arrays) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += pad4(a.byteLength);
    }
    out.set(vocab, at);
    view.setUint32(8, crc32(out.subarray(HEADER_BYTES)), true);
    return out;
  }

  /**
   * A segment from `toBytes` output. Throws `SnapshotError` for anything that is not an intact
   * snapshot of this format made with the analyser `fingerprint`.
   */
  static fromBytes(input: Uint8Array, fingerprint: string): FrozenSegment {
    // Typed-array views need 4-byte alignment; a buffer that is not aligned is copied once.
    const bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input);
    if (bytes.length < HEADER_BYTES) throw new SnapshotError('snapshot is truncated');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new SnapshotError('not an index snapshot');
    const format = view.getUint32(4, true);
    if (format !== SEGMENT_FORMAT) throw new SnapshotError(`snapshot format ${format}, expected ${SEGMENT_FORMAT}`);
    if (crc32(bytes.subarray(HEADER_BYTES)) !== view.getUint32(8, true))
      throw new SnapshotError('snapshot checksum does not match');
    const metaLength = view.getUint32(12, true);
    let meta: {
      docs: number;
      terms: number;
      postings: [number, number];
      deltaBytes: [number, number];
      forwardBytes: number;
      ranked: number;
      spans: number;
      fingerprint: string;
    };
    try {
      meta = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength)));
    } catch {
      throw new SnapshotError('snapshot header is not readable');
    }
    if (meta.fingerprint !== fingerprint) throw new SnapshotError('snapshot was made by another text analyser');
    let at = bytes.byteOffset + HEADER_BYTES + pad4(metaLength);
    const end = bytes.byteOffset + bytes.byteLength;
    const take = <T>(
      make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
      count: number,
      width: number,
    ) => {
      if (at + count * width > end) throw new SnapshotError('snapshot is truncated');
      const array = make(bytes.buffer, at, count);
      at += pad4(count * width);
      return array;
    };
    const i32 = (b: ArrayBufferLike, o: number, n: number) => new Int32Array(b, o, n);
    const u32 = (b: ArrayBufferLike, o: number, n: number) => new Uint32Array(b, o, n);
    const u8 = (b: ArrayBufferLike, o: number, n: number) => new Uint8Array(b, o, n);
    const ids = take(i32, meta.docs, 4);
    const articles = take(i32, meta.docs, 4);
    const lengths: [Uint32Array, Uint32Array] = [take(u32, meta.docs, 4), take(u32, meta.docs, 4)];
    const field = (k: 0 | 1): Postings => ({
      starts: take(u32, meta.terms + 1, 4),
      offsets: take(u32, meta.terms + 1, 4),
      deltas: take(u8, meta.deltaBytes[k], 1),
      freqs: take(u8, meta.postings[k], 1),
    });
    const postings: [Postings, Postings] = [field(0), field(1)];
    const forward: Forward = {
      termStarts: take(u32, meta.docs + 1, 4),
      terms: take(u8, meta.forwardBytes, 1),
      ranked: take(u32, meta.ranked, 4),
      sentenceStarts: take(u32, meta.docs + 1, 4),
      spans: take(u32, meta.spans, 4),
    };
    const vocabText = new TextDecoder().decode(new Uint8Array(bytes.buffer, at, end - at));
    const vocabulary = meta.terms === 0 ? [] : vocabText.split('\n');
    if (vocabulary.length !== meta.terms) throw new SnapshotError('snapshot vocabulary is damaged');
    if (!forwardIsSound(forward, meta.docs, meta.terms)) throw new SnapshotError('snapshot analyses are damaged');
    return new FrozenSegment({ ids, articles, lengths, vocabulary, postings, forward, fingerprint });
  }
}

/**
 * True when the analyses' offsets run in order within their arrays and every rank names a vocabulary number (the
 * bytes of each paragraph's terms are checked as they are read, by `forEachForwardTerm`).
 */
function forwardIsSound(f: Forward, docs: number, terms: number): boolean {
  const ascending = (starts: Uint32Array, end: number) => {
    if (starts[0] !== 0 || starts[docs] !== end) return false;
    for (let d = 0; d < docs; d++) if ((starts[d] as number) > (starts[d + 1] as number)) return false;
    return true;
  };
  if (!ascending(f.termStarts, f.terms.length) || f.spans.length % 3 !== 0) return false;
  if (!ascending(f.sentenceStarts, f.spans.length / 3)) return false;
  for (let k = 0; k < f.ranked.length; k++) if ((f.ranked[k] as number) >= terms) return false;
  return true;
}

/** A field's length as MiniSearch counts it for BM25: its distinct terms. */
export function fieldLength(terms: readonly string[]): number {
  return new Set(terms).size;
}

type PostingLists = Map<string, { docs: number[]; freqs: number[] }>;

/** Posting lists (any order) to the compact layout: sorted by paragraph number, deltas as varints. */
function encodePostings(vocabulary: readonly string[], lists: PostingLists): Postings {
  let count = 0;
  for (const l of lists.values()) count += l.docs.length;
  const starts = new Uint32Array(vocabulary.length + 1);
  const offsets = new Uint32Array(vocabulary.length + 1);
  const freqs = new Uint8Array(count);
  let deltas = new Uint8Array(Math.max(16, count * 2));
  let at = 0;
  let n = 0;
  vocabulary.forEach((term, t) => {
    starts[t] = n;
    offsets[t] = at;
    const list = lists.get(term);
    if (!list) return;
    let order = list.docs.map((_, k) => k);
    for (let k = 1; k < list.docs.length; k++)
      if ((list.docs[k] as number) < (list.docs[k - 1] as number)) {
        order = order.sort((a, b) => (list.docs[a] as number) - (list.docs[b] as number));
        break;
      }
    let previous = 0;
    for (const k of order) {
      const doc = list.docs[k] as number;
      let delta = doc - previous;
      previous = doc;
      if (at + 5 > deltas.length) {
        const grown = new Uint8Array(deltas.length * 2);
        grown.set(deltas);
        deltas = grown;
      }
      while (delta >= 0x80) {
        deltas[at++] = (delta & 0x7f) | 0x80;
        delta >>>= 7;
      }
      deltas[at++] = delta;
      freqs[n++] = list.freqs[k] as number;
    }
  });
  starts[vocabulary.length] = n;
  offsets[vocabulary.length] = at;
  return { starts, offsets, deltas: deltas.slice(0, at), freqs };
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function sum(a: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * A new segment holding the living paragraphs of `base` and the paragraphs `added` (which must
 * not be in `base` alive). Work is proportional to the postings, not to the text: `base` is not
 * analysed again.
 */
export function mergeSegment(
  base: FrozenSegment | undefined,
  added: readonly SegmentDoc[],
  fingerprint: string,
): FrozenSegment {
  // New paragraph numbers: living base paragraphs and added ones, merged in id order.
  const addedSorted = [...added].sort((a, b) => a.id - b.id);
  const baseCount = base?.docCount ?? 0;
  const total = (base?.size ?? 0) + addedSorted.length;
  if (total > MAX_SEGMENT_PARAGRAPHS)
    throw new RangeError(`A segment holds at most ${MAX_SEGMENT_PARAGRAPHS} paragraphs`);
  const ids = new Int32Array(total);
  const articles = new Int32Array(total);
  const lengths: [Uint32Array, Uint32Array] = [new Uint32Array(total), new Uint32Array(total)];
  const baseMap = new Int32Array(baseCount).fill(-1);
  const addedMap = new Int32Array(addedSorted.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < baseCount || j < addedSorted.length) {
    if (base && i < baseCount && !base.isAlive(i)) {
      i++;
      continue;
    }
    const baseId = base && i < baseCount ? (base.ids[i] as number) : Number.POSITIVE_INFINITY;
    const doc = addedSorted[j];
    if (doc !== undefined && doc.id === baseId) throw new Error(`Paragraph ${doc.id} is already indexed`);
    if (doc === undefined || baseId < doc.id) {
      const b = base as FrozenSegment;
      ids[n] = baseId;
      articles[n] = b.articles[i] as number;
      lengths[0][n] = b.lengths[0][i] as number;
      lengths[1][n] = b.lengths[1][i] as number;
      baseMap[i++] = n++;
    } else {
      ids[n] = doc.id;
      articles[n] = doc.articleId;
      lengths[0][n] = fieldLength(doc.textTerms);
      lengths[1][n] = fieldLength(doc.headingTerms);
      addedMap[j++] = n++;
    }
  }
  // Per field: term -> postings, from base (remapped, dead dropped) then the added paragraphs.
  const [textLists, headingLists] = ([0, 1] as const).map((field) => {
    const lists: PostingLists = new Map();
    if (base) {
      for (const [term, docs, freqs] of base.termsWithPostings(field)) {
        const list = { docs: [] as number[], freqs: [] as number[] };
        for (let k = 0; k < docs.length; k++) {
          const mapped = baseMap[docs[k] as number] as number;
          if (mapped < 0) continue;
          list.docs.push(mapped);
          list.freqs.push(freqs[k] as number);
        }
        if (list.docs.length > 0) lists.set(term, list);
      }
    }
    addedSorted.forEach((doc, k) => {
      const counts = countTerms(field === 0 ? doc.textTerms : doc.headingTerms);
      for (const [term, count] of counts) {
        let list = lists.get(term);
        if (!list) {
          list = { docs: [], freqs: [] };
          lists.set(term, list);
        }
        list.docs.push(addedMap[k] as number);
        list.freqs.push(Math.min(count, MAX_TERM_FREQUENCY));
      }
    });
    return lists;
  }) as [PostingLists, PostingLists];
  const vocabulary = [...new Set([...textLists.keys(), ...headingLists.keys()])].sort();
  const postings = [textLists, headingLists].map((lists) => encodePostings(vocabulary, lists)) as [Postings, Postings];
  const forward = mergeForward(base, baseMap, addedSorted, addedMap, total, vocabulary);
  return new FrozenSegment({ ids, articles, lengths, vocabulary, postings, forward, fingerprint });
}

/** The analyses of a merged segment: the living base paragraphs' (renumbered) and the added ones'. */
function mergeForward(
  base: FrozenSegment | undefined,
  baseMap: Int32Array,
  added: readonly SegmentDoc[],
  addedMap: Int32Array,
  total: number,
  vocabulary: readonly string[],
): Forward {
  const numberOf = new Map(vocabulary.map((term, k) => [term, k]));
  // Per new paragraph number: where its analysis comes from.
  const from = new Array<{ base: number } | { added: SegmentDoc }>(total);
  let spanCount = 0;
  const old = base?.forwardArrays;
  baseMap.forEach((n, i) => {
    if (n < 0 || !old) return;
    from[n] = { base: i };
    spanCount += (old.sentenceStarts[i + 1] as number) - (old.sentenceStarts[i] as number);
  });
  added.forEach((doc, j) => {
    from[addedMap[j] as number] = { added: doc };
    if (doc.sentences !== undefined) spanCount += doc.sentences.length;
  });
  // First each paragraph's terms as new vocabulary numbers, one after another, and how often each term is written.
  let ids = new Uint32Array(1024);
  let count = 0;
  const push = (termId: number) => {
    if (count === ids.length) {
      const grown = new Uint32Array(ids.length * 2);
      grown.set(ids);
      ids = grown;
    }
    ids[count++] = termId;
  };
  const idStarts = new Uint32Array(total + 1);
  const sentenceStarts = new Uint32Array(total + 1);
  const spans = new Uint32Array(3 * spanCount);
  // A base paragraph's term, pushed as its number in the new vocabulary (looked up once per base term).
  const renumbered = new Map<number, number>();
  const pushRenumbered = (termId: number) => {
    let n = renumbered.get(termId);
    if (n === undefined) {
      n = numberOf.get(base?.term(termId) as string) as number;
      renumbered.set(termId, n);
    }
    push(n);
  };
  let s = 0;
  for (let n = 0; n < total; n++) {
    idStarts[n] = count;
    sentenceStarts[n] = s;
    const source = from[n];
    if (source === undefined) continue;
    if ('base' in source) {
      const f = old as Forward;
      const i = source.base;
      const first = f.sentenceStarts[i] as number;
      const last = f.sentenceStarts[i + 1] as number;
      // A damaged analysis is dropped (the engine analyses the paragraph's text instead).
      const mark = count;
      if (!(base as FrozenSegment).forEachForwardTerm(i, pushRenumbered)) {
        count = mark;
        continue;
      }
      spans.set(f.spans.subarray(3 * first, 3 * last), 3 * s);
      s += last - first;
      continue;
    }
    const doc = source.added;
    if (doc.sentences === undefined || doc.sentences.length === 0) continue;
    for (const term of doc.textTerms) push(numberOf.get(term) as number);
    for (const span of doc.sentences) {
      spans[3 * s] = span.start;
      spans[3 * s + 1] = span.end;
      spans[3 * s + 2] = span.terms;
      s++;
    }
  }
  idStarts[total] = count;
  sentenceStarts[total] = s;
  // Ranks by frequency, most written first (ties in vocabulary order), then each term as its rank's bytes.
  const frequency = new Uint32Array(vocabulary.length);
  for (let k = 0; k < count; k++) frequency[ids[k] as number] = (frequency[ids[k] as number] as number) + 1;
  const ranked = Uint32Array.from(vocabulary.keys()).sort(
    (a, b) => (frequency[b] as number) - (frequency[a] as number) || a - b,
  );
  const rankOf = new Uint32Array(vocabulary.length);
  ranked.forEach((termId, rank) => {
    rankOf[termId] = rank;
  });
  const width = (rank: number) => (rank < 0x80 ? 1 : rank < 0x4000 ? 2 : rank < 0x200000 ? 3 : 4);
  let bytes = 0;
  for (let k = 0; k < count; k++) bytes += width(rankOf[ids[k] as number] as number);
  const terms = new Uint8Array(bytes);
  const termStarts = new Uint32Array(total + 1);
  let at = 0;
  for (let n = 0; n < total; n++) {
    termStarts[n] = at;
    for (let k = idStarts[n] as number; k < (idStarts[n + 1] as number); k++) {
      let rank = rankOf[ids[k] as number] as number;
      while (rank >= 0x80) {
        terms[at++] = (rank & 0x7f) | 0x80;
        rank >>>= 7;
      }
      terms[at++] = rank;
    }
  }
  termStarts[total] = at;
  return { termStarts, terms, ranked, sentenceStarts, spans: 3 * s === spans.length ? spans : spans.slice(0, 3 * s) };
}
