/**
 * The paragraph index of one collection, in two parts, as search engines are built:
 *
 * - a frozen segment (`segment.ts`): compact typed arrays holding most paragraphs, saved as
 *   one byte buffer (a snapshot) and loaded without parsing;
 * - a live segment: MiniSearch over the paragraphs added since the segment was frozen, so an
 *   article is searchable the moment it is added.
 *
 * Both are scored together with MiniSearch's own BM25+ formula and collection-wide statistics
 * (document count, document frequency, average field length over both parts), so the ranking
 * is MiniSearch's ranking of the whole collection (a property test holds it to a bare MiniSearch),
 * only faster: the frozen part's posting lists are flat arrays scanned in a tight loop.
 * `compact()` folds the live part (and removed paragraphs) into a new frozen segment.
 *
 * Queries are given as index terms (already analysed), so a question is analysed once.
 */
import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch';
import { terms as analyzeTerms } from '../text/analyze.js';
import { type AnalysedParagraph, analyseParagraph, paragraphFingerprint } from '../text/paragraph.js';
import { type NearTerm, nearTerms } from './fuzzy.js';
import {
  FrozenSegment,
  fieldLength,
  mergeSegment,
  SEGMENT_FIELDS,
  type SegmentDoc,
  type SegmentField,
} from './segment.js';

/** What the index needs of a paragraph. */
export interface IndexableParagraph {
  readonly id: number;
  readonly articleId: number;
  readonly text: string;
  readonly heading?: string;
}

export interface IndexOptions {
  /** Weight of a match in the section heading relative to one in the text. */
  readonly headingBoost?: number;
  /** BM25 parameters (MiniSearch's BM25+). */
  readonly bm25?: { k: number; b: number; d: number };
  /**
   * The live segment is folded into the frozen one (`needsCompaction`) once it holds more than
   * this many paragraphs, or more than `compactShare` of the frozen segment's.
   */
  readonly compactAbove?: number;
  readonly compactShare?: number;
}

export const DEFAULT_INDEX_OPTIONS: Required<IndexOptions> = {
  headingBoost: 0.3,
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  compactAbove: 500,
  compactShare: 0.25,
};

export interface SearchHit {
  readonly id: number;
  readonly score: number;
  /** Query terms found in the paragraph. */
  readonly terms: readonly string[];
}

export interface SearchOptions {
  /** At most this many hits, best first. */
  readonly limit?: number;
  /** Only paragraphs of this article. */
  readonly articleId?: number;
}

/** Adding more paragraphs than this at once builds a frozen segment directly. */
export const BULK_ADD = 64;

/**
 * Terms whose IDF an index remembers between changes (about 1.1 MB at `REMEMBERED_BYTES_PER_TERM` each); all are
 * forgotten when it is full.
 */
export const IDF_MEMO_TERMS = 20_000;

const identity = (term: string) => term;
const splitTerms = (text: string) => (text ? text.split(' ') : []);

/** A paragraph analysed for indexing, its sentences with it. */
export function segmentDoc(p: IndexableParagraph): SegmentDoc {
  const { terms, sentences } = analyseParagraph(p.text);
  return {
    id: p.id,
    articleId: p.articleId,
    textTerms: terms,
    headingTerms: p.heading ? analyzeTerms(p.heading) : [],
    sentences,
  };
}

/**
 * MiniSearch options equal to the index's: the bench's "bare MiniSearch" baseline and the
 * property test's reference are built with these.
 */
export function bareMiniSearchOptions(options: IndexOptions = {}): MiniSearchOptions<IndexableParagraph> {
  const o = { ...DEFAULT_INDEX_OPTIONS, ...options };
  return {
    fields: [...SEGMENT_FIELDS],
    storeFields: [],
    tokenize: (text) => analyzeTerms(text),
    processTerm: identity,
    extractField: (doc, field) => (field === 'id' ? (doc.id as unknown as string) : (doc[field as 'text'] ?? '')),
    searchOptions: {
      tokenize: splitTerms,
      processTerm: identity,
      boost: { text: 1, heading: o.headingBoost },
      bm25: o.bm25,
    },
  };
}

interface LiveDoc extends SegmentDoc {
  readonly text: string;
  readonly heading: string;
}

/** The live segment: MiniSearch over already analysed terms, opened up to read its postings. */
class LiveSegment extends MiniSearch<LiveDoc> {
  readonly docs = new Map<number, SegmentDoc>();
  readonly lengthSums: [number, number] = [0, 0];
  /** The segment's terms, sorted, made when first needed after a change (only misspelt questions need them). */
  private sortedTerms: string[] | undefined;

  constructor() {
    super({
      fields: [...SEGMENT_FIELDS],
      storeFields: [],
      tokenize: splitTerms,
      processTerm: identity,
      extractField: (doc, field) => (field === 'id' ? (doc.id as unknown as string) : doc[field as 'text']),
    });
  }

  put(doc: SegmentDoc): void {
    this.add({ ...doc, text: doc.textTerms.join(' '), heading: doc.headingTerms.join(' ') });
    this.docs.set(doc.id, doc);
    this.sortedTerms = undefined;
    this.lengthSums[0] += fieldLength(doc.textTerms);
    this.lengthSums[1] += fieldLength(doc.headingTerms);
  }

  drop(id: number): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.discard(id);
    this.docs.delete(id);
    this.sortedTerms = undefined;
    this.lengthSums[0] -= fieldLength(doc.textTerms);
    this.lengthSums[1] -= fieldLength(doc.headingTerms);
    return true;
  }

  /** Calls `visit(id, frequency, fieldLength)` for each paragraph here holding `term` in `field`. */
  forEachPosting(term: string, field: SegmentField, visit: (id: number, frequency: number, length: number) => void) {
    const postings = this._index.get(term)?.get(field);
    if (!postings) return;
    for (const [shortId, frequency] of postings) {
      const id = this._documentIds.get(shortId) as number | undefined;
      if (id === undefined) continue; // discarded, not vacuumed yet
      visit(id, frequency, (this._fieldLength.get(shortId) as number[])[field] as number);
    }
  }

  /** Terms of the segment's texts within `maxDistance` edits of `term`. */
  nearTerms(term: string, maxDistance: number, sharedPrefix: number): NearTerm[] {
    if (this.sortedTerms === undefined) {
      const all = new Set<string>();
      for (const doc of this.docs.values()) for (const t of doc.textTerms) all.add(t);
      this.sortedTerms = [...all].sort();
    }
    return nearTerms(this.sortedTerms, term, maxDistance, sharedPrefix);
  }

  documentFrequency(term: string, field: SegmentField): number {
    const postings = this._index.get(term)?.get(field);
    if (!postings) return 0;
    let n = 0;
    for (const shortId of postings.keys()) if (this._documentIds.has(shortId)) n++;
    return n;
  }
}

/** A min-heap of the best `limit` (score, key) pairs; ties go to the lower key. */
class TopK {
  private readonly scores: number[] = [];
  private readonly keys: number[] = [];
  constructor(private readonly limit: number) {}

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.keys[i] as number) > (this.keys[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
    [this.keys[i], this.keys[j]] = [this.keys[j] as number, this.keys[i] as number];
  }

  offer(score: number, key: number): void {
    if (this.scores.length < this.limit) {
      this.scores.push(score);
      this.keys.push(key);
      let i = this.scores.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const top = this.scores[0] as number;
    if (score < top || (score === top && key > (this.keys[0] as number))) return;
    this.scores[0] = score;
    this.keys[0] = key;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.scores.length && this.worse(l, m)) m = l;
      if (r < this.scores.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Keys, best first. */
  sorted(): Array<{ score: number; key: number }> {
    return this.scores
      .map((score, i) => ({ score, key: this.keys[i] as number }))
      .sort((a, b) => b.score - a.score || a.key - b.key);
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class ParagraphIndex {
  private frozen: FrozenSegment;
  private live = new LiveSegment();
  private readonly options: Required<IndexOptions>;
  private readonly fingerprint: string;
  // Scratch space for scoring the frozen segment, reused across queries (one query at a time).
  private scores = new Float64Array(0);
  private masks = new Uint32Array(0);
  private seen = new Uint8Array(0);
  private changes = 0;
  /** Terms' IDF as last computed, forgotten whenever paragraphs are added or removed (`IDF_MEMO_TERMS` at most). */
  private readonly idfMemo = new Map<string, number>();

  constructor(options: IndexOptions = {}, frozen?: FrozenSegment) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.fingerprint = paragraphFingerprint();
    this.frozen = frozen ?? FrozenSegment.empty(this.fingerprint);
  }

  /**
   * An index from a snapshot (`toBytes`). Throws `SnapshotError` when the bytes are damaged, of
   * another format, or made by another version of the text analyser: the caller rebuilds then.
   */
  static fromBytes(bytes: Uint8Array, options: IndexOptions = {}): ParagraphIndex {
    return new ParagraphIndex(options, FrozenSegment.fromBytes(bytes, paragraphFingerprint()));
  }

  /** The index as a snapshot: compacted first, so it holds exactly the paragraphs indexed. */
  toBytes(): Uint8Array {
    this.compact();
    return this.frozen.toBytes();
  }

  /** Number of paragraphs in the index. */
  get size(): number {
    return this.frozen.size + this.live.docs.size;
  }

  /**
   * How many times paragraphs have been added or removed: what was computed from the index's frequencies (`idf`) at
   * one count holds until it changes.
   */
  get generation(): number {
    return this.changes;
  }

  /** Terms whose IDF the index remembers now (`idf`), for memory estimates. */
  get rememberedTerms(): number {
    return this.idfMemo.size;
  }

  /** Paragraphs in the live segment (added since the last compaction). */
  get liveSize(): number {
    return this.live.docs.size;
  }

  /** True when the live segment or the removed paragraphs have grown enough to be worth a compaction. */
  get needsCompaction(): boolean {
    const { compactAbove, compactShare } = this.options;
    const frozen = this.frozen.docCount;
    return (
      this.live.docs.size > Math.min(compactAbove, Math.max(16, compactShare * frozen)) ||
      this.frozen.deadParagraphs > Math.max(16, compactShare * frozen)
    );
  }

  /** Fold the live segment and removed paragraphs into a new frozen segment. */
  compact(): void {
    if (this.live.docs.size === 0 && this.frozen.deadParagraphs === 0) return;
    this.frozen = mergeSegment(this.frozen, [...this.live.docs.values()], this.fingerprint);
    this.live = new LiveSegment();
  }

  /** (paragraph id, article id) of every indexed paragraph, in id order within each segment. */
  *entries(): IterableIterator<[number, number]> {
    const f = this.frozen;
    for (let doc = 0; doc < f.docCount; doc++)
      if (f.isAlive(doc)) yield [f.ids[doc] as number, f.articles[doc] as number];
    for (const doc of [...this.live.docs.values()].sort((a, b) => a.id - b.id)) yield [doc.id, doc.articleId];
  }

  /** Paragraphs indexed per article id. */
  countsByArticle(): Map<number, number> {
    const counts = new Map<number, number>();
    const f = this.frozen;
    const { articles } = f;
    let run = articles[0] ?? 0;
    let n = 0;
    // Paragraphs of an article are stored together, so counting runs touches the map once an article.
    for (let doc = 0; doc < f.docCount; doc++) {
      if (!f.isAlive(doc)) continue;
      const a = articles[doc] as number;
      if (a !== run) {
        if (n > 0) counts.set(run, (counts.get(run) ?? 0) + n);
        run = a;
        n = 0;
      }
      n++;
    }
    if (n > 0) counts.set(run, (counts.get(run) ?? 0) + n);
    for (const doc of this.live.docs.values()) counts.set(doc.articleId, (counts.get(doc.articleId) ?? 0) + 1);
    return counts;
  }

  /** The largest paragraph id indexed, or 0. */
  get maxId(): number {
    let max = 0;
    for (const id of this.live.docs.keys()) max = Math.max(max, id);
    const f = this.frozen;
    for (let doc = f.docCount - 1; doc >= 0; doc--) if (f.isAlive(doc)) return Math.max(max, f.ids[doc] as number);
    return max;
  }

  /** Ids of the indexed paragraphs, ascending. */
  ids(): number[] {
    return Array.from(this.entries(), ([id]) => id).sort((a, b) => a - b);
  }

  /**
   * Index paragraphs. A few go to the live segment; many at once (a collection's first load)
   * are merged straight into a new frozen segment, which is faster than MiniSearch's maps.
   */
  add(paragraphs: Iterable<IndexableParagraph>): void {
    this.changes++;
    this.idfMemo.clear();
    const docs = [...paragraphs].map(segmentDoc);
    if (docs.length <= BULK_ADD) {
      for (const doc of docs) this.addAnalysed(doc);
      return;
    }
    const ids = new Set<number>();
    for (const doc of docs) {
      if (this.has(doc.id) || ids.has(doc.id)) throw new Error(`Paragraph ${doc.id} is already indexed`);
      ids.add(doc.id);
    }
    this.frozen = mergeSegment(this.frozen, docs, this.fingerprint);
  }

  /** Add a paragraph already analysed (`segmentDoc`). */
  private addAnalysed(doc: SegmentDoc): void {
    if (this.has(doc.id)) throw new Error(`Paragraph ${doc.id} is already indexed`);
    this.live.put(doc);
  }

  /** Remove paragraphs by id (ids that are not indexed are ignored). */
  remove(ids: Iterable<number>): void {
    this.changes++;
    this.idfMemo.clear();
    for (const id of ids) if (!this.live.drop(id)) this.frozen.kill(id);
  }

  has(id: number): boolean {
    return this.live.docs.has(id) || this.frozen.has(id);
  }

  /**
   * The sentences and text terms of indexed paragraph `id` as they were indexed (`analyseParagraph` of its text), or
   * undefined when it is not indexed or was indexed without them.
   */
  analysed(id: number): AnalysedParagraph | undefined {
    const live = this.live.docs.get(id);
    if (live)
      return live.sentences && live.sentences.length > 0
        ? { terms: live.textTerms, sentences: live.sentences }
        : undefined;
    const doc = this.frozen.docOf(id);
    return doc >= 0 && this.frozen.isAlive(doc) ? this.frozen.analysed(doc) : undefined;
  }

  /** Distinct terms of the frozen segment. */
  get frozenTermCount(): number {
    return this.frozen.termCount;
  }

  /** Distinct terms of the live segment. */
  get liveTermCount(): number {
    return this.live.termCount;
  }

  /** Bytes of the frozen segment's arrays; the live segment is counted by `Collection`'s estimate. */
  get frozenBytes(): number {
    return this.frozen.byteLength;
  }

  /** Number of paragraphs whose text holds `term` (an index term). */
  documentFrequency(term: string): number {
    return this.fieldFrequency(term, this.frozen.termId(term), 0);
  }

  private fieldFrequency(term: string, termId: number, field: SegmentField): number {
    return this.frozen.documentFrequency(termId, field) + this.live.documentFrequency(term, field);
  }

  /**
   * Terms some paragraph's text holds within `maxDistance` edits of `term` (`nearTerms`: a swap of two letters is
   * one edit) that start with its first `sharedPrefix` letters, with their document frequencies, nearest first,
   * then most frequent, then in term order.
   */
  nearTerms(
    term: string,
    maxDistance: number,
    sharedPrefix = 0,
  ): Array<NearTerm & { readonly documentFrequency: number }> {
    const found = new Map<string, number>();
    const frozen = this.frozen.nearTerms(term, maxDistance, sharedPrefix);
    for (const near of [...frozen, ...this.live.nearTerms(term, maxDistance, sharedPrefix)])
      found.set(near.term, near.distance);
    return [...found]
      .map(([t, distance]) => ({ term: t, distance, documentFrequency: this.documentFrequency(t) }))
      .filter((near) => near.documentFrequency > 0)
      .sort(
        (a, b) =>
          a.distance - b.distance ||
          b.documentFrequency - a.documentFrequency ||
          (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
      );
  }

  /**
   * Inverse document frequency of an index term, BM25's form (always positive). Remembered until paragraphs are added
   * or removed: the passage ranker weighs every term of the sentences it reads, a vocabulary search each otherwise.
   */
  idf(term: string): number {
    let w = this.idfMemo.get(term);
    if (w !== undefined) return w;
    const n = Math.max(this.size, 1);
    const df = Math.min(this.documentFrequency(term), n);
    w = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    if (this.idfMemo.size >= IDF_MEMO_TERMS) this.idfMemo.clear();
    this.idfMemo.set(term, w);
    return w;
  }

  private ensureScratch(docs: number, words: number): void {
    if (this.scores.length < docs) {
      this.scores = new Float64Array(docs);
      this.seen = new Uint8Array(docs);
    }
    if (this.masks.length < docs * words) this.masks = new Uint32Array(docs * words);
  }

  /**
   * BM25+ search for paragraphs holding any of `queryTerms` (index terms), scored as MiniSearch
   * scores an OR query: per term and field, boost × idf × (d + tf·(k+1) / (tf + k·(1 − b + b·len/avglen))),
   * summed, times the number of distinct query terms matched.
   */
  search(queryTerms: readonly string[], options: SearchOptions = {}): SearchHit[] {
    const n = this.size;
    if (queryTerms.length === 0 || n === 0) return [];
    const { articleId, limit } = options;
    const unique = [...new Set(queryTerms)];
    const words = (unique.length + 31) >>> 5;
    const frozen = this.frozen;
    const live = this.live;
    this.ensureScratch(frozen.docCount, words);
    const { scores, masks, seen } = this;
    const touched: number[] = [];
    const liveHits = new Map<number, { score: number; mask: Uint32Array }>();
    const { k, b, d } = this.options.bm25;
    const boosts = [1, this.options.headingBoost];
    const avg = [(frozen.lengthSum(0) + live.lengthSums[0]) / n, (frozen.lengthSum(1) + live.lengthSums[1]) / n];
    for (const term of queryTerms) {
      const q = unique.indexOf(term);
      const word = q >>> 5;
      const bit = 1 << (q & 31);
      const termId = frozen.termId(term);
      for (const field of [0, 1] as const) {
        const df = this.fieldFrequency(term, termId, field);
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const weight = (boosts[field] as number) * idf;
        const norm = k / (avg[field] as number);
        if (termId >= 0) {
          const { starts, offsets, deltas, freqs } = frozen.postingsOf(field);
          const lengths = frozen.lengths[field];
          const dead = frozen.deadParagraphs > 0 ? frozen.deadFlags : undefined;
          const articles = frozen.articles;
          const end = starts[termId + 1] as number;
          const k1 = k + 1;
          const base = k * (1 - b);
          const slope = b * norm;
          let at = offsets[termId] as number;
          let doc = 0;
          // The decoding loop of FrozenSegment.decode, inlined: this is the hot loop of every query.
          for (let i = starts[termId] as number; i < end; i++) {
            let byte = deltas[at++] as number;
            let delta = byte & 0x7f;
            for (let shift = 7; byte >= 0x80; shift += 7) {
              byte = deltas[at++] as number;
              delta |= (byte & 0x7f) << shift;
            }
            doc += delta;
            if (dead !== undefined && dead[doc] === 1) continue;
            if (articleId !== undefined && articles[doc] !== articleId) continue;
            const tf = freqs[i] as number;
            scores[doc] =
              (scores[doc] as number) + weight * (d + (tf * k1) / (tf + base + slope * (lengths[doc] as number)));
            const m = doc * words + word;
            masks[m] = (masks[m] as number) | bit;
            if (seen[doc] === 0) {
              seen[doc] = 1;
              touched.push(doc);
            }
          }
        }
        live.forEachPosting(term, field, (id, tf, length) => {
          if (articleId !== undefined && live.docs.get(id)?.articleId !== articleId) return;
          let hit = liveHits.get(id);
          if (!hit) {
            hit = { score: 0, mask: new Uint32Array(words) };
            liveHits.set(id, hit);
          }
          hit.score += weight * (d + (tf * (k + 1)) / (tf + k * (1 - b) + b * norm * length));
          hit.mask[word] = (hit.mask[word] as number) | bit;
        });
      }
    }
    const top = new TopK(limit ?? touched.length + liveHits.size);
    const masksOf = new Map<number, Uint32Array>();
    for (const doc of touched) {
      let matched = 0;
      for (let w = 0; w < words; w++) matched += popcount(masks[doc * words + w] as number);
      top.offer((scores[doc] as number) * matched, frozen.ids[doc] as number);
    }

    for (const [id, hit] of liveHits) {
      let matched = 0;
      for (const m of hit.mask) matched += popcount(m);
      top.offer(hit.score * matched, id);
      masksOf.set(id, hit.mask);
    }
    const best = top.sorted();
    const hits = best.map(({ score, key }) => {
      let mask = masksOf.get(key);
      if (!mask) {
        const doc = frozen.docOf(key);
        mask = masks.subarray(doc * words, doc * words + words);
      }
      const found = unique.filter((_, q) => ((mask[q >>> 5] as number) & (1 << (q & 31))) !== 0);
      return { id: key, score, terms: found };
    });
    for (const doc of touched) {
      scores[doc] = 0;
      seen[doc] = 0;
      if (words === 1) masks[doc] = 0;
      else masks.fill(0, doc * words, doc * words + words);
    }
    return hits;
  }
}
