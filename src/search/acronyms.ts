/**
 * Acronyms the articles never write: "What is the NTC?" over an article that only says "National Transitional
 * Council", "What did the USGS say?" over one that says "the U.S. Geological Survey". Without this the question's
 * one word matches nothing and the engine cites nothing at all.
 *
 * The articles' names are read once per collection (and again after it changes): every run of two or more
 * capitalised words written next to each other, and every part of a run that starts and ends with one, by its
 * initials ("National Transitional Council" → NTC; a dotted abbreviation, a word in capitals and a Roman numeral
 * give all their letters, "U.S. Geological Survey" → USGS, "World War II" → WWII; a small word inside counts both
 * ways, "Department of Energy" → DE and DOE; "The" opening a sentence is no part). A question's word in capitals
 * (in lower case only after "the", "a" or "an" in a question typed all in lower case, and then only when no
 * WordNet knows it: "what is the ntc", not "what percen tof the population") that no
 * paragraph holds and that is no stop word ("THE") or currency code ("USD") is read as the name those initials most
 * often stand for. Reading every paragraph costs time and, in a collection whose texts are read
 * lazily, reads each from the database, so collections over `ACRONYMS.maxParagraphs` are not read.
 */
import type { Collection } from '../collection.js';
import { terms } from '../text/analyze.js';

/** Bounds on reading acronyms (see the module's comment). */
export const ACRONYMS = {
  /** Collections of more paragraphs than this are not read for names (each paragraph is read once a change). */
  maxParagraphs: 5_000,
  /** Letters of an acronym, at least and at most (two-letter ones stand for too many names: "TN", "Times New"). */
  minLetters: 3,
  maxLetters: 6,
  /** Words in a run of a name, at most (longer runs are lists of names, not one). */
  maxRunWords: 8,
} as const;

/** Small words a name may hold ("Department of Energy", "Bank for International Settlements"). */
const SMALL_WORDS = new Set([
  'of',
  'for',
  'and',
  'the',
  'on',
  'de',
  'du',
  'des',
  'la',
  'le',
  'del',
  'da',
  'von',
  'a',
  'an',
]);

/** A word of a run: capitalised (or a dotted abbreviation), or small. */
const WORD_RE = /[\p{L}][\p{L}\p{M}'’.-]*/gu;

interface RunWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The letters it gives an acronym: "U.S." gives "US", "Transitional" "T", a small word "" or its first. */
  readonly letters: string;
  readonly small: boolean;
}

function runWord(text: string, start: number): RunWord | undefined {
  const word = text.replace(/['’]s$/, '').replace(/\.$/, (dot) => (/^(?:\p{Lu}\.)+$/u.test(text) ? dot : ''));
  // "The" opening a sentence is no word of a name.
  if (SMALL_WORDS.has(word.toLowerCase()) && (SMALL_WORDS.has(word) || ARTICLES.has(word)))
    return { text: word, start, end: start + word.length, letters: '', small: true };
  if (!/^\p{Lu}/u.test(word)) return undefined;
  // "U.S.", "UA" and "II" give all their letters ("World War II" is WWII), other words their first.
  const whole = /^(?:\p{Lu}\.)+$/u.test(word) || /^\p{Lu}+$/u.test(word);
  const letters = whole ? word.replace(/\./g, '') : word.charAt(0);
  return { text: word, start, end: start + word.length, letters, small: false };
}

const ARTICLES = new Set(['The', 'A', 'An']);

/** Each name run of `text` and its parts by their initials, with the words as written (`initialisms`). */
function addInitialisms(text: string, into: Map<string, Map<string, number>>): void {
  const words: Array<RunWord | undefined> = [];
  for (const m of text.matchAll(WORD_RE)) words.push(runWord(m[0], m.index ?? 0));
  let k = 0;
  while (k < words.length) {
    const run: RunWord[] = [];
    // A run: capitalised words and small words between them, written with only spaces between.
    while (k < words.length) {
      const w = words[k];
      const last = run[run.length - 1];
      if (!w || (last && !/^ +$/.test(text.slice(last.end, w.start)))) break;
      run.push(w);
      k++;
    }
    if (run.length === 0) k++;
    addRun(text, run.slice(0, ACRONYMS.maxRunWords), into);
  }
}

function addRun(text: string, run: readonly RunWord[], into: Map<string, Map<string, number>>): void {
  for (let a = 0; a < run.length; a++) {
    if ((run[a] as RunWord).small) continue;
    for (let b = a + 1; b < run.length; b++) {
      if ((run[b] as RunWord).small) continue;
      const part = run.slice(a, b + 1);
      const written = text.slice((run[a] as RunWord).start, (run[b] as RunWord).end);
      const without = part.map((w) => w.letters).join('');
      const withSmall = part.map((w) => (w.small ? w.text.charAt(0).toUpperCase() : w.letters)).join('');
      for (const initials of new Set([without, withSmall])) {
        if (initials.length < ACRONYMS.minLetters || initials.length > ACRONYMS.maxLetters) continue;
        const forms = into.get(initials) ?? new Map<string, number>();
        forms.set(written, (forms.get(written) ?? 0) + 1);
        into.set(initials, forms);
      }
    }
  }
}

/** The names of `texts` by their initials: initials → the name they most often stand for (the first, of a tie). */
export function initialisms(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) addInitialisms(text, counts);
  const out = new Map<string, string>();
  for (const [initials, forms] of counts) {
    let best: [string, number] | undefined;
    for (const entry of forms) if (!best || entry[1] > best[1]) best = entry;
    if (best) out.set(initials, best[0]);
  }
  return out;
}

const cache = new WeakMap<Collection, { revision: number; names: Map<string, string> }>();

/** Currency codes: written in capitals, never a name's initials ("in USD" is not "United States District"). */
const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'CHF', 'CAD', 'AUD', 'INR', 'RUB', 'BRL', 'HKD']);

/** The acronym's letters when `word` is written as one may be: letters only (dots between allowed), bounded length. */
export function acronymLetters(word: string): string | undefined {
  const letters = word.replace(/\./g, '');
  if (!/^\p{L}+$/u.test(letters) || CURRENCY_CODES.has(letters.toUpperCase())) return undefined;
  if (letters.length < ACRONYMS.minLetters || letters.length > ACRONYMS.maxLetters) return undefined;
  return letters.toUpperCase();
}

/**
 * Titles news writes out but members abbreviate, whose initials the written form lacks ("Chief Executive Henrik
 * Lund" has no "Officer"): read so when the articles hold every word of it.
 */
const COMMON_ACRONYMS: Readonly<Record<string, string>> = {
  CEO: 'chief executive',
  CFO: 'chief financial officer',
  COO: 'chief operating officer',
  CTO: 'chief technology officer',
  GDP: 'gross domestic product',
  IPO: 'initial public offering',
};

/**
 * The name of the collection's articles that the acronym stands for, or undefined (see the module's comment): none
 * that is only letters again ("J.M.E." is "J. M. E."). A common title's abbreviation (`COMMON_ACRONYMS`) is read as
 * its words when the articles hold each of them and no name has its initials.
 */
export function expandAcronym(
  collection: Collection,
  acronym: string,
  maxParagraphs: number = ACRONYMS.maxParagraphs,
): string | undefined {
  const letters = acronymLetters(acronym);
  if (!letters || collection.index.size > maxParagraphs) return undefined;
  let held = cache.get(collection);
  if (!held || held.revision !== collection.revision) {
    held = { revision: collection.revision, names: initialisms(collection.paragraphTexts()) };
    cache.set(collection, held);
  }
  const name = held.names.get(letters);
  if (name && /\p{L}{3}/u.test(name)) return name;
  const common = COMMON_ACRONYMS[letters];
  if (common && terms(common).every((t) => collection.index.documentFrequency(t) > 0)) return common;
  return undefined;
}
