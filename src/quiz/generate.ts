/**
 * Quiz questions written from a collection's own articles, each citing the sentence that
 * holds its answer:
 * - `choice`: a name, number or date blanked out of a sentence ("___ fled to Britain in March"),
 *   with three distractors of the same type;
 * - `number`: "How many helicopters were shipped ...?" from "12 helicopters ... were shipped";
 * - `who-said`: a quotation, choose the speaker.
 * Every question can also be asked as a cloze (typed answer, `accept` lists what counts).
 * Distractors come first from the same article, then the collection; they are never the answer
 * or a variant of it, never each other, and the answer never shows in the stem. The same seed
 * gives the same quiz.
 */

import type { Candidate } from '../answer/candidates.js';
import { quoteSpans, sentenceCandidates } from '../answer/candidates.js';
import type { CitedArticle, Collection } from '../collection.js';
import { fold, writesInLowerCase } from '../text/analyze.js';
import { nameHints } from '../text/lexicon.js';
import { type AnnotatedSentence, annotate, annotateStored } from '../text/nlp.js';
import { splitSentences } from '../text/sentences.js';
import { type Random, seededRandom, shuffled } from '../util/random.js';

export type QuizKind = 'choice' | 'number' | 'who-said';
export type FactType = 'PERSON' | 'PLACE' | 'ORG' | 'NUMBER' | 'DATE';

export interface QuizCitation {
  readonly article: CitedArticle;
  readonly paragraph: number;
  readonly sentence: string;
}

export interface QuizQuestion {
  readonly kind: QuizKind;
  readonly type: FactType;
  /** The question as shown; `___` marks the blank of a `choice` question. */
  readonly stem: string;
  readonly answer: string;
  /** Four options, the answer among them once. */
  readonly options: readonly string[];
  readonly answerIndex: number;
  /** Typed answers that count as right in cloze mode (folded). */
  readonly accept: readonly string[];
  readonly citation: QuizCitation;
}

export interface QuizOptions {
  /** Only this article's paragraphs (distractors may still come from the others). */
  readonly articleId?: number;
  readonly count: number;
  readonly seed: number;
}

/** Options per question. */
export const OPTION_COUNT = 4;
/** Paragraphs read for facts when no article is chosen, and for distractors from the rest of the collection. */
export const SAMPLE_PARAGRAPHS = 60;
const MIN_WORDS = 7;
const MAX_WORDS = 70;
const MAX_QUOTE_CHARS = 220;
/** Lexicon evidence a name needs to become a quiz fact (an unfamiliar two-word name alone scores 0.45). */
const MIN_NAME_SCORE = 0.55;

interface Fact {
  readonly type: FactType;
  readonly text: string;
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
  readonly paragraphId: number;
  /** For numbers: the plural noun that follows ("helicopters"), when there is one. */
  readonly noun?: string;
  /** For numbers: whether the number opens its clause, so "How many NOUN ...?" reads well. */
  readonly opensClause?: boolean;
}

interface QuoteFact {
  readonly quote: string;
  readonly speaker: string;
  readonly sentence: string;
  readonly paragraphId: number;
}

/** Lower-case words of a name or phrase, articles dropped. */
function words(text: string): string[] {
  return fold(text)
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !['the', 'a', 'an'].includes(w));
}

function numericValue(text: string): number | null {
  const m = /^[^\d]*(\d[\d,]*(?:\.\d+)?)/.exec(text);
  return m ? Number((m[1] as string).replace(/,/g, '')) : null;
}

/** True when `a` and `b` name the same thing: equal, one's words inside the other's, or the same number. */
export function isVariant(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.length === 0 || y.length === 0) return fold(a).trim() === fold(b).trim();
  if (x.join(' ') === y.join(' ')) return true;
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== null && nb !== null && /^\W*\d/.test(a) && /^\W*\d/.test(b)) return na === nb;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}

function nameType(c: Candidate): FactType | null {
  const s = c.name;
  if (!s || /^\p{Lu}{2,}(?:[/ ]\p{Lu}+)*$/u.test(c.text)) return null; // datelines and acronyms in capitals
  const best = Math.max(s.person, s.place, s.org);
  // Stricter than the answer engine: a quiz must not mistake a newspaper for a person.
  if (best < MIN_NAME_SCORE) return null;
  return best === s.person ? 'PERSON' : best === s.place ? 'PLACE' : 'ORG';
}

/**
 * A paragraph's sentences with their tags: from the readings stored with it when there are some (`annotateStored`),
 * else tagged now, each only when `wanted` (a cheap test on its text) lets it through.
 */
function taggedSentences(
  collection: Collection,
  id: number,
  text: string,
  wanted: (sentence: string) => boolean,
): Array<{ readonly text: string; readonly tagged: AnnotatedSentence }> {
  const sentences = splitSentences(text);
  const stored = collection.storedReadings(id);
  return sentences.flatMap((s, k) =>
    wanted(s.text) ? [{ text: s.text, tagged: annotateStored(stored, k, sentences.length, s.text) }] : [],
  );
}

/** Whether a sentence can make a stem: long enough, short enough, not cut inside a quotation. */
function stemmable(sentence: string): boolean {
  const count = sentence.split(/\s+/).length;
  if (count < MIN_WORDS || count > MAX_WORDS) return false;
  // A sentence cut inside a quotation reads badly as a stem.
  return (sentence.match(/["“”]/g) ?? []).length % 2 === 0;
}

/** The facts a sentence (`stemmable`) offers to ask about. */
function factsOf(
  sentence: string,
  tagged: AnnotatedSentence,
  paragraphId: number,
  writesLowerCase: (term: string) => boolean,
): Fact[] {
  const out: Fact[] = [];
  for (const c of sentenceCandidates(tagged, writesLowerCase)) {
    let type: FactType | null = null;
    // Part of a longer name ("Ministry" of "Foreign Ministry") is not a fact; a person's name inside titles is.
    const inside = c.kind === 'NAME' && /^\p{Lu}/u.test(tagged.tokens[c.first - 1]?.text ?? '') && c.first > 0;
    if (c.kind === 'NAME') type = inside && nameType(c) !== 'PERSON' ? null : nameType(c);
    else if (c.kind === 'NUMBER' && /^\d[\d,.]*$/.test(c.text)) type = 'NUMBER';
    else if (c.kind === 'DATE' && dateShape(c.text) !== null) type = 'DATE';
    if (!type) continue;
    // Inner names only once: "Foreign Minister Sergei Lavrov" gives "Sergei Lavrov".
    if (
      out.some((f) => f.start <= c.start && f.end >= c.end) ||
      out.some((f) => c.start <= f.start && c.end >= f.end && f.type === type)
    )
      continue;
    const next = tagged.tokens[c.last + 1];
    const before = tagged.tokens[c.first - 1];
    const noun = type === 'NUMBER' && next && next.pos === 'NOUN' && /s$/.test(next.norm) ? next.text : undefined;
    const opensClause = c.first === 0 || (before !== undefined && ['that', 'said', ','].includes(before.norm));
    out.push({
      type,
      text: c.text,
      sentence,
      start: c.start,
      end: c.end,
      paragraphId,
      ...(noun ? { noun, opensClause } : {}),
    });
  }
  return out;
}

function quotesOf(paragraph: string, paragraphId: number): QuoteFact[] {
  const out: QuoteFact[] = [];
  for (const q of quoteSpans(paragraph)) {
    if (q.text.length > MAX_QUOTE_CHARS || q.text.split(/\s+/).length < 5) continue;
    const tagged = annotate(q.attribution);
    const speakers = sentenceCandidates(tagged).filter((c) => c.kind === 'NAME' && nameType(c) === 'PERSON');
    const speaker = speakers.sort((a, b) => a.text.length - b.text.length)[0];
    if (!speaker || !/\b(?:said|says|told|added|asked|wrote)\b/.test(q.attribution)) continue;
    // Cite from the sentence where the quotation opens to the one that names the speaker.
    const sentences = splitSentences(paragraph);
    const first = sentences.findIndex((s) => q.start >= s.start && q.start < s.end);
    const last = sentences.findIndex((s) => q.end + 1 >= s.start && q.end + 1 < s.end);
    const sentence =
      first >= 0 && last >= first ? paragraph.slice(sentences[first]?.start, sentences[last]?.end) : paragraph;
    if (!sentence.includes(speaker.text)) continue;
    out.push({ quote: q.text, speaker: speaker.text, sentence, paragraphId });
  }
  return out;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function formatLike(original: string, value: number): string {
  const decimals = /\.(\d+)/.exec(original)?.[1]?.length ?? 0;
  const fixed = value.toFixed(decimals);
  return original.includes(',') || (value >= 10_000 && !/^(?:1\d|20)\d\d$/.test(original))
    ? Number(fixed).toLocaleString('en-US', { minimumFractionDigits: decimals })
    : fixed;
}

/** Nearby numbers in the same format: 12 -> 10, 14, 24, 6 ... ; a year -> nearby years. */
function numberDistractors(answer: string, random: Random): string[] {
  const v = numericValue(answer);
  if (v === null) return [];
  const year = /^(?:1[5-9]|20)\d\d$/.test(answer);
  const steps = year
    ? [-3, -2, -1, 1, 2, 3, 5, -5]
    : v < 10
      ? [-2, -1, 1, 2, 3, 4]
      : [v * -0.5, v * -0.25, v * 0.25, v * 0.5, v, -2, 2];
  const values = steps
    .map((d) =>
      year || v < 10 ? v + d : Math.round((v + d) * (Number.isInteger(v) ? 1 : 10)) / (Number.isInteger(v) ? 1 : 10),
    )
    .filter((x) => x > 0 && x !== v);
  return shuffled([...new Set(values)], random).map((x) => formatLike(answer, x));
}

const MONTH_RE = MONTHS.join('|');
const WEEKDAY_RE = WEEKDAYS.join('|');

/** The shape of a date ("year", "decade", "century", "month", "weekday", "monthday", "relative"), or null. */
export function dateShape(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return 'year';
  if (/^(?:the )?(?:early |mid-|late )?\d{3,4}s$/i.test(t)) return 'decade';
  if (/^(?:the )?(?:early |mid-|late )?\d{1,2}(?:st|nd|rd|th)[- ]century$/i.test(t)) return 'century';
  if (new RegExp(`^(?:${MONTH_RE})(?: \\d{4})?$`).test(t)) return 'month';
  if (new RegExp(`^(?:${WEEKDAY_RE})$`).test(t)) return 'weekday';
  if (new RegExp(`^(?:(?:${MONTH_RE}) \\d{1,2}(?:, \\d{4})?|\\d{1,2} (?:${MONTH_RE})(?: \\d{4})?)$`).test(t))
    return 'monthday';
  if (/^(?:last|next|this) (?:week|month|year|night|weekend)$/i.test(t)) return 'relative';
  return null;
}

function ordinal(n: number): string {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${n % 10 > 3 ? 'th' : tail}`;
}

/** Dates of the same shape: another year, decade, century, month, weekday or day. */
function dateDistractors(answer: string, random: Random): string[] {
  const shape = dateShape(answer);
  const out: string[] = [];
  const month = MONTHS.find((m) => answer.includes(m));
  const weekday = WEEKDAYS.find((d) => answer.includes(d));
  if (shape === 'year') for (const d of [-3, -2, -1, 1, 2, 4]) out.push(String(Number(answer) + d));
  if (shape === 'decade') {
    const m = /(\d{3,4})s/.exec(answer);
    if (m) for (const d of [-20, -10, 10, 20]) out.push(answer.replace(m[1] as string, String(Number(m[1]) + d)));
  }
  if (shape === 'century') {
    const m = /(\d{1,2})(?:st|nd|rd|th)/.exec(answer);
    if (m)
      for (const d of [-2, -1, 1, 2])
        if (Number(m[1]) + d > 0) out.push(answer.replace(m[0], ordinal(Number(m[1]) + d)));
  }
  if (weekday) for (const d of WEEKDAYS) if (d !== weekday) out.push(answer.replace(weekday, d));
  if (month) {
    for (const m of MONTHS) if (m !== month) out.push(answer.replace(month, m));
    const day = shape === 'monthday' ? /\b(\d{1,2})\b/.exec(answer) : null;
    if (day)
      for (const d of [3, 5, 8, 11])
        out.push(answer.replace(day[1] as string, String(((Number(day[1]) + d - 1) % 28) + 1)));
  }
  if (shape === 'relative') for (const r of ['last week', 'last month', 'last year', 'next week']) out.push(r);
  return shuffled(out, random);
}

function appearsIn(stem: string, text: string): boolean {
  const s = ` ${words(stem).join(' ')} `;
  const w = words(text);
  if (w.length > 0 && s.includes(` ${w.join(' ')} `)) return true;
  // A person's surname or a distinctive word of a name gives the answer away too.
  return w.some((x) => x.length >= 4 && /^\p{L}/u.test(x) && s.includes(` ${x} `) && !nameHints(x).includes('month'));
}

function pickDistractors(
  answer: string,
  type: FactType,
  stem: string,
  pools: ReadonlyArray<readonly string[]>,
  random: Random,
): string[] | null {
  const chosen: string[] = [];
  const shape = type === 'DATE' ? dateShape(answer) : null;
  const consider = (option: string) => {
    if (chosen.length >= OPTION_COUNT - 1) return;
    if (type === 'DATE' && dateShape(option) !== shape) return;
    if (type !== 'DATE' && type !== 'NUMBER' && !/^\p{Lu}/u.test(option)) return;
    if (!option.trim() || isVariant(option, answer) || chosen.some((c) => isVariant(c, option))) return;
    if (appearsIn(stem, option)) return;
    chosen.push(option);
  };
  for (const pool of pools) for (const option of shuffled(pool, random)) consider(option);
  if (type === 'NUMBER') for (const option of numberDistractors(answer, random)) consider(option);
  if (type === 'DATE') for (const option of dateDistractors(answer, random)) consider(option);
  return chosen.length === OPTION_COUNT - 1 ? chosen : null;
}

function acceptFor(answer: string, type: FactType): string[] {
  const out = new Set([fold(answer).trim()]);
  const w = words(answer);
  if (type === 'PERSON' && w.length >= 2) out.add(w[w.length - 1] as string);
  if (type === 'NUMBER') out.add(answer.replace(/,/g, ''));
  out.add(w.join(' '));
  return [...out].filter(Boolean);
}

/** Paragraph ids to read: the article's, or a seeded sample of the collection's. */
function paragraphIds(collection: Collection, articleId: number | undefined, random: Random): number[] {
  if (articleId !== undefined) return [...collection.paragraphIdsOf(articleId)];
  const all = collection.articles().flatMap((a) => collection.paragraphIdsOf(a.id));
  return shuffled(all, random).slice(0, SAMPLE_PARAGRAPHS);
}

/** Write up to `count` questions. Fewer come back when the articles do not hold enough facts. */
export function generateQuiz(collection: Collection, options: QuizOptions): QuizQuestion[] {
  const random = seededRandom(options.seed);
  const ids = paragraphIds(collection, options.articleId, random);
  const facts: Fact[] = [];
  const quotes: QuoteFact[] = [];
  for (const id of ids) {
    const paragraph = collection.paragraph(id);
    if (!paragraph) continue;
    const lower = writesInLowerCase(paragraph.text);
    for (const s of taggedSentences(collection, id, paragraph.text, stemmable))
      facts.push(...factsOf(s.text, s.tagged, id, lower));
    quotes.push(...quotesOf(paragraph.text, id));
  }
  // Distractor pools: this selection first, then a sample of the whole collection.
  const local = new Map<FactType, string[]>();
  for (const f of facts) local.set(f.type, [...(local.get(f.type) ?? []), f.text]);
  const wide = new Map<FactType, string[]>();
  if (options.articleId !== undefined) {
    const others = shuffled(
      collection.articles().flatMap((a) => (a.id === options.articleId ? [] : collection.paragraphIdsOf(a.id))),
      random,
    ).slice(0, SAMPLE_PARAGRAPHS);
    for (const id of others) {
      const p = collection.paragraph(id);
      if (!p) continue;
      const lower = writesInLowerCase(p.text);
      for (const s of taggedSentences(collection, id, p.text, stemmable))
        for (const f of factsOf(s.text, s.tagged, id, lower)) wide.set(f.type, [...(wide.get(f.type) ?? []), f.text]);
    }
  }
  const pools = (type: FactType) => [local.get(type) ?? [], wide.get(type) ?? []];

  const cite = (paragraphId: number, sentence: string): QuizCitation | null => {
    const p = collection.paragraph(paragraphId);
    const article = p && collection.citedArticle(p.articleId);
    return p && article ? { article, paragraph: p.n, sentence } : null;
  };

  const candidates: Array<() => QuizQuestion | null> = [];
  for (const f of facts) {
    candidates.push(() => {
      const citation = cite(f.paragraphId, f.sentence);
      if (!citation) return null;
      let kind: QuizKind = 'choice';
      let stem = `${f.sentence.slice(0, f.start)}___${f.sentence.slice(f.end)}`;
      if (f.type === 'NUMBER' && f.noun && f.opensClause) {
        const rest = f.sentence
          .slice(f.end)
          .replace(/^\s+[\p{L}-]+/u, '')
          .replace(/^,\s*(?:which|who)[^,]*,/, '')
          .replace(/[.!]\s*$/, '')
          .trim();
        if (rest.split(/\s+/).length >= 3) {
          kind = 'number';
          stem = `How many ${f.noun} ${rest}?`;
        }
      }
      if (appearsIn(stem.replace('___', ' '), f.text)) return null;
      const distractors = pickDistractors(f.text, f.type, stem, pools(f.type), random);
      if (!distractors) return null;
      return build(kind, f.type, stem, f.text, distractors, citation, random);
    });
  }
  for (const q of quotes) {
    candidates.push(() => {
      const citation = cite(q.paragraphId, q.sentence);
      const stem = `Who said: “${q.quote}”?`;
      if (!citation || appearsIn(q.quote, q.speaker)) return null;
      const distractors = pickDistractors(q.speaker, 'PERSON', stem, pools('PERSON'), random);
      return distractors ? build('who-said', 'PERSON', stem, q.speaker, distractors, citation, random) : null;
    });
  }

  const out: QuizQuestion[] = [];
  const usedSentences = new Set<string>();
  const usedAnswers: string[] = [];
  for (const make of shuffled(candidates, random)) {
    if (out.length >= options.count) break;
    const question = make();
    if (
      !question ||
      usedSentences.has(question.citation.sentence) ||
      usedAnswers.some((a) => isVariant(a, question.answer))
    )
      continue;
    usedSentences.add(question.citation.sentence);
    usedAnswers.push(question.answer);
    out.push(question);
  }
  return out;
}

function build(
  kind: QuizKind,
  type: FactType,
  stem: string,
  answer: string,
  distractors: readonly string[],
  citation: QuizCitation,
  random: Random,
): QuizQuestion {
  const options = shuffled([answer, ...distractors], random);
  return {
    kind,
    type,
    stem,
    answer,
    options,
    answerIndex: options.indexOf(answer),
    accept: acceptFor(answer, type),
    citation,
  };
}

/** True when a typed answer counts for a question (cloze). */
export function acceptsTyped(question: QuizQuestion, typed: string): boolean {
  const t = words(typed).join(' ');
  const raw = fold(typed).trim();
  return t.length > 0 && question.accept.some((a) => a === t || a === raw || words(a).join(' ') === t);
}
