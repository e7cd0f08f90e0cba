/** Where an answer stands in a passage, for bold text in the terminal and in Discord. */

export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Character ranges of the answer's parts ("A; B" is two parts) in `text`, case-insensitive,
 * in order and not overlapping. A part that is not in the text is skipped.
 */
export function answerRanges(text: string, answer: string | null): Range[] {
  if (!answer) return [];
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const part of answer.split('; ')) {
    const needle = part.trim().toLowerCase();
    if (!needle) continue;
    const at = lower.indexOf(needle);
    if (at >= 0) ranges.push({ start: at, end: at + needle.length });
  }
  ranges.sort((a, b) => a.start - b.start);
  return ranges.filter((r, i) => i === 0 || r.start >= (ranges[i - 1] as Range).end);
}

/** Wrap each range of `text` with `open` and `close`. */
export function markRanges(text: string, ranges: readonly Range[], open: string, close: string): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    out += text.slice(at, r.start) + open + text.slice(r.start, r.end) + close;
    at = r.end;
  }
  return out + text.slice(at);
}
