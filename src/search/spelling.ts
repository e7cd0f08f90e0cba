/**
 * Misspelt words in a question, read as the words of the articles they were meant to be: "Where was Napolean
 * born?" asks about Napoleon when the articles say "Napoleon" and no paragraph says "Napolean". Without this, a
 * misspelt name makes the engine say the articles do not hold the answer (they hold no such name), and a misspelt
 * word simply matches nothing.
 *
 * A word is read as another only when all of these hold (`SPELLING`): no paragraph holds it; it is no word
 * WordNet or the GloVe vocabulary knows (a real word the articles do not use, "redone", stays as asked); it is
 * long enough, has no digit and is not in capitals (acronyms are short and arbitrary); and some paragraph holds a
 * word one edit away (two for long words) that starts with the same letter (typos rarely hit the first: "Koussa"
 * is not read as "Moussa"). Of several, the nearest, then the most frequent. The question's words ("Wher",
 * "Whic") are mended against the question words alone.
 */
import type { Collection } from '../collection.js';
import { tokenize } from '../text/analyze.js';
import { NEIGHBOURS, WORDNET } from '../text/related.js';
import { termVectors } from '../text/vectors.js';
import { nearTerms } from './fuzzy.js';

/** When a word is read as another (see the module's comment). */
export const SPELLING = {
  /** Letters a word needs before it is read as one edit away from another. */
  minLength: 4,
  /** Letters a word needs before it is read as two edits away. */
  twoEditsFrom: 8,
  /** Words of a question read as others, at most. */
  maxCorrections: 3,
} as const;

/** A word of the question and the word it was read as. */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

/** What a question's first word may be meant as, in order of preference when two are as near ("Whos": "who"). */
const QUESTION_WORDS = ['who', 'what', 'where', 'when', 'which', 'why', 'how', 'whose', 'whom'];
/** What the word after "how" may be meant as ("how amny"). */
const HOW_WORDS = ['many', 'much'];

/** The word of `words` (in preference order) one edit from `norm`, unless `norm` is one of them. */
function nearWord(words: readonly string[], norm: string): string | undefined {
  if (words.includes(norm)) return undefined;
  const near = nearTerms([...words].sort(), norm, 1);
  near.sort((a, b) => words.indexOf(a.term) - words.indexOf(b.term));
  return near[0]?.term;
}

/** True when WordNet or the GloVe vocabulary knows the index term. */
function knownTerm(term: string): boolean {
  return WORDNET.contains(term) || NEIGHBOURS.contains(term) || termVectors().has(term);
}

/** `word` written in the case of `like` ("napoleon" like "Napolean": "Napoleon"). */
function inCaseOf(word: string, like: string): string {
  const first = like.charAt(0);
  if (first === first.toLowerCase() && word.slice(1) === word.slice(1).toLowerCase()) return word.toLowerCase();
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/** How a paragraph holding `term` writes it, the form nearest `norm` when it has several. */
function surfaceOf(collection: Collection, term: string, norm: string): string | undefined {
  const hit = collection.index.search([term], { limit: 1 })[0];
  const paragraph = hit ? collection.paragraph(hit.id) : undefined;
  if (!paragraph) return undefined;
  let best: { text: string; distance: number } | undefined;
  for (const token of tokenize(paragraph.text)) {
    if (token.term !== term) continue;
    const distance = nearTerms([token.norm], norm, 3)[0]?.distance ?? 4;
    if (!best || distance < best.distance) best = { text: token.text, distance };
  }
  return best?.text;
}

/**
 * The question with its misspelt words replaced by the articles' words (see the module's comment), and what was
 * replaced. The text is unchanged when nothing was.
 */
export function correctSpelling(text: string, collection: Collection): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const edits: Array<{ start: number; end: number; to: string }> = [];
  const tokens = tokenize(text);
  tokens.forEach((token, k) => {
    if (edits.length >= SPELLING.maxCorrections) return;
    const { norm } = token;
    if (norm.length < 3 || /\p{N}/u.test(norm) || token.text === token.text.toUpperCase()) return;
    // A stop word is a real word (the question words are stop words).
    if (token.term === null || knownTerm(token.term)) return;
    // "Wher", "Whic" opening the question, "how amny": the question's own words, one edit away.
    let to: string | undefined;
    if (k === 0) to = nearWord(QUESTION_WORDS, norm);
    else if (tokens[k - 1]?.norm === 'how') to = nearWord(HOW_WORDS, norm);
    if (to === undefined) {
      const term = token.term;
      if (norm.length < SPELLING.minLength || collection.index.documentFrequency(term) > 0) return;
      const near = collection.index
        .nearTerms(term, norm.length >= SPELLING.twoEditsFrom ? 2 : 1)
        .find((n) => n.distance > 0 && n.term.charAt(0) === term.charAt(0));
      if (near) to = surfaceOf(collection, near.term, norm);
    }
    if (to === undefined) return;
    const written = inCaseOf(to, token.text);
    edits.push({ start: token.start, end: token.end, to: written });
    corrections.push({ from: token.text, to: written });
  });
  if (edits.length === 0) return { text, corrections };
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.to;
    at = e.end;
  }
  return { text: out + text.slice(at), corrections };
}

/** 'Read "Kousa" as "Koussa"': what the question's misspelt words were read as, for a reply ('' when none were). */
export function readAs(corrections: readonly Correction[] | undefined): string {
  const list = corrections ?? [];
  return list.length === 0 ? '' : `Read ${list.map((c) => `"${c.from}" as "${c.to}"`).join(', ')}`;
}
