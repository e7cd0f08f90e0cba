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
 * is not read as "Moussa"). Of several, the nearest; of several as near, the one written most like what was typed,
 * then one the paragraphs use clearly more often; else none. A question's first word ("Wher", "Whic") and the word
 * after "how" ("amny") are mended against the question's own words alone. An acronym no paragraph holds ("NTC") is
 * read as the name whose initials it is (`acronyms.ts`), and said so the same way.
 */
import type { Collection } from '../collection.js';
import { type Token, tokenize } from '../text/analyze.js';
import { typedInLowerCase } from '../text/casing.js';
import { NEIGHBOURS, WORDNET } from '../text/related.js';
import { termVectors } from '../text/vectors.js';
import { acronymLetters, expandAcronym } from './acronyms.js';
import { editDistance, nearTerms } from './fuzzy.js';

/** When a word is read as another (see the module's comment). */
export const SPELLING = {
  /** Letters a word needs before it is read as one edit away from another. */
  minLength: 4,
  /** Letters a word needs before it is read as two edits away. */
  twoEditsFrom: 8,
  /** Words of a question read as others, at most. */
  maxCorrections: 3,
  /** Unknown words of a question looked up in the vocabulary, at most (a question of gibberish costs no more). */
  maxLookups: 6,
  /** Paragraphs read for the ways the articles write a word. */
  surfaceParagraphs: 3,
  /** Words as near a misspelt one whose written forms are compared, at most. */
  maxTied: 4,
  /** Of two words as near in writing too, the first is read only when paragraphs hold it this many times as often. */
  clearLead: 2,
} as const;

/** A word of the question and the word it was read as. */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

/** Words in order of preference when two are as near, and sorted once, as `nearTerms` walks them. */
interface WordList {
  readonly preferred: readonly string[];
  readonly sorted: readonly string[];
}

function wordList(preferred: readonly string[]): WordList {
  return { preferred, sorted: [...preferred].sort() };
}

/** What a question's first word may be meant as ("Whos": "who"). */
const QUESTION_WORDS = wordList(['who', 'what', 'where', 'when', 'which', 'why', 'how', 'whose', 'whom']);
/** What the word after "how" may be meant as ("how amny"). */
const HOW_WORDS = wordList(['many', 'much']);

/** The word of `words` (the most preferred of those as near) one edit from `norm`, unless `norm` is one of them. */
function nearWord(words: WordList, norm: string): string | undefined {
  if (words.preferred.includes(norm)) return undefined;
  const near = nearTerms(words.sorted, norm, 1);
  near.sort((a, b) => words.preferred.indexOf(a.term) - words.preferred.indexOf(b.term));
  return near[0]?.term;
}

/** A plain word (no acronym's dots, no digits): what a misspelt word may be read as. */
const WORD = /^\p{L}+(?:['’-]\p{L}+)*$/u;

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

/** How a paragraph holding `term` writes it, the form nearest `norm` when it has several, and how near. */
function surfaceOf(collection: Collection, term: string, norm: string): { text: string; distance: number } | undefined {
  let best: { text: string; distance: number } | undefined;
  for (const hit of collection.index.search([term], { limit: SPELLING.surfaceParagraphs })) {
    const paragraph = collection.paragraph(hit.id);
    for (const token of paragraph ? tokenize(paragraph.text) : []) {
      if (token.term !== term || !WORD.test(token.text)) continue;
      const distance = editDistance(token.norm, norm, 3);
      if (!best || distance < best.distance) best = { text: token.text, distance };
    }
  }
  return best;
}

/**
 * The articles' word for a misspelt one (its index term and folded form): of the terms nearest it, the one whose
 * written form is nearest what was typed ("seperates" is as near "separ" as "sever", but "separates" is nearer
 * than "several"), then one paragraphs use clearly more often; none when still in doubt.
 */
function nearestWord(collection: Collection, term: string, norm: string): string | undefined {
  const edits = norm.length >= SPELLING.twoEditsFrom ? 2 : 1;
  const near = collection.index.nearTerms(term, edits, 1).filter((n) => n.distance > 0);
  const best = near[0];
  if (!best) return undefined;
  const written = near
    .filter((n) => n.distance === best.distance)
    .slice(0, SPELLING.maxTied)
    .flatMap((n) => {
      const surface = surfaceOf(collection, n.term, norm);
      return surface ? [{ ...surface, frequency: n.documentFrequency }] : [];
    })
    .sort((a, b) => a.distance - b.distance || b.frequency - a.frequency);
  const [first, second] = written;
  // The index terms are stems: a written form much further from what was typed than its stem is ("repremend" is two
  // edits from the stem "represent" but four from "representations") is no reading of it.
  if (!first || first.distance > edits + 1) return undefined;
  if (second && second.distance === first.distance && first.frequency < SPELLING.clearLead * second.frequency)
    return undefined;
  return first.text;
}

/**
 * The name an acronym of the question stands for (`expandAcronym`), when no paragraph holds it: a word in capitals,
 * or in lower case after an article in a question typed all in lower case, when WordNet does not know it ("the ntc").
 */
function unheldAcronym(
  token: Token,
  before: Token | undefined,
  collection: Collection,
  lowerCase: boolean,
): string | undefined {
  if (!acronymLetters(token.text) || token.term === null) return undefined;
  const capitals = token.text === token.text.toUpperCase();
  // In lower case, only after an article in a question typed all so ("what is the ntc"): elsewhere it is more likely
  // a typo ("what percen tof the population").
  const article = before !== undefined && ['the', 'a', 'an'].includes(before.norm);
  if (!capitals && (!lowerCase || !article || WORDNET.contains(token.term))) return undefined;
  if (collection.index.documentFrequency(token.term) > 0) return undefined;
  return expandAcronym(collection, token.text);
}

/**
 * The question with its misspelt words replaced by the articles' words (see the module's comment), and what was
 * replaced. The text is unchanged when nothing was.
 */
export function correctSpelling(text: string, collection: Collection): { text: string; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const edits: Array<{ start: number; end: number; to: string }> = [];
  const tokens = tokenize(text);
  const lowerCase = typedInLowerCase(text);
  let lookups = 0;
  tokens.forEach((token, k) => {
    if (edits.length >= SPELLING.maxCorrections) return;
    const { norm } = token;
    // An acronym the articles never write ("NTC"): the name whose initials it is.
    const acronym = unheldAcronym(token, tokens[k - 1], collection, lowerCase);
    if (acronym) {
      edits.push({ start: token.start, end: token.end, to: acronym });
      corrections.push({ from: token.text, to: acronym });
      return;
    }
    if (norm.length < 3 || /\p{N}/u.test(norm) || token.text === token.text.toUpperCase()) return;
    // A stop word is a real word (the question words are stop words), and so is a word some paragraph holds.
    const term = token.term;
    if (term === null || collection.index.documentFrequency(term) > 0 || knownTerm(term)) return;
    // "Wher", "Whic" opening the question, "how amny": the question's own words, one edit away.
    let to: string | undefined;
    if (k === 0) to = nearWord(QUESTION_WORDS, norm);
    else if (tokens[k - 1]?.norm === 'how') to = nearWord(HOW_WORDS, norm);
    if (to === undefined) {
      if (norm.length < SPELLING.minLength || ++lookups > SPELLING.maxLookups) return;
      to = nearestWord(collection, term, norm);
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
