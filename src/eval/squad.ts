/**
 * SQuAD-layout files: reading them, loading their articles into a collection (one article per
 * entry, one paragraph per context, in order), and scoring Footnote's answers against them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AnswerResult, answer, DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../answer/engine.js';
import type { ParsedArticle } from '../corpus/article.js';
import type { Library } from '../library.js';
import { bestOver, exactMatch, f1Score, percentile } from './metrics.js';

export interface SquadQuestion {
  readonly id: string;
  readonly question: string;
  readonly answers: readonly { text: string; answer_start: number }[];
}

export interface SquadParagraph {
  readonly context: string;
  readonly qas: readonly SquadQuestion[];
}

export interface SquadArticle {
  readonly title: string;
  readonly paragraphs: readonly SquadParagraph[];
}

export interface SquadFile {
  readonly data: readonly SquadArticle[];
}

export function readSquad(path: string): SquadFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as SquadFile;
  if (!parsed || !Array.isArray(parsed.data)) throw new Error(`${path} is not a SQuAD-layout file (no "data" array)`);
  return parsed;
}

/** A SQuAD article as a Footnote article: the contexts are the paragraphs, unsplit, so ¶ n is context n. */
export function squadArticle(article: SquadArticle): ParsedArticle {
  const paragraphs = article.paragraphs.map((p, i) => ({ n: i + 1, text: p.context.replace(/\s+/g, ' ').trim() }));
  const hash = createHash('sha256');
  for (const p of paragraphs) hash.update(`${p.text}\n`);
  return { title: squadTitle(article.title), format: 'text', paragraphs, contentHash: hash.digest('hex') };
}

/** A SQuAD title as a reader writes it: "Financial_crisis_of_2007%E2%80%9308" is "Financial crisis of 2007–08". */
export function squadTitle(raw: string): string {
  let title = raw;
  try {
    title = decodeURIComponent(raw);
  } catch {
    // A stray "%" that encodes nothing: keep the title as it is.
  }
  return title.replace(/_/g, ' ');
}

/** Load every article of a SQuAD file into a collection; returns the article id of each entry, in order. */
export function loadSquad(library: Library, collectionId: string, squad: SquadFile): number[] {
  library.store.ensureCollection(collectionId);
  const ids: number[] = [];
  for (const article of squad.data) {
    const record = library.store.addArticle(collectionId, squadArticle(article), { addedBy: 'eval' });
    ids.push(record.id);
  }
  library.unload(collectionId);
  library.collection(collectionId);
  return ids;
}

export interface SquadReport {
  readonly questions: number;
  /** As shipped: a withheld answer (below the confidence threshold) counts as wrong. */
  readonly exactMatch: number;
  readonly f1: number;
  /** Best guess for every question (withheld answers scored too), as SQuAD readers are scored. */
  readonly guessExactMatch: number;
  readonly guessF1: number;
  readonly passageAt1: number;
  readonly passageAt3: number;
  /**
   * Share of questions whose first cited paragraph holds one of the gold answers as written (`holdsAnswer`; the
   * paragraph the question was written for always does), whichever paragraph it is: SQuAD's articles often say a
   * thing twice, and passage@1 counts only the one paragraph.
   */
  readonly answerInPassage1: number;
  readonly notFoundRate: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  /** F1 and exact match over the answered questions only. */
  readonly answeredF1: number;
  readonly answeredExactMatch: number;
  /** What abstaining below each confidence would give: share answered, and among those the share with F1 ≥ 0.5. */
  readonly tradeoff: ReadonlyArray<{
    readonly threshold: number;
    readonly answered: number;
    readonly precision: number;
    readonly f1: number;
  }>;
}

/** Confidence thresholds reported in the trade-off table. */
export const TRADEOFF_THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface Prediction {
  readonly answer: string | null;
  readonly passages: readonly string[];
}

export interface SquadRunOptions {
  readonly scope: 'article' | 'corpus';
  /** Engine settings (the defaults when unset); `npm run eval -- --answer-all` turns abstention off. */
  readonly settings?: EngineSettings;
  /** Called after every question, for progress output. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * True when `text` holds the answer as written (case aside), not inside a longer word or number ("Krugman" in
 * "Krugman's", not "1" in "1990").
 */
export function holdsAnswer(text: string, answer: string): boolean {
  const a = answer.trim();
  if (a === '') return false;
  const escaped = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Ask every question of the file and score the answers. */
export function evaluateSquad(
  library: Library,
  collectionId: string,
  squad: SquadFile,
  articleIds: readonly number[],
  options: SquadRunOptions,
) {
  const collection = library.collection(collectionId);
  const settings: EngineSettings = { ...(options.settings ?? DEFAULT_ENGINE_SETTINGS), bestGuess: true };
  const predictions: Record<string, Prediction> = {};
  const latencies: number[] = [];
  let total = 0;
  let em = 0;
  let f1 = 0;
  let at1 = 0;
  let at3 = 0;
  let holds1 = 0;
  let notFound = 0;
  let answeredEm = 0;
  let answeredF1 = 0;
  let guessEm = 0;
  let guessF1 = 0;
  const scored: Array<{ confidence: number; f1: number }> = [];
  const count = squad.data.reduce((s, a) => s + a.paragraphs.reduce((t, p) => t + p.qas.length, 0), 0);
  squad.data.forEach((article, a) => {
    const articleId = articleIds[a] as number;
    article.paragraphs.forEach((paragraph, p) => {
      for (const qa of paragraph.qas) {
        const started = performance.now();
        const result: AnswerResult = answer(
          qa.question,
          collection,
          options.scope === 'article' ? { article: articleId } : {},
          settings,
        );
        latencies.push(performance.now() - started);
        const golds = qa.answers.map((x) => x.text);
        const e = bestOver(exactMatch, result.answer, golds);
        const f = bestOver(f1Score, result.answer, golds);
        em += e;
        f1 += f;
        const guess = result.answer ?? result.withheld ?? null;
        guessEm += bestOver(exactMatch, guess, golds);
        guessF1 += bestOver(f1Score, guess, golds);
        if (result.answer === null) notFound++;
        else {
          answeredEm += e;
          answeredF1 += f;
          scored.push({ confidence: result.confidence, f1: f });
        }
        const rank = result.citations.findIndex((c) => c.article.id === articleId && c.paragraph === p + 1);
        if (rank === 0) at1++;
        if (rank >= 0 && rank < 3) at3++;
        if (rank === 0 || golds.some((g) => holdsAnswer(result.citations[0]?.text ?? '', g))) holds1++;
        total++;
        predictions[qa.id] = { answer: result.answer, passages: result.citations.map((c) => c.text) };
        options.onProgress?.(total, count);
      }
    });
  });
  const answered = total - notFound;
  const report: SquadReport = {
    questions: total,
    exactMatch: (100 * em) / total,
    f1: (100 * f1) / total,
    guessExactMatch: (100 * guessEm) / total,
    guessF1: (100 * guessF1) / total,
    passageAt1: at1 / total,
    passageAt3: at3 / total,
    answerInPassage1: holds1 / total,
    notFoundRate: notFound / total,
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    answeredF1: answered ? (100 * answeredF1) / answered : 0,
    answeredExactMatch: answered ? (100 * answeredEm) / answered : 0,
    tradeoff: TRADEOFF_THRESHOLDS.map((threshold) => {
      const kept = scored.filter((x) => x.confidence >= threshold);
      return {
        threshold,
        answered: kept.length / total,
        precision: kept.length ? kept.filter((x) => x.f1 >= 0.5).length / kept.length : 0,
        f1: (100 * kept.reduce((sum, x) => sum + x.f1, 0)) / total,
      };
    }),
  };
  return { report, predictions };
}
