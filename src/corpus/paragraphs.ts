/**
 * Paragraph splitting that understands news copy. Input is a list of raw blocks (lines of a
 * plain-text file, Markdown paragraphs, HTML block elements); output is the article's
 * paragraphs, each with its 1-based number (¶) and the section heading above it.
 *
 * Rules:
 * - A short all-caps line ("CEASEFIRE CALLS", "DEFECTION?") is a section heading: it is attached
 *   to the paragraphs under it and is never a paragraph of its own. Headings from Markdown (#) or
 *   HTML (<h2>) are headings too.
 * - A dateline on a line of its own ("PARIS (Reuters) -") is joined to the paragraph after it.
 * - The credit line "(Additional reporting by ...; Editing by ...)" is an ordinary paragraph.
 * - White space is collapsed; empty blocks are dropped, and so is a block that repeats an
 *   earlier paragraph word for word.
 * - A block longer than `maxParagraphLength` is cut at sentence ends (at a word as a last resort).
 */
import { ARTICLE_LIMITS } from './limits.js';

export interface RawBlock {
  readonly text: string;
  /** True when the source marked the block as a heading (Markdown #, HTML <h1>-<h6>). */
  readonly heading?: boolean;
}

export interface Paragraph {
  /** 1-based position among the article's paragraphs (headings are not counted). */
  readonly n: number;
  readonly text: string;
  /** The section heading this paragraph sits under, if any. */
  readonly heading?: string;
}

const MAX_HEADING_WORDS = 8;
const MAX_HEADING_CHARS = 80;

/** Collapse runs of white space (including non-breaking and zero-width) to one space. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}

/** A short line in capitals with at least two letters: "CEASEFIRE CALLS", "DEFECTION?". */
export function isAllCapsHeading(line: string): boolean {
  const text = collapseSpace(line);
  if (text.length === 0 || text.length > MAX_HEADING_CHARS) return false;
  if (text.split(' ').length > MAX_HEADING_WORDS) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 2) return false;
  if (!letters.every((ch) => ch === ch.toUpperCase() && ch !== ch.toLowerCase())) return false;
  // A heading is words, not a sentence: no sentence punctuation inside, at most one mark at the end.
  return !/[.,;:"“”()]/.test(text.replace(/[?!.]$/, ''));
}

/** "PARIS (Reuters) -" or "WASHINGTON, May 3 (AP) —" standing alone. */
export function isBareDateline(line: string): boolean {
  const text = collapseSpace(line);
  return text.length <= 80 && /^[\p{Lu}][\p{Lu}\p{L}/ .,'-]*(?:,[^()]{0,40})?\s*\([^)]{1,40}\)\s*[-–—]+$/u.test(text);
}

/** Split an over-long block at sentence ends into pieces of at most `max` characters. */
export function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const sentences = text.match(/[^.!?]+(?:[.!?]+["'”’)]*\s*|$)/g) ?? [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    if (sentence.length > max) {
      flush();
      // No sentence end within reach: cut at the last space before the limit.
      let rest = sentence;
      while (rest.length > max) {
        let cut = rest.lastIndexOf(' ', max);
        if (cut <= 0) cut = max;
        pieces.push(rest.slice(0, cut).trim());
        rest = rest.slice(cut);
      }
      current = rest;
    } else if (current.length + sentence.length > max) {
      flush();
      current = sentence;
    } else {
      current += sentence;
    }
  }
  flush();
  return pieces.filter((p) => p.length > 0);
}

/** Turn raw blocks into numbered paragraphs with their section headings. */
export function toParagraphs(
  blocks: readonly RawBlock[],
  maxParagraphLength: number = ARTICLE_LIMITS.maxParagraphLength,
): Paragraph[] {
  const out: Paragraph[] = [];
  const seen = new Set<string>();
  let heading: string | undefined;
  let pendingDateline = '';
  const emit = (text: string) => {
    for (const piece of splitLong(text, maxParagraphLength)) {
      if (seen.has(piece)) continue;
      seen.add(piece);
      out.push(
        heading === undefined ? { n: out.length + 1, text: piece } : { n: out.length + 1, text: piece, heading },
      );
    }
  };
  for (const block of blocks) {
    const text = collapseSpace(block.text);
    if (!text) continue;
    if (block.heading || isAllCapsHeading(text)) {
      heading = text;
      continue;
    }
    if (isBareDateline(text)) {
      // Two datelines in a row: the first had no story; keep it as a paragraph of its own.
      if (pendingDateline) emit(pendingDateline);
      pendingDateline = text;
      continue;
    }
    emit(pendingDateline ? `${pendingDateline} ${text}` : text);
    pendingDateline = '';
  }
  if (pendingDateline) emit(pendingDateline);
  return out;
}
