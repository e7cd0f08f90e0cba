/**
 * A question typed in lower case, written the way the articles write its words: "who is lavrov" reads as "who is
 * Lavrov" when the paragraphs found for it write "Lavrov" with a capital. Members type fast and in lower case; the
 * question's capitals are what tells the engine which words are names (what a question asks about, whom it asks
 * about, whether the articles know the name at all).
 *
 * Only a question with no capital after its first letter is recased (one that capitalises some word was typed with
 * care), and a word only when the texts write it (or its plural) with a capital every time it is not the first
 * word of a sentence, at least once.
 */
import { tokenize } from './analyze.js';
import { WORDNET } from './related.js';

/** Words of a question looked at, at most (a long question costs no more). */
export const MAX_RECASED_WORDS = 8;

/** What precedes a sentence's first word: only a capital elsewhere says "name". */
const SENTENCE_START = /(?:^|[.!?]["'”’)\]]*\s)\s*["'“‘(]*$/u;

/** True when a question was typed without capitals past its first letter: the case `restoreCase` may mend. */
export function typedInLowerCase(question: string): boolean {
  return !/\p{Lu}/u.test(question.slice(1));
}

const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an)\s+$/iu;
const CAPITALISED_BEFORE = /\p{Lu}[\p{L}.'’-]*\s+$/u;
const CAPITALISED_AFTER = /^\s+\p{Lu}/u;
const WORD = /[\p{L}\p{N}]+/gu;

interface Asked {
  readonly term: string;
  /** How the texts write it; undefined until a capitalised use is seen, null once a common use is. */
  form?: string | null;
  exact?: string;
}

/**
 * Reads how `texts` write each asked word (by its lower-case form; a plural in "s" or "es" counts as the word) away
 * from the start of a sentence. A word they also write in lower case or after an article ("the State") is a common
 * word. So is one capitalised only as part of a longer name ("Kansas City", "General Assembly") when WordNet knows
 * it as a word; an unknown one at the end of a name ("Sergei Lavrov") is the name's own.
 */
function readForms(asked: ReadonlyMap<string, Asked>, texts: readonly string[]): void {
  for (const text of texts) {
    for (const m of text.matchAll(WORD)) {
      const surface = m[0];
      const lower = surface.toLowerCase();
      const word = asked.get(lower) ?? asked.get(lower.replace(/e?s$/, ''));
      if (word === undefined || word.form === null) continue;
      const at = m.index ?? 0;
      const before = text.slice(Math.max(0, at - 24), at);
      if (SENTENCE_START.test(before.slice(-6))) continue;
      if (!/^\p{Lu}/u.test(surface) || ARTICLE_BEFORE.test(before)) {
        word.form = null;
        continue;
      }
      const inRun = CAPITALISED_BEFORE.test(before) || CAPITALISED_AFTER.test(text.slice(at + surface.length, at + 4));
      if (inRun && WORDNET.contains(word.term)) continue;
      word.form = surface;
      if (asked.get(lower) === word) word.exact ??= surface;
    }
  }
}

/** The question with its words in the case `texts` write them when it was typed in lower case, else as it was. */
export function restoreCase(question: string, texts: readonly string[]): string {
  if (!typedInLowerCase(question) || texts.length === 0) return question;
  const tokens = tokenize(question)
    .filter((t) => t.term !== null && /^\p{Ll}+$/u.test(t.text))
    .slice(0, MAX_RECASED_WORDS);
  if (tokens.length === 0) return question;
  const asked = new Map<string, Asked>(tokens.map((t) => [t.text, { term: t.term as string }]));
  readForms(asked, texts);
  let out = '';
  let at = 0;
  for (const token of tokens) {
    const word = asked.get(token.text);
    if (!word?.form) continue;
    out += question.slice(at, token.start) + (word.exact ?? token.text.charAt(0).toUpperCase() + token.text.slice(1));
    at = token.end;
  }
  return out + question.slice(at);
}
