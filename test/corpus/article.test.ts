import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datelineSource, deriveTitle, detectFormat, parseArticle } from '../../src/corpus/article.js';
import { UserError } from '../../src/errors.js';

const seed = readFileSync(new URL('../fixtures/corpus/seed.txt', import.meta.url));

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseArticle: plain text', () => {
  const article = parseArticle({ content: seed, filename: 'seed.txt' });

  it('reads one paragraph per line with headings attached', () => {
    expect(article.format).toBe('text');
    expect(article.paragraphs).toHaveLength(27);
    expect(article.paragraphs.find((p) => p.text.startsWith('Gaddafi describes'))?.heading).toBe('CEASEFIRE CALLS');
    expect(article.paragraphs.some((p) => p.text === 'CEASEFIRE CALLS' || p.text === 'DEFECTION?')).toBe(false);
  });

  it('derives the title from the lead and the source from the dateline', () => {
    expect(article.title).toBe('NATO plans to use attack helicopters in Libya…');
    expect(article.source).toBe('Reuters');
    // A dateline may carry the date.
    expect(datelineSource('FRANKFURT, Oct 24 (Reuters) - German carmaker Halden will cut 4,000 jobs')).toBe('Reuters');
  });

  it('keeps the credit line', () => {
    expect(article.paragraphs.at(-1)?.text).toMatch(/^\(Additional reporting by Joseph Logan in Tripoli/);
    expect(article.paragraphs.at(-1)?.n).toBe(27);
  });

  it('reads blank-line separated paragraphs and joins hard-wrapped lines', () => {
    const a = parseArticle({
      content: 'Headline of the story\n\nFirst line\nwraps here.\n\nSecond paragraph.\n\nThird one.',
    });
    expect(a.title).toBe('Headline of the story');
    expect(a.paragraphs.map((p) => p.text)).toEqual(['First line wraps here.', 'Second paragraph.', 'Third one.']);
  });

  it('gives the same hash to the same text', () => {
    expect(parseArticle({ content: seed }).contentHash).toBe(article.contentHash);
  });
});

describe('parseArticle: Markdown', () => {
  it('reads front matter and strips inline formatting', () => {
    const a = parseArticle({
      filename: 'story.md',
      content:
        '---\ntitle: "Oil chief: gone"\nsource: Reuters\nurl: https://example.com/a\npublished: 2011-05-30\n---\n\nGhanem **left** Libya, [officials](https://x) said.\n\n## DEFECTION\n\n- Koussa fled in March.\n\n> "Only God knows," Kefi said.\n\n```\ncode is not prose\n```\n',
    });
    expect(a).toMatchObject({
      title: 'Oil chief: gone',
      source: 'Reuters',
      url: 'https://example.com/a',
      published: '2011-05-30',
      format: 'markdown',
    });
    expect(a.paragraphs.map((p) => p.text)).toEqual([
      'Ghanem left Libya, officials said.',
      'Koussa fled in March.',
      '"Only God knows," Kefi said.',
    ]);
    expect(a.paragraphs[1]?.heading).toBe('DEFECTION');
  });

  it('takes a leading # heading as the title', () => {
    expect(parseArticle({ filename: 'a.md', content: '# Big news\n\nIt happened today, officials said.' }).title).toBe(
      'Big news',
    );
  });

  it('rejects broken front matter', () => {
    expect(
      errorOf(() =>
        parseArticle({ filename: 'a.md', content: '---\ntitle: [unclosed\n---\nText here for the article.' }),
      ).code,
    ).toBe('BAD_INPUT');
  });
});

describe('parseArticle: HTML', () => {
  const page = `<!doctype html><html><head><title>Oil chief defects | Example News</title>
    <link rel="canonical" href="https://news.example/oil"><meta property="article:published_time" content="2011-05-30"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
    <article><h1>Oil chief defects</h1><p class="byline">By Jane Doe</p>
    <p>TUNIS (Reuters) - Libya's top oil official Shokri Ghanem has left the country and is no longer working for Gaddafi, officials said on Monday.</p>
    <h2>DEFECTIONS</h2><p>The most prominent Libyan defector so far is Moussa Koussa, the foreign minister who fled to Britain in March, officials said.</p>
    <p>Rebels said last week he had defected, a claim Tripoli denied, saying he was on an official trip to Tunisia, Europe and Egypt.</p></article>
    <footer>Copyright 2011 Example News. All rights reserved.</footer></body></html>`;

  it('extracts the body, title and canonical URL, not the navigation', () => {
    const a = parseArticle({ content: page, filename: 'oil.html' });
    expect(a.format).toBe('html');
    expect(a.title).toBe('Oil chief defects');
    expect(a.url).toBe('https://news.example/oil');
    expect(a.paragraphs[0]?.text).toMatch(/^TUNIS \(Reuters\) - Libya's top oil official/);
    expect(a.paragraphs.map((p) => p.text).join(' ')).not.toMatch(/Log in|Copyright/);
    expect(a.paragraphs[1]?.heading).toBe('DEFECTIONS');
  });

  it('says so when a page has no article text', () => {
    expect(
      errorOf(() => parseArticle({ content: '<html><body><nav>Home</nav></body></html>', filename: 'x.html' })).code,
    ).toBe('EMPTY_INPUT');
  });
});

describe('parseArticle: bad input', () => {
  it('refuses empty input', () => {
    expect(errorOf(() => parseArticle({ content: '' })).code).toBe('EMPTY_INPUT');
    expect(errorOf(() => parseArticle({ content: ' \n\n \t' })).code).toBe('EMPTY_INPUT');
  });

  it('refuses binary files', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errorOf(() => parseArticle({ content: png, filename: 'a.txt' })).code).toBe('BINARY_INPUT');
    expect(errorOf(() => parseArticle({ content: Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x41]) })).code).toBe(
      'BINARY_INPUT',
    );
  });

  it('refuses unknown formats by name and by type', () => {
    const e = errorOf(() => parseArticle({ content: 'text', filename: 'report.pdf' }));
    expect(e.code).toBe('UNKNOWN_FORMAT');
    expect(e.message).toMatch(/\.pdf/);
    expect(errorOf(() => parseArticle({ content: 'x', contentType: 'application/pdf' })).code).toBe('UNKNOWN_FORMAT');
  });

  it('refuses input over the size limit', () => {
    const limits = {
      maxBytes: 1000,
      maxParagraphs: 10,
      maxTitleLength: 20,
      maxParagraphLength: 4000,
      minTextLength: 5,
    };
    expect(errorOf(() => parseArticle({ content: 'x'.repeat(1001) }, limits)).code).toBe('TOO_LARGE');
    expect(
      errorOf(() =>
        parseArticle({ content: Array.from({ length: 11 }, (_, i) => `Paragraph ${i}.`).join('\n') }, limits),
      ).code,
    ).toBe('TOO_MANY_PARAGRAPHS');
    expect(
      errorOf(() => parseArticle({ content: 'Some article text here.', title: 'A title that is far too long' }, limits))
        .code,
    ).toBe('BAD_INPUT');
  });

  it('refuses text too short to be an article', () => {
    expect(errorOf(() => parseArticle({ content: 'Hi.' })).code).toBe('EMPTY_INPUT');
  });
});

describe('detectFormat and deriveTitle', () => {
  it('sniffs formats when there is no file name', () => {
    expect(detectFormat('<!DOCTYPE html><html></html>')).toBe('html');
    expect(detectFormat('---\ntitle: x\n---\nbody')).toBe('markdown');
    expect(detectFormat('# Heading\n\ntext')).toBe('markdown');
    expect(detectFormat('Plain words.')).toBe('text');
  });

  it('cuts a long lead at a clause boundary', () => {
    expect(deriveTitle('LONDON (AP) - Short lead here.')).toBe('Short lead here');
    expect(
      deriveTitle(
        'PARIS (Reuters) – NATO plans to use attack helicopters in Libya to help break a military stalemate, a source said.',
      ),
    ).toBe('NATO plans to use attack helicopters in Libya…');
  });
});
