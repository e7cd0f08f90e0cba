/**
 * Cutting text to fit Discord: at a sentence end if one is near, else at a word, with an
 * ellipsis, and never inside markdown (a cut that would leave a `**` or `` ` `` open closes it).
 * Mentions and markdown in quoted article text are neutralised so a quote can never ping or
 * restyle anything.
 */

const ELLIPSIS = '…';

/** Close any markdown left open by a cut: bold, italic (underscore), strike-through, inline code. */
function closeMarkdown(text: string): string {
  let out = text;
  const count = (s: string, token: string) => s.split(token).length - 1;
  if (count(out, '`') % 2 === 1) out += '`';
  const withoutCode = out.replace(/`[^`]*`/g, '');
  if (count(withoutCode, '**') % 2 === 1) out += '**';
  if (count(withoutCode, '~~') % 2 === 1) out += '~~';
  if (count(withoutCode.replace(/\*\*/g, ''), '__') % 2 === 1) out += '__';
  return out;
}

/** Text of at most `max` characters: whole, or cut at a sentence or word end with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length - 4; // space for the ellipsis and markdown closers
  if (room <= 0) return text.slice(0, max);
  const head = text.slice(0, room);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  const wordEnd = head.lastIndexOf(' ');
  let cut: number;
  if (sentenceEnd >= room * 0.6) cut = sentenceEnd + 1;
  else if (wordEnd >= room * 0.5) cut = wordEnd;
  else cut = room;
  // Never leave half a markdown token behind.
  let piece = text
    .slice(0, cut)
    .replace(/[*_~`]+$/, '')
    .trimEnd();
  piece = closeMarkdown(piece);
  const result = `${piece}${ELLIPSIS}`;
  return result.length <= max ? result : text.slice(0, max);
}

/**
 * Article text made inert for Discord markdown: mentions (`@everyone`, `<@123>`, `<@&role>`,
 * `<#channel>`) lose their power and markdown characters are escaped. `allowedMentions` already
 * stops pings; this also stops a quote from *looking* like one.
 */
export function escapeArticleText(text: string): string {
  return text
    .replace(/([\\*_~`|])/g, '\\$1')
    .replace(/^(>+)/gm, '\\$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>')
    .replace(/@(everyone|here)\b/g, '@\u200b$1');
}
