/**
 * Articles in: plain text, Markdown with front matter, or HTML, as bytes or a string, from a
 * file, a paste or a download. Out: a `ParsedArticle` (title, metadata, numbered paragraphs)
 * or a `UserError` that says exactly what is wrong. Nothing here touches storage.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { type Token as MdToken, marked } from 'marked';
import { UserError } from '../errors.js';

// linkedom (HTML) and yaml (front matter) take a quarter of a second to load, and most runs
// (a bot answering, the terminal) never parse HTML or front matter: they are loaded on first use.
const requireLazily = createRequire(import.meta.url);
const parseHTML = (html: string): ReturnType<typeof import('linkedom')['parseHTML']> =>
  (requireLazily('linkedom') as typeof import('linkedom')).parseHTML(html);
const parseYaml = (text: string): unknown => (requireLazily('yaml') as typeof import('yaml')).parse(text);

import { ARTICLE_LIMITS, type ArticleLimits } from './limits.js';
import { collapseSpace, isAllCapsHeading, type Paragraph, type RawBlock, toParagraphs } from './paragraphs.js';

export type ArticleFormat = 'text' | 'markdown' | 'html';

export interface ArticleInput {
  /** The raw bytes or text. */
  readonly content: string | Uint8Array;
  /** File name, used for the format (by extension) and as a last-resort title. */
  readonly filename?: string;
  /** MIME type, when it came from a download or an attachment. */
  readonly contentType?: string;
  /** Title, source and URL given by whoever adds the article; they win over what the text says. */
  readonly title?: string;
  readonly source?: string;
  readonly url?: string;
}

export interface ParsedArticle {
  readonly title: string;
  readonly source?: string;
  readonly url?: string;
  readonly published?: string;
  readonly format: ArticleFormat;
  readonly paragraphs: readonly Paragraph[];
  /** SHA-256 of the paragraph texts: the same article added twice has the same hash. */
  readonly contentHash: string;
}

const EXTENSIONS: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
};

/** File extensions accepted for articles, for help texts and validation. */
export const ARTICLE_EXTENSIONS = Object.keys(EXTENSIONS);

/** True when a file name ends in an article extension (.txt, .md, .html and their variants). */
export function isArticleFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && ARTICLE_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

const DERIVED_TITLE_CHARS = 70;

function decode(content: string | Uint8Array): string {
  if (typeof content === 'string') {
    if (content.includes('\u0000')) throw binaryError();
    return content;
  }
  if (content.subarray(0, 8192).includes(0)) throw binaryError();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw binaryError();
  }
}

function binaryError(): UserError {
  return new UserError('BINARY_INPUT', 'That looks like a binary file, not text. Send a .txt, .md or .html article.');
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

/** Pick the format from the file name, then the MIME type, then the text itself. */
export function detectFormat(text: string, filename?: string, contentType?: string): ArticleFormat {
  if (filename && /\.[^./\\]+$/.test(filename)) {
    const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
    const format = EXTENSIONS[ext];
    if (!format) {
      throw new UserError(
        'UNKNOWN_FORMAT',
        `Files ending in .${ext} are not supported. Use one of: ${ARTICLE_EXTENSIONS.map((e) => `.${e}`).join(', ')}.`,
      );
    }
    return format;
  }
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/markdown') return 'markdown';
  if (mime && mime !== 'text/plain' && !mime.startsWith('text/')) {
    throw new UserError('UNKNOWN_FORMAT', `Content of type ${mime} is not supported. Use text, Markdown or HTML.`);
  }
  const head = text.trimStart().slice(0, 1000).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(p|article|body|div)[\s>]/.test(head)) {
    return 'html';
  }
  if (/^---\r?\n[\s\S]*?\r?\n---/.test(text.trimStart()) || /^#{1,6} \S/m.test(text)) return 'markdown';
  return 'text';
}

interface Extracted {
  blocks: RawBlock[];
  title?: string;
  source?: string;
  url?: string;
  published?: string;
}

function extractText(text: string): Extracted {
  const normalized = text.replace(/\r\n?/g, '\n');
  const hasBlankLines = /\n[ \t]*\n/.test(normalized.trim());
  const chunks = (hasBlankLines ? normalized.split(/\n[ \t]*\n/) : normalized.split('\n'))
    .map(collapseSpace)
    .filter((chunk) => chunk.length > 0);
  // A first line that reads like a headline (short, no closing full stop) is the title.
  const first = chunks[0];
  if (first && chunks.length >= 3 && looksLikeHeadline(first)) {
    return { blocks: chunks.slice(1).map((text) => ({ text })), title: first };
  }
  return { blocks: chunks.map((text) => ({ text })) };
}

const MAX_HEADLINE_CHARS = 150;

function looksLikeHeadline(line: string): boolean {
  return (
    line.length <= MAX_HEADLINE_CHARS &&
    !/[.:;,"”')]$/.test(line) &&
    !isAllCapsHeading(line) &&
    /\p{Ll}/u.test(line) &&
    line.split(' ').length >= 2
  );
}

function inlineText(tokens: readonly MdToken[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((t) => {
      const children = 'tokens' in t ? (t.tokens as MdToken[] | undefined) : undefined;
      if (children && children.length > 0) return inlineText(children, '');
      if (t.type === 'br') return ' ';
      if (t.type === 'image') return '';
      if (t.type === 'html') return '';
      return 'text' in t && typeof t.text === 'string' ? decodeEntities(t.text) : '';
    })
    .join('');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function markdownBlocks(tokens: readonly MdToken[], out: Extracted): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const text = inlineText(token.tokens, token.text);
        if (token.depth === 1 && out.title === undefined && out.blocks.length === 0) out.title = collapseSpace(text);
        else out.blocks.push({ text, heading: true });
        break;
      }
      case 'paragraph':
      case 'text':
        out.blocks.push({ text: inlineText(token.tokens, token.text) });
        break;
      case 'list':
        for (const item of token.items) markdownBlocks(item.tokens, out);
        break;
      case 'blockquote':
        markdownBlocks(token.tokens ?? [], out);
        break;
      case 'table':
        for (const row of token.rows)
          out.blocks.push({
            text: row
              .map((cell: { text: string; tokens?: MdToken[] }) => inlineText(cell.tokens, cell.text))
              .join(' · '),
          });
        break;
      default:
        // code, html, hr and space carry no article prose.
        break;
    }
  }
}

function frontMatterString(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number') return collapseSpace(String(value)) || undefined;
  return undefined;
}

function extractMarkdown(text: string): Extracted {
  const out: Extracted = { blocks: [] };
  let body = text.replace(/\r\n?/g, '\n').replace(/^\ufeff/, '');
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(body.trimStart());
  if (fm) {
    let meta: unknown;
    try {
      meta = parseYaml(fm[1] ?? '');
    } catch (error) {
      throw new UserError(
        'BAD_INPUT',
        `The front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (meta && typeof meta === 'object') {
      const m = meta as Record<string, unknown>;
      const title = frontMatterString(m.title);
      const source = frontMatterString(m.source);
      const url = frontMatterString(m.url);
      const published = frontMatterString(m.published ?? m.date);
      if (title) out.title = title;
      if (source) out.source = source;
      if (url) out.url = url;
      if (published) out.published = published;
    }
    body = body.trimStart().slice(fm[0].length);
  }
  markdownBlocks(marked.lexer(body), out);
  return out;
}

const HTML_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td';

function extractHtml(html: string): Extracted {
  const { document } = parseHTML(html);
  const metaContent = (selector: string) => document.querySelector(selector)?.getAttribute('content') ?? undefined;
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('meta[property="og:url"]');
  const h1 = collapseSpace(document.querySelector('h1')?.textContent ?? '');
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const out: Extracted = { blocks: [] };
  if (!article?.content) return out;
  let title = collapseSpace(article.title ?? '');
  if (h1 && (!title || title.includes(h1))) title = h1;
  if (title) out.title = title;
  if (article.siteName) out.source = collapseSpace(article.siteName);
  if (article.publishedTime) out.published = article.publishedTime;
  if (canonical) out.url = canonical;
  const byline = collapseSpace(article.byline ?? '');
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  for (const el of content.querySelectorAll(HTML_BLOCKS)) {
    // Nested blocks (a <p> inside a <li> or <blockquote>) are taken once, at the innermost level.
    if (el.querySelector(HTML_BLOCKS)) continue;
    const text = collapseSpace(el.textContent ?? '');
    if (!text || text === byline || text === title) continue;
    out.blocks.push({ text, heading: /^H[1-6]$/.test(el.tagName) });
  }
  return out;
}

const DATELINE_SOURCE = /^[\p{Lu}][\p{Lu}\p{L}\d/ .,'-]*\(([^)]{2,40})\)\s*[-–—]/u;

/** "PARIS/MISRATA, Libya (Reuters) – NATO plans ..." -> "Reuters"; "FRANKFURT, Oct 24 (Reuters) - ..." too. */
export function datelineSource(firstParagraph: string): string | undefined {
  return DATELINE_SOURCE.exec(firstParagraph)?.[1]?.trim();
}

/**
 * A title from the lead when the article has none: its first sentence, dateline removed, cut
 * before a clause boundary (" to ", " with ", ", ") or at a word, to at most DERIVED_TITLE_CHARS.
 */
export function deriveTitle(firstParagraph: string): string {
  const lead = firstParagraph.replace(/^[^–—]{0,80}\([^)]{1,40}\)\s*[-–—]+\s*/u, '');
  const sentence = (/^.+?[.!?](?=\s|$)/.exec(lead)?.[0] ?? lead).replace(/[.!]$/, '');
  if (sentence.length <= DERIVED_TITLE_CHARS) return sentence;
  const head = sentence.slice(0, DERIVED_TITLE_CHARS);
  const boundary = [...head.matchAll(/,| to | with | as | after | while | because | which | that | who /g)].find(
    (m) => (m.index ?? 0) >= 30,
  );
  if (boundary?.index !== undefined) return `${head.slice(0, boundary.index)}…`;
  const cut = head.lastIndexOf(' ');
  return `${head.slice(0, cut > 20 ? cut : DERIVED_TITLE_CHARS - 1).replace(/[,;:]$/, '')}…`;
}

function contentHash(paragraphs: readonly Paragraph[]): string {
  const hash = createHash('sha256');
  for (const p of paragraphs) hash.update(`${p.text.toLowerCase()}\n`);
  return hash.digest('hex');
}

/** Parse one article. Throws `UserError` for anything a person can fix. */
export function parseArticle(input: ArticleInput, limits: ArticleLimits = ARTICLE_LIMITS): ParsedArticle {
  const size = byteLength(input.content);
  if (size === 0) throw new UserError('EMPTY_INPUT', 'The article is empty.');
  if (size > limits.maxBytes) {
    throw new UserError(
      'TOO_LARGE',
      `The article is ${formatBytes(size)}; the limit is ${formatBytes(limits.maxBytes)}.`,
    );
  }
  const text = decode(input.content);
  if (!text.trim()) throw new UserError('EMPTY_INPUT', 'The article is empty.');
  const format = detectFormat(text, input.filename, input.contentType);
  const extracted =
    format === 'html' ? extractHtml(text) : format === 'markdown' ? extractMarkdown(text) : extractText(text);
  const paragraphs = toParagraphs(extracted.blocks, limits.maxParagraphLength);
  const chars = paragraphs.reduce((sum, p) => sum + p.text.length, 0);
  if (paragraphs.length === 0 || chars < limits.minTextLength) {
    throw new UserError(
      'EMPTY_INPUT',
      format === 'html'
        ? 'No article text could be found in that page.'
        : 'The article has no text (or too little to be an article).',
    );
  }
  if (paragraphs.length > limits.maxParagraphs) {
    throw new UserError(
      'TOO_MANY_PARAGRAPHS',
      `The article has ${paragraphs.length} paragraphs; the limit is ${limits.maxParagraphs}.`,
    );
  }
  const given = input.title !== undefined ? collapseSpace(input.title) : '';
  if (given.length > limits.maxTitleLength || ((extracted.title?.length ?? 0) > limits.maxTitleLength && !given)) {
    throw new UserError('BAD_INPUT', `The title is longer than ${limits.maxTitleLength} characters.`);
  }
  const first = paragraphs[0] as Paragraph;
  const title = given || extracted.title || deriveTitle(first.text);
  const source = input.source ? collapseSpace(input.source) : (extracted.source ?? datelineSource(first.text));
  const url = input.url ?? extracted.url;
  return {
    title,
    ...(source ? { source } : {}),
    ...(url ? { url } : {}),
    ...(extracted.published ? { published: extracted.published } : {}),
    format,
    paragraphs,
    contentHash: contentHash(paragraphs),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
