import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surfaceOverlap, surfaceQuery } from '../../src/text/surface.js';

/** The sentences of `text` as offsets, split after each full stop (enough for these fixtures). */
function sentencesOf(text: string) {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++)
    if (text[i] === '.') {
      out.push({ start, end: i + 1 });
      start = i + 2;
    }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

function overlap(question: string, text: string, weightOf?: (word: string) => number) {
  return surfaceOverlap(surfaceQuery(question, weightOf), text, sentencesOf(text));
}

/** The run and pair counts alone. */
function runs(found: ReturnType<typeof overlap>) {
  return { run: found.run, pairs: found.pairs, paragraphPairs: found.paragraphPairs };
}

describe('surfaceQuery', () => {
  it("counts the question's words and its distinct word pairs, case aside", () => {
    const q = surfaceQuery('Who said what, and WHO said it?');
    expect(q.length).toBe(7);
    // who said · said what · what and · and who · (who said again) · said it
    expect(q.pairs).toBe(5);
  });

  it('reads words of any script and an empty question as none', () => {
    expect(surfaceQuery('Où est Zürich?').length).toBe(3);
    expect(surfaceQuery('¿?').length).toBe(0);
    expect(surfaceQuery('').pairs).toBe(0);
  });
});

describe('surfaceOverlap', () => {
  it('finds the longest copied run, function words included, within one sentence', () => {
    const text = 'The cult was introduced into Greece from Anatolia. The cult was probably introduced from Anatolia.';
    const found = overlap('The cult was probably introduced from where?', text);
    expect(found.run).toBe(6);
    expect(found.pairs).toBe(5);
    expect(found.paragraphPairs).toBe(5);
  });

  it('does not join a run across sentences, but counts pairs over the paragraph', () => {
    const found = overlap('red green blue white', 'It was red green. Blue white it was.');
    expect(runs(found)).toEqual({ run: 2, pairs: 1, paragraphPairs: 2 });
  });

  it('matches words as written: another form of a word is another word', () => {
    expect(overlap('Who founded the company?', 'She founds companies.').run).toBe(0);
    expect(overlap('Who founded the company?', 'Smith FOUNDED THE Company.').run).toBe(3);
  });

  it('counts the distinct words of the question a sentence holds, and those the sentences hold between them', () => {
    const found = overlap(
      'Who founded the company in Paris, and who ran it?',
      'She founded it. The company ran in Paris.',
    );
    // "founded" and "it" / "the", "company", "ran", "in" and "paris"; "who" twice in the question counts once.
    expect(found.words).toBe(5);
    expect(found.paragraphWords).toBe(7);
  });

  it('weighs the words of the question as written, each distinct word once', () => {
    const weight = (word: string) => ({ founded: 0.5, company: 0.3, paris: 0.2 })[word] ?? 0;
    const q = 'Who founded the company in Paris? The company founded where?';
    expect(overlap(q, 'She founded the company. It moved to Paris.', weight).weighted).toBeCloseTo(0.8);
    // Another form of a word is another word: "founds" and "companies" weigh nothing.
    expect(overlap(q, 'She founds companies in PARIS.', weight).weighted).toBeCloseTo(0.2);
  });

  it('gives nothing for an empty question or a paragraph without sentences', () => {
    const none = { run: 0, pairs: 0, paragraphPairs: 0, words: 0, paragraphWords: 0, weighted: 0 };
    expect(overlap('', 'Anything at all.')).toEqual(none);
    expect(
      surfaceOverlap(
        surfaceQuery('any words', () => 1),
        'any words',
        [],
      ),
    ).toEqual(none);
  });

  it('reuses one query for many paragraphs with the same results as a fresh one', () => {
    const q = surfaceQuery('when did the war end');
    const a = 'The war did end. When did it end.';
    const b = 'Nothing here. When did the war end, then.';
    expect(surfaceOverlap(q, a, sentencesOf(a))).toEqual(overlap('when did the war end', a));
    expect(surfaceOverlap(q, b, sentencesOf(b))).toEqual(overlap('when did the war end', b));
    expect(surfaceOverlap(q, a, sentencesOf(a))).toEqual(overlap('when did the war end', a));
  });

  it('agrees with a plain reference on word lists', () => {
    const words = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 8 }),
        fc.array(fc.array(words, { maxLength: 8 }), { maxLength: 3 }),
        (q, sentences) => {
          const text = sentences.map((s) => `${s.join(' ')}.`).join(' ');
          const weightOf = (word: string) => word.charCodeAt(0) - 96;
          const got = overlap(q.join(' '), text, weightOf);
          // Reference: every pair of positions, every sentence; the question's distinct words in each.
          let run = 0;
          let pairs = 0;
          let words = 0;
          let weighted = 0;
          const all = new Set<string>();
          const held = new Set<string>();
          for (const s of sentences) {
            const shared = new Set(s.filter((w) => q.includes(w)));
            for (const w of shared) held.add(w);
            words = Math.max(words, shared.size);
            weighted = Math.max(
              weighted,
              [...shared].reduce((sum, w) => sum + weightOf(w), 0),
            );
            const found = new Set<string>();
            for (let i = 0; i < q.length; i++)
              for (let j = 0; j < s.length; j++) {
                let n = 0;
                while (i + n < q.length && j + n < s.length && q[i + n] === s[j + n]) n++;
                run = Math.max(run, n);
                if (n >= 2) {
                  found.add(`${q[i]} ${q[i + 1]}`);
                  all.add(`${q[i]} ${q[i + 1]}`);
                }
              }
            pairs = Math.max(pairs, found.size);
          }
          expect(got).toEqual({ run, pairs, paragraphPairs: all.size, words, paragraphWords: held.size, weighted });
        },
      ),
    );
  });
});
