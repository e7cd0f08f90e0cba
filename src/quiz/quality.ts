/**
 * The rules every generated question must pass, checked independently of the generator:
 * four options with the answer once; no option equal to or a variant of another; the answer
 * nowhere else in the stem; distractors of the answer's type; a citation whose sentence holds
 * the answer.
 */
import { fold } from '../text/analyze.js';
import { nameHints } from '../text/lexicon.js';
import { dateShape, isVariant, OPTION_COUNT, type QuizQuestion } from './generate.js';

function typeOk(question: QuizQuestion, option: string): boolean {
  switch (question.type) {
    case 'NUMBER':
      return /^\d[\d,.]*$/.test(option);
    case 'DATE':
      return dateShape(option) !== null && dateShape(option) === dateShape(question.answer);
    default: {
      if (/\d/.test(option) || !/^\p{Lu}/u.test(option)) return false;
      const w = fold(option).split(/\s+/);
      const hints = new Set(w.flatMap((x) => nameHints(x)));
      if (question.type === 'PERSON')
        return !(w.length === 1 && (hints.has('place') || hints.has('org') || hints.has('month')));
      if (question.type === 'PLACE') return !(hints.has('first') && !hints.has('place'));
      return true;
    }
  }
}

/** The rules a question breaks (empty when it passes them all). */
export function qualityProblems(q: QuizQuestion): string[] {
  const problems: string[] = [];
  if (q.options.length !== OPTION_COUNT) problems.push(`has ${q.options.length} options`);
  if (q.options[q.answerIndex] !== q.answer || q.options.filter((o) => o === q.answer).length !== 1)
    problems.push('answer not among the options exactly once');
  for (let i = 0; i < q.options.length; i++) {
    for (let j = i + 1; j < q.options.length; j++) {
      if (isVariant(q.options[i] as string, q.options[j] as string))
        problems.push(`options "${q.options[i]}" and "${q.options[j]}" are variants`);
    }
  }
  const stem = ` ${fold(q.stem).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const answer = fold(q.answer)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (answer && stem.includes(` ${answer} `)) problems.push('answer shows in the stem');
  for (const option of q.options)
    if (option !== q.answer && !typeOk(q, option)) problems.push(`distractor "${option}" is not a ${q.type}`);
  if (!q.citation.sentence.includes(q.answer)) problems.push('cited sentence does not hold the answer');
  if (q.citation.paragraph < 1) problems.push('no paragraph number');
  return problems;
}

export interface QualityReport {
  readonly questions: number;
  readonly passing: number;
  readonly share: number;
  readonly failures: ReadonlyArray<{ stem: string; problems: readonly string[] }>;
}

export function qualityReport(questions: readonly QuizQuestion[]): QualityReport {
  const failures = questions
    .map((q) => ({ stem: q.stem, problems: qualityProblems(q) }))
    .filter((f) => f.problems.length > 0);
  const passing = questions.length - failures.length;
  return { questions: questions.length, passing, share: questions.length ? passing / questions.length : 1, failures };
}
