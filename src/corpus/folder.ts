/** The bundled articles: every .txt, .md and .html file of a folder, in file-name order. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isArticleFile, type ParsedArticle, parseArticle } from './article.js';

export interface FolderArticle {
  readonly filename: string;
  readonly article: ParsedArticle;
}

/** Parse every article file in `dir` (not recursive). A file that fails to parse stops the load with its name. */
export function readCorpusFolder(dir: string): FolderArticle[] {
  const names = readdirSync(dir)
    .filter(isArticleFile)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
  return names.map((filename) => {
    try {
      return { filename, article: parseArticle({ content: readFileSync(join(dir, filename)), filename }) };
    } catch (error) {
      throw new Error(`Cannot read the corpus file ${join(dir, filename)}: ${(error as Error).message}`);
    }
  });
}
