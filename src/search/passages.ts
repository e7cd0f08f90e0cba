/**
 * /search: the paragraphs that best match a query, with the places of the matched words so a
 * front end can show them in bold.
 */
import type { CitedArticle, Collection } from '../collection.js';
import { UserError } from '../errors.js';
import { tokenize, uniqueTerms } from '../text/analyze.js';
import { type Correction, correctSpelling } from './spelling.js';

export interface PassageMatch {
  readonly article: CitedArticle;
  readonly paragraph: number;
  readonly text: string;
  readonly heading?: string;
  readonly score: number;
  /** Character ranges of matched words in `text`, in order, not overlapping. */
  readonly highlights: readonly { readonly start: number; readonly end: number }[];
}

export interface PassageSearchOptions {
  readonly article?: number;
  readonly limit?: number;
}

/** The passages found, and what misspelt words of the query were read as (empty when none were). */
export interface PassageSearch {
  readonly matches: PassageMatch[];
  readonly corrections: readonly Correction[];
}

export const DEFAULT_SEARCH_LIMIT = 10;

/** Words of `text` whose index term is in `terms`, as character ranges. */
export function highlightRanges(text: string, terms: ReadonlySet<string>): { start: number; end: number }[] {
  return tokenize(text)
    .filter((t) => t.term !== null && terms.has(t.term))
    .map((t) => ({ start: t.start, end: t.end }));
}

export function searchPassages(
  query: string,
  collection: Collection,
  options: PassageSearchOptions = {},
): PassageSearch {
  if (options.article !== undefined && !collection.article(options.article)) {
    throw new UserError('NOT_FOUND', `There is no article #${options.article} here.`);
  }
  const { text, corrections } = correctSpelling(query, collection);
  return { matches: matchPassages(text, collection, options), corrections };
}

function matchPassages(query: string, collection: Collection, options: PassageSearchOptions): PassageMatch[] {
  const terms = uniqueTerms(query);
  if (terms.length === 0) return [];
  const termSet = new Set(terms);
  const hits = collection.index.search(terms, {
    limit: options.limit ?? DEFAULT_SEARCH_LIMIT,
    ...(options.article !== undefined ? { articleId: options.article } : {}),
  });
  return hits.flatMap((hit) => {
    const paragraph = collection.paragraph(hit.id);
    const article = paragraph && collection.citedArticle(paragraph.articleId);
    if (!paragraph || !article) return [];
    return [
      {
        article,
        paragraph: paragraph.n,
        text: paragraph.text,
        ...(paragraph.heading ? { heading: paragraph.heading } : {}),
        score: hit.score,
        highlights: highlightRanges(paragraph.text, termSet),
      },
    ];
  });
}
