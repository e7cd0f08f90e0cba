/**
 * npm run bench -- [--squad FILE] [--sizes 1000,10000,100000] [--questions 500] [--json]
 *
 * For each size: a collection of that many paragraphs of real prose in a SQLite file (the
 * SQuAD contexts of --squad, else the bundled corpus; past what the source holds, new
 * paragraphs made by recombining its real sentences with a fixed seed, never identical
 * copies), then: cold start (open the database, load, index, first answer), index build
 * paragraphs/s, heap per paragraph, answer() p50/p99 and the bare MiniSearch query on the same
 * index with the same terms in the same run, their ratio, and passage@1 of both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answer } from '../answer/engine.js';
import { analyzeQuestion } from '../answer/question.js';
import { Collection } from '../collection.js';
import { DEFAULT_CORPUS_DIR } from '../config.js';
import { readCorpusFolder } from '../corpus/folder.js';
import { percentile } from '../eval/metrics.js';
import { readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { terms as analyzeTerms } from '../text/analyze.js';
import { splitSentences } from '../text/sentences.js';
import { seededRandom as rng } from '../util/random.js';

interface BenchQuestion {
  readonly text: string;
  /** Index of the paragraph that holds the answer, when known. */
  readonly gold?: number;
}

interface Source {
  readonly paragraphs: string[];
  readonly questions: BenchQuestion[];
}

function fromSquad(path: string): Source {
  const squad = readSquad(path);
  const paragraphs: string[] = [];
  const questions: BenchQuestion[] = [];
  for (const article of squad.data) {
    for (const p of article.paragraphs) {
      const gold = paragraphs.length;
      paragraphs.push(p.context.replace(/\s+/g, ' ').trim());
      for (const qa of p.qas) questions.push({ text: qa.question, gold });
    }
  }
  return { paragraphs, questions };
}

function fromCorpus(dir: string, random: () => number): Source {
  const paragraphs = readCorpusFolder(dir).flatMap((a) => a.article.paragraphs.map((p) => p.text));
  // Keyword questions: 2 to 6 content words of a real sentence.
  const questions: BenchQuestion[] = [];
  for (let k = 0; k < 2000; k++) {
    const gold = Math.floor(random() * paragraphs.length);
    const words = analyzeTerms(paragraphs[gold] as string);
    if (words.length < 2) continue;
    const n = 2 + Math.floor(random() * 5);
    const start = Math.floor(random() * Math.max(1, words.length - n));
    questions.push({ text: words.slice(start, start + n).join(' '), gold });
  }
  return { paragraphs, questions };
}

/** `size` distinct paragraphs: the source's own first, then recombinations of its sentences. */
function grow(source: readonly string[], size: number, random: () => number): string[] {
  const out = source.slice(0, size);
  const seen = new Set(out);
  const sentences = source.flatMap((p) => splitSentences(p).map((s) => s.text));
  let guard = 0;
  while (out.length < size && guard++ < size * 20) {
    const n = 2 + Math.floor(random() * 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentences[Math.floor(random() * sentences.length)] as string);
    const text = parts.join(' ');
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

const PARAGRAPHS_PER_ARTICLE = 20;

function writeCollection(path: string, paragraphs: readonly string[]): void {
  const db = openDatabase(path);
  const store = new Store(db);
  store.ensureCollection('bench');
  const insertArticle = db.prepare(
    "INSERT INTO articles (collection_id, title, format, content_hash, added_at) VALUES ('bench', ?, 'text', ?, '2026-01-01')",
  );
  const insertParagraph = db.prepare('INSERT INTO paragraphs (article_id, n, text) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let a = 0; a * PARAGRAPHS_PER_ARTICLE < paragraphs.length; a++) {
      const id = Number(insertArticle.run(`Bench article ${a + 1}`, `bench-${a}`).lastInsertRowid);
      const slice = paragraphs.slice(a * PARAGRAPHS_PER_ARTICLE, (a + 1) * PARAGRAPHS_PER_ARTICLE);
      for (let k = 0; k < slice.length; k++) insertParagraph.run(id, k + 1, slice[k]);
    }
  })();
  db.close();
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) for (let k = 0; k < 3; k++) collect();
}

interface SizeReport {
  paragraphs: number;
  buildParagraphsPerSecond: number;
  heapBytesPerParagraph: number;
  coldStartMs: { open: number; load: number; index: number; firstAnswer: number; total: number };
  answerMs: { p50: number; p99: number };
  bareMiniSearchMs: { p50: number; p99: number };
  ratio: { p50: number; p99: number };
  passageAt1: { answer: number; bareMiniSearch: number; questions: number };
}

function benchSize(source: Source, size: number, questionCount: number, dir: string): SizeReport {
  const random = rng(size);
  const paragraphs = grow(source.paragraphs, size, random);
  const path = join(dir, `bench-${size}.db`);
  writeCollection(path, paragraphs);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;

  // Cold start: open the database, read the rows, build the index, answer once.
  const t0 = performance.now();
  const db = openDatabase(path);
  const store = new Store(db);
  const t1 = performance.now();
  const byArticle = store.paragraphsByArticle('bench');
  const articles = store.listArticles('bench');
  const t2 = performance.now();
  const collection = new Collection('bench');
  for (const article of articles) collection.addArticle(article, byArticle.get(article.id) ?? []);
  const t3 = performance.now();
  const usable = source.questions.filter((q) => q.gold === undefined || q.gold < paragraphs.length);
  const pick = rng(size + 1);
  const questions: BenchQuestion[] = [];
  for (let k = 0; k < questionCount + 100 && usable.length > 0; k++)
    questions.push(usable[Math.floor(pick() * usable.length)] as BenchQuestion);
  answer(questions[0]?.text ?? 'who', collection);
  const t4 = performance.now();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;

  // The paragraph id of source paragraph i: articles were written in order.
  const idOf = (i: number) =>
    (byArticle.get(articles[Math.floor(i / PARAGRAPHS_PER_ARTICLE)]?.id ?? -1) ?? [])[i % PARAGRAPHS_PER_ARTICLE]?.id;
  const answerTimes: number[] = [];
  const bareTimes: number[] = [];
  let answerHits = 0;
  let bareHits = 0;
  let judged = 0;
  questions.forEach((q, k) => {
    const queryTerms = analyzeQuestion(q.text).terms.join(' ');
    const a0 = performance.now();
    const result = answer(q.text, collection);
    const a1 = performance.now();
    const bare = collection.index.rawSearch(queryTerms);
    const a2 = performance.now();
    if (k < 100) return; // warm-up
    answerTimes.push(a1 - a0);
    bareTimes.push(a2 - a1);
    if (q.gold !== undefined) {
      judged++;
      const goldId = idOf(q.gold);
      const first = result.citations[0];
      const firstId = first ? collection.paragraphIdsOf(first.article.id)[first.paragraph - 1] : undefined;
      if (firstId !== undefined && firstId === goldId) answerHits++;
      if (bare[0]?.id === goldId) bareHits++;
    }
  });
  db.close();
  const answerMs = { p50: percentile(answerTimes, 0.5), p99: percentile(answerTimes, 0.99) };
  const bareMs = { p50: percentile(bareTimes, 0.5), p99: percentile(bareTimes, 0.99) };
  return {
    paragraphs: paragraphs.length,
    buildParagraphsPerSecond: paragraphs.length / ((t3 - t2) / 1000),
    heapBytesPerParagraph: (heapAfter - heapBefore) / paragraphs.length,
    coldStartMs: { open: t1 - t0, load: t2 - t1, index: t3 - t2, firstAnswer: t4 - t3, total: t4 - t0 },
    answerMs,
    bareMiniSearchMs: bareMs,
    ratio: { p50: answerMs.p50 / bareMs.p50, p99: answerMs.p99 / bareMs.p99 },
    passageAt1: {
      answer: judged ? answerHits / judged : Number.NaN,
      bareMiniSearch: judged ? bareHits / judged : Number.NaN,
      questions: judged,
    },
  };
}

interface ManyReport {
  collections: number;
  paragraphsEach: number;
  budgetMb: number;
  asks: number;
  answered: number;
  loads: number;
  distinctAsked: number;
  reloads: number;
  evictions: number;
  estimatedMb: number;
  heapMb: number;
  answerMs: { p50: number; p99: number };
  bareMiniSearchMs: { p50: number; p99: number };
  ratio: { p50: number; p99: number };
}

/** Many small collections under a memory budget: asks spread 80/20 over them, as in a bot with many servers. */
function benchMany(
  source: Source,
  count: number,
  articlesEach: number,
  paragraphsPerArticle: number,
  budgetMb: number,
  asks: number,
  dir: string,
): ManyReport {
  const random = rng(99);
  const path = join(dir, 'many.db');
  const db = openDatabase(path);
  const store = new Store(db);
  const sentences = source.paragraphs.flatMap((p) => splitSentences(p).map((x) => x.text));
  const insertArticle = db.prepare(
    "INSERT INTO articles (collection_id, title, format, content_hash, added_at) VALUES (?, ?, 'text', ?, '2026-01-01')",
  );
  const insertParagraph = db.prepare('INSERT INTO paragraphs (article_id, n, text) VALUES (?, ?, ?)');
  const texts = new Map<string, string[]>();
  db.transaction(() => {
    for (let c = 0; c < count; c++) {
      const id = `c${c}`;
      store.ensureCollection(id);
      const own: string[] = [];
      for (let a = 0; a < articlesEach; a++) {
        const articleId = Number(insertArticle.run(id, `Article ${a}`, `${id}-${a}`).lastInsertRowid);
        for (let k = 0; k < paragraphsPerArticle; k++) {
          const n = 2 + Math.floor(random() * 3);
          const text = Array.from(
            { length: n },
            () => sentences[Math.floor(random() * sentences.length)] as string,
          ).join(' ');
          insertParagraph.run(articleId, k + 1, text);
          own.push(text);
        }
      }
      texts.set(id, own);
    }
  })();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const library = new Library(store, { memoryBudgetBytes: budgetMb * 1024 * 1024 });
  const hot = Math.max(1, Math.floor(count * 0.2));
  const answerTimes: number[] = [];
  const bareTimes: number[] = [];
  const asked = new Set<string>();
  let answered = 0;
  for (let i = 0; i < asks; i++) {
    const c = random() < 0.8 ? Math.floor(random() * hot) : hot + Math.floor(random() * (count - hot));
    const id = `c${Math.min(c, count - 1)}`;
    asked.add(id);
    const own = texts.get(id) as string[];
    const words = analyzeTerms(own[Math.floor(random() * own.length)] as string);
    const start = Math.floor(random() * Math.max(1, words.length - 4));
    const query = words.slice(start, start + 2 + Math.floor(random() * 4)).join(' ');
    const t0 = performance.now();
    const collection = library.collection(id);
    const result = answer(query, collection);
    const t1 = performance.now();
    collection.index.rawSearch(analyzeQuestion(query).terms.join(' '));
    const t2 = performance.now();
    if (result.citations.length > 0) answered++;
    answerTimes.push(t1 - t0);
    bareTimes.push(t2 - t1);
  }
  gc();
  const stats = library.stats();
  db.close();
  const answerMs = { p50: percentile(answerTimes, 0.5), p99: percentile(answerTimes, 0.99) };
  const bareMs = { p50: percentile(bareTimes, 0.5), p99: percentile(bareTimes, 0.99) };
  return {
    collections: count,
    paragraphsEach: articlesEach * paragraphsPerArticle,
    budgetMb,
    asks,
    answered,
    loads: stats.loads,
    distinctAsked: asked.size,
    reloads: stats.loads - asked.size,
    evictions: stats.evictions,
    estimatedMb: stats.estimatedBytes / 1024 / 1024,
    heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
    answerMs,
    bareMiniSearchMs: bareMs,
    ratio: { p50: answerMs.p50 / bareMs.p50, p99: answerMs.p99 / bareMs.p99 },
  };
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      squad: { type: 'string' },
      sizes: { type: 'string', default: '1000,10000,100000' },
      questions: { type: 'string', default: '500' },
      json: { type: 'boolean', default: false },
      collections: { type: 'string' },
      'articles-each': { type: 'string', default: '30' },
      'paragraphs-per-article': { type: 'string', default: '5' },
      'budget-mb': { type: 'string', default: '512' },
      asks: { type: 'string', default: '5000' },
    },
  });
  const sizes = (values.sizes ?? '').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('--sizes takes whole numbers, e.g. 1000,10000,100000');
    return 2;
  }
  const questionCount = Number(values.questions);
  const source = values.squad ? fromSquad(values.squad) : fromCorpus(DEFAULT_CORPUS_DIR, rng(7));
  const dir = mkdtempSync(join(tmpdir(), 'footnote-bench-'));
  if (values.collections) {
    try {
      const r = benchMany(
        source,
        Number(values.collections),
        Number(values['articles-each']),
        Number(values['paragraphs-per-article']),
        Number(values['budget-mb']),
        Number(values.asks),
        dir,
      );
      if (values.json) console.log(JSON.stringify(r));
      else {
        const f = (x: number) => x.toFixed(2);
        console.log(
          `${r.collections} collections of ${r.paragraphsEach} paragraphs, memory budget ${r.budgetMb} MB, ${r.asks} asks (80% to a fifth of them)`,
        );
        console.log(`  answered         ${r.answered} of ${r.asks}`);
        console.log(
          `  loads            ${r.loads} (${r.distinctAsked} collections asked, ${r.reloads} reloads after ${r.evictions} evictions)`,
        );
        console.log(
          `  memory           ${f(r.estimatedMb)} MB estimated in the library at the end, heap grew ${f(r.heapMb)} MB`,
        );
        console.log(`  answer()         p50 ${f(r.answerMs.p50)} ms, p99 ${f(r.answerMs.p99)} ms (loads included)`);
        console.log(`  bare MiniSearch  p50 ${f(r.bareMiniSearchMs.p50)} ms, p99 ${f(r.bareMiniSearchMs.p99)} ms`);
        console.log(`  ratio            p50 ${f(r.ratio.p50)}x, p99 ${f(r.ratio.p99)}x`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return 0;
  }
  const reports: SizeReport[] = [];
  try {
    for (const size of sizes) {
      if (!values.json) process.stderr.write(`building ${size} paragraphs...\n`);
      const report = benchSize(source, size, questionCount, dir);
      reports.push(report);
      if (!values.json) {
        const f = (x: number) => x.toFixed(2);
        console.log(`\n${report.paragraphs.toLocaleString('en')} paragraphs`);
        console.log(
          `  index build      ${Math.round(report.buildParagraphsPerSecond).toLocaleString('en')} paragraphs/s`,
        );
        console.log(`  heap             ${Math.round(report.heapBytesPerParagraph)} bytes/paragraph`);
        console.log(
          `  cold start       ${Math.round(report.coldStartMs.total)} ms (open ${f(report.coldStartMs.open)}, load ${Math.round(report.coldStartMs.load)}, index ${Math.round(report.coldStartMs.index)}, first answer ${f(report.coldStartMs.firstAnswer)})`,
        );
        console.log(`  answer()         p50 ${f(report.answerMs.p50)} ms, p99 ${f(report.answerMs.p99)} ms`);
        console.log(
          `  bare MiniSearch  p50 ${f(report.bareMiniSearchMs.p50)} ms, p99 ${f(report.bareMiniSearchMs.p99)} ms`,
        );
        console.log(`  ratio            p50 ${f(report.ratio.p50)}x, p99 ${f(report.ratio.p99)}x`);
        console.log(
          `  passage@1        answer() ${f(report.passageAt1.answer)}, bare MiniSearch ${f(report.passageAt1.bareMiniSearch)} (${report.passageAt1.questions} questions)`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (values.json)
    console.log(JSON.stringify({ node: process.version, source: values.squad ?? 'corpus', sizes: reports }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
