/**
 * npm run bench -- [--squad FILE] [--sizes 1000,10000,100000] [--questions 500] [--json] [--keep] [--warm-up 8000]
 *
 * For each size: a collection of that many paragraphs of real prose in a SQLite file (the
 * SQuAD contexts of --squad, else the bundled corpus; past what the source holds, new
 * paragraphs made by recombining its real sentences with a fixed seed, never identical
 * copies), stored as `Store.addArticle` stores them (sentence readings included, their tagging timed), then:
 * cold start (open the database, load, index, first answer), index build
 * paragraphs/s, heap per paragraph, answer() p50/p99 and the bare MiniSearch query on the same
 * index with the same terms in the same run, their ratio, and passage@1 of both. Before any of it, the engine warms up
 * on a collection of its own (`warmUp`; `--warm-up 0` leaves that out).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { answer } from '../answer/engine.js';
import { analyzeQuestion } from '../answer/question.js';
import { DEFAULT_CORPUS_DIR } from '../config.js';
import { readCorpusFolder } from '../corpus/folder.js';
import { percentile } from '../eval/metrics.js';
import { readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { bareMiniSearchOptions, type IndexableParagraph } from '../search/index.js';
import { type Db, openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { terms as analyzeTerms } from '../text/analyze.js';
import { readingFingerprint, readParagraph } from '../text/nlp.js';
import { splitSentences } from '../text/sentences.js';
import { seededRandom as rng } from '../util/random.js';

interface BenchQuestion {
  readonly text: string;
  /** The sentence that answers it: a passage holding it is a right first passage. */
  readonly evidence?: string;
  /** The source paragraph it was asked of. */
  readonly paragraph: number;
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
      const context = p.context.replace(/\s+/g, ' ').trim();
      paragraphs.push(context);
      const sentences = splitSentences(context);
      for (const qa of p.qas) {
        const answerText = qa.answers[0]?.text.trim();
        const evidence = answerText ? sentences.find((x) => x.text.includes(answerText))?.text : undefined;
        questions.push({ text: qa.question, paragraph: paragraphs.length - 1, ...(evidence ? { evidence } : {}) });
      }
    }
  }
  return { paragraphs, questions };
}

function fromCorpus(dir: string, random: () => number): Source {
  const paragraphs = readCorpusFolder(dir).flatMap((a) => a.article.paragraphs.map((p) => p.text));
  // Keyword questions: 2 to 6 content words of a real sentence.
  const questions: BenchQuestion[] = [];
  for (let k = 0; k < 2000; k++) {
    const paragraph = Math.floor(random() * paragraphs.length);
    const gold = paragraphs[paragraph] as string;
    const sentences = splitSentences(gold);
    const evidence = sentences[Math.floor(random() * sentences.length)]?.text ?? gold;
    const words = analyzeTerms(evidence);
    if (words.length < 2) continue;
    const n = 2 + Math.floor(random() * 5);
    const start = Math.floor(random() * Math.max(1, words.length - n));
    questions.push({ text: words.slice(start, start + n).join(' '), evidence, paragraph });
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
const COLLECTION = 'bench';

/** Time spent tagging paragraphs as they are stored, and how many. */
interface Reading {
  ms: number;
  paragraphs: number;
}

/**
 * Inserts a paragraph as `Store.addArticle` does (raw SQL, for speed): the row, and its sentences' readings
 * (`readParagraph`), whose time is added to `reading`.
 */
function paragraphWriter(db: Db, reading: Reading): (articleId: number, n: number, text: string) => void {
  const insertParagraph = db.prepare('INSERT INTO paragraphs (article_id, n, text) VALUES (?, ?, ?)');
  const insertReadings = db.prepare('INSERT INTO paragraph_tags (paragraph_id, tagger, readings) VALUES (?, ?, ?)');
  const tagger = readingFingerprint();
  return (articleId, n, text) => {
    const t0 = performance.now();
    const lines = readParagraph(text);
    reading.ms += performance.now() - t0;
    reading.paragraphs += 1;
    const id = Number(insertParagraph.run(articleId, n, text).lastInsertRowid);
    if (lines !== undefined) insertReadings.run(id, tagger, lines);
  };
}

function writeCollection(path: string, paragraphs: readonly string[], collection = COLLECTION): Reading {
  const db = openDatabase(path);
  const store = new Store(db);
  store.ensureCollection(collection);
  const insertArticle = db.prepare(
    "INSERT INTO articles (collection_id, title, format, content_hash, added_at) VALUES (?, ?, 'text', ?, '2026-01-01')",
  );
  const reading = { ms: 0, paragraphs: 0 };
  const insertParagraph = paragraphWriter(db, reading);
  db.transaction(() => {
    for (let a = 0; a * PARAGRAPHS_PER_ARTICLE < paragraphs.length; a++) {
      const title = `${collection === COLLECTION ? 'Bench' : 'Warm-up'} article ${a + 1}`;
      const id = Number(insertArticle.run(collection, title, `${collection}-${a}`).lastInsertRowid);
      const slice = paragraphs.slice(a * PARAGRAPHS_PER_ARTICLE, (a + 1) * PARAGRAPHS_PER_ARTICLE);
      for (let k = 0; k < slice.length; k++) insertParagraph(id, k + 1, slice[k] as string);
    }
  })();
  db.close();
  return reading;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) for (let k = 0; k < 3; k++) collect();
}

/**
 * Heap in use. A figure is only worth printing after full collections, which need `node --expose-gc` (`npm run
 * bench` passes it); without it the heap still holds whatever garbage the last steps left (a 10k run printed 23
 * bytes a paragraph, against 1,150 measured), so every heap figure is NaN (null in `--json`) and printed as such.
 */
function heapUsed(): number {
  if ((globalThis as { gc?: () => void }).gc === undefined) return Number.NaN;
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** A heap figure as `text` prints it, or what to do when there is none. */
function heapText(value: number, text: (value: number) => string): string {
  return Number.isFinite(value) ? text(value) : 'not measured (run node with --expose-gc)';
}

/** A figure a paragraph, rounded, with its unit. */
const perParagraph = (unit: string) => (value: number) => `${Math.round(value).toLocaleString('en')} ${unit}`;

interface Timing {
  p50: number;
  p99: number;
}

function timing(samples: number[]): Timing {
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

interface ColdStart {
  /** Process start to modules loaded, database open, collection loaded, first answer (ms since start). */
  readonly modules: number;
  readonly open: number;
  readonly loaded: number;
  readonly firstAnswer: number;
}

interface SizeReport {
  paragraphs: number;
  /** Storing: tagging each paragraph's sentences to store their readings with it (`readParagraph`). */
  storeReadings: { ms: number; paragraphsPerSecond: number };
  /** First load, no snapshot yet: every paragraph analysed and indexed, snapshot saved. */
  firstBuild: { ms: number; paragraphsPerSecond: number; snapshotMb: number };
  bareMiniSearchBuild: { ms: number; paragraphsPerSecond: number; heapBytesPerParagraph: number };
  heapBytesPerParagraph: number;
  coldStart: ColdStart;
  answerMs: Timing;
  searchMs: Timing;
  bareMiniSearchMs: Timing;
  ratio: { answer: Timing; search: Timing };
  passageAt1: { answer: number; search: number; bareMiniSearch: number; questions: number };
}

/** In a fresh process (`coldstart.ts`): open the database, load the collection from its snapshot, answer once. */
function coldStartChild(path: string, question: string): ColdStart {
  const script = fileURLToPath(new URL('./coldstart.js', import.meta.url));
  const out = execFileSync(process.execPath, [script, path, COLLECTION, question], { encoding: 'utf8' });
  const report = JSON.parse(out) as ColdStart & { snapshotLoads: number; fullBuilds: number };
  if (report.snapshotLoads !== 1 || report.fullBuilds !== 0) throw new Error('cold start did not use the snapshot');
  return report;
}

/** First load: no snapshot, so every paragraph is indexed and the snapshot saved. */
function firstLoad(path: string, size: number): SizeReport['firstBuild'] {
  const store = new Store(openDatabase(path));
  const t0 = performance.now();
  new Library(store).collection(COLLECTION);
  const ms = performance.now() - t0;
  const snapshot = store.indexSnapshot(COLLECTION)?.byteLength ?? 0;
  store.db.close();
  return { ms, paragraphsPerSecond: size / (ms / 1000), snapshotMb: snapshot / 1024 / 1024 };
}

/** Paragraphs (`--warm-up`) and questions of the warm-up (`warmUp`). */
const WARM_UP = { paragraphs: 8_000, questions: 500 } as const;

/** What the warm-up asked, for the report. */
interface WarmUp {
  readonly paragraphs: number;
  readonly questions: number;
  /** Whether its paragraphs are none of the measured collections' (the source's last ones, past every size). */
  readonly disjoint: boolean;
}

/**
 * Before anything is timed, the engine answers `WARM_UP.questions` questions over a collection of its own: the
 * source's last paragraphs (`--warm-up` of them, at most half the source), in a database of their own under another
 * collection id; while the measured sizes are real paragraphs, none of them is in a measured collection. A bot that
 * has been up a while has compiled its code (V8 optimises a function only after it has run many times), holds other
 * servers' paragraphs in its caches and has grown its heap to hold them (on this host, memory touched for the first
 * time costs about 3 ms a megabyte); a collection it has not searched before is still new to every cache of the
 * engine, and that is what the bench times. With `--warm-up 0` it times a fresh process's first questions too.
 */
function warmUp(source: Source, sizes: readonly number[], paragraphs: number, dir: string): WarmUp {
  const total = source.paragraphs.length;
  const count = Math.min(paragraphs, Math.max(1, Math.floor(total / 2)));
  const first = total - count;
  const collection = 'warm-up';
  const path = join(dir, 'warm-up.db');
  writeCollection(path, source.paragraphs.slice(first), collection);
  const usable = source.questions.filter((q) => q.paragraph >= first);
  const pick = rng(1);
  const store = new Store(openDatabase(path));
  const loaded = new Library(store).collection(collection);
  let asked = 0;
  for (; asked < WARM_UP.questions && usable.length > 0; asked++)
    answer((usable[Math.floor(pick() * usable.length)] as BenchQuestion).text, loaded);
  store.db.close();
  return { paragraphs: count, questions: asked, disjoint: sizes.every((size) => size <= first) };
}

function benchSize(source: Source, size: number, questionCount: number, dir: string): SizeReport {
  const random = rng(size);
  const paragraphs = grow(source.paragraphs, size, random);
  const path = join(dir, `bench-${size}.db`);
  const reading = writeCollection(path, paragraphs);
  // Questions about paragraphs in the collection (all of the source's, past its size).
  const usable = source.questions.filter((q) => q.evidence !== undefined && q.paragraph < size);
  const pick = rng(size + 1);
  const questions: BenchQuestion[] = [];
  for (let k = 0; k < questionCount + 100 && usable.length > 0; k++)
    questions.push(usable[Math.floor(pick() * usable.length)] as BenchQuestion);

  const firstBuild = firstLoad(path, size);
  const coldStart = coldStartChild(path, questions[0]?.text ?? 'who');

  // This process: heap of the collection loaded from its snapshot.
  gc();
  const before = heapUsed();
  const store = new Store(openDatabase(path));
  const library = new Library(store);
  const collection = library.collection(COLLECTION);
  answer(questions[0]?.text ?? 'who', collection);
  gc();
  const heapBytesPerParagraph = (heapUsed() - before) / size;

  const holds = (id: number | undefined, evidence: string | undefined) =>
    id !== undefined && evidence !== undefined && (collection.paragraph(id)?.text.includes(evidence) ?? false);
  const answerTimes: number[] = [];
  const searchTimes: number[] = [];
  const bareTimes: number[] = [];
  const hits = { answer: 0, search: 0, bare: 0 };
  // Footnote first, then the baseline, each over the same questions with the other out of memory:
  // a 100k-paragraph MiniSearch is enough heap to put its collector's pauses into anyone's p99.
  questions.forEach((q, k) => {
    const queryTerms = analyzeQuestion(q.text).terms;
    const a0 = performance.now();
    const result = answer(q.text, collection);
    const a1 = performance.now();
    const searched = collection.index.search(queryTerms, { limit: 5 });
    const a2 = performance.now();
    if (k < 100) return; // warm-up
    answerTimes.push(a1 - a0);
    searchTimes.push(a2 - a1);
    const first = result.citations[0];
    const firstId = first ? collection.paragraphIdsOf(first.article.id)[first.paragraph - 1] : undefined;
    if (holds(firstId, q.evidence)) hits.answer++;
    if (holds(searched[0]?.id, q.evidence)) hits.search++;
  });

  // The baseline: a bare MiniSearch over the same paragraphs, same options.
  gc();
  const bareBefore = heapUsed();
  const b0 = performance.now();
  let bare: MiniSearch<IndexableParagraph> | undefined = new MiniSearch<IndexableParagraph>(bareMiniSearchOptions());
  for (const p of store.collectionParagraphs(COLLECTION)) bare.add(p);
  const bareMs = performance.now() - b0;
  gc();
  const bareHeap = (heapUsed() - bareBefore) / size;
  questions.forEach((q, k) => {
    const queryTerms = analyzeQuestion(q.text).terms;
    const a0 = performance.now();
    const bareHits = bare?.search(queryTerms.join(' ')) ?? [];
    const a1 = performance.now();
    if (k < 100) return; // warm-up
    bareTimes.push(a1 - a0);
    if (holds(bareHits[0]?.id as number | undefined, q.evidence)) hits.bare++;
  });
  bare = undefined;
  store.db.close();
  const judged = answerTimes.length;
  const answerMs = timing(answerTimes);
  const searchMs = timing(searchTimes);
  const bareMiniSearchMs = timing(bareTimes);
  const ratio = (a: Timing): Timing => ({ p50: a.p50 / bareMiniSearchMs.p50, p99: a.p99 / bareMiniSearchMs.p99 });
  return {
    paragraphs: size,
    storeReadings: { ms: reading.ms, paragraphsPerSecond: reading.paragraphs / (reading.ms / 1000) },
    firstBuild,
    bareMiniSearchBuild: { ms: bareMs, paragraphsPerSecond: size / (bareMs / 1000), heapBytesPerParagraph: bareHeap },
    heapBytesPerParagraph,
    coldStart,
    answerMs,
    searchMs,
    bareMiniSearchMs,
    ratio: { answer: ratio(answerMs), search: ratio(searchMs) },
    passageAt1: {
      answer: hits.answer / judged,
      search: hits.search / judged,
      bareMiniSearch: hits.bare / judged,
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
  /** Loads that indexed every paragraph (a collection's first load) and loads from a snapshot. */
  fullBuilds: number;
  snapshotLoads: number;
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
  const insertParagraph = paragraphWriter(db, { ms: 0, paragraphs: 0 });
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
          insertParagraph(articleId, k + 1, text);
          own.push(text);
        }
      }
      texts.set(id, own);
    }
  })();
  gc();
  const heapBefore = heapUsed();
  const library = new Library(store, { memoryBudgetBytes: budgetMb * 1024 * 1024 });
  const hot = Math.max(1, Math.floor(count * 0.2));
  const answerTimes: number[] = [];
  const asked = new Set<string>();
  const queries: Array<[string, string]> = [];
  let answered = 0;
  for (let i = 0; i < asks; i++) {
    const c = random() < 0.8 ? Math.floor(random() * hot) : hot + Math.floor(random() * (count - hot));
    const id = `c${Math.min(c, count - 1)}`;
    asked.add(id);
    const own = texts.get(id) as string[];
    const words = analyzeTerms(own[Math.floor(random() * own.length)] as string);
    const start = Math.floor(random() * Math.max(1, words.length - 4));
    const query = words.slice(start, start + 2 + Math.floor(random() * 4)).join(' ');
    queries.push([id, query]);
    const t0 = performance.now();
    const result = answer(query, library.collection(id));
    answerTimes.push(performance.now() - t0);
    if (result.citations.length > 0) answered++;
  }
  gc();
  const stats = library.stats();
  const heapMb = (heapUsed() - heapBefore) / 1024 / 1024;
  // The baseline, afterwards: a bare MiniSearch per collection (built once, not timed), the same queries.
  const bare = new Map<string, MiniSearch<IndexableParagraph>>();
  const bareTimes: number[] = [];
  for (const [id, query] of queries) {
    let engine = bare.get(id);
    if (!engine) {
      engine = new MiniSearch<IndexableParagraph>(bareMiniSearchOptions());
      for (const p of store.collectionParagraphs(id)) engine.add(p);
      bare.set(id, engine);
    }
    const terms = analyzeQuestion(query).terms.join(' ');
    const t0 = performance.now();
    engine.search(terms);
    bareTimes.push(performance.now() - t0);
  }
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
    fullBuilds: stats.fullBuilds,
    snapshotLoads: stats.snapshotLoads,
    estimatedMb: stats.estimatedBytes / 1024 / 1024,
    heapMb,
    answerMs,
    bareMiniSearchMs: bareMs,
    ratio: { p50: answerMs.p50 / bareMs.p50, p99: answerMs.p99 / bareMs.p99 },
  };
}

function printSize(r: SizeReport): void {
  const f = (x: number) => x.toFixed(2);
  const f3 = (x: number) => x.toFixed(3);
  const x = (t: Timing) => `p50 ${f(t.p50)}x, p99 ${f(t.p99)}x`;
  const ms = (t: Timing) => `p50 ${f(t.p50)} ms, p99 ${f(t.p99)} ms`;
  const c = r.coldStart;
  console.log(`\n${r.paragraphs.toLocaleString('en')} paragraphs`);
  console.log(
    `  storing          ${Math.round(r.storeReadings.ms)} ms tagging sentences to store with their paragraphs: ${Math.round(r.storeReadings.paragraphsPerSecond).toLocaleString('en')} paragraphs/s`,
  );
  console.log(
    `  first load       ${Math.round(r.firstBuild.ms)} ms: ${Math.round(r.firstBuild.paragraphsPerSecond).toLocaleString('en')} paragraphs/s analysed and indexed, snapshot ${f(r.firstBuild.snapshotMb)} MB saved`,
  );
  console.log(
    `  bare MiniSearch  build ${Math.round(r.bareMiniSearchBuild.ms)} ms (${Math.round(r.bareMiniSearchBuild.paragraphsPerSecond).toLocaleString('en')} paragraphs/s), heap ${heapText(r.bareMiniSearchBuild.heapBytesPerParagraph, perParagraph('bytes/paragraph'))}`,
  );
  console.log(
    `  cold start       ${Math.round(c.firstAnswer)} ms from process start to first answer (modules ${Math.round(c.modules)}, database open ${Math.round(c.open)}, collection loaded ${Math.round(c.loaded)})`,
  );
  console.log(
    `  heap             ${heapText(r.heapBytesPerParagraph, perParagraph('bytes/paragraph (texts, records and index)'))}`,
  );
  console.log(`  answer()         ${ms(r.answerMs)}  = ${x(r.ratio.answer)} bare MiniSearch`);
  console.log(`  index search     ${ms(r.searchMs)}  = ${x(r.ratio.search)} bare MiniSearch (top 5)`);
  console.log(`  bare MiniSearch  ${ms(r.bareMiniSearchMs)}`);
  console.log(
    `  passage@1        answer() ${f3(r.passageAt1.answer)}, index search ${f3(r.passageAt1.search)}, bare MiniSearch ${f3(r.passageAt1.bareMiniSearch)} (${r.passageAt1.questions} questions; right = the first passage holds the sentence that answers)`,
  );
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
      keep: { type: 'boolean', default: false },
      'warm-up': { type: 'string', default: String(WARM_UP.paragraphs) },
    },
  });
  const sizes = (values.sizes ?? '').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('--sizes takes whole numbers, e.g. 1000,10000,100000');
    return 2;
  }
  const questionCount = Number(values.questions);
  const warmUpParagraphs = Number(values['warm-up']);
  if (!Number.isInteger(warmUpParagraphs) || warmUpParagraphs < 0) {
    console.error('--warm-up takes a whole number of paragraphs (0: none)');
    return 2;
  }
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
          `  index            ${r.fullBuilds} built from the rows (first loads), ${r.snapshotLoads} loaded from snapshots`,
        );
        console.log(
          `  memory           ${f(r.estimatedMb)} MB estimated in the library at the end, heap grew ${heapText(r.heapMb, (mb) => `${f(mb)} MB`)}`,
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
  let warmed: WarmUp | undefined;
  try {
    if (warmUpParagraphs > 0) {
      warmed = warmUp(source, sizes, warmUpParagraphs, dir);
      if (!values.json)
        console.log(
          `warm-up: ${warmed.questions} questions over ${warmed.paragraphs.toLocaleString('en')} paragraphs of a collection of their own${warmed.disjoint ? ', none of them in the measured collections' : ' (the larger collections recombine their sentences)'}`,
        );
    }
    for (const size of sizes) {
      if (!values.json) process.stderr.write(`building ${size} paragraphs...\n`);
      const report = benchSize(source, size, questionCount, dir);
      reports.push(report);
      if (!values.json) printSize(report);
    }
  } finally {
    if (values.keep) process.stderr.write(`databases kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
  if (values.json)
    console.log(
      JSON.stringify({
        node: process.version,
        source: values.squad ?? 'corpus',
        warmUp: warmed ?? null,
        sizes: reports,
      }),
    );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
