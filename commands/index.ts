/** The one list of commands: the router serves these, and `npm run deploy-commands` registers these. */
import type { Command } from '../src/discord/command.js';
import { addAsArticle } from './add-as-article.js';
import { article } from './article.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { quiz } from './quiz.js';
import { search } from './search.js';

export const COMMANDS: readonly Command[] = [ask, search, article, quiz, help, addAsArticle];
