/**
 * The terminal's commands, one line in and text out, over one collection:
 * /ask, /search, /articles, /add, /remove, /help, /quit; plain text is a question.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { answer } from '../answer/engine.js';
import { QUESTION_LIMITS } from '../answer/question.js';
import { formatBytes } from '../corpus/article.js';
import { type Fetched, type FetchOptions, fetchArticle } from '../corpus/fetch.js';
import { ARTICLE_LIMITS } from '../corpus/limits.js';
import { isUserError, UserError } from '../errors.js';
import type { Library } from '../library.js';
import { acceptsTyped, generateQuiz, type QuizQuestion } from '../quiz/generate.js';
import { QUIZ_LIMITS } from '../quiz/service.js';
import { searchPassages } from '../search/passages.js';
import { render } from './render.js';

export interface SessionOptions {
  readonly library: Library;
  readonly collectionId: string;
  readonly color: boolean;
  readonly allowPrivateUrls: boolean;
  /** Replaceable for tests. */
  readonly fetch?: (url: string, options: FetchOptions) => Promise<Fetched>;
  /** Seed for quizzes (tests fix it). */
  readonly seed?: () => number;
}

export interface Reply {
  readonly output: string;
  readonly quit?: boolean;
}

export const HELP = `Footnote answers questions from your articles and shows the passage each answer comes from.

  QUESTION            ask a question (same as /ask); "tldr" shows how the articles begin
  /ask QUESTION       answer with the cited passages
  /search QUERY       the passages that best match the words
  /articles           list the articles
  /add FILE_OR_URL    add an article (.txt, .md or .html file, or a web page)
  /quiz [N] [cloze]   a solo quiz of N questions (default 5) from the articles;
                      answer A-D, or type the answer in cloze mode; /quiz stop ends it
  /remove ID          remove an article by its #id
  /help               this help
  /quit               leave (or Ctrl-D)`;

interface TerminalQuiz {
  readonly questions: readonly QuizQuestion[];
  readonly cloze: boolean;
  position: number;
  right: number;
}

const LETTERS = ['A', 'B', 'C', 'D'];

export class TerminalSession {
  private readonly options: SessionOptions;
  private readonly view;
  private quiz: TerminalQuiz | undefined;

  constructor(options: SessionOptions) {
    this.options = options;
    this.view = render(options.color);
  }

  /** Handle one line. Expected failures come back as text; anything else is thrown. */
  async handle(line: string): Promise<Reply> {
    const text = line.trim();
    if (!text) return { output: '' };
    try {
      return await this.dispatch(text);
    } catch (error) {
      if (isUserError(error)) return { output: `Sorry: ${error.message}` };
      throw error;
    }
  }

  private get collection() {
    return this.options.library.collection(this.options.collectionId);
  }

  private async dispatch(text: string): Promise<Reply> {
    if (!text.startsWith('/')) return { output: this.quiz ? this.answerQuiz(text) : this.ask(text) };
    const space = text.indexOf(' ');
    const command = (space < 0 ? text : text.slice(0, space)).toLowerCase();
    const rest = space < 0 ? '' : text.slice(space + 1).trim();
    switch (command) {
      case '/ask':
        return { output: this.ask(rest) };
      case '/search':
        if (!rest) throw new UserError('BAD_INPUT', 'Give some words to search for: /search QUERY');
        return { output: this.view.passages(searchPassages(rest, this.collection, { limit: 5 })) };
      case '/articles':
      case '/list':
        return { output: this.view.articles(this.options.library.listArticles(this.options.collectionId)) };
      case '/add':
        return { output: await this.add(rest) };
      case '/remove': {
        const id = Number(rest.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0)
          throw new UserError('BAD_INPUT', 'Give the article number: /remove ID (see /articles).');
        const removed = this.options.library.removeArticle(this.options.collectionId, id);
        return { output: `Removed #${removed.id} "${removed.title}".` };
      }
      case '/quiz':
        return { output: this.startQuiz(rest) };
      case '/help':
        return { output: HELP };
      case '/quit':
      case '/exit':
        return { output: '', quit: true };
      default:
        throw new UserError('BAD_INPUT', `Unknown command ${command}. Type /help for the list.`);
    }
  }

  private startQuiz(args: string): string {
    const words = args.toLowerCase().split(/\s+/).filter(Boolean);
    if (words[0] === 'stop') {
      if (!this.quiz) return 'No quiz is running.';
      const { right, position } = this.quiz;
      this.quiz = undefined;
      return `Quiz stopped: ${right} of ${position} right.`;
    }
    const count = words.find((w) => /^\d+$/.test(w));
    const n = count ? Number(count) : QUIZ_LIMITS.defaultQuestions;
    if (n < QUIZ_LIMITS.minQuestions || n > QUIZ_LIMITS.maxQuestions) {
      throw new UserError(
        'BAD_INPUT',
        `A quiz has ${QUIZ_LIMITS.minQuestions} to ${QUIZ_LIMITS.maxQuestions} questions.`,
      );
    }
    const questions = generateQuiz(this.collection, { count: n, seed: this.options.seed?.() ?? Date.now() });
    if (questions.length === 0)
      throw new UserError('NOT_FOUND', 'These articles hold no names, numbers or dates to quiz on yet.');
    this.quiz = { questions, cloze: words.includes('cloze'), position: 0, right: 0 };
    return `Quiz: ${questions.length} questions from your articles.${this.quiz.cloze ? ' Type each answer.' : ' Answer A, B, C or D.'} (/quiz stop to end)\n\n${this.showQuestion()}`;
  }

  private showQuestion(): string {
    const quiz = this.quiz as TerminalQuiz;
    const q = quiz.questions[quiz.position] as QuizQuestion;
    const lines = [`Question ${quiz.position + 1} of ${quiz.questions.length}: ${q.stem}`];
    if (!quiz.cloze) lines.push(...q.options.map((o, i) => `  ${LETTERS[i]}) ${o}`));
    return lines.join('\n');
  }

  private answerQuiz(text: string): string {
    const quiz = this.quiz as TerminalQuiz;
    const q = quiz.questions[quiz.position] as QuizQuestion;
    let correct: boolean;
    if (quiz.cloze) correct = acceptsTyped(q, text);
    else {
      const choice = /^[a-d]$/i.test(text)
        ? LETTERS.indexOf(text.toUpperCase())
        : /^[1-4]$/.test(text)
          ? Number(text) - 1
          : -1;
      if (choice < 0) return 'Answer A, B, C or D (or /quiz stop).';
      correct = choice === q.answerIndex;
    }
    if (correct) quiz.right += 1;
    const where = `  from #${q.citation.article.id} ${q.citation.article.title}, ¶${q.citation.paragraph}: ${q.citation.sentence}`;
    const verdict = correct
      ? `Right: ${q.answer}.`
      : `Not quite: the answer is ${quiz.cloze ? '' : `${LETTERS[q.answerIndex]}) `}${q.answer}.`;
    quiz.position += 1;
    if (quiz.position >= quiz.questions.length) {
      this.quiz = undefined;
      return `${verdict}\n${where}\n\nDone: ${quiz.right} of ${quiz.questions.length} right.`;
    }
    return `${verdict}\n${where}\n\n${this.showQuestion()}`;
  }

  private ask(question: string): string {
    if (!question) throw new UserError('EMPTY_INPUT', 'Ask a question, for example: who defected?');
    if (question.length > QUESTION_LIMITS.maxLength) {
      throw new UserError('TOO_LARGE', `Questions are limited to ${QUESTION_LIMITS.maxLength} characters.`);
    }
    return this.view.answer(answer(question, this.collection));
  }

  private async add(target: string): Promise<string> {
    if (!target) throw new UserError('BAD_INPUT', 'Give a file or a web address: /add FILE_OR_URL');
    const library = this.options.library;
    if (/^https?:\/\//i.test(target)) {
      const fetched = await (this.options.fetch ?? fetchArticle)(target, {
        allowPrivate: this.options.allowPrivateUrls,
      });
      const record = library.addArticle(
        this.options.collectionId,
        {
          content: fetched.content,
          ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
          url: fetched.url,
        },
        'terminal',
      );
      return this.view.added(record, library.store.articleParagraphs(record.id)[0]?.text);
    }
    let content: Buffer;
    try {
      content = await readFile(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserError(
        'NOT_FOUND',
        code === 'ENOENT' ? `No file at ${target}.` : `Cannot read ${target} (${code}).`,
      );
    }
    if (content.byteLength > ARTICLE_LIMITS.maxBytes) {
      throw new UserError(
        'TOO_LARGE',
        `${basename(target)} is ${formatBytes(content.byteLength)}; the limit is ${formatBytes(ARTICLE_LIMITS.maxBytes)}.`,
      );
    }
    const record = library.addArticle(this.options.collectionId, { content, filename: basename(target) }, 'terminal');
    return this.view.added(record, library.store.articleParagraphs(record.id)[0]?.text);
  }
}
