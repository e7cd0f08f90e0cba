/**
 * A paragraph analysed once for both the index and the answer engine: its sentences, and its index terms from one
 * pass of the analyser over the whole paragraph, each sentence given the run of them it holds. The index stores the
 * sentences with the terms (`segment.ts`), so a paragraph the engine re-ranks for the first time is not split and
 * analysed again, and the terms re-ranking reads sentence by sentence are the very ones the index holds.
 */
import { analyzerFingerprint, shortHash, terms } from './analyze.js';
import { splitSentences } from './sentences.js';

/** A sentence of an analysed paragraph: its offsets (as `Sentence`'s) and how many of the paragraph's terms it holds. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
  readonly terms: number;
}

export interface AnalysedParagraph {
  /** The paragraph's index terms, in order: `terms(text)`. */
  readonly terms: readonly string[];
  /** Its sentences (`splitSentences`), in order; their `terms` add up to `terms.length`. */
  readonly sentences: readonly SentenceSpan[];
}

/** Split `text` into sentences and analyse it into index terms, each term counted in the sentence its word is in. */
export function analyseParagraph(text: string): AnalysedParagraph {
  const starts: number[] = [];
  const all = terms(text, starts);
  const split = splitSentences(text);
  let k = 0;
  const sentences = split.map((s, i) => {
    const first = k;
    // A word lies inside one sentence (only white space lies between them); the last sentence takes any rest.
    if (i === split.length - 1) k = all.length;
    else while (k < all.length && (starts[k] as number) < s.end) k++;
    return { start: s.start, end: s.end, terms: k - first };
  });
  return { terms: all, sentences };
}

/** Each sentence's own terms, cut from the paragraph's list. */
export function termsBySentence(analysis: AnalysedParagraph): string[][] {
  let at = 0;
  return analysis.sentences.map((s) => {
    const own = analysis.terms.slice(at, at + s.terms);
    at += s.terms;
    return own;
  });
}

/** Text whose sentence split exercises the abbreviation rules of `splitSentences`. */
const SENTENCE_SAMPLE =
  'Mr. Smith met Gen. Petraeus on Jan. 5 in the U.S. capital. U.S. forces left. He said: "No." It ended, ' +
  'they said. 3 days later John F. Kennedy spoke!';

let fingerprint: string | undefined;

/**
 * A short hash of what `analyseParagraph` makes of sample texts: the analyser's fingerprint and a sample's sentence
 * split. Anything that stores analysed paragraphs (an index snapshot) records it, and is rebuilt when a new release
 * analyses or splits text differently.
 */
export function paragraphFingerprint(): string {
  fingerprint ??= shortHash([analyzerFingerprint(), JSON.stringify(analyseParagraph(SENTENCE_SAMPLE).sentences)]);
  return fingerprint;
}
