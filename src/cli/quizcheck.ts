/**
 * npm run quiz-check -- [--squad FILE] [--per-article 10] [--samples 5]
 * Generates questions from every article of the bundled corpus (and of a SQuAD-layout file)
 * and reports the share that pass every quality rule, with sample questions.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CORPUS_DIR } from '../config.js';
import { readCorpusFolder } from '../corpus/folder.js';
import { loadSquad, readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { generateQuiz, type QuizQuestion } from '../quiz/generate.js';
import { qualityReport } from '../quiz/quality.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    squad: { type: 'string' },
    'per-article': { type: 'string', default: '10' },
    samples: { type: 'string', default: '5' },
  },
});
const perArticle = Number(values['per-article']);
const library = new Library(new Store(openDatabase(':memory:')), { seed: () => readCorpusFolder(DEFAULT_CORPUS_DIR) });
const seedCollection = library.collection('corpus');
const questions: QuizQuestion[] = [];
const seedQuestions: QuizQuestion[] = [];
for (const article of seedCollection.articles()) {
  const qs = generateQuiz(seedCollection, { articleId: article.id, count: perArticle, seed: article.id });
  seedQuestions.push(...qs);
  questions.push(...qs);
}
if (values.squad) {
  const squad = readSquad(values.squad);
  const ids = loadSquad(library, 'squad', squad);
  const collection = library.collection('squad');
  for (const id of ids) questions.push(...generateQuiz(collection, { articleId: id, count: perArticle, seed: id }));
}
const report = qualityReport(questions);
console.log(
  `${report.passing} of ${report.questions} generated questions pass every rule: ${(100 * report.share).toFixed(1)}%`,
);
for (const f of report.failures.slice(0, 10)) console.log(`  FAIL ${f.problems.join('; ')}: ${f.stem.slice(0, 120)}`);
console.log('\nSample questions from the bundled corpus:');
// One of each kind first, then the rest in order.
const kinds = [...new Set(seedQuestions.map((q) => q.kind))];
const samples = [
  ...kinds.map((k) => seedQuestions.find((q) => q.kind === k) as QuizQuestion),
  ...seedQuestions.filter((q) => !kinds.some((k) => seedQuestions.find((x) => x.kind === k) === q)),
];
for (const q of samples.slice(0, Number(values.samples))) {
  console.log(
    `- [${q.kind}] ${q.stem}\n  ${q.options.map((o, i) => `${'ABCD'[i]}) ${o}`).join('  ')}\n  answer: ${q.answer} (¶${q.citation.paragraph})`,
  );
}
