/**
 * Part-of-speech tags, lemmas and number/date entities for a sentence, from wink-nlp and its
 * bundled English model (no download at run time). Only the few sentences that can hold an
 * answer go through here: it is about 30 times slower than `analyze.ts`.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemEntity } from 'wink-nlp';
import { fold, surfaceTerm, termOf, withNameAcronyms } from './analyze.js';

export type EntityType =
  | 'DATE'
  | 'TIME'
  | 'DURATION'
  | 'CARDINAL'
  | 'ORDINAL'
  | 'MONEY'
  | 'PERCENT'
  | 'MEASURE'
  | 'OTHER';

export interface NlpToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Universal POS tag (NOUN, PROPN, VERB, NUM, ADP, PUNCT, ...). */
  readonly pos: string;
  readonly lemma: string;
  /** Folded surface form. */
  readonly norm: string;
  /** Index term (stemmed), null for stop words and punctuation. */
  readonly term: string | null;
}

export interface NlpEntity {
  readonly type: EntityType;
  /** Token range, inclusive. */
  readonly first: number;
  readonly last: number;
}

export interface AnnotatedSentence {
  readonly text: string;
  readonly tokens: readonly NlpToken[];
  readonly entities: readonly NlpEntity[];
}

// Only the annotations read below: part of speech (lemmas come with it) and entities. Leaving out negation,
// sentiment and custom entities makes the model load faster at start. No sentence boundaries either: every caller
// hands in one sentence (or a question), and without them tagging takes a seventh less time, tags unchanged (4,000
// tune-48 sentences compared).
const nlp = winkNLP(model, ['pos', 'ner']);
const its = nlp.its;

const ENTITY_TYPES = new Set<string>(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT']);

/**
 * A possessive ending on a word wink-nlp does not know ("Kerry's"), split off before tagging. wink-nlp remembers
 * every unknown token it has added whole: once it has seen "Kerry's." (a word, then a full stop), a later "Kerry's"
 * is looked up as one token, where before it was "Kerry" and "'s", and the tags around it changed too. Tagging then
 * depended on what the process had read before (45 of tune-48's 9,963 sentences tagged differently read forwards
 * and backwards); given the two tokens apart, it tags them the same every time. Contractions wink-nlp expands
 * itself ("it's", "that's", "let's") are left to it.
 */
const POSSESSIVE = /([\p{L}\p{N}.-]*\p{L})(['’]s)(?!\p{L})/gu;
const CONTRACTIONS = new Set('it he she that there here what who where when why how let'.split(' '));

function splitPossessives(text: string): string {
  if (!text.includes("'s") && !text.includes('’s')) return text;
  return text.replace(POSSESSIVE, (whole: string, word: string, ending: string) =>
    CONTRACTIONS.has(word.toLowerCase()) ? whole : `${word} ${ending}`,
  );
}

/** A token of digits (with separators), which is a number whatever wink-nlp first made of it. */
const DIGITS = /^\d+(?:[.,]\d+)*$/;

/** Annotate one sentence (or any short text). */
export function annotate(text: string): AnnotatedSentence {
  // Token offsets are found in `text` itself below, so the space inserted before a possessive moves none of them.
  const doc = nlp.readDoc(splitPossessives(text));
  const column = (selector: unknown) => doc.tokens().out(selector as typeof its.value) as string[];
  const values = column(its.value);
  const pos = column(its.pos);
  const lemmas = column(its.lemma);
  const tokens: NlpToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    let start = text.indexOf(value, cursor);
    if (start < 0) start = cursor;
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    const norm = fold(value);
    const isWord = /[\p{L}\p{N}]/u.test(value);
    tokens.push({
      text: value,
      start,
      end,
      // A number is a number: wink-nlp keeps the category a token string got when it first saw it, so "264" first
      // met in "H.264" was a name wherever it came later.
      pos: DIGITS.test(value) ? 'NUM' : (pos[i] ?? 'X'),
      lemma: lemmas[i] ?? norm,
      norm,
      term: isWord ? (surfaceTerm(value) ?? termOf(norm.replace(/[.,'’]/g, ''))) : null,
    });
  }
  const entities: NlpEntity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const detail = entity.out(its.detail) as unknown as { type: string };
    const span = entity.out(its.span) as unknown as [number, number];
    const type = ENTITY_TYPES.has(detail.type) ? (detail.type as EntityType) : 'OTHER';
    entities.push({ type, first: span[0], last: span[1] });
  });
  return { text, tokens: withNameAcronyms(tokens, text), entities };
}
