/**
 * Article titles matching what a person has typed so far, for autocomplete: exact id, then
 * prefix of the title, prefix of a word, substring, and last letters-in-order (fuzzy).
 */
import { fold } from '../text/analyze.js';

export interface TitleChoice {
  readonly id: number;
  readonly title: string;
}

function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let k = 0; k < hay.length && i < needle.length; k++) if (hay[k] === needle[i]) i++;
  return i === needle.length;
}

/** Up to `limit` articles best matching `typed`, best first; all (newest first) when nothing is typed. */
export function matchTitles(articles: readonly TitleChoice[], typed: string, limit: number): TitleChoice[] {
  const q = fold(typed).replace(/^#/, '').trim();
  if (!q) return [...articles].sort((a, b) => b.id - a.id).slice(0, limit);
  const scored: Array<{ a: TitleChoice; score: number }> = [];
  for (const a of articles) {
    const title = fold(a.title);
    let score = 0;
    if (String(a.id) === q) score = 100;
    else if (title.startsWith(q)) score = 80;
    else if (title.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(q))) score = 60;
    else if (title.includes(q)) score = 40;
    else if (subsequence(q.replace(/\s+/g, ''), title.replace(/\s+/g, ''))) score = 20;
    if (score > 0) scored.push({ a, score });
  }
  return scored
    .sort((x, y) => y.score - x.score || y.a.id - x.a.id)
    .slice(0, limit)
    .map((x) => x.a);
}
