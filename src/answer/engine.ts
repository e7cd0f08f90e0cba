/**
 * answer(): a question and a collection in, a short answer and the passages that hold it out.
 *
 * 1. Analyse the question (its answer type and search terms).
 * 2. BM25 over paragraphs (MiniSearch), then re-rank the top paragraphs by how well their
 *    best sentence covers the question (IDF-weighted), how close the matched words are to
 *    each other, and whether the sentence holds something of the expected type.
 * 3. In the best sentences of the best paragraphs, find candidate spans (names, dates,
 *    numbers, noun phrases, quotations, clauses) and score each: type fit, sentence
 *    coverage, distance to the question's words, passage rank, words it repeats from the
 *    question (and the learned ranker's score, when there is one).
 * 4. The answer: the best fitting candidate by its score and its passage's (`chooseAnswer`,
 *    see choice.ts), its edges then weighed by the boundary model (`refineAnswer`, see
 *    boundary.ts).
 * 5. No answer (null) when the passages do not cover the question or hold nothing of the
 *    right type, when the passage chosen holds nothing of it (that passage cited first), or
 *    (withheld) when the calibrated confidence is below its threshold; the citations are
 *    then the closest passages.
 */
import type { CitedArticle, Collection } from '../collection.js';
import { UserError } from '../errors.js';
import type { ParagraphIndex } from '../search/index.js';
import { type Correction, correctSpelling } from '../search/spelling.js';
import { fold, termOf, terms, tokenize, writesInLowerCase } from '../text/analyze.js';
import { restoreCase, typedInLowerCase } from '../text/casing.js';
import { isDemonym, TITLE_WORDS } from '../text/lexicon.js';
import { type AnnotatedSentence, annotate, annotateStored, type NlpToken } from '../text/nlp.js';
import { analyseParagraph, termsBySentence } from '../text/paragraph.js';
import { NEIGHBOURS, WORDNET } from '../text/related.js';
import { type Sentence, splitSentences } from '../text/sentences.js';
import { type SurfaceQuery, surfaceOverlap, surfaceQuery } from '../text/surface.js';
import { LruCache } from '../util/lru.js';
import { type BoundaryModel, type BoundarySpan, DEFAULT_BOUNDARY, refineBoundary, spanText } from './boundary.js';
import {
  type Candidate,
  eventCandidates,
  isCalendarName,
  POSSESSIVE,
  quoteSpans,
  SPEECH_VERB_LEMMAS,
  sentenceCandidates,
  trimmedCandidates,
} from './candidates.js';
import { choosePassage, DEFAULT_CHOICE } from './choice.js';
import { type ConfidenceModel, type ConfidenceSignals, confidenceOf, DEFAULT_CONFIDENCE } from './confidence.js';
import { creditAsked, creditedFor, creditedFrom, creditPlaceAsked, creditTopic, readCredits } from './credits.js';
import { type AnswerType, analyzeQuestion, asksForSummary, expandContraction, type Question } from './question.js';
import {
  addRelativeFeatures,
  type CandidateFeatures,
  candidateFeatures,
  cosine,
  DEFAULT_PASSAGE_RANKER,
  DEFAULT_RANKER,
  hashedScore,
  linearScore,
  meanVector,
  passageFeatures,
  passageHashes,
  type RankerModel,
  rankerScore,
  type TermStatus,
  treeScore,
} from './ranker.js';

export type { CitedArticle } from '../collection.js';

export interface Citation {
  readonly article: CitedArticle;
  /** 1-based paragraph number (¶) in the article. */
  readonly paragraph: number;
  /** The sentence that holds the answer (or the best-matching sentence when there is none). */
  readonly sentence: string;
  /** The whole paragraph. */
  readonly text: string;
}

export interface AnswerResult {
  /** The short answer, taken from the first citation's sentence; null when the articles do not hold it. */
  readonly answer: string | null;
  /** 0 to 1: how sure the engine is of the answer (of the passages, when the answer is null). */
  readonly confidence: number;
  readonly citations: readonly Citation[];
  /**
   * True when the engine had an answer but withheld it: its confidence was below the threshold
   * chosen on data (`npm run calibrate`). The citations are the passages it would have cited.
   */
  readonly unsure?: boolean;
  /**
   * The engine's best guess when it gives no answer line: the answer withheld when `unsure`, and, with the
   * `bestGuess` setting, the best candidate when the articles do not seem to hold the answer. Never shown to users;
   * `npm run eval` scores it as the best guess, the way SQuAD readers (which always answer) are scored.
   */
  readonly withheld?: string;
  /** What the confidence was computed from (only with `collectFeatures`, for `npm run calibrate`). */
  readonly signals?: ConfidenceSignals;
  /** Misspelt words of the question and the articles' words they were read as (absent when none were). */
  readonly corrections?: readonly Correction[];
  /**
   * True when the question asked what the articles say ("tldr", "what is the article about?"): no answer line, and
   * the citations are the articles' opening paragraphs (the newest article's first), which news writes to say it.
   */
  readonly summary?: boolean;
  /**
   * True for a yes-or-no question ("Did the committee vote unanimously?"): no answer line (a span of the article does
   * not say yes or no), and the citations are the passages that speak to it, best first.
   */
  readonly polar?: boolean;
}

export interface AnswerOptions {
  /** Only this article's paragraphs. */
  readonly article?: number;
  /** Citations to return, at most. */
  readonly limit?: number;
  /**
   * Paragraphs to leave out, as if they were not there (the collection's term statistics still count them).
   * `npm run calibrate` asks questions without the paragraph that answers them, to fit confidence on questions the
   * articles may not answer.
   */
  readonly exclude?: ReadonlySet<number>;
}

/** Tuning of the engine. The defaults were chosen on the development questions (README, "Measured"). */
export interface EngineSettings {
  /** Paragraphs taken from BM25 for re-ranking. */
  readonly rerankDepth: number;
  /**
   * ... when the search is within one article. There BM25 tells paragraphs apart least (the article's own words are
   * in all of them), and the paragraph that answers is more often far down its order.
   */
  readonly articleRerankDepth: number;
  /**
   * In collections of more than `rerankFloorAbove` paragraphs, hits below the first
   * `rerankDepth / 2` are re-ranked only if their BM25 score is at least this share of the best
   * one's. Re-ranking reads and analyses each paragraph; in a large collection the tail of the
   * list is mostly paragraphs that share one rare word with the question.
   */
  readonly rerankFloor: number;
  readonly rerankFloorAbove: number;
  /** Paragraphs searched for the answer span. */
  readonly answerParagraphs: number;
  /** Sentences annotated for candidates, at most. */
  readonly answerSentences: number;
  /** Minimum IDF-weighted share of the question's terms the best passage must hold to answer. */
  readonly minCoverage: number;
  /** Citations returned by default. */
  readonly citations: number;
  /** Terms held by more than this share of the paragraphs are left out of the BM25 query (see searchTerms). */
  readonly commonTermShare: number;
  /** ... but only in collections where that share is more than this many paragraphs. */
  readonly commonTermFloor: number;
  /** At most this many (the rarest) terms go to BM25. */
  readonly maxSearchTerms: number;
  /**
   * Candidate scoring weights: type fit, sentence coverage, proximity to the nearest question word, passage score
   * (normalised to the best), question words repeated inside the candidate, question words around it.
   */
  readonly answerWeights: {
    readonly fit: number;
    readonly coverage: number;
    readonly proximity: number;
    readonly passage: number;
    readonly repeated: number;
    readonly window: number;
  };
  /**
   * Passage re-ranking: BM25 (normalised to the best hit), best sentence coverage, paragraph coverage, answer-type
   * cue; `context` is the weight of question words found in the neighbouring sentences or the heading, `bigram` of
   * adjacent question word pairs, `soft` of same-prefix word families, `localIdf` the share of IDF computed among the
   * re-ranked paragraphs rather than the whole collection.
   */
  /** A learned candidate ranker (see `npm run train`); when set, it scores candidates of every type but quotations. */
  readonly ranker?: RankerModel;
  /**
   * With a ranker that has boosted trees: the candidates whose trees are evaluated, the best by the linear score (the
   * others get the lowest tree score the leaders got). The trees, stacked on the linear score, reorder the leaders;
   * in tune-48 the candidate they put first is among the linear top 15 in 99.96% of questions, and running them for
   * all (about 60 candidates a question) made `answer()` a fifth slower. Infinity: every candidate.
   */
  readonly treeCandidates: number;
  /** A learned passage ranker (see `npm run train`); it orders the re-ranked paragraphs. */
  readonly passageRanker?: RankerModel;
  /** The calibrated confidence model (see `npm run calibrate`); without it a hand-made blend is used. */
  readonly confidence?: ConfidenceModel;
  /** Withhold the answer line when the confidence is below the model's threshold. */
  readonly abstain: boolean;
  /** With a passage ranker: how much of the hand-made passage score is added to the learned one. */
  readonly passageBlend: number;
  /** Keep each candidate's features (for training). */
  readonly collectFeatures?: boolean;
  /** Work out a best guess (`withheld`) even when the articles do not seem to hold the answer (for evaluation). */
  readonly bestGuess?: boolean;
  /** Read misspelt words of a question as the articles' words (`correctSpelling`). */
  readonly spelling: boolean;
  /** With a ranker: how much of the hand-made score is added to the learned one (0: the ranker has it as a feature). */
  readonly rankerBlend: number;
  /**
   * With a ranker, for "what is X?" questions: what a candidate standing in a definition pattern with X ("the
   * outpost of X", "X, a port city", "X is a port") adds to the learned score. SQuAD's "what is" questions rarely
   * ask for a definition, so the ranker learns little of it.
   */
  readonly definitionPattern: number;
  /**
   * Which candidate answers: the fitting one with the best candidate score plus this weight times its passage's
   * ranking score (`order`), so a passage ranked a little lower can answer when its candidate is much better, and
   * the answer's passage is cited first. 0: the best candidate wherever it is; Infinity: always the best passage's
   * (when it has a fitting candidate). `npm run calibrate` chooses it (on training questions the rankers never saw)
   * and keeps it with the confidence model; 1 without one.
   */
  readonly passageWeight: number;
  /**
   * What a passage without a fitting candidate counts below the best candidate anywhere when choosing the passage that
   * answers (`choice.ts`; chosen by `npm run calibrate`); null: such a passage never answers.
   */
  readonly emptyPenalty: number | null;
  /**
   * The answer boundary model (see `boundary.ts` and `npm run train`): it may move the chosen answer's edges by a
   * token or to an overlapping candidate of its sentence ("14" to "14 years"). Without it the candidate stands.
   */
  readonly boundary?: BoundaryModel;
  readonly passageWeights: {
    readonly bm25: number;
    readonly sentence: number;
    readonly paragraph: number;
    readonly cue: number;
    readonly context: number;
    readonly bigram: number;
    readonly soft: number;
    readonly localIdf: number;
  };
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  rerankDepth: 20,
  articleRerankDepth: 30,
  rerankFloor: 0.5,
  rerankFloorAbove: 20_000,
  answerParagraphs: 4,
  answerSentences: 5,
  minCoverage: 0.3,
  citations: 5,
  // Every question term goes to BM25: on the compact index a full query costs about a millisecond
  // at 100k paragraphs, and dropping common terms (MiniSearch needed it for speed) cost 4 points of
  // passage@1 there (0.73 with all terms, 0.69 with the four rarest).
  commonTermShare: 1,
  commonTermFloor: 200,
  maxSearchTerms: 32,
  rankerBlend: 0,
  treeCandidates: 15,
  definitionPattern: 2,
  ...(DEFAULT_PASSAGE_RANKER ? { passageRanker: DEFAULT_PASSAGE_RANKER } : {}),
  ...(DEFAULT_CONFIDENCE ? { confidence: DEFAULT_CONFIDENCE } : {}),
  abstain: true,
  spelling: true,
  passageBlend: 1,
  passageWeight:
    DEFAULT_CONFIDENCE?.passageWeight === null ? Number.POSITIVE_INFINITY : (DEFAULT_CONFIDENCE?.passageWeight ?? 1),
  emptyPenalty: DEFAULT_CHOICE?.emptyPenalty ?? null,
  ...(DEFAULT_RANKER ? { ranker: DEFAULT_RANKER } : {}),
  ...(DEFAULT_BOUNDARY ? { boundary: DEFAULT_BOUNDARY } : {}),
  answerWeights: { fit: 2.0, coverage: 1.5, proximity: 1.0, passage: 6, repeated: 1.5, window: 1.0 },
  passageWeights: {
    bm25: 0.35,
    sentence: 1.0,
    paragraph: 0.5,
    cue: 0.1,
    context: 0.35,
    bigram: 0.2,
    soft: 0.5,
    localIdf: 0.5,
  },
};

interface PreparedSentence extends Sentence {
  /**
   * The sentence's index terms in order, stop words skipped. No set beside it: a sentence holds a few dozen terms,
   * a scan finds one as fast as a hash lookup, and the sentences' sets were a third of a cached paragraph's bytes,
   * which every collection of the young generation copies while the paragraph is new.
   */
  readonly termList: readonly string[];
}

/** True when `a b` occur next to each other in the sentence (stop words skipped). */
function hasPair(s: PreparedSentence, a: string, b: string): boolean {
  const t = s.termList;
  for (let k = 0; k + 1 < t.length; k++) if (t[k] === a && t[k + 1] === b) return true;
  return false;
}

/** True when `a b c` occur in a row in the sentence (stop words skipped). */
function hasTriple(s: PreparedSentence, a: string, b: string, c: string): boolean {
  const t = s.termList;
  for (let k = 0; k + 2 < t.length; k++) if (t[k] === a && t[k + 1] === b && t[k + 2] === c) return true;
  return false;
}

/** True when a term of the sentence of at least SOFT_PREFIX letters starts with `prefix`. */
function hasPrefix(s: PreparedSentence, prefix: string): boolean {
  for (const x of s.termList) if (x.length >= SOFT_PREFIX && x.startsWith(prefix)) return true;
  return false;
}

interface PreparedParagraph {
  readonly text: string;
  readonly heading: string | undefined;
  /** Index terms of the section heading, which count as context for every sentence. */
  readonly headingTerms: ReadonlySet<string> | undefined;
  readonly sentences: readonly PreparedSentence[];
  /** Characters of the dateline the paragraph opens with ("BERLIN (Reuters) – "), 0 when none. */
  readonly dateline: number;
}

/**
 * The paragraph's terms as a set, built for the question at hand and dropped with it: a cached set per paragraph
 * was as many bytes again as the rest of it for every young-generation collection to copy, and building one costs
 * a few microseconds.
 */
function termSetOf(prepared: PreparedParagraph): Set<string> {
  const set = new Set<string>();
  for (const s of prepared.sentences) for (const t of s.termList) set.add(t);
  return set;
}

const DATELINE = /^[\p{Lu}][\p{Lu}/ .,'-]*(?:, [\p{L}\d .]+)?\s*\([^)]{1,40}\)\s*[-–—]+\s*/u;

/** Paragraphs split and analysed for re-ranking, by id; sized for the hot paragraphs of many servers. */
const paragraphCache = new LruCache<number, PreparedParagraph>(10_000);
/** Sentences tagged by wink-nlp, by text. */
const sentenceCache = new LruCache<string, AnnotatedSentence>(5_000);

/**
 * Paragraph `id` split into sentences with their terms, for re-ranking: from the analysis the index keeps of it
 * when it has one (a paragraph re-ranked for the first time is then not analysed again), else from its text.
 */
function prepare(id: number, text: string, heading: string | undefined, index: ParagraphIndex): PreparedParagraph {
  const cached = paragraphCache.get(id);
  if (cached && cached.text === text && cached.heading === heading) return cached;
  // A dateline ("PARIS/MISRATA, Libya (Reuters) –") says where the story was filed, not what it says.
  const dateline = DATELINE.exec(text)?.[0].length ?? 0;
  const stored = index.analysed(id);
  const analysis = stored && stored.sentences.at(-1)?.end === text.trimEnd().length ? stored : analyseParagraph(text);
  const bySentence = termsBySentence(analysis);
  const sentences = analysis.sentences.map(({ start, end }, k) => {
    const sentence = text.slice(start, end);
    const own = bySentence[k] as string[];
    // Only a sentence that begins inside the dateline needs token offsets.
    const termList =
      start >= dateline
        ? own
        : tokenize(sentence).flatMap((t) => (t.term && start + t.start >= dateline ? [t.term] : []));
    return { text: sentence, start, end, termList };
  });
  const headingTerms = heading === undefined ? undefined : titleTerms(heading);
  const prepared = { text, heading, headingTerms, sentences, dateline };
  paragraphCache.set(id, prepared);
  return prepared;
}

function annotated(text: string): AnnotatedSentence {
  return sentenceCache.getOrSet(text, () => annotate(text));
}

/**
 * Sentence `k` of paragraph `id` tagged: from the readings stored with the paragraph when there are some (a sentence
 * no question has needed yet is then not tagged again), else by the tagger.
 */
function annotatedAt(collection: Collection, id: number, prepared: PreparedParagraph, k: number): AnnotatedSentence {
  const text = (prepared.sentences[k] as PreparedSentence).text;
  return sentenceCache.getOrSet(text, () =>
    annotateStored(collection.storedReadings(id), k, prepared.sentences.length, text),
  );
}

export interface RankedPassage {
  readonly id: number;
  /** The hand-made passage score (what candidates see as their passage's weight). */
  readonly score: number;
  /** What the passages are ordered by: the learned passage ranker's score when there is one, else `score`. */
  readonly order: number;
  /** The passage ranker's features, when kept. */
  readonly features?: readonly number[];
  /** The passage ranker's hashed lexical features (`passageHashes`), when kept. */
  readonly hashes?: readonly number[];
  readonly coverage: number;
  readonly bestSentence: number;
  readonly sentenceCoverage: readonly number[];
  /** Per sentence, the question's weight matched only through a WordNet relative (filled for the rankers only). */
  readonly sentenceRelated: readonly number[];
  /** Per sentence, the question's weight matched only through a word-vector neighbour (rankers only). */
  readonly sentenceNeighbour: readonly number[];
  readonly prepared: PreparedParagraph;
}

/** What the passage ranker's hashed features read of a paragraph without sentences. */
const NO_SENTENCE = { text: '' };

/** The share of its weight a term the article may not write keeps ("height" for "how tall": `Question.light`). */
const LIGHT_SHARE = 0.25;

/** Terms sharing their first SOFT_PREFIX letters count as a weak match (a word of the same family the stemmer did not join). */
const SOFT_PREFIX = 5;

/** Cheap cues that a sentence holds an answer of the expected type, before any tagging. */
const TYPE_CUES: Partial<Record<AnswerType, RegExp>> = {
  DATE: /\b(?:1[0-9]{3}|20[0-9]{2}|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|century|week|year)\b/,
  TIME: /\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)|noon|midnight|morning|evening|night)\b/i,
  NUMBER:
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\b/i,
  DURATION:
    /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|first|second|third|fourth|fifth)[- ](?:\w+ )?(?:second|minute|hour|day|week|month|year|decade|century)s?\b/i,
  MONEY: /[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|cents?)\b/i,
  PERCENT: /%|\bper ?cent\b/i,
  QUOTE: /["“”]|\b(?:said|says|told)\b/,
  REASON: /\b(?:because|since|due to|as a result|in order to|so that|to|for \w+ing)\b/i,
  PERSON: /(?:^|[^.!?]\s)\p{Lu}\p{Ll}+/u,
  PLACE: /(?:^|[^.!?]\s)\p{Lu}\p{Ll}+/u,
  ORG: /(?:^|[^.!?]\s)\p{Lu}/u,
};

/**
 * The terms sent to BM25: the question's `maxSearchTerms` rarest, leaving out terms so common
 * that their posting lists cost more than they tell (held by more than `commonTermShare` of the
 * paragraphs) as long as a rarer term remains. Re-ranking still weighs every term.
 */
export function searchTerms(terms: readonly string[], index: Collection['index'], settings: EngineSettings): string[] {
  const limit = Math.max(settings.commonTermFloor, settings.commonTermShare * index.size);
  const byRarity = terms.map((t) => ({ t, df: index.documentFrequency(t) })).sort((a, b) => a.df - b.df);
  const kept = byRarity
    .filter((x) => x.df <= limit)
    .slice(0, settings.maxSearchTerms)
    .map((x) => x.t);
  return kept.length > 0 ? kept : byRarity.slice(0, settings.maxSearchTerms).map((x) => x.t);
}

/** Index terms of article titles and section headings (each shared by many paragraphs), by text. */
const titleCache = new LruCache<string, ReadonlySet<string>>(20_000);

function titleTerms(title: string): ReadonlySet<string> {
  return titleCache.getOrSet(title, () => new Set(terms(title)));
}

/** The terms of `terms` that `held` holds. */
function heldOf(terms: readonly string[], held: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const t of terms) if (held.has(t)) out.push(t);
  return out;
}

/** True when one of `terms` (none when undefined) is in `list`. */
function anyIn(terms: readonly string[] | undefined, list: readonly string[]): boolean {
  if (terms) for (const t of terms) if (list.includes(t)) return true;
  return false;
}

/** A sentence's distinct terms with their collection IDF, as of the index's `generation`. */
interface SentenceWeights {
  readonly index: Collection['index'];
  readonly generation: number;
  readonly terms: readonly string[];
  readonly weights: Float64Array;
  readonly total: number;
}

/** Per prepared sentence (keyed by its term list, which lives as long as the prepared paragraph). */
const sentenceWeights = new WeakMap<readonly string[], SentenceWeights>();

function weightsOf(termList: readonly string[], index: Collection['index']): SentenceWeights {
  let w = sentenceWeights.get(termList);
  if (!w || w.index !== index || w.generation !== index.generation) {
    const terms = [...new Set(termList)];
    const weights = Float64Array.from(terms, (t) => index.idf(t));
    w = { index, generation: index.generation, terms, weights, total: weights.reduce((a, b) => a + b, 0) };
    sentenceWeights.set(termList, w);
  }
  return w;
}

/** The question's share of a sentence's weight: the collection IDF of its distinct terms the question holds, of all. */
function weightedPrecision(sentence: SentenceWeights, idf: ReadonlyMap<string, number>): number {
  if (sentence.total <= 0) return 0;
  let held = 0;
  for (const t of idf.keys()) {
    const k = sentence.terms.indexOf(t);
    if (k >= 0) held += sentence.weights[k] as number;
  }
  return held / sentence.total;
}

/** The passage ranker's finer measures of how a paragraph holds the question (see `PassageParts`). */
function passageExtras(
  question: Question,
  prepared: PreparedParagraph,
  held: ReadonlySet<string>,
  best: number,
  idf: ReadonlyMap<string, number>,
  totalIdf: number,
  pairs: ReadonlyArray<readonly [string, string]>,
  index: Collection['index'],
) {
  let maxIdf = 0;
  let missingMax = 0;
  for (const [t, w] of idf) {
    maxIdf = Math.max(maxIdf, w);
    if (!held.has(t) && !prepared.headingTerms?.has(t)) missingMax = Math.max(missingMax, w);
  }
  const sentence = prepared.sentences[best];
  let first = -1;
  let last = -1;
  const found = new Set<string>();
  sentence?.termList.forEach((t, k) => {
    // The question's terms are the keys of `idf`.
    if (!idf.has(t)) return;
    if (first < 0) first = k;
    last = k;
    found.add(t);
  });
  const compact = found.size === 0 ? 0 : found.size === 1 ? 1 : found.size / (last - first + 1);
  const weights = sentence ? weightsOf(sentence.termList, index) : undefined;
  let pairsAnywhere = 0;
  for (const [a, b] of pairs) if (prepared.sentences.some((s) => hasPair(s, a, b))) pairsAnywhere++;
  let triples = 0;
  for (let k = 0; k + 1 < pairs.length; k++) {
    const [a, b] = pairs[k] as readonly [string, string];
    const c = (pairs[k + 1] as readonly [string, string])[1];
    if (prepared.sentences.some((s) => hasTriple(s, a, b, c))) triples++;
  }
  let twoSentences = 0;
  for (let k = 0; k + 1 < prepared.sentences.length; k++) {
    const x = prepared.sentences[k] as PreparedSentence;
    const y = prepared.sentences[k + 1] as PreparedSentence;
    let sum = 0;
    for (const [t, w] of idf) if (x.termList.includes(t) || y.termList.includes(t)) sum += w;
    twoSentences = Math.max(twoSentences, sum / totalIdf);
  }
  return {
    missingMax: maxIdf > 0 ? missingMax / maxIdf : 0,
    bestCount: question.terms.length ? found.size / question.terms.length : 0,
    compact,
    pairsAnywhere: pairs.length ? pairsAnywhere / pairs.length : 0,
    triples: pairs.length > 1 ? triples / (pairs.length - 1) : 0,
    twoSentences,
    bestIndex: best,
    bestDensity: weights ? found.size / Math.max(1, weights.terms.length) : 0,
    bestLength: sentence ? sentence.termList.length : 0,
    bestPrecision: weights ? weightedPrecision(weights, idf) : 0,
    spanShare: sentence && found.size > 0 ? (last - first + 1) / sentence.termList.length : 0,
    firstAt: sentence && found.size > 0 ? first / sentence.termList.length : 1,
  };
}

/** What a paragraph where the speaker a question asks about speaks adds to its ranking score (`speakerSpeaks`). */
export const SPEAKER_BONUS = 3;

/**
 * Verbs of saying as written, for the raw-text tests below (the tagged tokens' lemmas are `SPEECH_VERB_LEMMAS`; these
 * run over paragraphs no tagger has read).
 */
const SPEECH_VERB_FORMS =
  'said|says|say|told|tells|describes|described|added|adds|insisted|insists|argued|argues|stated|states|declared|declares|announced|announces|warned|warns|claimed|claims|accused|accuses|promised|promises|denied|denies|urged|urges|called|calls';
const PRONOUN_SPEAKS = new RegExp(`^(?:He|She|They)\\s+(?:\\w+ly\\s+)?(?:${SPEECH_VERB_FORMS})\\b`);

/**
 * A test of whether a paragraph has the speaker speak: one of the speaker's words (three letters or more) at most
 * three words before a verb of saying ("Gaddafi describes his opponents", "Lavrov said"), or at most three words
 * after one that follows a quotation or a comma ('," said Mustafa Abdel Jalil'; "Rebels said Gaddafi forces ..." is
 * not Gaddafi speaking), or a sentence opening "He says" after one that names the speaker.
 */
export function speakerSpeaks(speaker: string): (paragraph: { readonly sentences: readonly Sentence[] }) => boolean {
  const words = tokenize(speaker)
    .filter((t) => t.term !== null && t.text.length >= 3 && /^\p{L}[\p{L}-]*$/u.test(t.text))
    .map((t) => t.text.replace(/-/g, '\\-'));
  if (words.length === 0) return () => false;
  const name = `(?:${words.join('|')})`;
  const before = new RegExp(`\\b${name}\\b(?:\\s+\\S+){0,3}?\\s+(?:${SPEECH_VERB_FORMS})\\b`, 'i');
  const after = new RegExp(`[,"”]\\s*(?:${SPEECH_VERB_FORMS})\\s+(?:\\S+\\s+){0,3}${name}\\b`, 'i');
  const named = new RegExp(`\\b${name}\\b`, 'i');
  return (paragraph) =>
    paragraph.sentences.some(
      (s, k) =>
        before.test(s.text) ||
        after.test(s.text) ||
        (k > 0 && PRONOUN_SPEAKS.test(s.text) && named.test(paragraph.sentences[k - 1]?.text ?? '')),
    );
}

/** How many of the best paragraphs `subjectDefined` and `ageStated` read (they tag sentences). */
const TAGGED_PARAGRAPHS = 6;

/** What a paragraph that says what a "what is X?" subject is (`subjectDefined`) adds to its ranking score. */
export const DEFINITION_BONUS = 3;

/** What the words after X add to a "what happened to X?" candidate's score (`eventCandidates`). */
const EVENT_BONUS = 4;

/** What a figure the question's noun is "of" adds to its score ("a premium of 31%" for "what is the premium?"). */
const VALUE_BONUS = 1.5;
const NUMERIC_KINDS_ANSWER = new Set(['NUMBER', 'MONEY', 'PERCENT']);
const MODIFIER_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
/** How far before "at" or "to" the noun of "kept its rate at 4%" may be (past "by a quarter of a percentage point"). */
const VALUE_REACH = 10;

/**
 * True when a figure is the value of a noun of the question: "a premium of 31%", "the bank's 2% target", "kept its
 * rate at 4%", "raised its main interest rate by a quarter of a percentage point to 4.75%" (the figure after "by" is the
 * change, not the value).
 */
function isValueOf(tokens: readonly NlpToken[], c: Candidate, qTerms: ReadonlySet<string>): boolean {
  if (!NUMERIC_KINDS_ANSWER.has(c.kind)) return false;
  // A noun of the question, not one another word makes another thing ("interest rate" for "unemployment rate").
  const asked = (k: number) => {
    const t = tokens[k];
    if (t?.pos !== 'NOUN' || !qTerms.has(t.term ?? '')) return false;
    const modifier = k - 1 > c.last || k - 1 < c.first ? tokens[k - 1] : undefined;
    return !(modifier && MODIFIER_POS.has(modifier.pos) && modifier.term && !qTerms.has(modifier.term));
  };
  const before = tokens[c.first - 1]?.norm;
  if (before === 'of' && asked(c.first - 2)) return true;
  if (asked(c.last + 1)) return true;
  if (before !== 'at' && before !== 'to') return false;
  for (let k = c.first - 2; k >= Math.max(0, c.first - 1 - VALUE_REACH); k--) {
    const t = tokens[k] as NlpToken;
    if (t.pos === 'PUNCT' && t.text !== '%') return false;
    if (asked(k)) return true;
  }
  return false;
}

/** What an age written beside the name asked about adds to a "how old is X?" candidate's score ("Visser, 52,"). */
const AGE_BONUS = 3;

/**
 * A test of a paragraph that may tag its sentences: `tagAt(k)` gives sentence k tagged (by default by the tagger;
 * the engine passes one that reads the readings stored with the paragraph).
 */
type ParagraphTest = (
  paragraph: { readonly sentences: readonly PreparedSentence[] },
  tagAt?: (k: number) => AnnotatedSentence,
) => boolean;

/** A `ParagraphTest`'s tagger when none is given: sentence k tagged from its text. */
const tagByText =
  (paragraph: { readonly sentences: readonly PreparedSentence[] }) =>
  (k: number): AnnotatedSentence =>
    annotated((paragraph.sentences[k] as PreparedSentence).text);

/**
 * A test of whether a paragraph says what the subject of a "what is X?" question is, as news introduces a name at
 * its first mention: a noun right before it ("state railway operator Ferrobras"), an apposition ("Misrata, a port
 * city") or a copula ("Ferrobras is the country's largest ...", "Squeeze LDs were ..." opening a sentence). Only
 * sentences holding all the subject's terms are read, their words first; one is tagged only when a lower-case word
 * right before the subject could be a noun.
 */
export function subjectDefined(subject: readonly string[]): ParagraphTest {
  if (subject.length === 0) return () => false;
  const isSubject = (t: { readonly term: string | null } | undefined) => t?.term != null && subject.includes(t.term);
  return (paragraph, tagAt = tagByText(paragraph)) =>
    paragraph.sentences.some((s, index) => {
      if (!subject.every((t) => s.termList.includes(t))) return false;
      // Words alone first (no tagging): most mentions ("in Misrata", "of Ferrobras") are none of the patterns.
      const words = tokenize(s.text);
      return words.some((w, k) => {
        if (!isSubject(w) || isSubject(words[k - 1])) return false;
        let end = k;
        while (isSubject(words[end + 1])) end++;
        const after = s.text.slice((words[end] as { end: number }).end);
        const before = words[k - 1];
        const opens = k === 0 || (k === 1 && /^(?:the|a|an)$/.test(before?.norm ?? ''));
        if (DEFINED_AFTER.test(after) || (opens && COPULA_AFTER.test(after))) return true;
        // "the drug, called lenovimab", "a protein known as amyloid".
        const by = before?.norm === 'as' ? words[k - 2] : before;
        if (by && CALLED.has(by.norm) && (by.norm !== 'known' || before?.norm === 'as')) return true;
        // "state railway operator Ferrobras": a singular common noun right before it, which only the tagger tells
        // from a verb ("to sell Ferrobras"); tagged only then.
        if (
          !before ||
          before.term === null ||
          !/^[\p{Ll}-]+$/u.test(before.text) ||
          /(?:[^s]s|ed|ing|ly)$/.test(before.norm)
        )
          return false;
        if (s.text.slice(before.end, w.start).trim() !== '') return false;
        const tokens = tagAt(index).tokens;
        return tokens.some((t) => t.end === before.end && t.pos === 'NOUN');
      });
    });
}

/** After a name: an apposition or a copula with an article ("Misrata, a port city", "Ferrobras is the ..."). */
const DEFINED_AFTER = /^\s*(?:,|\s(?:is|was|are|were))\s+(?:a|an|the|one)\b/i;
/** After a name that opens its sentence: a copula ("Squeeze LDs were enhanced ..."). */
const COPULA_AFTER = /^\s+(?:is|was|are|were)\b/i;

/** An age as written, for a sentence to be tagged at all: ", 52,", "(52)". */
const AGE_WRITTEN = /[,(]\s*\d{1,3}\s*[,).]/;

/** An age written beside a name: "Visser, 52,", "Visser (52)". */
const AGE = /^\d{1,3}$/;

/** A test of whether a paragraph gives the age of one of the question's names ("Visser, 52, told ..."). */
function ageStated(names: readonly string[]): ParagraphTest {
  return (paragraph, tagAt = tagByText(paragraph)) =>
    paragraph.sentences.some(
      (s, index) =>
        names.some((n) => s.termList.includes(n)) &&
        AGE_WRITTEN.test(s.text) &&
        tagAt(index).tokens.some((_, k, tokens) => statedAge(tokens, k, k, names)),
    );
}

/** True when tokens `first`..`last` are an age beside a name of `names`: "Visser, 52,", "Visser (52)". */
function statedAge(tokens: readonly NlpToken[], first: number, last: number, names: readonly string[]): boolean {
  const age = tokens[first];
  if (first !== last || !age || !AGE.test(age.text) || Number(age.text) > 120) return false;
  const open = tokens[first - 1]?.text;
  const close = tokens[last + 1]?.text;
  return (
    ((open === ',' && (close === ',' || close === '.')) || (open === '(' && close === ')')) &&
    names.includes(tokens[first - 2]?.term ?? '')
  );
}

/** A paragraph's mean word vector and its sentences' (`meanVector` of their terms; undefined when none has one). */
interface Means {
  readonly paragraph: Float32Array | undefined;
  readonly sentences: ReadonlyArray<Float32Array | undefined>;
}

/**
 * Each prepared paragraph's means, made once and kept as long as it is (`paragraphCache`), so that they cost no
 * memory of their own to account for and a paragraph asked about again does not make them again.
 */
const paragraphMeans = new WeakMap<PreparedParagraph, Means>();

function meansOf(prepared: PreparedParagraph): Means {
  let means = paragraphMeans.get(prepared);
  if (means === undefined) {
    const sentences = prepared.sentences.map((s) => meanVector(s.termList));
    let paragraph: Float32Array | undefined;
    for (const m of sentences) {
      if (!m) continue;
      paragraph ??= new Float32Array(m.length);
      for (let k = 0; k < m.length; k++) paragraph[k] = (paragraph[k] as number) + (m[k] as number);
    }
    means = { paragraph, sentences };
    paragraphMeans.set(prepared, means);
  }
  return means;
}

/** The summed weight of the question terms in `terms`. */
function weightOf(terms: ReadonlySet<string> | undefined, idf: ReadonlyMap<string, number>): number {
  let sum = 0;
  if (terms) for (const t of terms) sum += idf.get(t) ?? 0;
  return sum;
}

export function rankPassages(
  question: Question,
  collection: Collection,
  articleId: number | undefined,
  settings: EngineSettings,
  exclude?: ReadonlySet<number>,
) {
  const index = collection.index;
  const depth = articleId === undefined ? settings.rerankDepth : settings.articleRerankDepth;
  const found = index.search(searchTerms(question.terms, index, settings), {
    limit: depth + (exclude?.size ?? 0),
    ...(articleId !== undefined ? { articleId } : {}),
  });
  const hits = exclude?.size ? found.filter((h) => !exclude.has(h.id)).slice(0, depth) : found;
  const floor = index.size > settings.rerankFloorAbove ? settings.rerankFloor * (hits[0]?.score ?? 0) : 0;
  const keepAll = Math.ceil(depth / 2);
  collection.preload(hits.map((h) => h.id));
  const preparedHits = hits.flatMap((hit, rank) => {
    if (rank >= keepAll && hit.score < floor) return [];
    const paragraph = collection.paragraph(hit.id);
    if (!paragraph) return [];
    const prepared = prepare(hit.id, paragraph.text, paragraph.heading, index);
    return [{ hit, paragraph, prepared, held: termSetOf(prepared) }];
  });
  // Term weights: the collection's IDF blended with IDF among the paragraphs being re-ranked,
  // which tells apart paragraphs of one article that all mention its subject.
  const lambda = settings.passageWeights.localIdf;
  const idf = new Map(
    question.terms.map((t) => {
      const h = preparedHits.length;
      const df = preparedHits.reduce((n, x) => n + (x.held.has(t) ? 1 : 0), 0);
      const local = Math.log(1 + (h - df + 0.5) / (df + 0.5));
      const weight = (1 - lambda) * index.idf(t) + lambda * local;
      return [t, question.light?.includes(t) ? LIGHT_SHARE * weight : weight];
    }),
  );
  const totalIdf = [...idf.values()].reduce((a, b) => a + b, 0) || 1;
  const topBm25 = hits[0]?.score ?? 1;
  // What the re-ranked list says of each article: how many of its paragraphs are in it, its best BM25 score,
  // and the question's terms its re-ranked paragraphs hold between them.
  const byArticle = new Map<number, { count: number; best: number; terms: Set<string> }>();
  for (const { hit, paragraph, prepared, held } of preparedHits) {
    const a = byArticle.get(paragraph.articleId) ?? { count: 0, best: 0, terms: new Set<string>() };
    a.count++;
    a.best = Math.max(a.best, hit.score);
    for (const t of idf.keys()) if (held.has(t) || prepared.headingTerms?.has(t)) a.terms.add(t);
    byArticle.set(paragraph.articleId, a);
  }
  const cue = TYPE_CUES[question.type];
  // "What did Gaddafi say?" where every paragraph names Gaddafi: those where he speaks come first.
  const speaks = question.type === 'QUOTE' && question.speaker ? speakerSpeaks(question.speaker.text) : undefined;
  // "What is Ferrobras?": the paragraph that introduces it ("state railway operator Ferrobras") comes first.
  const defines =
    question.type === 'DEFINITION' && question.subject ? subjectDefined(question.subject.terms) : undefined;
  // "How old is Visser?": the one that gives the age ("Visser, 52,").
  const agesHere = question.asksAge ? ageStated(question.names) : undefined;
  const w = settings.passageWeights;
  const questionPairs: Array<[string, string]> = [];
  for (let k = 0; k + 1 < question.terms.length; k++)
    questionPairs.push([question.terms[k] as string, question.terms[k + 1] as string]);
  // WordNet paraphrases are looked up only for the learned rankers' features.
  const needFeatures =
    settings.passageRanker !== undefined || settings.ranker !== undefined || settings.collectFeatures === true;
  // The question's words as written, for the surface features (read at the first paragraph that needs them).
  let surface: SurfaceQuery | undefined;
  let questionMean: Float32Array | undefined;
  // (`order` is set once the whole list is read.)
  const ranked: Array<RankedPassage & { order: number }> = [];
  for (const [rank, { hit, paragraph, prepared, held }] of preparedHits.entries()) {
    const headingTerms = prepared.headingTerms;
    let paraCov = 0;
    for (const [t, w] of idf) if (held.has(t) || headingTerms?.has(t)) paraCov += w;
    paraCov /= totalIdf;
    const parts: Array<[number, number, number, number]> = [];
    // Question weight a sentence matches only through a WordNet relative, and own + related (features only).
    const related: number[] = [];
    let relatedMax = 0;
    // And the weight matched only through a word-vector neighbour.
    const neighbour: number[] = [];
    let neighbourMax = 0;
    // The question terms with a relative or a neighbour anywhere in the paragraph: only they can have one in a
    // sentence (a sentence's terms are the paragraph's), and most have none, so most sentences skip the lookups.
    // Each with the relatives (neighbours) the paragraph holds, so that a sentence is searched for those alone.
    const relatedHere = new Map<string, string[]>();
    const neighbourHere = new Map<string, string[]>();
    if (needFeatures)
      for (const t of idf.keys()) {
        const related = heldOf(WORDNET.terms(t), held);
        if (related.length > 0) relatedHere.set(t, related);
        const near = heldOf(NEIGHBOURS.terms(t), held);
        if (near.length > 0) neighbourHere.set(t, near);
      }
    const sentenceCoverage = prepared.sentences.map((s, k) => {
      let own = 0;
      let context = 0;
      const prev = prepared.sentences[k - 1];
      const next = prepared.sentences[k + 1];
      let soft = 0;
      let rel = 0;
      let near = 0;
      for (const [t, weight] of idf) {
        if (s.termList.includes(t)) own += weight;
        else {
          if (needFeatures) {
            if (anyIn(relatedHere.get(t), s.termList)) rel += weight;
            else if (anyIn(neighbourHere.get(t), s.termList)) near += weight;
          }
          if (prev?.termList.includes(t) || next?.termList.includes(t) || headingTerms?.has(t)) context += weight;
          else if (w.soft > 0 && t.length >= SOFT_PREFIX && hasPrefix(s, t.slice(0, SOFT_PREFIX))) soft += weight;
        }
      }
      if (needFeatures) {
        related.push(rel / totalIdf);
        neighbour.push(near / totalIdf);
      }
      relatedMax = Math.max(relatedMax, (own + rel) / totalIdf);
      neighbourMax = Math.max(neighbourMax, (own + rel + near) / totalIdf);
      let pairs = 0;
      for (const [a, b] of questionPairs) if (hasPair(s, a, b)) pairs++;
      const pairShare = questionPairs.length > 0 ? pairs / questionPairs.length : 0;
      parts.push([own / totalIdf, context / totalIdf, soft / totalIdf, pairShare]);
      return (own + w.context * context + w.soft * soft) / totalIdf + w.bigram * pairShare;
    });
    let best = 0;
    for (let k = 1; k < sentenceCoverage.length; k++)
      if ((sentenceCoverage[k] ?? 0) > (sentenceCoverage[best] ?? 0)) best = k;
    const bestSentence = prepared.sentences[best];
    const hasCue = cue && bestSentence ? (cue.test(bestSentence.text) ? 1 : 0) : 0;
    const score =
      w.bm25 * (hit.score / topBm25) +
      w.sentence * (sentenceCoverage[best] ?? 0) +
      w.paragraph * paraCov +
      w.cue * hasCue;
    let features: number[] | undefined;
    let hashes: number[] | undefined;
    if (settings.passageRanker || settings.collectFeatures) {
      // A word as written weighs its index term's share of the question ("founded" matches only "founded").
      surface ??= surfaceQuery(question.text, (word) => (idf.get(termOf(fold(word)) ?? '') ?? 0) / totalIdf);
      const second = Math.max(0, ...sentenceCoverage.filter((_, k) => k !== best));
      let matched = 0;
      for (const t of question.terms) if (held.has(t)) matched++;
      const extra = passageExtras(question, prepared, held, best, idf, totalIdf, questionPairs, index);
      let relatedParagraph = 0;
      let neighbourParagraph = 0;
      for (const [t, weight] of idf) {
        if (held.has(t)) continue;
        if (relatedHere.has(t)) relatedParagraph += weight;
        else if (neighbourHere.has(t)) neighbourParagraph += weight;
      }
      const title = titleTerms(collection.article(paragraph.articleId)?.title ?? '');
      let titleWeight = 0;
      for (const [t, weight] of idf) if (title.has(t)) titleWeight += weight;
      questionMean ??= meanVector(idf.keys(), (t) => idf.get(t) ?? 0);
      const means = meansOf(prepared);
      features = passageFeatures(question, {
        meanParagraph: cosine(questionMean, means.paragraph),
        meanBest: cosine(questionMean, means.sentences[best]),
        bm25: hit.score / topBm25,
        best: sentenceCoverage[best] ?? 0,
        second,
        paragraph: paraCov,
        cue: hasCue,
        rank,
        parts: parts[best] ?? [0, 0, 0, 0],
        sentences: prepared.sentences.length,
        chars: prepared.text.length,
        matched: question.terms.length ? matched / question.terms.length : 0,
        hand: score,
        ...extra,
        title: titleWeight / totalIdf,
        articleShare: (byArticle.get(paragraph.articleId)?.count ?? 0) / preparedHits.length,
        articleBest: (byArticle.get(paragraph.articleId)?.best ?? 0) / topBm25,
        articleCoverage: weightOf(byArticle.get(paragraph.articleId)?.terms, idf) / totalIdf,
        related: related[best] ?? 0,
        relatedMax,
        relatedParagraph: relatedParagraph / totalIdf,
        neighbour: neighbour[best] ?? 0,
        neighbourMax,
        neighbourParagraph: neighbourParagraph / totalIdf,
        surface: surfaceOverlap(
          surface,
          prepared.text,
          prepared.sentences.filter((_, k) => (parts[k]?.[0] ?? 0) > 0),
        ),
      });
      const statuses = [...idf].map(([t, weight]) => ({
        term: t,
        share: weight / totalIdf,
        status: (bestSentence?.termList.includes(t)
          ? 'best'
          : held.has(t) || headingTerms?.has(t)
            ? 'paragraph'
            : relatedHere.has(t) || neighbourHere.has(t)
              ? 'paraphrase'
              : 'missing') as TermStatus,
      }));
      hashes = passageHashes(question, statuses, bestSentence ?? NO_SENTENCE);
    }
    ranked.push({
      id: hit.id,
      score,
      order: score,
      coverage: paraCov,
      bestSentence: best,
      sentenceCoverage,
      sentenceRelated: related,
      sentenceNeighbour: neighbour,
      prepared,
      ...(features ? { features } : {}),
      ...(hashes ? { hashes } : {}),
    });
  }
  // The learned order reads each paragraph against the others (`addRelativeFeatures`), so it comes once all are read.
  if (settings.passageRanker || settings.collectFeatures) {
    addRelativeFeatures(ranked.map((r) => r.features as number[]));
    const model = settings.passageRanker;
    if (model)
      for (const r of ranked)
        r.order =
          rankerScore(model, r.features as number[]) +
          hashedScore(model, r.hashes ?? []) +
          settings.passageBlend * r.score;
  }
  if (speaks) for (const r of ranked) if (speaks(r.prepared)) r.order += SPEAKER_BONUS;
  ranked.sort((a, b) => b.order - a.order);
  // The tests below tag sentences, so they look at the best few paragraphs only. A paragraph that introduces the
  // subject gains DEFINITION_BONUS; one that gives the age asked comes first, whatever its wording ("Visser, 52," over
  // "former finance minister Sanne Visser took 41 of the 150 seats").
  if (defines || agesHere) {
    const first = (ranked[0]?.order ?? 0) + 1;
    for (let k = 0; k < Math.min(ranked.length, TAGGED_PARAGRAPHS); k++) {
      const p = ranked[k] as RankedPassage;
      const tagAt = (s: number) => annotatedAt(collection, p.id, p.prepared, s);
      if (defines?.(p.prepared, tagAt)) ranked[k] = { ...p, order: p.order + DEFINITION_BONUS };
      else if (agesHere?.(p.prepared, tagAt)) ranked[k] = { ...p, order: first };
    }
    ranked.sort((a, b) => b.order - a.order);
  }
  return { ranked, idf, totalIdf };
}

/** The hand-made parts of a candidate's score, also the base of the learned ranker's features. */
export interface CandidateParts {
  readonly fit: number;
  readonly coverage: number;
  readonly proximity: number;
  readonly windowShare: number;
  readonly passageNorm: number;
  readonly repeated: number;
  readonly lengthPrior: number;
  readonly adjacent: number;
  readonly focusMatch: number;
  readonly speaker: number;
  readonly cueMatch: number;
  readonly agent: number;
  readonly possessive: number;
  readonly apposed: number;
  readonly leads: number;
  /** The candidate's sentence: the question's weight it matches only through a WordNet relative. */
  readonly related: number;
  /** ... and only through a word-vector neighbour. */
  readonly neighbour: number;
  /** The candidate's passage's ranking score (`order`) minus the best passage's (0 for the best passage). */
  readonly passageOrder: number;
}

export interface ScoredCandidate {
  /** The learned ranker's features, when the settings ask for them. */
  readonly features?: CandidateFeatures;
  readonly candidate: Candidate;
  readonly text: string;
  readonly score: number;
  readonly typeFit: number;
  readonly passage: RankedPassage;
  readonly sentenceIndex: number;
  readonly sentenceText: string;
  /** Set when a pattern as sure as a credit line says it: an age beside the name asked about ("Visser, 52,"). */
  readonly stated?: true;
  /** The first sentence of the evidence, when it starts before the candidate's own (a pronoun's antecedent). */
  readonly from?: number;
}

/** How well people of a country ("two Americans") answer "who": as a person's name of unsure kind does, or more. */
const DEMONYM_PEOPLE_FIT = 0.6;

/** True when a phrase ends in a demonym in the plural, written with its capital ("Two Americans", "Libyans"). */
function demonymPlural(text: string): boolean {
  const last = /(\p{Lu}\p{Ll}+)s$/u.exec(text)?.[1];
  return last !== undefined && isDemonym(fold(last));
}

const PERSON_HEADS =
  /\b(?:source|spokesman|spokeswoman|official|minister|president|leader|chief|diplomat|envoy|people|man|woman|director|secretary|reporter|author|critics?|rebels?|residents?|witness(?:es)?)$/i;

/** How well each kind of candidate answers a question about a date, time or quantity. */
const VALUE_FIT: Partial<Record<AnswerType, Partial<Record<Candidate['kind'], number>>>> = {
  DATE: { DATE: 1, TIME: 0.5, DURATION: 0.2, NUMBER: 0.1 },
  TIME: { TIME: 1, DATE: 0.5 },
  NUMBER: { NUMBER: 1, MONEY: 0.8, PERCENT: 0.8, DURATION: 0.6, ORDINAL: 0.3, DATE: 0.15 },
  DURATION: { DURATION: 1, DATE: 0.3, NUMBER: 0.3 },
  MONEY: { MONEY: 1, NUMBER: 0.6 },
  PERCENT: { PERCENT: 1, NUMBER: 0.5 },
};

/** A phrase that names a span of history by its head word ("the Hellenistic period", "the 19th century"). */
const PERIOD_HEAD = /\b(?:period|periods|era|eras|age|ages|century|centuries|times|epoch|dynasty|millennium|reign)$/i;
/** How well such a phrase answers "when": less than a date, which says it exactly. */
const PERIOD_FIT = 0.5;

/** Adjective and verb phrases answer "what kind", "how" and "what happened" questions, weakly: most answers are things. */
const PREDICATE_FIT: Partial<Record<Candidate['kind'], number>> = { ADJP: 0.3, VP: 0.2 };

/** Past a clear signal, more lexicon evidence should not outweigh position: "Ralph Boulton" is as much a person as "Alison Williams". */
function saturate(score: number): number {
  return score >= 0.45 ? 0.85 + 0.15 * score : score;
}

/** Numbers in words, one to twelve and the tens (`FIGURE`, `COUNTED`). */
const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
/** A figure as one token: digits, or a number in words. */
const FIGURE = new RegExp(`^(?:\\d[\\d,.]*|${NUMBER_WORDS}|hundred|thousand|million|billion)$`, 'i');

/**
 * For a figure that is a part of another ("41 of the 150 seats", "12 of 30 patients"), the index of the token after
 * the whole (what is counted); undefined otherwise.
 */
function partOf(tokens: readonly NlpToken[], c: Candidate): number | undefined {
  if (!FIGURE.test(tokens[c.last]?.text ?? '') || tokens[c.last + 1]?.norm !== 'of') return undefined;
  let k = c.last + 2;
  if (tokens[k]?.norm === 'the') k++;
  return FIGURE.test(tokens[k]?.text ?? '') ? k + 1 : undefined;
}

/** True for the whole of a part ("150" in "41 of the 150 seats"), which does not count what it is beside. */
function wholeOf(tokens: readonly NlpToken[], c: Candidate): boolean {
  let k = c.first - 1;
  if (tokens[k]?.norm === 'the') k--;
  return tokens[k]?.norm === 'of' && FIGURE.test(tokens[k - 1]?.text ?? '');
}

/** True when figure `c` comes right after a verb of the question ("injuring 140" for "how many were injured?"). */
function verbTakes(tokens: readonly NlpToken[], c: Candidate, question: Question): boolean {
  // The verb, or the verb and the thing it acts on when the question names that thing ("fined U.S. technology group
  // Veltrix 1.8 billion euros" for "How much was Veltrix fined?").
  let k = c.first - 1;
  let named = false;
  while (k >= 0 && c.first - k <= OBJECT_WORDS && OBJECT_TAGS.has(tokens[k]?.pos ?? '')) {
    const term = tokens[k]?.term;
    named ||= term !== null && term !== undefined && question.names.includes(term);
    k--;
  }
  if (k !== c.first - 1 && !named) k = c.first - 1;
  const before = tokens[k];
  if (before?.pos !== 'VERB' || !before.term) return false;
  const term = before.term;
  // "How much did Soltek shares rise?": "jumped 27%", a verb of the same move.
  const kin = MOVES.find((move) => move.has(term));
  return question.verbs.includes(term) || (kin !== undefined && question.verbs.some((v) => kin.has(v)));
}

/** Verbs news uses for the same move of a figure, as index terms: up, and down. */
const MOVES: readonly ReadonlySet<string>[] = [
  ['rise', 'jump', 'climb', 'gain', 'surge', 'soar', 'rally', 'advance', 'increase', 'grow', 'leap', 'spike'],
  [
    'fall',
    'drop',
    'slip',
    'slide',
    'lose',
    'lost',
    'decline',
    'tumble',
    'plunge',
    'sink',
    'decrease',
    'shrink',
    'slump',
    'dip',
    'ease',
  ],
].map((words) => new Set(words.flatMap((w) => terms(w))));

/** Words of the thing a verb acts on between it and the figure it takes, at most, and their tags. */
const OBJECT_WORDS = 6;
const OBJECT_TAGS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'PUNCT']);

/** A figure, a number word or a quantifier: what a duration needs to answer "how many" ("forty years", "a year"). */
const COUNTED = new RegExp(
  `\\d|^(?:an?|several|few|many)\\b|\\b(?:${NUMBER_WORDS}|dozens?|hundreds?|thousands?|millions?|billions?|half|once|twice)\\b`,
  'i',
);

/** A result in figures: "3-1", "7–4", "2 - 0". */
const SCORE_FIGURES = /^\d{1,3}\s*[-–]\s*\d{1,3}$/;

function typeFit(question: Question, c: Candidate): number {
  const name = c.name;
  // "Monday" for "Who did Lavrov meet?".
  if (isCalendarName(c) && (question.type === 'PERSON' || question.type === 'PLACE' || question.type === 'ORG'))
    return 0;
  // "What was the vote?": "7-4", not "two rail unions".
  if (question.asksScore && !SCORE_FIGURES.test(c.text)) return 0;
  switch (question.type) {
    case 'PERSON':
      // "Two Americans", "Libyans": people of a country.
      if ((c.kind === 'NAME' || c.kind === 'NP') && demonymPlural(c.text)) return DEMONYM_PEOPLE_FIT;
      if (c.kind === 'NAME' && name)
        return Math.max(saturate(name.person), 0.55 * Math.max(name.org, name.place), 0.35);
      if (c.kind === 'NP') return PERSON_HEADS.test(c.text) ? 0.3 : 0.15;
      return 0;
    case 'PLACE':
      if (c.kind === 'NAME' && name) return Math.max(saturate(name.place), 0.4 * name.org, 0.3);
      if (c.kind === 'NP')
        return /\b(?:city|town|island|country|region|state|area|coast|border|capital|village|province)$/i.test(c.text)
          ? 0.4
          : 0.15;
      return 0;
    case 'ORG':
      if (c.kind === 'NAME' && name) return Math.max(saturate(name.org), 0.3 * name.place, 0.35);
      if (c.kind === 'NP') return 0.25;
      return 0;
    case 'NUMBER':
      // "March" or "Monday" counts nothing: a date answers "how many" only with digits (a year read as a count).
      if (c.kind === 'DATE' && !/\d/.test(c.text)) return 0;
      // Nor does a duration without a figure ("months of coalition talks").
      if (c.kind === 'DURATION' && !COUNTED.test(c.text)) return 0;
      return VALUE_FIT.NUMBER?.[c.kind] ?? 0;
    case 'OTHER':
      // "What is the interest rate?": a figure.
      if (question.asksValue && NUMERIC_KINDS_ANSWER.has(c.kind)) return 0.8;
      return c.kind === 'NP' || c.kind === 'NAME' ? 0.6 : c.kind === 'CLAUSE' ? 0.25 : (PREDICATE_FIT[c.kind] ?? 0.2);
    case 'DATE':
      // "the late Cretaceous Period", "the 20th and 21st centuries", "the Renaissance era": a time named, not dated.
      if ((c.kind === 'NP' || c.kind === 'NAME') && PERIOD_HEAD.test(c.text)) return PERIOD_FIT;
      return VALUE_FIT.DATE?.[c.kind] ?? 0;
    case 'TIME':
    case 'DURATION':
    case 'MONEY':
    case 'PERCENT':
      return VALUE_FIT[question.type]?.[c.kind] ?? 0;
    case 'QUOTE':
      return c.kind === 'QUOTE' ? 1 : c.kind === 'CLAUSE' && c.attribution !== undefined ? 0.8 : 0;
    case 'REASON':
      if (c.kind === 'CLAUSE') return c.attribution !== undefined ? 0.3 : c.cue === 'to' ? 0.7 : 1;
      return c.kind === 'NP' ? 0.1 : 0;
    case 'DEFINITION':
      return c.kind === 'NP' ? 0.7 : c.kind === 'NAME' ? 0.3 : c.kind === 'CLAUSE' ? 0.15 : 0;
    case 'ENTITY':
      return c.kind === 'NAME'
        ? 0.7
        : c.kind === 'NP'
          ? 0.6
          : c.kind === 'CLAUSE'
            ? 0.05
            : (PREDICATE_FIT[c.kind] ?? 0.35);
    case 'METHOD':
      return c.kind === 'CLAUSE' ? 0.5 : c.kind === 'NP' ? 0.4 : (PREDICATE_FIT[c.kind] ?? 0.1);
    default:
      return c.kind === 'NP' || c.kind === 'NAME' ? 0.6 : c.kind === 'CLAUSE' ? 0.25 : (PREDICATE_FIT[c.kind] ?? 0.2);
  }
}

function lengthPrior(c: Candidate): number {
  const n = c.last - c.first + 1;
  if (c.kind === 'CLAUSE' || c.kind === 'QUOTE') return n > 40 ? -0.4 : n > 25 ? -0.15 : 0;
  if (c.kind === 'NP') return n > 6 ? -0.3 : n > 4 ? -0.1 : 0;
  return n > 6 ? -0.2 : 0;
}

function contentTerms(tokens: readonly NlpToken[], first: number, last: number): string[] {
  const out: string[] = [];
  for (let k = first; k <= last; k++) {
    const term = tokens[k]?.term;
    if (term) out.push(term);
  }
  return out;
}

/** Positions (token indices) of the question's terms in an annotated sentence. */
function matchPositions(sentence: AnnotatedSentence, termSet: ReadonlySet<string>): number[] {
  const out: number[] = [];
  sentence.tokens.forEach((t, k) => {
    if (t.term && termSet.has(t.term)) out.push(k);
  });
  return out;
}

const WINDOW = 8;

/** IDF-weighted share of the question's terms within WINDOW tokens either side of the candidate. */
function windowCoverage(
  sentence: AnnotatedSentence,
  c: Candidate,
  idf: ReadonlyMap<string, number>,
  total: number,
): number {
  const seen = new Set<string>();
  let sum = 0;
  const from = Math.max(0, c.first - WINDOW);
  const to = Math.min(sentence.tokens.length - 1, c.last + WINDOW);
  for (let k = from; k <= to; k++) {
    if (k >= c.first && k <= c.last) continue;
    const term = sentence.tokens[k]?.term;
    if (!term || seen.has(term)) continue;
    const w = idf.get(term);
    if (w !== undefined) {
      seen.add(term);
      sum += w;
    }
  }
  return sum / total;
}

function distanceTo(c: Candidate, positions: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of positions) {
    if (p >= c.first && p <= c.last) continue;
    const d = p < c.first ? c.first - p - 1 : p - c.last - 1;
    if (d < best) best = d;
  }
  return best;
}

/** True when the candidate runs straight into a name that holds one of `names` ("Foreign Minister" Sergei Lavrov). */
function titles(sentence: AnnotatedSentence, c: Candidate, names: ReadonlySet<string>): boolean {
  for (let k = c.last + 1; sentence.tokens[k]?.pos === 'PROPN'; k++) {
    if (names.has(sentence.tokens[k]?.term ?? '')) return true;
  }
  return false;
}

/** The title a "who is the X?" question asks about, when it qualifies one ("prime" minister, "foreign" minister). */
interface AskedTitle {
  readonly head: string;
  readonly qualifiers: ReadonlySet<string>;
}

/** "Who is the prime minister?": the title word and the title words that qualify it (none when there are none). */
export function titleAsked(question: string): AskedTitle | undefined {
  const words = question
    .toLowerCase()
    .split(/[^\p{L}'’-]+/u)
    .filter(Boolean);
  // The head is the last title word of the first run of them ("prime minister": both are title words).
  let at = words.findIndex((w) => TITLE_WORDS.has(w));
  if (at < 1) return undefined;
  while (TITLE_WORDS.has(words[at + 1] ?? '')) at++;
  // The title words that qualify it ("prime", "foreign", "finance"; not "first" or "Confederate", which any holder
  // of the title can be).
  const qualifiers = new Set<string>();
  for (let k = at - 1; k >= 0 && TITLE_WORDS.has(words[k] as string); k--) qualifiers.add(words[k] as string);
  return qualifiers.size > 0 ? { head: words[at] as string, qualifiers } : undefined;
}

/**
 * True when the name in candidate `c` has the asked title's word qualified otherwise, before it or in apposition after
 * it: "former finance minister Sanne Visser", "Moussa Koussa, the foreign minister" for "who is the prime minister?"
 * (not "Prime Minister Mark Rutte", nor a name with no title).
 */
function otherTitle(tokens: readonly NlpToken[], c: Candidate, asked: AskedTitle): boolean {
  // Where the name starts: the candidate's first capitalised word that is no title word.
  let name = c.first;
  while (name <= c.last && (TITLE_WORDS.has(tokens[name]?.norm ?? '') || tokens[name]?.pos !== 'PROPN')) name++;
  if (name > c.last) return false;
  const differs = (title: readonly string[]) => {
    const at = title.indexOf(asked.head);
    if (at < 0) return false;
    const qualifiers = title.slice(0, at).filter((w) => TITLE_WORDS.has(w));
    return qualifiers.length > 0 && !qualifiers.some((w) => asked.qualifiers.has(w));
  };
  // Before it: the words back to a determiner or other punctuation, nearest last.
  const before: string[] = [];
  for (
    let k = name - 1;
    k >= Math.max(0, name - 4) && WORD.test(tokens[k]?.text ?? '') && tokens[k]?.pos !== 'DET';
    k--
  )
    before.unshift(tokens[k]?.norm as string);
  if (differs(before)) return true;
  // After it: ", the foreign minister".
  let k = c.last + 1;
  while (tokens[k]?.pos === 'PROPN') k++;
  if (tokens[k]?.text !== ',' || tokens[k + 1]?.pos !== 'DET') return false;
  const after: string[] = [];
  for (k += 2; k < tokens.length && after.length < 4 && WORD.test(tokens[k]?.text ?? ''); k++) {
    after.push(tokens[k]?.norm as string);
    if (tokens[k]?.norm === asked.head) break;
  }
  return differs(after);
}

/** A word of letters (and hyphens). */
const WORD = /^[\p{L}-]+$/u;

/** Words that name what comes before them: "the drug, called lenovimab", "a protein known as amyloid". */
const CALLED = new Set(['called', 'named', 'dubbed', 'known', 'codenamed']);

/** For DEFINITION questions: is the candidate right next to the subject ("outpost of Misrata", "Shalgham, a longtime minister")? */
function adjacency(sentence: AnnotatedSentence, c: Candidate, subject: ReadonlySet<string>): number {
  const t = sentence.tokens;
  const isSubject = (k: number) => {
    const term = t[k]?.term;
    return term !== undefined && term !== null && subject.has(term);
  };
  // "NP of SUBJECT"
  if (t[c.last + 1]?.norm === 'of' && (isSubject(c.last + 2) || isSubject(c.last + 3))) return 1;
  // "NP, called SUBJECT" ("the drug, called lenovimab"), "NP known as SUBJECT"; "NP, a known SUBJECT" ("Brain
  // swelling, a known side effect").
  const phrase = c.kind === 'NP' || c.kind === 'NAME';
  let k = c.last + 1;
  if (t[k]?.text === ',') k++;
  const called = CALLED.has(t[k]?.norm ?? '') && (isSubject(k + 1) || (t[k + 1]?.norm === 'as' && isSubject(k + 2)));
  if (phrase && called) return 1;
  if (phrase && t[c.last + 1]?.text === ',' && t[c.last + 2]?.pos === 'DET') {
    for (let j = c.last + 3; j <= c.last + 5; j++) {
      if (isSubject(j)) return 1;
      if (t[j]?.pos !== 'ADJ' && t[j]?.pos !== 'ADV') break;
    }
  }
  // "SUBJECT, NP" / "SUBJECT is NP", but not "Ferrobras, ruling that ...": a participle opens a clause.
  const before = c.first - 1;
  const lead = t[before];
  const participle = c.first === c.last && /ing$/.test(t[c.first]?.norm ?? '');
  // "Helena Brandt, Novex's head of research": the owner is not what she is; what it owns is.
  const owner = POSSESSIVE.test(t[c.last + 1]?.text ?? '');
  if (lead && POSSESSIVE.test(lead.text) && t[before - 1]?.pos === 'PROPN') {
    let k = before - 1;
    while (t[k - 1]?.pos === 'PROPN') k--;
    if (t[k - 1]?.text === ',' && isSubject(k - 2)) return 1;
  }
  if (
    lead &&
    (lead.lemma === 'be' || (lead.text === ',' && !participle && !owner && t[c.last + 1]?.norm !== 'that')) &&
    (isSubject(before - 1) || (t[before - 1]?.pos === 'DET' && isSubject(before - 2)))
  )
    return 1;
  if (
    lead &&
    ['a', 'an', 'the'].includes(lead.norm) &&
    t[before - 1] &&
    (t[before - 1]?.text === ',' || t[before - 1]?.lemma === 'be') &&
    isSubject(before - 2)
  )
    return 1;
  // "the NP SUBJECT" ("the French warship Tonnerre", "foreign policy chief Catherine Ashton"); a phrase with a
  // preposition in it is more than the words in front of the name ("Libya on the French warship").
  if (t.slice(c.first, c.last + 1).some((x) => x.pos === 'ADP')) return 0;
  if (isSubject(c.last + 1) || titles(sentence, c, subject)) return 0.8;
  return 0;
}

/** Where the question's verbs stand in the sentence, as verbs, of the positions of its terms. */
function verbsAt(sentence: AnnotatedSentence, positions: readonly number[], question: Question): number[] {
  const verbTerms = new Set(question.verbs);
  return positions.filter((k) => {
    const t = sentence.tokens[k];
    return t !== undefined && t.pos === 'VERB' && t.term !== null && verbTerms.has(t.term);
  });
}

/**
 * "who VERBed ...?" asks for the doer: in the sentence, the answer stands before the verb
 * ("France ... have backed Libya's rebels"), unless the verb is passive ("edited by X").
 */
function agentBonus(
  sentence: AnnotatedSentence,
  c: Candidate,
  positions: readonly number[],
  question: Question,
): number {
  if (c.kind !== 'NAME' && c.kind !== 'NP') return 0;
  const verbTerms = new Set(question.verbs);
  const verbs = verbsAt(sentence, positions, question);
  if (verbs.length === 0) return 0;
  // Of several uses of the verb ("Goldman Sachs advised Altera, and Morgan Stanley advised Korvo"), the one whose
  // object is the question's ("who advised Korvo?").
  const objectAfter = (k: number) =>
    sentence.tokens
      .slice(k + 1, k + 4)
      .some(
        (t) => t.term !== null && t.term !== undefined && !verbTerms.has(t.term) && question.terms.includes(t.term),
      );
  const v = verbs.find(objectAfter) ?? (verbs[0] as number);
  if (sentence.tokens[v + 1]?.norm === 'by') return c.first > v ? 0.4 : -0.2;
  // "a complaint filed in 2021 by Swedish streaming service Nordtone": the doer follows "by", a few words on.
  const by = agentBy(sentence.tokens, v);
  if (by !== undefined) return c.first > by && c.first <= by + AGENT_WORDS ? 0.8 : -0.2;
  // In a sentence of two clauses, the doer is in the verb's own: before it, after the previous verb.
  const previous = verbs.filter((k) => k < v).pop();
  if (previous !== undefined && c.last < previous) return -0.6;
  return c.last < v ? 0.8 : -0.6;
}

/** Forms of "be" that make a passive ("were freed", "has been arrested"). */
const PASSIVE_BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Words a passive's subject may stand before its verb ("Two Americans jailed in Belarvia were freed"). */
const PATIENT_REACH = 10;

/**
 * "Who was freed?" asks for whom the verb acted on: the subject of its passive ("Two Americans jailed in Belarvia
 * were freed"), a few words before it, or the object of its active ("Turkey freed two Americans"), right after it (1);
 * not the doer after "by" (-1); else 0.
 */
function patientOf(
  sentence: AnnotatedSentence,
  c: Candidate,
  positions: readonly number[],
  question: Question,
): number {
  if (c.kind !== 'NAME' && c.kind !== 'NP') return 0;
  const tokens = sentence.tokens;
  // The doer of a passive is not whom it acted on ("brokered by Turkey").
  if (tokens[c.first - 1]?.norm === 'by' || (tokens[c.first - 1]?.pos === 'DET' && tokens[c.first - 2]?.norm === 'by'))
    return -1;
  const v = verbsAt(sentence, positions, question)[0];
  if (v === undefined) return 0;
  let be = v - 1;
  if (tokens[be]?.pos === 'ADV') be--;
  if (PASSIVE_BE.has(tokens[be]?.norm ?? '')) {
    // The subject: the candidate ends before "were", no finite verb or clause mark between, and is no object of a
    // preposition ("jailed in Belarvia were freed").
    if (c.last >= be || be - c.last > PATIENT_REACH || tokens[c.first - 1]?.pos === 'ADP') return 0;
    // ("The Grand Prix due to be held at Imola on Sunday was cancelled": an infinitive's "be" is no clause's.)
    return tokens
      .slice(c.last + 1, be)
      .some(
        (t, k, between) =>
          t.text === ',' || ((t.pos === 'AUX' || PASSIVE_BE.has(t.norm)) && between[k - 1]?.norm !== 'to'),
      )
      ? 0
      : 1;
  }
  // Active: the object right after the verb.
  return c.first > v && c.first <= v + 2 ? 1 : 0;
}

/** Words of the doer after "by" in which a candidate may start ("by Swedish streaming service Nordtone"). */
const AGENT_WORDS = 4;
/** Tags of the words a passive verb's time or place puts between it and "by" ("filed in 2021 by"). */
const BEFORE_BY = new Set(['ADP', 'NUM', 'ADV', 'DET', 'PROPN', 'NOUN', 'ADJ']);

/** Where "by" follows a verb past a short phrase of time or place ("filed in 2021 by"), else undefined. */
function agentBy(tokens: readonly NlpToken[], verb: number): number | undefined {
  for (let k = verb + 2; k <= verb + 5 && k < tokens.length; k++) {
    const t = tokens[k] as NlpToken;
    if (t.norm === 'by') return k;
    if (!BEFORE_BY.has(tokens[k - 1]?.pos ?? '') || tokens[k - 1]?.norm === 'by') return undefined;
  }
  return undefined;
}

/** "he said", "she told reporters": a pronoun that says who spoke. */
const PRONOUN_SAID = new RegExp(`\\b(?:he|she|they|it|we)\\s+(?:\\w+ly\\s+)?(?:${SPEECH_VERB_FORMS})\\b`, 'i');

/**
 * How well an attribution names the question's speaker (1 named, 0.7 in part, 0.6 "he said" after the speaker's
 * name, 0 not; 0.5 when the question names none), the speaker's words read once for all of a question's candidates.
 */
function speakerMatcher(question: Question): (attribution: string, context: string) => number {
  const speaker = question.speaker?.terms ?? [];
  if (speaker.length === 0) return () => 0.5;
  const words = tokenize(question.speaker?.text ?? '').filter((t) => t.term !== null);
  const last = speaker[speaker.length - 1] as string;
  return (attribution, context) => {
    // A speaker's word written with a capital is a name's: the attribution must write it so ("States" of "the United
    // States" is not "state" of "state news agency").
    const tokens = tokenize(attribution);
    const written = new Set(tokens.map((t) => t.text.replace(/['’]s$/, '')));
    const attrTerms = new Set(tokens.flatMap((t) => (t.term === null ? [] : [t.term])));
    const hits = words.filter((t) =>
      /^\p{Lu}/u.test(t.text) ? written.has(t.text) : attrTerms.has(t.term as string),
    ).length;
    if (hits > 0) return hits / speaker.length >= 0.5 ? 1 : 0.7;
    // "..., he said." with the speaker named just before: by the speaker's last word, "Ashton" of "Catherine Ashton"
    // ("United" of "the United Nations" is not "the United States").
    if (PRONOUN_SAID.test(attribution) && terms(context).includes(last)) return 0.6;
    return 0;
  };
}

function scoreCandidates(
  question: Question,
  collection: Collection,
  ranked: readonly RankedPassage[],
  idf: ReadonlyMap<string, number>,
  totalIdf: number,
  settings: EngineSettings,
): ScoredCandidate[] {
  const qTerms = new Set(question.terms);
  const qNames = new Set(question.names);
  // "Which country is Nordtone from?": the words of the one whose origin is asked (its names; in a question typed in
  // lower case, its terms).
  const originOf = asksOrigin(question) ? (qNames.size > 0 ? qNames : qTerms) : undefined;
  const asksWhose = /^whose\b/i.test(question.text);
  // "What is the premium?", "what was the turnout?": a noun whose value the question asks.
  const asksValue =
    question.asksValue === true ||
    (question.type === 'OTHER' && /^what (?:is|was|are|were) the \w+\??$/i.test(question.text.trim()));
  const askedTitle = question.type === 'PERSON' ? titleAsked(question.text) : undefined;
  const focusTerm = question.focus === undefined ? undefined : terms(question.focus)[0];
  const subject = new Set(question.subject?.terms ?? []);
  const speakerMatch = speakerMatcher(question);
  const top = ranked.slice(0, settings.answerParagraphs);
  const topScore = top[0]?.score ?? 1;
  // The sentences worth tagging: best coverage first, across the top paragraphs, each paragraph's by its rank in
  // the passage order (the learned one when there is one; its hand-made score ranked sentences a little worse:
  // tune-48 best guess EM 41.65 against 41.80).
  const picks: Array<{ passage: RankedPassage; index: number; coverage: number; value: number }> = [];
  top.forEach((passage, rank) => {
    const bonus = 0.3 * (1 - rank / top.length);
    passage.sentenceCoverage.forEach((coverage, index) => {
      if (coverage > 0) picks.push({ passage, index, coverage, value: coverage + bonus });
    });
  });
  picks.sort((a, b) => b.value - a.value);
  const chosen = picks.slice(0, settings.answerSentences);
  const out: Scoring[] = [];

  for (const { passage, index, coverage } of chosen) {
    const sentence = passage.prepared.sentences[index] as PreparedSentence;
    const tagged = annotatedAt(collection, passage.id, passage.prepared, index);
    const positions = matchPositions(tagged, qTerms);
    const passageNorm = passage.score / topScore;
    const found = sentenceCandidates(tagged, writesInLowerCase(passage.prepared.text));
    // "Who will lead the combined company?": "He will lead the combined company", after a sentence that names him.
    const pronoun =
      question.type === 'PERSON'
        ? pronounCandidate(passage.prepared, index, tagged, (k) =>
            annotatedAt(collection, passage.id, passage.prepared, k),
          )
        : undefined;
    if (pronoun) found.push(pronoun);
    const isQuestionWord = (t: NlpToken) => t.term !== null && t.term !== undefined && qTerms.has(t.term);
    const events = question.asksEvent ? eventCandidates(tagged, question.subject?.terms ?? []) : [];
    for (const c of [...found, ...trimmedCandidates(tagged, found, isQuestionWord), ...events]) {
      // The dateline says where the story was filed ("BERLIN (Reuters) –"), never who or what.
      if (sentence.start + c.start < passage.prepared.dateline) continue;
      // "How many strikes?": "the fourth strike" counts them (the noun singular or plural).
      const counts =
        question.type === 'NUMBER' &&
        c.kind === 'ORDINAL' &&
        question.focus !== undefined &&
        (namesFocus(tagged.tokens[c.last + 1], question.focus) || tagged.tokens[c.last + 1]?.term === focusTerm);
      // "Which country is Nordtone from?": "Swedish streaming service Nordtone", the demonym of the name asked.
      const origin = originOf !== undefined && demonymOf(tagged.tokens, c, originOf);
      const fit = counts || origin ? 1 : typeFit(question, c);
      if (fit <= 0) continue;
      // "... forces loyal to Muammar Gaddafi, a French diplomatic source said": the end of what the source said, not
      // who the source is.
      if (NAMED_TYPES.has(question.type) && endsReportedSpeech(tagged, c, isQuestionWord)) continue;
      // "French" of "the French warship Tonnerre" says whose, not who or which: not the ship, person or place asked.
      if (!origin && attributiveDemonym(tagged, c) && asksForInstance(question)) continue;
      const spanTerms = c.antecedent ? terms(c.antecedent.text) : contentTerms(tagged.tokens, c.first, c.last);
      const repeated = spanTerms.length === 0 ? 0 : spanTerms.filter((t) => qTerms.has(t)).length / spanTerms.length;
      // "Who did Lavrov meet?" asks whom the named one met: a name holding a name of the question is not it.
      if (question.asksObject && c.kind === 'NAME' && spanTerms.some((t) => qNames.has(t))) continue;
      // Nor is the title in front of that name ("Russian Foreign Minister" Sergei Lavrov); nor, for any "who" question,
      // the words that say what a named one is ("network chip designer" Korvo for "who is buying Korvo?").
      if ((question.asksObject || question.type === 'PERSON') && titles(tagged, c, qNames)) continue;
      if (spanTerms.length > 0 && repeated === 1 && c.kind !== 'CLAUSE') continue;
      // "Who is the prime minister?": not "former finance minister Sanne Visser", whose title is another minister's.
      if (askedTitle && (c.kind === 'NAME' || c.kind === 'NP') && otherTitle(tagged.tokens, c, askedTitle)) continue;
      // "Who is top of the league?", "who replaced Youlou?": a name whose head is a word of the question ("Premier
      // League", "Fulbert Youlou") is what the question is about, not who; a title is not ("Prime Minister" for "who
      // appoints ministers?"), nor is whose ("Whose life was Schindler's List based on?": Oskar Schindler).
      const head = tagged.tokens[c.last];
      if (
        question.type === 'PERSON' &&
        c.kind === 'NAME' &&
        head?.term &&
        qTerms.has(head.term) &&
        !asksWhose &&
        head.term !== question.focus &&
        head.norm !== question.focus &&
        !TITLE_WORDS.has(head.norm)
      )
        continue;
      if (c.kind !== 'CLAUSE' && spanTerms.length === 0 && !/\p{N}/u.test(c.text)) continue;
      const d = distanceTo(c, positions);
      const windowShare = windowCoverage(tagged, c, idf, totalIdf);
      const proximity = Number.isFinite(d) ? 1 / (1 + d / 4) : 0;
      const adjacent = question.type === 'DEFINITION' ? adjacency(tagged, c, subject) : 0;
      // "took 41 of the 150 seats": the count is 41, the part, not the whole it is of.
      const part = partOf(tagged.tokens, c);
      const focusMatch =
        question.focus !== undefined &&
        c.kind !== 'CLAUSE' &&
        !wholeOf(tagged.tokens, c) &&
        (namesFocus(tagged.tokens[c.first - 1], question.focus) ||
          namesFocus(tagged.tokens[c.last + 1], question.focus) ||
          (part !== undefined && namesFocus(tagged.tokens[part], question.focus)) ||
          counts)
          ? 1
          : 0;
      let speaker = 0;
      let cueMatch = 0;
      if (question.type === 'QUOTE' && c.kind === 'CLAUSE') {
        speaker = speakerMatch(c.attribution ?? '', passage.prepared.text);
        if (speaker === 0) continue;
        const cueTerm = tagged.tokens[c.first - 1]?.term ?? tagged.tokens[c.first - 2]?.term;
        cueMatch = cueTerm && qTerms.has(cueTerm) ? 1 : 0;
      }
      const agent = question.subjectVerb ? agentBonus(tagged, c, positions, question) : 0;
      // "Who was freed?": whom the verb acted on (the question's verb is in the sentence, so the rankers, trained on
      // few such questions, see it; the bonus is added after them, as a figure's is).
      const patient = question.asksPatient ? VALUE_BONUS * patientOf(tagged, c, positions, question) : 0;
      // "Libya's rebels" for "who backed the rebels?": a possessive name that modifies the question's own noun.
      const owned = tagged.tokens[c.last + 2]?.term ?? tagged.tokens[c.last + 3]?.term;
      const possessive =
        c.kind === 'NAME' &&
        POSSESSIVE.test(tagged.tokens[c.last + 1]?.text ?? '') &&
        owned &&
        qTerms.has(owned) &&
        !asksWhose
          ? 1
          : 0;
      // "wife Safia" for "where were Gaddafi's wife and daughter?": a name in apposition to the question's own noun is
      // what the question is about, not its answer (unless it asks who).
      const apposed =
        c.kind === 'NAME' &&
        !['PERSON', 'ORG', 'DEFINITION'].includes(question.type) &&
        qTerms.has(tagged.tokens[c.first - 1]?.term ?? '')
          ? 1
          : 0;
      // "Joseph Logan in Tripoli" for "who reported from Tripoli?": the candidate leads, by a preposition, to a question word.
      const leads =
        tagged.tokens[c.last + 1]?.pos === 'ADP' && qTerms.has(tagged.tokens[c.last + 2]?.term ?? '') ? 1 : 0;
      const parts: CandidateParts = {
        fit,
        coverage,
        proximity,
        windowShare,
        passageNorm,
        repeated,
        lengthPrior: lengthPrior(c),
        adjacent,
        focusMatch,
        speaker,
        cueMatch,
        agent,
        possessive,
        apposed,
        leads,
        related: passage.sentenceRelated[index] ?? 0,
        neighbour: passage.sentenceNeighbour[index] ?? 0,
        passageOrder: passage.order - (top[0]?.order ?? passage.order),
      };
      const aw = settings.answerWeights;
      let score =
        aw.fit * fit +
        aw.coverage * coverage +
        aw.proximity * proximity +
        aw.window * windowShare +
        aw.passage * passageNorm -
        aw.repeated * repeated +
        parts.lengthPrior;
      score +=
        1.2 * adjacent -
        (question.type === 'DEFINITION' && c.kind === 'NAME' ? 0.5 : 0) +
        0.6 * focusMatch +
        speaker +
        0.8 * cueMatch +
        agent -
        0.3 * possessive;
      score += 0.5 * leads - 1.5 * apposed;
      const aged = question.asksAge && statedAge(tagged.tokens, c.first, c.last, question.names) ? AGE_BONUS : 0;
      // "What is the premium?": "a premium of 31%", the figure the question's noun is "of"; "how deep": "a depth of 10 km".
      const valued =
        (asksValue ||
          question.measure !== undefined ||
          (question.type === 'DURATION' && question.focus !== undefined)) &&
        isValueOf(tagged.tokens, c, qTerms)
          ? VALUE_BONUS
          : 0;
      const features =
        settings.ranker || settings.collectFeatures
          ? candidateFeatures(question, c, tagged, parts, passage === top[0], index, score, {
              terms: qTerms,
              positions,
            })
          : undefined;
      if (settings.ranker && features && question.type !== 'QUOTE')
        score =
          linearScore(settings.ranker, features) + settings.rankerBlend * score + settings.definitionPattern * adjacent;
      // "How many people were injured?": "killing at least five people, injuring 140", the figure the verb asked takes.
      const verbs =
        (question.type === 'NUMBER' || question.type === 'MONEY' || question.type === 'PERCENT') &&
        NUMERIC_KINDS_ANSWER.has(c.kind) &&
        verbTakes(tagged.tokens, c, question);
      score +=
        aged + valued + patient + (counts || verbs || origin ? VALUE_BONUS : 0) + (c.cue === 'event' ? EVENT_BONUS : 0);
      out.push({
        candidate: c,
        text: c.antecedent?.text ?? c.text,
        ...(c.antecedent ? { from: c.antecedent.sentence } : {}),
        ...(aged > 0 ? { stated: true as const } : {}),
        score,
        ...(features ? { features } : {}),
        typeFit: fit,
        passage,
        sentenceIndex: index,
        sentenceText: sentence.text,
      });
    }
  }

  if (settings.ranker?.trees && question.type !== 'QUOTE') addTrees(settings.ranker, out, settings.treeCandidates);

  if (question.type === 'QUOTE') {
    for (const passage of top) {
      const text = passage.prepared.text;
      const paragraph = collection.paragraph(passage.id);
      const previous = paragraph ? collection.paragraphIdsOf(paragraph.articleId)[paragraph.n - 2] : undefined;
      const context = `${previous !== undefined ? (collection.paragraph(previous)?.text ?? '') : ''} ${text}`;
      for (const quote of quoteSpans(text)) {
        const match = speakerMatch(quote.attribution, context);
        if (match === 0) continue;
        const sentenceIndex = Math.max(
          0,
          passage.prepared.sentences.findIndex((s) => quote.start >= s.start && quote.start < s.end),
        );
        const about = question.terms.filter((t) => !(question.speaker?.terms ?? []).includes(t));
        const quoteTerms = new Set(terms(quote.text));
        const aboutHit = about.length === 0 ? 1 : about.filter((t) => quoteTerms.has(t)).length / about.length;
        const words = quote.text.split(/\s+/).length;
        const aw = settings.answerWeights;
        const score =
          aw.fit +
          aw.coverage * passage.coverage +
          1.0 +
          1.5 * match +
          aw.passage * (passage.score / topScore) +
          0.8 * aboutHit +
          (words > 60 ? -0.3 : 0);
        const candidate: Candidate = {
          kind: 'QUOTE',
          text: quote.text,
          start: quote.start,
          end: quote.end,
          first: 0,
          last: 0,
          attribution: quote.attribution,
        };
        out.push({
          candidate,
          text: quote.text,
          score,
          typeFit: 1,
          passage,
          sentenceIndex,
          sentenceText: passage.prepared.sentences[sentenceIndex]?.text ?? text,
        });
      }
    }
  }
  out.sort((a, b) => b.score - a.score);
  return out;
}

/** The citation of a passage, its evidence the sentence given (from sentence `from` on, when given). */
function citationFor(
  collection: Collection,
  passage: RankedPassage,
  sentenceIndex: number,
  from?: number,
): Citation | undefined {
  const paragraph = collection.paragraph(passage.id);
  const article = paragraph && collection.citedArticle(paragraph.articleId);
  if (!paragraph || !article) return undefined;
  const sentences = passage.prepared.sentences;
  const first = from === undefined ? undefined : sentences[from];
  const last = sentences[sentenceIndex];
  return {
    article,
    paragraph: paragraph.n,
    sentence: first && last ? passage.prepared.text.slice(first.start, last.end) : (last?.text ?? paragraph.text),
    text: paragraph.text,
  };
}

/** Pronouns that open a sentence about a person the sentence before named. */
const PERSON_PRONOUNS = new Set(['he', 'she']);
/** How much a name must look like a person's to be a pronoun's antecedent (`NameScores.person`). */
const ANTECEDENT_PERSON = 0.3;
/** Sentences before a pronoun searched for its antecedent. */
const ANTECEDENT_SENTENCES = 2;

/**
 * "He will lead the combined company" after '"...," Brightwave chief executive Omar Haddad said': a candidate at the
 * pronoun that opens sentence `index`, standing for a person named in the nearest sentence before it (of the same
 * paragraph, `ANTECEDENT_SENTENCES` at most) that names one, or undefined. Only a name that looks like a person's is
 * taken, the first of its sentence (the one a sentence is most often about: "Madonna's major influences include ...
 * Rudolf Nureyev. She also grew up ...").
 */
function pronounCandidate(
  prepared: PreparedParagraph,
  index: number,
  tagged: AnnotatedSentence,
  tagAt: (k: number) => AnnotatedSentence,
): Candidate | undefined {
  const pronoun = tagged.tokens[0];
  if (!pronoun || !PERSON_PRONOUNS.has(pronoun.norm) || pronoun.pos !== 'PRON') return undefined;
  for (let k = index - 1; k >= Math.max(0, index - ANTECEDENT_SENTENCES); k--) {
    const sentence = prepared.sentences[k];
    if (!sentence || sentence.start < prepared.dateline) return undefined;
    const names = sentenceCandidates(tagAt(k)).filter(
      (c) =>
        c.kind === 'NAME' &&
        c.name !== undefined &&
        c.name.person >= ANTECEDENT_PERSON &&
        c.name.person >= Math.max(c.name.org, c.name.place),
    );
    const named = names[0];
    if (named?.name)
      return {
        kind: 'NAME',
        text: pronoun.text,
        start: pronoun.start,
        end: pronoun.end,
        first: 0,
        last: 0,
        name: named.name,
        antecedent: { text: named.text, sentence: k },
      };
  }
  return undefined;
}

function sameAnswer(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
}

/** A second answer is listed only when it is unmistakably of the asked type. */
function strongType(type: AnswerType, c: Candidate): boolean {
  if (c.kind !== 'NAME' || !c.name) return false;
  const scores = c.name;
  const own = type === 'PERSON' ? scores.person : type === 'PLACE' ? scores.place : scores.org;
  return own >= 0.4 && own >= Math.max(scores.person, scores.place, scores.org);
}

const MULTI_ANSWER_TYPES = new Set<AnswerType>(['PERSON', 'PLACE', 'ORG']);
const MAX_ANSWERS = 3;

/**
 * Whether a question may have several answers on one line: "who defected?", "where did they fight?" name only what
 * was done (every term a verb), so each sentence that says it of someone adds a name. A question that names a thing
 * ("Who replaced Youlou?", "Who was the drummer?") asks for one: on SQuAD's tune set the second names added there
 * were wrong in 22 of 24 questions.
 */
export function asksForList(question: Question): boolean {
  return (
    MULTI_ANSWER_TYPES.has(question.type) &&
    question.terms.length <= 2 &&
    question.terms.every((t) => question.verbs.includes(t))
  );
}

/** The question, its ranked passages and scored candidates, for training and inspection. */
export function explain(
  questionText: string,
  collection: Collection,
  options: AnswerOptions = {},
  settings: EngineSettings = DEFAULT_ENGINE_SETTINGS,
) {
  const { question } = readQuestion(questionText, collection, settings);
  const { ranked, idf, totalIdf } = rankPassages(question, collection, options.article, settings, options.exclude);
  const candidates =
    question.terms.length === 0 ? [] : scoreCandidates(question, collection, ranked, idf, totalIdf, settings);
  return { question, ranked, candidates };
}

/** A scored candidate while `scoreCandidates` builds it (its score still takes the trees' share). */
type Scoring = { -readonly [K in keyof ScoredCandidate]: ScoredCandidate[K] };

/** Add the trees' score to the linear leaders; the rest get the lowest the leaders got (they stay behind). */
function addTrees(model: RankerModel, scored: readonly Scoring[], leading: number): void {
  const leaders = [...scored].sort((a, b) => b.score - a.score).slice(0, leading);
  const added = new Map<Scoring, number>();
  let lowest = Number.POSITIVE_INFINITY;
  for (const c of leaders) {
    const t = c.features ? treeScore(model, c.features) : 0;
    added.set(c, t);
    lowest = Math.min(lowest, t);
  }
  for (const c of scored) c.score += added.get(c) ?? lowest;
}

/** Question types whose answer is a name: a person, a place or an organisation. */
const NAMED_TYPES = new Set<AnswerType>(['PERSON', 'PLACE', 'ORG']);

/**
 * True when the candidate ends what someone said and the question's words name who said it, right after it: "forces
 * loyal to Muammar Gaddafi, a French diplomatic source said". The apposition the words would be in "Catherine
 * Ashton, the EU's foreign policy chief, said" has a comma before the verb.
 */
export function endsReportedSpeech(
  sentence: AnnotatedSentence,
  c: Candidate,
  isQuestionWord: (t: NlpToken) => boolean,
): boolean {
  const t = sentence.tokens;
  if (t[c.last + 1]?.text !== ',') return false;
  let k = c.last + 2;
  let named = false;
  while (k < t.length && k <= c.last + 8) {
    const token = t[k] as NlpToken;
    if (SPEECH_VERB_LEMMAS.has(token.lemma) && token.pos === 'VERB') return named;
    if (token.pos === 'PUNCT' || token.pos === 'VERB' || token.pos === 'AUX') return false;
    named ||= isQuestionWord(token);
    k++;
  }
  return false;
}

/** Focus nouns a demonym answers: "what language", "what nationality" ("French", "Libyan"). */
const DEMONYM_FOCI = new Set([
  'language',
  'languages',
  'nationality',
  'nationalities',
  'ethnicity',
  'origin',
  'descent',
  'heritage',
  'citizenship',
  'cuisine',
  'tongue',
  'dialect',
]);

/** "Which country is X from?", "where is X from?", "what nationality is X?": where a named one comes from. */
function asksOrigin(question: Question): boolean {
  if (question.focus === 'nationality' || question.focus === 'citizenship') return true;
  return question.type === 'PLACE' && /\bfrom\W*$/i.test(question.text);
}

/**
 * True for a demonym written in front of a name of the question (a word of it in a question in lower case), with at most `ORIGIN_WORDS` lower-case words of what
 * it is between them: "Swedish" of "Swedish streaming service Nordtone" for "Which country is Nordtone from?".
 */
function demonymOf(tokens: readonly NlpToken[], c: Candidate, names: ReadonlySet<string>): boolean {
  if (c.kind !== 'NAME' || c.first !== c.last || !isDemonym(tokens[c.first]?.norm ?? '')) return false;
  for (let k = c.last + 1; k <= c.last + 1 + ORIGIN_WORDS && k < tokens.length; k++) {
    const t = tokens[k] as NlpToken;
    if (t.term && names.has(t.term) && /^\p{Lu}/u.test(t.text)) return true;
    if (!/^\p{Ll}/u.test(t.text) || !['NOUN', 'ADJ', 'VERB'].includes(t.pos)) return false;
  }
  return false;
}

/** Lower-case words between a demonym and the name it tells the origin of, at most ("streaming service"). */
const ORIGIN_WORDS = 3;

/** True when the question asks for a person, place or organisation, or for a thing of a kind a demonym is not. */
function asksForInstance(question: Question): boolean {
  if (NAMED_TYPES.has(question.type)) return true;
  return question.focus !== undefined && !DEMONYM_FOCI.has(question.focus);
}

/**
 * True when `token` is the question's focus noun ("which newspaper") or a compound ending in it: "warship" names a
 * "ship", "steamship" too. A compound needs a focus of four letters or more and a word in front of it that WordNet
 * or the word vectors know, so "worship" is no "ship" and "chip" no "hip".
 */
export function namesFocus(token: NlpToken | undefined, focus: string): boolean {
  const norm = token?.norm;
  if (norm === undefined) return false;
  if (norm === focus) return true;
  if (focus.length < 4 || norm.length < focus.length + 3 || !norm.endsWith(focus)) return false;
  const front = terms(norm.slice(0, norm.length - focus.length))[0];
  return front !== undefined && (WORDNET.contains(front) || NEIGHBOURS.contains(front));
}

/**
 * True for a lone demonym written in front of a lower-case noun or adjective, as an adjective: "French" of "French
 * helicopters" or "the French daily Le Figaro". It tells whose the thing is, so it is never the person, place or
 * organisation asked for ("the French" and "Libyans", standing alone, still are, as is "the Greeks created").
 */
export function attributiveDemonym(sentence: AnnotatedSentence, c: Candidate): boolean {
  if (c.kind !== 'NAME' || c.first !== c.last) return false;
  const token = sentence.tokens[c.first];
  const next = sentence.tokens[c.last + 1];
  if (!token || !next || !isDemonym(token.norm)) return false;
  // A participle is an adjective there: "Swedish streaming service Nordtone".
  const after = sentence.tokens[c.last + 2];
  const participle =
    next.pos === 'VERB' && /(?:ing|ed)$/.test(next.norm) && (after?.pos === 'NOUN' || after?.pos === 'ADJ');
  return (next.pos === 'NOUN' || next.pos === 'ADJ' || participle) && /^\p{Ll}/u.test(next.text);
}

/** A candidate's fit to the question's type below which it is not an answer. */
export const MIN_TYPE_FIT = 0.15;

/** What answers: the passage cited first and its candidate (none when that passage holds no fitting one). */
export interface AnswerChoice {
  readonly passage?: RankedPassage;
  readonly candidate?: ScoredCandidate;
}

/**
 * Which passage and candidate answer, among the first `answerParagraphs` of `ranked` (`choice.ts`): the passage of the
 * best value, its best candidate's score plus `passageWeight` times its ranking score, and that candidate; a passage
 * holding no fitting candidate counts `emptyPenalty` below the best candidate anywhere and, chosen, gives no answer
 * line. `scored` is sorted best first.
 */
export function chooseAnswer(
  scored: readonly ScoredCandidate[],
  ranked: readonly RankedPassage[],
  settings: Pick<EngineSettings, 'passageWeight' | 'emptyPenalty' | 'answerParagraphs'>,
): AnswerChoice {
  const top = ranked.slice(0, settings.answerParagraphs);
  const fitting = scored.filter((c) => c.typeFit >= MIN_TYPE_FIT && top.includes(c.passage));
  const offered = fitting.map((c) => ({ passage: top.indexOf(c.passage), score: c.score }));
  const passage = top[choosePassage(settings, top, offered)];
  if (!passage) return {};
  const candidate = fitting.find((c) => c.passage === passage);
  return candidate ? { passage, candidate } : { passage };
}

/**
 * The candidate the engine answers with when it must: the choice's, else (the passage chosen holds none) the one the
 * passage weight alone picks, as if no passage without a candidate could answer.
 */
export function forcedAnswer(
  scored: readonly ScoredCandidate[],
  ranked: readonly RankedPassage[],
  settings: Pick<EngineSettings, 'passageWeight' | 'emptyPenalty' | 'answerParagraphs'>,
): ScoredCandidate | undefined {
  return (
    chooseAnswer(scored, ranked, settings).candidate ??
    chooseAnswer(scored, ranked, { ...settings, emptyPenalty: null }).candidate
  );
}

function spanOf(c: ScoredCandidate): BoundarySpan {
  const { first, last, kind, trimmed } = c.candidate;
  return { first, last, kind, score: c.score, ...(trimmed ? { trimmed } : {}) };
}

/**
 * What the boundary model weighs for a chosen answer: its sentence (tagged), its span, and the other candidates of
 * that sentence. Undefined for quotations, which are shown whole.
 */
export function boundaryInputs(top: ScoredCandidate, scored: readonly ScoredCandidate[]) {
  if (top.candidate.kind === 'QUOTE') return undefined;
  const others = scored
    .filter(
      (c) =>
        c !== top && c.passage === top.passage && c.sentenceIndex === top.sentenceIndex && c.candidate.kind !== 'QUOTE',
    )
    .map(spanOf);
  return { sentence: annotated(top.sentenceText), span: spanOf(top), others };
}

/**
 * Words a widened answer never ends on: they lead into a clause or phrase the answer would leave out, or say who
 * said it ("company said").
 */
const DANGLING =
  /^(?:that|which|who|whom|whose|where|when|while|the|a|an|of|and|or|but|to|in|for|with|by|as|on|at|from|than|said|says|told)$/i;

/** Words a widened answer never starts on: they tie it to the words before it. */
const TRAILING = /^(?:of|and|or|but|that|which|than)$/i;

/** First words a narrowed answer keeps: a relative date's ("next week"), a part's ordinal ("first half"), a currency's sign. */
const KEPT_FIRST = /^(?:next|last|this|coming|past|previous|following|first|second|third|fourth|[$€£¥])$/i;

/** The chosen answer with the edges the boundary model prefers (itself when it prefers none). */
export function refineAnswer(
  question: Question,
  top: ScoredCandidate,
  scored: readonly ScoredCandidate[],
  model: BoundaryModel,
): ScoredCandidate {
  // A quotation, and what happened to X (the words after X), are shown whole.
  const inputs =
    question.type === 'QUOTE' || top.candidate.cue === 'event' || top.candidate.antecedent
      ? undefined
      : boundaryInputs(top, scored);
  if (!inputs) return top;
  const span = refineBoundary(model, question, inputs.sentence, inputs.span, inputs.others);
  if (span === inputs.span) return top;
  // Never widened over a name the question asks about ("12 helicopters ... on the French warship Tonnerre" for
  // "What is Tonnerre?"): the answer is what the question does not already say.
  const names = new Set(question.names);
  const named = (a: number, b: number) => inputs.sentence.tokens.slice(a, b + 1).some((t) => names.has(t.term ?? ''));
  if (named(span.first, span.last) && !named(inputs.span.first, inputs.span.last)) return top;
  // Nor to end on a word that leads into more ("democratic protest that" swept the Middle East) or a verb of saying.
  if (span.last !== inputs.span.last && DANGLING.test(inputs.sentence.tokens[span.last]?.text ?? '')) return top;
  // Nor to start on a word that ties it to what comes before ("of new subsidy schemes").
  if (span.first !== inputs.span.first && TRAILING.test(inputs.sentence.tokens[span.first]?.text ?? '')) return top;
  // Nor cut "next" off "next week", "first" off "first half of next year" or "$" off "$98": the rest means little
  // without it.
  if (span.first > inputs.span.first && KEPT_FIRST.test(inputs.sentence.tokens[inputs.span.first]?.text ?? ''))
    return top;
  const text = spanText(inputs.sentence, span);
  if (!text.trim()) return top;
  const start = inputs.sentence.tokens[span.first]?.start ?? top.candidate.start;
  const end = inputs.sentence.tokens[span.last]?.end ?? top.candidate.end;
  return {
    ...top,
    text,
    candidate: { ...top.candidate, text, first: span.first, last: span.last, start, end },
  };
}

/** The answer the engine would give if it answered (chosen and refined as an answer is), as a withheld guess. */
function guess(
  question: Question,
  scored: readonly ScoredCandidate[],
  ranked: readonly RankedPassage[],
  settings: EngineSettings,
): { withheld?: string } {
  const chosen = forcedAnswer(scored, ranked, settings);
  if (!chosen) return scored[0] ? { withheld: scored[0].text } : {};
  return { withheld: (settings.boundary ? refineAnswer(question, chosen, scored, settings.boundary) : chosen).text };
}

/** Answer a question from a collection. Pure apart from caches; never throws for any question text. */
export function answer(
  questionText: string,
  collection: Collection,
  options: AnswerOptions = {},
  settings: EngineSettings = DEFAULT_ENGINE_SETTINGS,
): AnswerResult {
  if (options.article !== undefined && !collection.article(options.article)) {
    throw new UserError('NOT_FOUND', `There is no article #${options.article} here.`);
  }
  const limit = options.limit ?? settings.citations;
  if (asksForSummary(questionText))
    return { answer: null, confidence: 0, citations: leads(collection, options, limit), summary: true };
  const credited = creditAnswer(questionText, collection, options, limit);
  if (credited) return credited;
  const { question, corrections } = readQuestion(questionText, collection, settings);
  const result = answerQuestion(question, collection, options, settings, limit);
  return corrections.length > 0 ? { ...result, corrections } : result;
}

/** What a credit line read as written is worth as a confidence: the line says it, but may be laid out unusually. */
export const CREDIT_CONFIDENCE = 0.95;
/** Paragraphs at an article's end searched for its credit line. */
const CREDIT_PARAGRAPHS = 2;

/**
 * "Who wrote the story?", "Who reported from Berlin?": the name its credit line gives (`credits.ts`), when exactly
 * one article in scope has a credit line that names someone for it (with several, "the story" could be any; the
 * engine answers as usual).
 */
function creditAnswer(
  questionText: string,
  collection: Collection,
  options: AnswerOptions,
  limit: number,
): AnswerResult | undefined {
  const role = creditAsked(questionText);
  const place = role ? undefined : creditPlaceAsked(questionText);
  if (!role && !place) return undefined;
  const topic = role ? creditTopic(questionText) : undefined;
  const inScope = options.article !== undefined ? [options.article] : collection.articles().map((a) => a.id);
  // "Who wrote the cholera story?": of the articles in scope, those whose words hold most of the topic's.
  const articles = topic && inScope.length > 1 ? aboutTopic(collection, inScope, topic) : inScope;
  const found: Array<{ names: string; citation: Citation }> = [];
  for (const id of articles) {
    const article = collection.citedArticle(id);
    for (const pid of collection.paragraphIdsOf(id).slice(-CREDIT_PARAGRAPHS).reverse()) {
      const paragraph = collection.paragraph(pid);
      const credits = paragraph ? readCredits(paragraph.text) : [];
      const names = role ? creditedFor(credits, role) : place ? creditedFrom(credits, place) : undefined;
      if (!paragraph || !article || !names) continue;
      found.push({
        names,
        citation: { article, paragraph: paragraph.n, sentence: paragraph.text, text: paragraph.text },
      });
      break;
    }
    if (found.length > 1) return undefined;
  }
  const [only] = found;
  if (!only || limit < 1) return undefined;
  return { answer: only.names, confidence: CREDIT_CONFIDENCE, citations: [only.citation] };
}

/**
 * The articles among `ids` whose title and paragraphs hold the most of the topic's terms, ties broken by how many of
 * their paragraphs hold one ("the strike story": the rail strike's, not the article on air strikes); none when none
 * holds any.
 */
function aboutTopic(collection: Collection, ids: readonly number[], topic: string): number[] {
  const wanted = new Set(terms(topic));
  let best = 0;
  let out: number[] = [];
  for (const id of ids) {
    const held = new Set(terms(collection.article(id)?.title ?? '').filter((t) => wanted.has(t)));
    let paragraphs = 0;
    for (const pid of collection.paragraphIdsOf(id)) {
      const here = terms(collection.paragraph(pid)?.text ?? '').filter((t) => wanted.has(t));
      for (const t of here) held.add(t);
      if (here.length > 0) paragraphs++;
    }
    const score = held.size === 0 ? 0 : held.size * 1e6 + paragraphs;
    if (score > best) {
      best = score;
      out = [id];
    } else if (score === best && score > 0) out.push(id);
  }
  return out;
}

/** The opening paragraph of each article in scope, the newest article first, its first sentence the one cited. */
function leads(collection: Collection, options: AnswerOptions, limit: number): Citation[] {
  const articles =
    options.article !== undefined
      ? [options.article]
      : collection
          .articles()
          .map((a) => a.id)
          .sort((a, b) => b - a);
  const out: Citation[] = [];
  for (const id of articles) {
    if (out.length >= limit) break;
    const first = collection.paragraphIdsOf(id)[0];
    const paragraph = first === undefined ? undefined : collection.paragraph(first);
    const article = collection.citedArticle(id);
    if (!paragraph || !article) continue;
    const sentence = splitSentences(paragraph.text)[0]?.text ?? paragraph.text;
    out.push({ article, paragraph: paragraph.n, sentence, text: paragraph.text });
  }
  return out;
}

/** The question analysed, its misspelt words first read as the articles' words (with the `spelling` setting). */
function readQuestion(
  questionText: string,
  collection: Collection,
  settings: EngineSettings,
): { question: Question; corrections: readonly Correction[] } {
  if (!settings.spelling) return { question: analyzeQuestion(questionText), corrections: [] };
  // "whats" is a contraction, not a misspelt "what".
  const { text, corrections } = correctSpelling(expandContraction(questionText), collection);
  return { question: analyzeQuestion(text), corrections };
}

/** Related terms of one question term searched when no paragraph holds any of its terms, at most. */
const RELATED_PER_TERM = 8;

/**
 * The closest passages for a question none of whose words any paragraph holds ("Where was the epicenter?" over an
 * article that says "The quake hit ... 40 km west of Valparaiso"): the passages that hold the words WordNet relates
 * to its words, or failing those their word-vector neighbours ("epicenter": "quake", "magnitude"). Citations only:
 * the articles do not say what was asked.
 */
function relatedPassages(
  question: Question,
  collection: Collection,
  options: AnswerOptions,
  settings: EngineSettings,
  limit: number,
): Citation[] {
  for (const table of [WORDNET, NEIGHBOURS]) {
    const related = [
      ...new Set(
        question.terms.flatMap((t) =>
          table
            .terms(t)
            .filter((r) => collection.index.documentFrequency(r) > 0)
            .slice(0, RELATED_PER_TERM),
        ),
      ),
    ];
    if (related.length === 0) continue;
    // Ranked by the hand-made score: the learned ranker was trained on questions' own words, not their relatives.
    const { ranked } = rankPassages(
      { ...question, terms: related },
      collection,
      options.article,
      { ...settings, passageRanker: undefined },
      options.exclude,
    );
    const citations = ranked.slice(0, limit).flatMap((p) => citationFor(collection, p, p.bestSentence) ?? []);
    if (citations.length > 0) return citations;
  }
  return [];
}

/** Paragraphs, the best ranked, whose writing recases a question typed in lower case (`restoreCase`). */
const CASE_PARAGRAPHS = 3;

function answerQuestion(
  asked: Question,
  collection: Collection,
  options: AnswerOptions,
  settings: EngineSettings,
  limit: number,
): AnswerResult {
  if (asked.terms.length === 0) return { answer: null, confidence: 0, citations: [] };
  let question = asked;
  let { ranked, idf, totalIdf } = rankPassages(question, collection, options.article, settings, options.exclude);
  // "who is lavrov": the names as the paragraphs found write them. The terms are the same in any case, so the
  // ranking stands (ranked again when the type changed with the case, "who is Lavrov" asking for a description, it
  // gave the same tune-48 answers and passages with every question lower-cased, at twice the cost), unless the case
  // gives a bonus to paragraphs ("what is ferrobras", "how old is visser": `subjectDefined`, `ageStated`).
  if (typedInLowerCase(question.text)) {
    const recased = restoreCase(
      question.text,
      ranked.slice(0, CASE_PARAGRAPHS).map((p) => p.prepared.text),
    );
    if (recased !== question.text) {
      question = analyzeQuestion(recased);
      const bonus = (q: Question) => q.type === 'DEFINITION' || q.asksAge === true;
      if (bonus(question) && !bonus(asked))
        ({ ranked, idf, totalIdf } = rankPassages(question, collection, options.article, settings, options.exclude));
    }
  }
  /** The best passages, `first` (the one chosen to answer) before the others. */
  const closest = (first?: RankedPassage): Citation[] =>
    (first ? [first, ...ranked.filter((p) => p !== first)] : ranked)
      .slice(0, limit)
      .flatMap((p) => citationFor(collection, p, p.bestSentence) ?? []);
  if (ranked.length === 0)
    return { answer: null, confidence: 0, citations: relatedPassages(question, collection, options, settings, limit) };

  // A name the question asks about that no paragraph holds: the articles cannot answer it.
  const unknownWeight =
    question.names
      .filter((t) => collection.index.documentFrequency(t) === 0)
      .reduce((s, t) => s + (idf.get(t) ?? 0), 0) / totalIdf;
  const coverage = Math.max(
    ...ranked.slice(0, settings.answerParagraphs).map((p) => Math.max(p.coverage * 0.8, ...p.sentenceCoverage)),
  );
  if (coverage < settings.minCoverage || unknownWeight > 0.34) {
    // Not answered: the articles do not seem to hold it. The best guess is still worked out for evaluation.
    const scored = settings.bestGuess ? scoreCandidates(question, collection, ranked, idf, totalIdf, settings) : [];
    return {
      answer: null,
      confidence: round(coverage * 0.3),
      citations: closest(),
      ...guess(question, scored, ranked, settings),
    };
  }

  const scored = scoreCandidates(question, collection, ranked, idf, totalIdf, settings);
  // The answer: the choice model's passage's best fitting candidate, or the best by its score and its passage's; other
  // passages can still add names to a multi-person answer below.
  const best = ranked[0];
  const choice = chooseAnswer(scored, ranked, settings);
  const chosenTop = choice.candidate;
  if (!chosenTop) {
    return {
      answer: null,
      confidence: round(coverage * 0.3),
      citations: closest(choice.passage),
      ...guess(question, scored, ranked, settings),
    };
  }
  const top = settings.boundary ? refineAnswer(question, chosenTop, scored, settings.boundary) : chosenTop;

  const chosen: ScoredCandidate[] = [top];
  if (asksForList(question)) {
    // "who defected?": other sentences that hold the question as fully as the answer's own add their best name.
    // Judged by each sentence's own ranking and coverage, not by comparing scores across sentences, whose scale
    // depends on the model.
    const coverageOf = (c: ScoredCandidate) => c.passage.sentenceCoverage[c.sentenceIndex] ?? 0;
    const seenSentences = new Set<string>([top.sentenceText]);
    for (const other of scored) {
      if (chosen.length >= MAX_ANSWERS) break;
      if (seenSentences.has(other.sentenceText)) continue;
      seenSentences.add(other.sentenceText);
      // `other` is its sentence's best candidate.
      if (coverageOf(other) < coverageOf(top) || !strongType(question.type, other.candidate)) continue;
      if (chosen.some((c) => sameAnswer(c.text, other.text))) continue;
      chosen.push(other);
    }
  }
  const citations: Citation[] = [];
  const seen = new Set<number>();
  for (const c of chosen) {
    const citation = citationFor(collection, c.passage, c.sentenceIndex, c.from);
    if (citation && !seen.has(c.passage.id)) {
      citations.push(citation);
      seen.add(c.passage.id);
    }
  }
  for (const p of ranked) {
    if (citations.length >= limit) break;
    if (seen.has(p.id)) continue;
    const citation = citationFor(collection, p, p.bestSentence);
    if (citation) {
      citations.push(citation);
      seen.add(p.id);
    }
  }
  const runnerUp = scored.find((c) => c !== chosenTop && !sameAnswer(c.text, top.text));
  const answerText = chosen.map((c) => c.text).join('; ');
  const maxScore = Math.max(...scored.map((c) => c.score));
  const expSum = scored.reduce((sum, c) => sum + Math.exp(c.score - maxScore), 0);
  const orderMax = Math.max(...ranked.map((p) => p.order));
  const orderSum = ranked.reduce((sum, p) => sum + Math.exp(p.order - orderMax), 0);
  const signals: ConfidenceSignals = {
    coverage,
    typeFit: top.typeFit,
    margin: runnerUp ? Math.max(0, top.score - runnerUp.score) : 0,
    alone: runnerUp === undefined,
    share: Math.exp(top.score - maxScore) / expSum,
    passageMargin: ranked[1] ? Math.max(0, (ranked[0]?.score ?? 0) - ranked[1].score) : 0,
    fromBestPassage: top.passage === best,
    answerWords: answerText.split(/\s+/).length,
    sentenceCoverage: top.passage.sentenceCoverage[top.sentenceIndex] ?? 0,
    paragraphCoverage: top.passage.coverage,
    ...namesAndVerbs(question, top.passage.prepared, top.sentenceIndex),
    passageShare: Math.exp(top.passage.order - orderMax) / orderSum,
    score: top.score,
    type: question.type,
    terms: question.terms.length,
  };
  const model = settings.confidence;
  let confidence: number;
  if (model) confidence = confidenceOf(model, signals);
  else {
    const margin = runnerUp ? Math.max(0, Math.min(1, (top.score - runnerUp.score) / 1.5)) : 1;
    confidence = Math.max(0.05, Math.min(0.99, 0.45 * coverage + 0.3 * top.typeFit + 0.25 * margin));
  }
  // An age written beside the name asked about is as sure as a credit line, whatever the wording around it.
  if (top.stated) confidence = Math.max(confidence, CREDIT_CONFIDENCE);

  const extra = settings.collectFeatures ? { signals } : {};
  // "Did the committee vote unanimously?": the passages that speak to it, not a word of one of them.
  if (question.polar)
    return {
      answer: null,
      polar: true,
      withheld: answerText,
      confidence: round(confidence),
      citations: citations.slice(0, limit),
      ...extra,
    };
  // Honest abstention: below the threshold chosen on data, no answer line, the passages still shown. Quotations are
  // not withheld: they are shown whole with who said them, and SQuAD, whose answers are short spans, cannot
  // calibrate them (its "what did X say" answers are a few words of the quotation).
  if (model && settings.abstain && question.type !== 'QUOTE' && confidence < model.threshold)
    return {
      answer: null,
      unsure: true,
      withheld: answerText,
      confidence: round(confidence),
      citations: citations.slice(0, limit),
      ...extra,
    };
  return { answer: answerText, confidence: round(confidence), citations: citations.slice(0, limit), ...extra };
}

/** How the answer's paragraph and sentence hold the question's names and verbs (see `ConfidenceSignals`). */
function namesAndVerbs(question: Question, prepared: PreparedParagraph, sentenceIndex: number) {
  const held = termSetOf(prepared);
  const names = question.names.filter((t) => question.terms.includes(t));
  const sentence = prepared.sentences[sentenceIndex]?.termList ?? [];
  const shareIn = (terms: readonly string[], has: (t: string) => boolean) =>
    terms.length === 0 ? 1 : terms.filter(has).length / terms.length;
  return {
    namesMissing:
      names.length === 0 ? 0 : 1 - shareIn(names, (t) => held.has(t) || prepared.headingTerms?.has(t) === true),
    namesInSentence: shareIn(names, (t) => sentence.includes(t)),
    verbsInSentence: shareIn(question.verbs, (t) => sentence.includes(t)),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
