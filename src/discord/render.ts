/**
 * Answers, passages and articles as Discord embeds and buttons (plain API JSON, checked by the
 * reply helper). Article text is escaped so a quote never pings or restyles; the answer is bold.
 */
import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { AnswerResult, Citation } from '../answer/engine.js';
import { answerRanges, type Range } from '../answer/highlight.js';
import type { PassageMatch } from '../search/passages.js';
import { type Correction, readAs } from '../search/spelling.js';
import type { ArticleRecord } from '../storage/store.js';
import { splitSentences } from '../text/sentences.js';
import { encodeId } from './customId.js';
import type { ActionRow } from './reply.js';
import { escapeArticleText, truncate } from './text.js';

export const COLORS = { answer: 0x3ba55d, notFound: 0xfaa61a, info: 0x5865f2, error: 0xed4245 } as const;
/** Citations shown per page after the answer card. */
export const PASSAGES_PER_PAGE = 3;
/** Characters of paragraph shown around a cited sentence. */
export const WINDOW_CHARS = 700;

/** Escaped text with the given ranges in bold. */
export function boldRanges(text: string, ranges: readonly Range[]): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    out += escapeArticleText(text.slice(at, r.start));
    out += `**${escapeArticleText(text.slice(r.start, r.end))}**`;
    at = r.end;
  }
  return out + escapeArticleText(text.slice(at));
}

/** The cited sentence with a sentence of context either side, cut to `WINDOW_CHARS`, answer in bold. */
export function passageWindow(c: Citation, answer: string | null): string {
  const sentences = splitSentences(c.text);
  let k = sentences.findIndex((s) => s.text === c.sentence);
  if (k < 0) k = 0;
  const from = sentences[Math.max(0, k - 1)];
  const to = sentences[Math.min(sentences.length - 1, k + 1)];
  let start = from?.start ?? 0;
  let end = to?.end ?? c.text.length;
  if (end - start > WINDOW_CHARS) {
    start = sentences[k]?.start ?? 0;
    end = Math.min(sentences[k]?.end ?? c.text.length, start + WINDOW_CHARS);
  }
  const slice = c.text.slice(start, end);
  // The answer in bold where the cited sentence says it (the same words may stand in its neighbours too).
  const s = sentences[k];
  const offset = s ? s.start - start : 0;
  const own = s && s.end - start <= slice.length ? answerRanges(s.text, answer) : [];
  const bolded = boldRanges(
    slice,
    own.length > 0 ? own.map((r) => ({ start: r.start + offset, end: r.end + offset })) : answerRanges(slice, answer),
  );
  return `${start > 0 ? '… ' : ''}${bolded}${end < c.text.length ? ' …' : ''}`;
}

function sourceLine(c: { article: Citation['article']; paragraph: number }): string {
  const title = escapeArticleText(truncate(c.article.title, 120)).replace(/[[\]]/g, '');
  const linked = c.article.url ? `[${title}](${c.article.url})` : title;
  return `${linked} · ¶${c.paragraph}${c.article.source ? ` · ${escapeArticleText(c.article.source)}` : ''} · #${c.article.id}`;
}

function button(customId: string, label: string, style: ButtonStyle = ButtonStyle.Secondary, disabled = false) {
  return {
    type: ComponentType.Button as const,
    custom_id: customId,
    label,
    style: style as ButtonStyle.Secondary,
    disabled,
  };
}

/** The answer card (page 0) or a page of further passages (page 1, 2, ...). */
export function answerCard(
  result: AnswerResult,
  askId: number,
  page = 0,
): { embeds: APIEmbed[]; components: ActionRow[] } {
  const pages = 1 + Math.ceil(Math.max(0, result.citations.length - 1) / PASSAGES_PER_PAGE);
  const current = Math.min(page, pages - 1);
  const embeds: APIEmbed[] = [];
  if (current === 0) {
    const first = result.citations[0];
    if (result.answer !== null && first) {
      const extra = result.citations
        .slice(1)
        .filter((c) => answerRanges(c.sentence, result.answer).length > 0)
        .slice(0, 2);
      embeds.push({
        color: COLORS.answer,
        title: truncate(result.answer, 250),
        description: `> ${passageWindow(first, result.answer)}`,
        fields: [
          { name: 'Source', value: sourceLine(first) },
          ...extra.map((c) => ({
            name: `Also ¶${c.paragraph}`,
            value: `> ${boldRanges(c.sentence, answerRanges(c.sentence, result.answer))}\n${sourceLine(c)}`,
          })),
        ],
        footer: {
          text: [`Confidence ${Math.round(result.confidence * 100)}%`, readAs(result.corrections)]
            .filter(Boolean)
            .join(' · '),
        },
      });
    } else if (result.summary) {
      embeds.push({
        color: COLORS.info,
        title: 'How the articles begin',
        description:
          result.citations.length > 0
            ? 'Their opening paragraphs, the newest article first (ask about anything in them):'
            : 'There are no articles here yet.',
        fields: result.citations.slice(0, PASSAGES_PER_PAGE).map((c) => ({
          name: escapeArticleText(truncate(c.article.title, 200)),
          value: `> ${escapeArticleText(truncate(c.sentence, 600))}\n${sourceLine(c)}`,
        })),
      });
    } else {
      embeds.push({
        color: COLORS.notFound,
        title: result.polar ? 'Yes or no?' : result.unsure ? 'No sure answer' : 'Not in the articles',
        description: result.polar
          ? 'Footnote does not answer yes or no for the articles. What they say about it:'
          : result.unsure
            ? 'These passages may hold the answer, but not clearly enough to pick one out:'
            : result.citations.length > 0
              ? 'The articles do not answer that. The closest passages:'
              : 'No passage comes close to that question.',
        fields: result.citations.slice(0, PASSAGES_PER_PAGE).map((c, i) => ({
          name: `${i + 1}. ¶${c.paragraph}`,
          value: `> ${escapeArticleText(truncate(c.sentence, 600))}\n${sourceLine(c)}`,
        })),
        ...(result.corrections ? { footer: { text: readAs(result.corrections) } } : {}),
      });
    }
  } else {
    const slice = result.citations.slice(1 + (current - 1) * PASSAGES_PER_PAGE, 1 + current * PASSAGES_PER_PAGE);
    embeds.push({
      color: COLORS.info,
      title: 'More passages',
      fields: slice.map((c) => ({
        name: `¶${c.paragraph}`,
        value: `> ${passageWindow(c, result.answer)}\n${sourceLine(c)}`,
      })),
      footer: { text: `Page ${current + 1} of ${pages}` },
    });
  }
  const components: ActionRow[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        ...(current > 0
          ? [button(encodeId('ask', 'page', askId, current - 1), current === 1 ? 'Back to the answer' : 'Previous')]
          : []),
        ...(current < pages - 1
          ? [button(encodeId('ask', 'page', askId, current + 1), 'More passages', ButtonStyle.Primary)]
          : []),
        button(encodeId('ask', 'vote', askId, 'up'), '👍'),
        button(encodeId('ask', 'vote', askId, 'down'), '👎'),
      ],
    },
  ];
  return { embeds, components };
}

/** One page of /search results with the matched words in bold. */
export function searchPage(
  query: string,
  matches: readonly PassageMatch[],
  searchId: number,
  page: number,
  pageSize: number,
  hasMore: boolean,
  corrections: readonly Correction[] = [],
): { embeds: APIEmbed[]; components: ActionRow[] } {
  const embed: APIEmbed = {
    color: COLORS.info,
    title: truncate(`Passages for “${query}”`, 250),
    description: matches.length === 0 ? 'No passage matches those words.' : undefined,
    fields: matches.map((m, i) => ({
      name: `${page * pageSize + i + 1}. ¶${m.paragraph}`,
      value: `> ${boldRanges(
        truncate(m.text, 700),
        m.highlights.filter((h) => h.end <= Math.min(m.text.length, 690)),
      )}\n${sourceLine(m)}`,
    })),
    footer: { text: [`Page ${page + 1}`, readAs(corrections)].filter(Boolean).join(' · ') },
  };
  const buttons = [
    ...(page > 0 ? [button(encodeId('search', 'page', searchId, page - 1), 'Previous')] : []),
    ...(hasMore ? [button(encodeId('search', 'page', searchId, page + 1), 'Next', ButtonStyle.Primary)] : []),
  ];
  return {
    embeds: [embed],
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

export const ARTICLES_PER_PAGE = 10;

export function articleListPage(
  articles: readonly ArticleRecord[],
  page: number,
): { embeds: APIEmbed[]; components: ActionRow[] } {
  const pages = Math.max(1, Math.ceil(articles.length / ARTICLES_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const slice = articles.slice(current * ARTICLES_PER_PAGE, (current + 1) * ARTICLES_PER_PAGE);
  const lines = slice.map(
    (a) =>
      `**#${a.id}** ${escapeArticleText(truncate(a.title, 90))} · ${a.paragraphCount} ¶${a.source ? ` · ${escapeArticleText(a.source)}` : ''}`,
  );
  const buttons = [
    ...(current > 0 ? [button(encodeId('article', 'list', current - 1), 'Previous')] : []),
    ...(current < pages - 1 ? [button(encodeId('article', 'list', current + 1), 'Next', ButtonStyle.Primary)] : []),
  ];
  return {
    embeds: [
      {
        color: COLORS.info,
        title: `Articles (${articles.length})`,
        description:
          lines.length > 0 ? lines.join('\n') : 'No articles yet. A moderator can add one with `/article add`.',
        footer: { text: `Page ${current + 1} of ${pages}` },
      },
    ],
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

export function articleDetails(article: ArticleRecord, firstParagraphs: readonly string[]): APIEmbed {
  return {
    color: COLORS.info,
    title: truncate(article.title, 250),
    ...(article.url ? { url: article.url } : {}),
    description: firstParagraphs.map((p, i) => `**¶${i + 1}** ${escapeArticleText(truncate(p, 900))}`).join('\n\n'),
    fields: [
      { name: 'Id', value: `#${article.id}`, inline: true },
      { name: 'Paragraphs', value: String(article.paragraphCount), inline: true },
      ...(article.source ? [{ name: 'Source', value: escapeArticleText(article.source), inline: true }] : []),
      ...(article.published ? [{ name: 'Published', value: escapeArticleText(article.published), inline: true }] : []),
      {
        name: 'Added',
        value: `<t:${Math.floor(Date.parse(article.addedAt) / 1000)}:D>${article.addedBy && /^\d+$/.test(article.addedBy) ? ` by <@${article.addedBy}>` : ''}`,
        inline: true,
      },
    ],
  };
}

export function confirmRemoval(article: ArticleRecord): { embeds: APIEmbed[]; components: ActionRow[] } {
  return {
    embeds: [
      {
        color: COLORS.error,
        title: 'Remove this article?',
        description: `**#${article.id}** ${escapeArticleText(truncate(article.title, 200))} (${article.paragraphCount} ¶). This cannot be undone.`,
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          button(encodeId('article', 'remove', article.id), 'Remove', ButtonStyle.Danger),
          button(encodeId('article', 'cancel'), 'Keep it'),
        ],
      },
    ],
  };
}

export function addedArticle(article: ArticleRecord, firstParagraph: string | undefined): APIEmbed {
  return {
    color: COLORS.answer,
    title: truncate(`Added #${article.id}: ${article.title}`, 250),
    ...(article.url ? { url: article.url } : {}),
    description: firstParagraph ? `> ${escapeArticleText(truncate(firstParagraph, 500))}` : undefined,
    footer: { text: `${article.paragraphCount} paragraphs · members can now /ask about it` },
  };
}
