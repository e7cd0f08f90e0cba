/**
 * Sentence splitting: ICU's sentence segmenter (`Intl.Segmenter`, built into Node), with the
 * abbreviation breaks it makes in English ("Mr. | Smith", "Gen. | Petraeus", "Jan. | 5")
 * joined back.
 */

export interface Sentence {
  readonly text: string;
  /** Offsets in the paragraph (UTF-16, end exclusive), white space trimmed. */
  readonly start: number;
  readonly end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations after which a full stop does not end a sentence (lower case, no dot). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep rev fr sr jr st mt ft hon pres supt ' +
    'insp det messrs mme mlle no nos vol vols fig figs ed eds approx est dept univ assn bros co corp inc ltd ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec vs etc al cf ca c op ch pp p'
  ).split(' '),
);

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s(“"])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!match) return false;
  const word = (match[1] as string).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // A single initial ("John F. Kennedy") or a dotted acronym mid-sentence ("U.S. forces").
  return /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** Split a paragraph into sentences. Every character of `text` except outer white space is in one sentence. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = -1;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const next = text.slice(index).trimStart();
    const joinToPrevious =
      start >= 0 &&
      (endsWithAbbreviation(text.slice(start, end)) || /^[\p{Ll}\p{N},;]/u.test(next)) &&
      // An acronym that really ends a sentence is followed by a capitalised common word; keep the
      // join only when the next word is not a typical sentence opener.
      !/^(?:The|A|An|He|She|It|They|We|I|In|On|But|And|This|That|There)\b/.test(next);
    if (start >= 0 && !joinToPrevious) {
      pushTrimmed(out, text, start, end);
      start = index;
    } else if (start < 0) {
      start = index;
    }
    end = index + segment.length;
  }
  if (start >= 0) pushTrimmed(out, text, start, end);
  return out;
}

function pushTrimmed(out: Sentence[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
