/**
 * Part-of-speech tags, lemmas and number/date entities for a sentence, from wink-nlp and its
 * bundled English model (no download at run time). It is about 30 times slower than `analyze.ts`,
 * so a paragraph's sentences are read once, when it is stored (`readParagraph`), and their readings
 * kept with it in a compact line each (`encodeReading`); answering decodes them (`storedAnnotation`).
 */

import { createRequire } from 'node:module';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemEntity } from 'wink-nlp';
import { fold, surfaceTerm, termOf, withMultiwordTerms } from './analyze.js';
import { splitSentences } from './sentences.js';

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
//
// wink-nlp keeps every token it has not met before in its lexicon for good (about 150 bytes each, `add` in its
// cache.js), so a bot that tags every question it is asked, and every article added, would grow by each new name,
// typo and number for as long as it runs. The tagger is made anew once its lexicon holds `TAGGER_NEW_WORDS` words
// more than its model's: memory stays bounded (about 30 MB of learned words at most), at the cost of one new tagger
// (about 0.2 s) each time that many new words have been read. A fresh tagger tags as a fresh process does.
/** New words the tagger may learn before it is made anew (see above). */
export const TAGGER_NEW_WORDS = 200_000;

/** The tagger and its model's lexicon, which holds every word it knows (the model's, then those it met). */
interface Tagger {
  readonly nlp: ReturnType<typeof winkNLP>;
  readonly lexemes: { readonly list: readonly unknown[] };
  /** Words the model came with. */
  readonly known: number;
}

function newTagger(): Tagger {
  let core: { features: { lexeme: { list: unknown[] } } } | undefined;
  // wink-nlp builds its model from `core()` for each instance; keeping hold of it shows how many words it has learned.
  const watched = {
    ...model,
    core: () => {
      core = (model as unknown as { core: () => NonNullable<typeof core> }).core();
      return core;
    },
  } as unknown as typeof model;
  const nlp = winkNLP(watched, ['pos', 'ner']);
  if (!core) throw new Error('wink-nlp did not build its model');
  return { nlp, lexemes: core.features.lexeme, known: core.features.lexeme.list.length };
}

let tagger = newTagger();
let taggerLimit = TAGGER_NEW_WORDS;
let taggersMade = 1;
// wink-nlp's `its` helpers are one module of its own, the same for every tagger.
const its = tagger.nlp.its;

/** How many words the tagger has learned since it was made, and how many taggers this process has made. */
export function taggerGrowth(): { newWords: number; taggers: number } {
  return { newWords: tagger.lexemes.list.length - tagger.known, taggers: taggersMade };
}

/** For tests: renew the tagger past `limit` new words instead of `TAGGER_NEW_WORDS` (undefined restores it). */
export function setTaggerLimitForTests(limit: number | undefined): void {
  taggerLimit = limit ?? TAGGER_NEW_WORDS;
}

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

/**
 * What wink-nlp reads in a sentence, before this module's own rules: token strings, tags, lemmas and entities. This
 * is what is stored with a paragraph (`encodeReading`) so that it is not tagged again; the rules below are applied to
 * a stored reading as to a fresh one (`fromReading`).
 */
export interface WinkReading {
  readonly values: readonly string[];
  readonly pos: readonly string[];
  /** A token wink-nlp gives no lemma has none here either (`fromReading` then takes the folded token). */
  readonly lemmas: ReadonlyArray<string | undefined>;
  readonly entities: readonly NlpEntity[];
}

/** Tag one sentence with wink-nlp. */
export function readSentence(text: string): WinkReading {
  if (tagger.lexemes.list.length - tagger.known > taggerLimit) {
    tagger = newTagger();
    taggersMade++;
  }
  const doc = tagger.nlp.readDoc(splitPossessives(text));
  const column = (selector: unknown) => doc.tokens().out(selector as typeof its.value) as string[];
  const entities: NlpEntity[] = [];
  doc.entities().each((entity: ItemEntity) => {
    const detail = entity.out(its.detail) as unknown as { type: string };
    const span = entity.out(its.span) as unknown as [number, number];
    const type = ENTITY_TYPES.has(detail.type) ? (detail.type as EntityType) : 'OTHER';
    entities.push({ type, first: span[0], last: span[1] });
  });
  return { values: column(its.value), pos: column(its.pos), lemmas: column(its.lemma), entities };
}

/** Annotate one sentence (or any short text). */
export function annotate(text: string): AnnotatedSentence {
  return fromReading(text, readSentence(text));
}

/**
 * Where token `value` stands in `text`, read on from `cursor` (the end of the token before): where it is next
 * written, or at the cursor when wink-nlp did not read it as written. `fromReading` places tokens so, and the stored
 * readings rely on it.
 */
function tokenStart(text: string, value: string, cursor: number): number {
  const start = text.indexOf(value, cursor);
  return start < 0 ? cursor : start;
}

/** The annotation of `text` from wink-nlp's reading of it (fresh or stored). */
export function fromReading(text: string, reading: WinkReading): AnnotatedSentence {
  const { values, pos, lemmas } = reading;
  // Token offsets are found in `text` itself, so the space inserted before a possessive moves none of them.
  const tokens: NlpToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const start = tokenStart(text, value, cursor);
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
  return { text, tokens: withMultiwordTerms(tokens, text), entities: reading.entities };
}

/** The part-of-speech tags wink-nlp gives (Universal POS), each stored as one letter: its place here. */
const POS_TAGS = 'ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE'.split(' ');
const POS_LETTER = new Map(POS_TAGS.map((tag, k) => [tag, String.fromCharCode(65 + k)]));
const ENTITY_NAMES: readonly EntityType[] = [...ENTITY_TYPES, 'OTHER'] as EntityType[];

/** A token written in its sentence is stored as where it is: `length * TOKEN_GAPS + gap` (the characters before it). */
const TOKEN_GAPS = 8;

/**
 * The reading of sentence `text` as one line of JSON (no line breaks, so a paragraph's lines join with "\n"): the
 * tokens (each as a number saying where it stands in `text` after the one before, see `TOKEN_GAPS`, or as its string
 * when wink-nlp did not read it as written), the tags as letters, the lemmas that are not the token in lower case
 * (place and lemma, 0 for none, or -1 - place for the token as written), the entities (type, first, last). About
 * as long as the sentence. Undefined when a tag is not one of `POS_TAGS` (the reading is then not stored).
 */
export function encodeReading(reading: WinkReading, text: string): string | undefined {
  let letters = '';
  for (const tag of reading.pos) {
    const letter = POS_LETTER.get(tag);
    if (letter === undefined) return undefined;
    letters += letter;
  }
  // Most lemmas are the token in lower case; of the others, a name's is the token as written (-1 - place), and a
  // missing one is 0.
  const lemmas: Array<number | string> = [];
  reading.values.forEach((value, k) => {
    const lemma = reading.lemmas[k];
    if (lemma === value.toLowerCase()) return;
    if (lemma === value) lemmas.push(-1 - k);
    else lemmas.push(k, lemma ?? 0);
  });
  const entities = reading.entities.flatMap((e) => [ENTITY_NAMES.indexOf(e.type), e.first, e.last]);
  // Where each token stands, found as `fromReading` finds it; one not written there is kept as its string.
  let cursor = 0;
  const tokens = reading.values.map((value): number | string => {
    const start = tokenStart(text, value, cursor);
    const written = value.length > 0 && start - cursor < TOKEN_GAPS && text.startsWith(value, start);
    const gap = start - cursor;
    cursor = Math.min(text.length, start + value.length);
    return written ? value.length * TOKEN_GAPS + gap : value;
  });
  return JSON.stringify([tokens, letters, lemmas, entities]);
}

/** The token strings of a stored reading of `text`, or undefined when one does not fit in it. */
function tokenValues(tokens: readonly unknown[], text: string): string[] | undefined {
  const values: string[] = [];
  let cursor = 0;
  for (const token of tokens) {
    if (typeof token === 'string') {
      cursor = Math.min(text.length, tokenStart(text, token, cursor) + token.length);
      values.push(token);
      continue;
    }
    if (typeof token !== 'number' || !Number.isInteger(token) || token < TOKEN_GAPS) return undefined;
    const start = cursor + (token % TOKEN_GAPS);
    const end = start + Math.floor(token / TOKEN_GAPS);
    if (end > text.length) return undefined;
    values.push(text.slice(start, end));
    cursor = end;
  }
  return values;
}

/** The reading of sentence `text` from `encodeReading`'s line, or undefined when the line is not one of it. */
export function decodeReading(line: string, text: string): WinkReading | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
  const [tokens, letters, lemmaPairs, entityTriples] = parsed as [unknown, unknown, unknown, unknown];
  if (!Array.isArray(tokens) || typeof letters !== 'string' || letters.length !== tokens.length) return undefined;
  if (!Array.isArray(lemmaPairs) || !Array.isArray(entityTriples) || entityTriples.length % 3 !== 0) return undefined;
  const values = tokenValues(tokens, text);
  if (values === undefined) return undefined;
  const pos: string[] = [];
  for (let k = 0; k < letters.length; k++) {
    const tag = POS_TAGS[letters.charCodeAt(k) - 65];
    if (tag === undefined) return undefined;
    pos.push(tag);
  }
  const lemmas: Array<string | undefined> = values.map((v) => v.toLowerCase());
  for (let k = 0; k < lemmaPairs.length; k++) {
    const at = lemmaPairs[k];
    if (typeof at !== 'number' || !Number.isInteger(at) || at >= lemmas.length || at < -lemmas.length) return undefined;
    if (at < 0) {
      lemmas[-1 - at] = values[-1 - at] as string;
      continue;
    }
    const lemma = lemmaPairs[++k];
    if (typeof lemma !== 'string' && lemma !== 0) return undefined;
    lemmas[at] = lemma === 0 ? undefined : lemma;
  }
  const entities: NlpEntity[] = [];
  for (let k = 0; k < entityTriples.length; k += 3) {
    const [type, first, last] = entityTriples.slice(k, k + 3) as [unknown, unknown, unknown];
    const name = typeof type === 'number' ? ENTITY_NAMES[type] : undefined;
    if (name === undefined || typeof first !== 'number' || typeof last !== 'number') return undefined;
    if (!(first >= 0 && last >= first && last < values.length)) return undefined;
    entities.push({ type: name, first, last });
  }
  return { values, pos, lemmas, entities };
}

/** Bumped whenever `encodeReading`'s layout or `readSentence` changes. */
const READING_FORMAT = 2;

let taggerFingerprint: string | undefined;

/**
 * What a stored reading was made by: the reading format and the versions of wink-nlp and its model (not a sample's
 * tags: wink-nlp's tags depend a little on what it has read before). A stored reading records it, and is not used
 * once a release reads text otherwise.
 */
export function readingFingerprint(): string {
  if (taggerFingerprint === undefined) {
    const require = createRequire(import.meta.url);
    const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
    taggerFingerprint = `r${READING_FORMAT}/wink-nlp@${version('wink-nlp')}/model@${version('wink-eng-lite-web-model')}`;
  }
  return taggerFingerprint;
}

/**
 * The readings of a paragraph's sentences (`splitSentences`, as the engine splits it), one `encodeReading` line
 * each, joined by line breaks: what is stored with the paragraph. Undefined when a sentence's reading cannot be
 * encoded (the paragraph's sentences are then tagged when asked).
 */
export function readParagraph(text: string): string | undefined {
  const lines: string[] = [];
  for (const sentence of splitSentences(text)) {
    const line = encodeReading(readSentence(sentence.text), sentence.text);
    if (line === undefined) return undefined;
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Sentence `k` (of `sentences`) of a paragraph, whose text is `text`, annotated from the readings stored with the
 * paragraph when they hold it, else by tagging it now.
 */
export function annotateStored(
  stored: string | undefined,
  k: number,
  sentences: number,
  text: string,
): AnnotatedSentence {
  return (stored === undefined ? undefined : storedAnnotation(stored, k, sentences, text)) ?? annotate(text);
}

/**
 * The stored reading of sentence `k` of a paragraph split into `sentences` sentences, as an annotation of `text`
 * (that sentence), or undefined when `stored` does not hold one for it.
 */
export function storedAnnotation(
  stored: string,
  k: number,
  sentences: number,
  text: string,
): AnnotatedSentence | undefined {
  const lines = stored.split('\n');
  if (lines.length !== sentences) return undefined;
  const reading = decodeReading(lines[k] ?? '', text);
  return reading ? fromReading(text, reading) : undefined;
}
