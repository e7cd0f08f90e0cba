/** Plain-text rendering of answers, passages and article lists for the terminal (ANSI colour optional). */
import type { AnswerResult, Citation } from '../answer/engine.js';
import { answerRanges, markRanges } from '../answer/highlight.js';
import type { PassageSearch } from '../search/passages.js';
import { readAs } from '../search/spelling.js';
import type { ArticleRecord } from '../storage/store.js';

export interface Style {
  readonly bold: (s: string) => [string, string];
  readonly dim: string;
  readonly reset: string;
  readonly answer: string;
}

const ANSI = { boldOpen: '\u001b[1;33m', close: '\u001b[0m', dim: '\u001b[2m', answer: '\u001b[1;32m' };

export function render(color: boolean) {
  const open = color ? ANSI.boldOpen : '';
  const close = color ? ANSI.close : '';
  const dim = (s: string) => (color ? `${ANSI.dim}${s}${ANSI.close}` : s);
  const strong = (s: string) => (color ? `${ANSI.answer}${s}${ANSI.close}` : s);

  const where = (c: { article: Citation['article']; paragraph: number }) =>
    dim(
      `#${c.article.id} ${c.article.title}, ¶${c.paragraph}${c.article.source ? ` (${c.article.source})` : ''}${c.article.url ? ` ${c.article.url}` : ''}`,
    );

  function citation(c: Citation, k: number, answer: string | null): string {
    let shown = c.sentence;
    let ranges = answerRanges(shown, answer);
    if (answer && ranges.length === 0 && answerRanges(c.text, answer).length > 0) {
      shown = c.text;
      ranges = answerRanges(shown, answer);
    }
    return `  [${k + 1}] ${markRanges(shown, ranges, open, close)}\n      ${where(c)}`;
  }

  return {
    answer(result: AnswerResult): string {
      const lines: string[] = [];
      if (result.answer !== null) {
        lines.push(`${strong(result.answer)}  ${dim(`(confidence ${result.confidence.toFixed(2)})`)}`);
      } else if (result.summary) {
        lines.push(result.citations.length > 0 ? 'How the articles begin:' : 'There are no articles here yet.');
      } else if (result.polar) {
        lines.push('Footnote does not answer yes or no for the articles. What they say about it:');
      } else if (result.unsure) {
        lines.push('No sure answer. These passages may hold it:');
      } else if (result.citations.length > 0) {
        lines.push('Not in the articles. The closest passages:');
      } else {
        lines.push('Not in the articles, and no passage comes close.');
      }
      if (result.corrections) lines.push(dim(`  (${readAs(result.corrections)})`));
      for (const [k, c] of result.citations.slice(0, 3).entries()) lines.push(citation(c, k, result.answer));
      return lines.join('\n');
    },

    passages({ matches, corrections }: PassageSearch): string {
      const read = corrections.length > 0 ? `${dim(`  (${readAs(corrections)})`)}\n` : '';
      if (matches.length === 0) return `${read}No passage matches.`;
      return (
        read +
        matches
          .map((m, k) => `  [${k + 1}] ${markRanges(m.text, m.highlights, open, close)}\n      ${where(m)}`)
          .join('\n')
      );
    },

    articles(list: readonly ArticleRecord[]): string {
      if (list.length === 0) return 'No articles yet. Add one with /add FILE_OR_URL.';
      return list
        .map(
          (a) =>
            `  #${a.id}  ${a.title}  ${dim(`${a.paragraphCount} ¶${a.source ? `, ${a.source}` : ''}${a.url ? `, ${a.url}` : ''}`)}`,
        )
        .join('\n');
    },

    added(a: ArticleRecord, firstParagraph: string | undefined): string {
      return `Added #${a.id} "${a.title}" (${a.paragraphCount} paragraphs).${firstParagraph ? `\n  ${dim(firstParagraph.length > 200 ? `${firstParagraph.slice(0, 199)}…` : firstParagraph)}` : ''}`;
    },
  };
}
