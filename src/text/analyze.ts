/**
 * The one text analysis shared by the index and the query: Unicode-aware tokenisation,
 * accent folding, English stop words and Porter stemming (the `stemmer` package) with one
 * extra derivational step so that agent nouns meet their verbs (defector, defected,
 * defection -> "defect"). Index and query must go through the same functions, so every
 * change here changes both.
 */
import { createHash } from 'node:crypto';
import { stemmer } from 'stemmer';
import { irregularInfinitive } from './irregular.js';
import { nameHints } from './lexicon.js';

/** A token with its place in the original string (UTF-16 offsets, end exclusive). */
export interface Token {
  /** The surface form, as written. */
  readonly text: string;
  /** Lower-cased, accent-folded form before stemming. */
  readonly norm: string;
  /** Index term (stemmed), or null for a stop word. */
  readonly term: string | null;
  readonly start: number;
  readonly end: number;
}

/**
 * English stop words: the lunr/Snowball list plus question words and reporting verbs that
 * carry no topic ("say" is kept out of this list on purpose: "what did X say" needs it
 * as a cue, but it is handled by the question parser, not by the index).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a able about across after all almost also am among an and any are as at be because been but by can ' +
    'cannot could dear did do does either else ever every for from get got had has have he her hers him his ' +
    'how however i if in into is it its just least let like likely may me might most must my neither no nor ' +
    'not of off often on only or other our own rather said say says she should since so some than that the ' +
    'their them then there these they this tis to too twas us wants was we were what when where which while ' +
    'who whom why will with would yet you your yours ourselves himself herself itself themselves myself ' +
    'yourself yourselves whose being having doing does done whatever whenever wherever whichever whoever ' +
    'shall s t d ll m re ve o y'
  ).split(' '),
);

const TOKEN_RE = /(?:\p{L}\.){2,}|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{N}]+/gu;
const MARKS_RE = /\p{M}+/gu;

/** Lower-case and fold accents ("Muñoz" -> "munoz"). */
export function fold(text: string): string {
  // ASCII needs no decomposition; most English text is.
  return !/[^\p{ASCII}]/u.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
}

const VOWEL = /[aeiou]/;

/** Porter's measure m of a stem: the number of vowel-consonant sequences. */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const ch = stem[i] as string;
    const vowel = VOWEL.test(ch) || (ch === 'y' && i > 0 && !VOWEL.test(stem[i - 1] as string));
    if (!vowel && prevVowel) m++;
    prevVowel = vowel;
  }
  return m;
}

/** "libyan" -> "libya", "tunisian" -> "tunisia", "egyptian" -> "egypt": a demonym meets its country. */
function demonymPlace(word: string): string | undefined {
  if (word.length < 5 || !/an$/.test(word)) return undefined;
  for (const place of [word.slice(0, -1), word.slice(0, -3), word.slice(0, -2)]) {
    if (place.length >= 4 && nameHints(place).includes('place')) return place;
  }
  return undefined;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/**
 * Stem one folded word. Irregular past forms become their infinitive first (took -> take); Porter, then "-or" removed where Porter's own step 4 would remove
 * "-er" (measure of the rest above 1): defector -> defect, governor -> govern, but
 * actor and doctor stay.
 */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const base = irregularInfinitive(word) ?? demonymPlace(word) ?? word;
  let s = /^\p{N}/u.test(base) ? base : stemmer(base);
  if (s.endsWith('or') && measure(s.slice(0, -2)) > 1) s = s.slice(0, -2);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, s);
  return s;
}

const ACRONYM_RE = /^(?:\p{L}\.)+\p{L}?$/u;

/** Fold a raw token; dotted acronyms ("U.S.") lose their dots, numbers their commas. */
function normalizeToken(surface: string): string {
  const norm = fold(surface);
  if (ACRONYM_RE.test(norm)) return norm.replace(/\./g, '');
  if (/^\p{N}/u.test(norm)) return norm.replace(/,/g, '');
  return norm;
}

/**
 * The term of the United States however written ("US", "U.S.", "USA", "United States"): not "us", which Porter makes
 * of "use", "used" and "using".
 */
const US_TERM = 'usa';

/**
 * Names of two words the index reads as their acronym, so that "the US" meets "the United States" (and "state" no
 * longer meets it): first word, second word, acronym term, all folded. Only these few: two-letter acronyms stand for
 * too many names to be read from the articles as `src/search/acronyms.ts` reads longer ones.
 */
const NAME_ACRONYMS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'united',
    new Map([
      ['states', US_TERM],
      ['kingdom', 'uk'],
      ['nations', 'un'],
    ]),
  ],
  ['european', new Map([['union', 'eu']])],
]);

/** Lengths of the first words of `NAME_ACRONYMS`. */
const FIRST_LENGTHS: ReadonlySet<number> = new Set([...NAME_ACRONYMS.keys()].map((word) => word.length));

/** The acronym term of two words written one after the other ("United", "Kingdom" → "uk"), else undefined. */
function nameAcronym(first: string, second: string, between: string): string | undefined {
  // Most words are no first word of these: their length says so before any folding.
  if (!FIRST_LENGTHS.has(first.length)) return undefined;
  const byFirst = NAME_ACRONYMS.get(fold(first));
  return byFirst && /^\s+$/.test(between) ? byFirst.get(fold(second)) : undefined;
}

/**
 * The world wars, one term each however written: "World War II", "World War 2", "the Second World War" and "WWII"
 * all hold `ww2` (and "World War I", whose "I" is no term otherwise, `ww1`), so that a question about the First
 * World War meets "In World War I ..." and not "In World War II ...". The numeral after "World War" takes the term, or
 * the ordinal before it; "world" and "war" keep theirs.
 */
const WORLD_WAR_NUMERALS: ReadonlyMap<string, string> = new Map([
  ['i', 'ww1'],
  ['1', 'ww1'],
  ['one', 'ww1'],
  ['ii', 'ww2'],
  ['2', 'ww2'],
  ['two', 'ww2'],
]);
const WORLD_WAR_ORDINALS: ReadonlyMap<string, string> = new Map([
  ['first', 'ww1'],
  ['second', 'ww2'],
]);
const WORLD_WAR_ACRONYMS: ReadonlyMap<string, string> = new Map([
  ['WWI', 'ww1'],
  ['WW1', 'ww1'],
  ['WWII', 'ww2'],
  ['WW2', 'ww2'],
]);

/** "WWII", "wwii", "WW2": the world war's term. */
function worldWarAcronym(surface: string): string | undefined {
  return surface.length <= 4 && (surface[0] === 'W' || surface[0] === 'w')
    ? WORLD_WAR_ACRONYMS.get(surface.toUpperCase())
    : undefined;
}

/**
 * The world war term (see `WORLD_WAR_NUMERALS`) of a word (folded), given the two words before it and the two after
 * (folded): a numeral after "world war", an ordinal before it. Else undefined.
 */
function worldWarTerm(
  before2: string,
  before1: string,
  word: string,
  after1: string,
  after2: string,
): string | undefined {
  if (before2 === 'world' && before1 === 'war') return WORLD_WAR_NUMERALS.get(word);
  if (after1 === 'world' && after2 === 'war') return WORLD_WAR_ORDINALS.get(word);
  return undefined;
}

/**
 * Tokens with the names of `NAME_ACRONYMS` read as their acronym (the first word takes the acronym's term and the
 * second none) and the world wars read as theirs (`WORLD_WAR_NUMERALS`). `text` is the string the tokens' offsets
 * point into. Every tokeniser whose terms must agree with the index's (this module's, the tagger's) passes its
 * tokens through it.
 */
export function withMultiwordTerms<
  T extends { readonly text: string; readonly term: string | null; readonly start: number; readonly end: number },
>(tokens: readonly T[], text: string): T[] {
  const out = [...tokens];
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k] as T;
    const b = out[k + 1] as T;
    const acronym = nameAcronym(a.text, b.text, text.slice(a.end, b.start));
    if (acronym === undefined) continue;
    out[k] = { ...a, term: acronym };
    out[k + 1] = { ...b, term: null };
    k++;
  }
  if (!out.some((t) => t.text.length === 3 && t.text.toLowerCase() === 'war')) return out;
  const folded = out.map((t) => fold(t.text));
  const at = (k: number) => folded[k] ?? '';
  for (let k = 0; k < out.length; k++) {
    const term = worldWarTerm(at(k - 2), at(k - 1), at(k), at(k + 1), at(k + 2));
    if (term !== undefined) out[k] = { ...(out[k] as T), term };
  }
  return out;
}

/**
 * Past forms the irregular table leaves out as also nouns ("a rose", "the fells"), read as their verb when written
 * in lower case: news says "shares rose 4%" and "profit fell 38%", names say "Rose".
 */
const LOWER_CASE_PASTS: ReadonlyMap<string, string> = new Map([
  ['rose', 'rise'],
  ['fell', 'fall'],
]);

/**
 * The index term a surface token has by how it is written, else null: an acronym kept whole ("U.K." → "uk"), a
 * past form in lower case ("rose" → "rise"). Other tokenisers (the tagger's, `src/text/nlp.ts`) use it so that
 * their terms agree with the index's.
 */
export function surfaceTerm(surface: string): string | null {
  return acronymTerm(surface) ?? LOWER_CASE_PASTS.get(surface) ?? worldWarAcronym(surface) ?? null;
}

/** Index term of a surface token: acronyms are kept whole (U.S. and US are not the pronoun "us"). */
function termOfSurface(surface: string, norm: string): string | null {
  return surfaceTerm(surface) ?? termOf(norm);
}

/**
 * The index term of a surface token that is an acronym kept whole ("U.S.", "US", "U.K" → "usa", "usa", "uk"), else
 * null. Other tokenisers (the tagger's, `src/text/nlp.ts`) use it so that their terms agree with the index's.
 */
export function acronymTerm(surface: string): string | null {
  // Capitalised, "US" is the country, not the pronoun "us".
  if (surface === 'US' || surface === 'USA') return US_TERM;
  const core = surface.endsWith('.') ? surface.slice(0, -1) : surface;
  if (!core.includes('.') || !ACRONYM_RE.test(`${core}.`)) return null;
  const term = fold(core).replace(/\./g, '');
  // "U.S." (and "U.S.A.") are the United States.
  return term === 'us' ? US_TERM : term;
}

/** Index term for one folded token, or null when it carries no topic (stop word, lone letter). */
export function termOf(norm: string): string | null {
  if (STOP_WORDS.has(norm)) return null;
  if (norm.length === 1 && !/\p{N}/u.test(norm)) return null;
  return stem(norm);
}

interface Analysed {
  readonly norm: string;
  readonly term: string | null;
}

/** What each surface form analyses to; words repeat, so most tokens skip folding and stemming. */
const surfaceCache = new Map<string, Analysed>();
const SURFACE_CACHE_LIMIT = 200_000;

function analyseSurface(surface: string): Analysed {
  let hit = surfaceCache.get(surface);
  if (hit === undefined) {
    const norm = normalizeToken(surface);
    hit = { norm, term: termOfSurface(surface, norm) };
    if (surfaceCache.size >= SURFACE_CACHE_LIMIT) surfaceCache.clear();
    surfaceCache.set(surface, hit);
  }
  return hit;
}

/** Every token of `text` with offsets, stop words included (their `term` is null). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = new RegExp(TOKEN_RE);
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    const raw = match[0];
    const start = match.index;
    // "U.N." keeps its final dot in the match only when followed by a letter; trim it.
    const surface = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    const { norm, term } = analyseSurface(surface);
    out.push({ text: surface, norm, term, start, end: start + surface.length });
  }
  return withMultiwordTerms(out, text);
}

/**
 * The index terms of `text`, in order, stop words dropped. With `starts`, the offset in `text` of each term's word
 * (of the first word, for a name read as its acronym) is pushed onto it, one for each term returned.
 */
export function terms(text: string, starts?: number[]): string[] {
  const out: string[] = [];
  const re = new RegExp(TOKEN_RE);
  // The previous word, where it ended, and whether its term is the last one out (for `NAME_ACRONYMS`).
  let previous = '';
  let previousEnd = 0;
  let previousOut = false;
  // The two words before, folded, and where the term of the one before those is in `out` (for the world wars).
  let before1 = '';
  let before2 = '';
  let before2At = -1;
  let before1At = -1;
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    const raw = match[0];
    const surface = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    const acronym = previousOut ? nameAcronym(previous, surface, text.slice(previousEnd, match.index)) : undefined;
    if (acronym !== undefined) {
      out[out.length - 1] = acronym;
      previousOut = false;
      before2 = before1 = '';
      before2At = before1At = -1;
      continue;
    }
    const { norm, term: own } = analyseSurface(surface);
    let term = own;
    if (before1 === 'war' || norm === 'war') {
      const numeral = worldWarTerm(before2, before1, norm, '', '');
      if (numeral !== undefined) term = numeral;
      // "First World War": the ordinal two words back takes the term.
      const ordinal = before2At >= 0 ? worldWarTerm('', '', before2, before1, norm) : undefined;
      if (ordinal !== undefined) out[before2At] = ordinal;
    }
    if (term !== null) {
      out.push(term);
      starts?.push(match.index);
    }
    previous = surface;
    previousEnd = match.index + surface.length;
    previousOut = term !== null;
    before2 = before1;
    before2At = before1At;
    before1 = norm;
    before1At = term !== null ? out.length - 1 : -1;
  }
  return out;
}

/** Distinct index terms of `text`, in first-seen order. */
export function uniqueTerms(text: string): string[] {
  return [...new Set(terms(text))];
}

/**
 * Text that exercises every rule above (folding, acronyms, numbers, stop words, Porter and the "-or" step,
 * irregular verbs, demonyms). Its analysis, hashed, is the analyser's fingerprint.
 */
const FINGERPRINT_SAMPLE =
  'The Libyan defector Muñoz took 1,200 U.S. and US helicopters; governors, actors and doctors were running, rose, ' +
  'flew, said, went and saw the Tunisian rebels in Benghazi at 9.30 on 17 May 2011 (NATO, U.N., the United States) ' +
  'as in World War II, WWI and the First World War.';

let fingerprint: string | undefined;

/**
 * A short hash of what the analyser makes of a sample text. Anything stored as index terms
 * (an index snapshot) records it, and is rebuilt when a new release analyses text differently.
 */
export function analyzerFingerprint(): string {
  fingerprint ??= shortHash([terms(FINGERPRINT_SAMPLE).join(' '), String(STOP_WORDS.size)]);
  return fingerprint;
}

/** The first 16 hex digits of the SHA-256 of `parts` one after another: the fingerprints' hash. */
export function shortHash(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Whether `text` writes a word of index term `term` in lower case, for `sentenceCandidates`. A word starts with its
 * stem but for the stem's last letter (Porter: "city" → "citi"; irregular pasts, "held" → "hold", are missed), so
 * only the words that start with the stem's first letters, in lower case, are analysed.
 */
export function writesInLowerCase(text: string): (term: string) => boolean {
  return (term) => {
    // Porter rewrites a stem's last letter at most ("city" → "citi").
    const prefix = term.slice(0, Math.max(1, Math.min(4, term.length - 1)));
    for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
      if (at > 0 && /[\p{L}\p{N}]/u.test(text.charAt(at - 1))) continue;
      const word = /^\p{L}+/u.exec(text.slice(at, at + 40))?.[0];
      if (word && analyseSurface(word).term === term) return true;
    }
    return false;
  };
}
