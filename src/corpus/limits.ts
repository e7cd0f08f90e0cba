/**
 * Limits on what an article may be. Each one is checked when an article is parsed, before
 * anything is stored, and breaking one is a `UserError` that says which limit and by how much.
 */
export interface ArticleLimits {
  readonly maxBytes: number;
  readonly maxParagraphs: number;
  readonly maxTitleLength: number;
  readonly maxParagraphLength: number;
  readonly minTextLength: number;
}

export const ARTICLE_LIMITS: ArticleLimits = {
  /** Raw input size (file, pasted text or downloaded page), in bytes. */
  maxBytes: 2 * 1024 * 1024,
  /** Paragraphs in one article, after splitting. */
  maxParagraphs: 2_000,
  /** Characters in a title given by a moderator or front matter. Derived titles are cut to fit. */
  maxTitleLength: 200,
  /** Characters in one paragraph; a longer block is split at sentence ends into pieces of at most this. */
  maxParagraphLength: 4_000,
  /** Characters of text an article must have after extraction. */
  minTextLength: 20,
};
