/**
 * Word vectors of index terms (GloVe, pooled per term; see `termVectorsFrom` in `neighbours-source.ts` and
 * `vectors-data.json`), for likeness beyond the neighbour lists: how near a candidate answer is to the question's
 * noun ("Missouri" to "river", "submarines" to "vessels"), or a word beside it to the question's verb. Decoded on
 * first use (26,000 terms of 100 dimensions, 2.6 MB as 8-bit integers).
 */
import data from './vectors-data.json' with { type: 'json' };

/** The table as a file holds it: terms sorted and joined by spaces, and their vectors, 8-bit, base64. */
export interface TermVectorsFile {
  readonly version: 1;
  readonly dimensions: number;
  readonly terms: string;
  readonly vectors: string;
}

export class TermVectors {
  private readonly index = new Map<string, number>();
  private readonly norms: Float32Array;
  private readonly data: Int8Array;
  private readonly dims: number;

  constructor(file: TermVectorsFile) {
    const terms = file.terms === '' ? [] : file.terms.split(' ');
    const bytes = Buffer.from(file.vectors, 'base64');
    this.dims = file.dimensions;
    if (bytes.length !== terms.length * this.dims)
      throw new Error(`term vectors: ${bytes.length} bytes for ${terms.length} terms of ${this.dims}`);
    this.data = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    terms.forEach((t, i) => {
      this.index.set(t, i);
    });
    this.norms = new Float32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      let s = 0;
      for (let k = 0; k < this.dims; k++) s += (this.data[i * this.dims + k] as number) ** 2;
      this.norms[i] = Math.sqrt(s) || 1;
    }
  }

  /** Terms in the table. */
  get size(): number {
    return this.index.size;
  }

  /** True when the term has a vector. */
  has(term: string): boolean {
    return this.index.has(term);
  }

  /** Adds `weight` times the term's unit vector to `out` (nothing when it has none); true when it had one. */
  addTo(term: string, out: Float32Array, weight = 1): boolean {
    const i = this.index.get(term);
    if (i === undefined) return false;
    const d = this.dims;
    const data = this.data;
    const scale = weight / (this.norms[i] as number);
    const at = i * d;
    for (let k = 0; k < d; k++) out[k] = (out[k] as number) + scale * (data[at + k] as number);
    return true;
  }

  get dimensions(): number {
    return this.dims;
  }

  /** Cosine similarity of two terms' vectors (1 for a term with itself); 0 when either has none. */
  similarity(a: string, b: string): number {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    if (i === j) return 1;
    const d = this.dims;
    const x = i * d;
    const y = j * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += (this.data[x + k] as number) * (this.data[y + k] as number);
    return s / ((this.norms[i] as number) * (this.norms[j] as number));
  }
}

let shipped: TermVectors | undefined;

/** The shipped table, decoded on first use. */
export function termVectors(): TermVectors {
  shipped ??= new TermVectors(data as TermVectorsFile);
  return shipped;
}
