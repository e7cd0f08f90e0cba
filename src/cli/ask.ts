/**
 * npm run ask -- "who defected?" [--json] [--corpus DIR] [--article ID]
 * With no question, reads questions from standard input, one per line (JSON Lines with --json).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type AnswerResult, answer } from '../answer/engine.js';
import { openLibrary } from '../app.js';
import { ConfigError, loadConfig, TERMINAL_COLLECTION } from '../config.js';
import { readCorpusFolder } from '../corpus/folder.js';
import { isUserError } from '../errors.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { render } from '../terminal/render.js';

const USAGE = 'Usage: npm run ask -- [QUESTION] [--json] [--corpus DIR] [--article ID]';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      corpus: { type: 'string' },
      article: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  let articleId: number | undefined;
  if (values.article !== undefined) {
    articleId = Number(values.article.replace(/^#/, ''));
    if (!Number.isInteger(articleId) || articleId <= 0) {
      console.error('--article takes an article number (see /articles in npm start).');
      return 2;
    }
  }
  let library: Library;
  let close = () => {};
  if (values.corpus) {
    const dir = values.corpus;
    library = new Library(new Store(openDatabase(':memory:')), { seed: () => readCorpusFolder(dir) });
  } else {
    const opened = openLibrary(config);
    library = opened.library;
    close = opened.close;
  }
  const collection = library.collection(TERMINAL_COLLECTION);
  const view = render(process.stdout.isTTY === true && !config.noColor);
  const print = (result: AnswerResult) => console.log(values.json ? JSON.stringify(result) : view.answer(result));
  const ask = (question: string) => answer(question, collection, articleId !== undefined ? { article: articleId } : {});

  try {
    if (positionals.length > 0) {
      print(ask(positionals.join(' ')));
    } else {
      for await (const line of createInterface({ input: process.stdin })) {
        if (line.trim()) print(ask(line.trim()));
      }
    }
  } finally {
    close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      error instanceof ConfigError || isUserError(error) ? error.message : `ask failed: ${(error as Error).message}`,
    );
    process.exitCode = 2;
  },
);
