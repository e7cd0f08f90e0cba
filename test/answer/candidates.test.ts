import { describe, expect, it } from 'vitest';
import { eventCandidates, quoteSpans, sentenceCandidates, trimmedCandidates } from '../../src/answer/candidates.js';
import { terms, writesInLowerCase } from '../../src/text/analyze.js';
import { annotate } from '../../src/text/nlp.js';

const texts = (sentence: string, kind?: string) =>
  sentenceCandidates(annotate(sentence))
    .filter((c) => kind === undefined || c.kind === kind)
    .map((c) => c.text);

describe('sentenceCandidates', () => {
  it('finds the causes news gives: "on the back of", "amid", "driven by"', () => {
    const reasons = (text: string) =>
      sentenceCandidates(annotate(text))
        .filter((c) => c.kind === 'CLAUSE' && c.attribution === undefined)
        .map((c) => c.text);
    expect(reasons('Orders surged on the back of new subsidy schemes.')).toContain('new subsidy schemes');
    expect(reasons('Shares fell amid fears of a slowdown.')).toContain('fears of a slowdown');
    expect(reasons('Growth was driven by strong exports.')).toContain('strong exports');
    expect(reasons('The book was written by a committee.')).not.toContain('a committee');
    expect(reasons('Mulder blamed the loss on low turnout in the south.')).toContain('low turnout in the south');
    expect(reasons('He sat on the bench.')).toEqual([]);
    // What one is judged for.
    expect(
      reasons(
        'The Commission fined Veltrix 1.8 billion euros ($1.95 billion) on Tuesday for stopping apps from telling users.',
      ),
    ).toContain('stopping apps from telling users');
    expect(reasons('He was arrested for spying.')).toContain('spying');
    expect(reasons('She thanked them for their help.')).toEqual([]);
  });

  it('keeps a participle after a demonym in the phrase ("Swedish streaming service Nordtone"), and no bare number of a share', () => {
    expect(texts('It followed a complaint by Swedish streaming service Nordtone.', 'NP')).toContain(
      'Swedish streaming service Nordtone',
    );
    expect(texts('Penalties can reach up to 10% of sales.', 'NP')).not.toContain('10');
  });

  it('offers the common words in front of a name as what it is ("network chip designer" Korvo Systems)', () => {
    expect(texts('It agreed to buy network chip designer Korvo Systems for $14 billion.', 'NP')).toContain(
      'network chip designer',
    );
    expect(texts('It joined Seventh-day Adventists.', 'NP')).not.toContain('Seventh-day');
  });

  it('offers a group with where its members work: "Analysts at Jefferies"', () => {
    expect(texts('Analysts at Jefferies estimate peak annual sales of $5 billion.', 'NP')).toContain(
      'Analysts at Jefferies',
    );
    expect(texts('Economists from the ING Bank expect a cut.', 'NP')).toContain('Economists from the ING Bank');
    expect(texts('Experts at Harvard say so.', 'NP')).toContain('Experts at Harvard');
  });

  it('finds shares in words: "a third", "half", "two-thirds", not an ordinal before its noun', () => {
    expect(texts('Rents have risen by a third since 2019.', 'NUMBER')).toContain('a third');
    const shares = texts('Sales fell by half, and two-thirds of staff left.', 'NUMBER');
    expect(shares).toEqual(expect.arrayContaining(['half', 'two-thirds']));
    expect(texts('Profit rose in the third quarter.', 'NUMBER')).toEqual([]);
  });

  it('offers a share with what it is of, a season with its year, and a measure with its unit', () => {
    const rates = texts('The bank raised its rate by a quarter of a percentage point to 4.75%.', 'NUMBER');
    expect(rates).toEqual(expect.arrayContaining(['a quarter', 'a quarter of a percentage point']));
    expect(texts('We expect the first cut in the autumn of next year.', 'DATE')).toContain('autumn of next year');
    expect(texts('A cut is likely in the spring of 2027.', 'DATE')).toContain('spring of 2027');
    expect(texts('The 30-metre rocket took off.', 'NUMBER')).toContain('30-metre');
    expect(texts('Debris fell about 600 km east of the site.', 'NUMBER')).toEqual(
      expect.arrayContaining([expect.stringMatching(/600 km$/)]),
    );
  });

  it('reads no reported speech in whom the speaker of a quotation told ("Masebo told reporters in Lusaka")', () => {
    const clauses = (text: string) =>
      sentenceCandidates(annotate(text))
        .filter((c) => c.kind === 'CLAUSE')
        .map((c) => c.text);
    expect(clauses('"Boil your water," Masebo told reporters in Lusaka.')).not.toContain('reporters in Lusaka');
    expect(clauses('"Boil your water," Health Minister Sylvia Masebo told reporters.')).not.toContain('reporters');
    expect(clauses('Masebo told reporters the outbreak was under control.')).toContain(
      'reporters the outbreak was under control',
    );
  });

  it('finds reported speech attributed at the sentence end, without quotation marks, after a dateline', () => {
    const clause = (text: string) =>
      sentenceCandidates(annotate(text)).filter((c) => c.kind === 'CLAUSE' && c.attribution !== undefined);
    const [usgs] = clause('The quake hit at 8:42 p.m. west of Valparaiso, the U.S. Geological Survey said on Friday.');
    expect(usgs?.text).toBe('The quake hit at 8:42 p.m. west of Valparaiso');
    expect(usgs?.attribution).toBe('the U.S. Geological Survey said on Friday.');
    const dated = clause('SANTIAGO (Reuters) – A quake struck central Chile on Thursday, officials said.');
    expect(dated.map((c) => c.text)).toContain('A quake struck central Chile on Thursday');
    // Not a quotation (those are quotations of their own), and not a comma before a longer clause.
    expect(clause('"We are here for the long term," Ashton said.').some((c) => c.text.startsWith('We are'))).toBe(
      false,
    );
    expect(clause('Rebels fought hard, and the town fell before NATO said anything.').map((c) => c.text)).not.toContain(
      'Rebels fought hard',
    );
  });

  it('finds names, with titles peeled off as a second candidate', () => {
    const names = texts('Foreign Minister Sergei Lavrov met Moussa Koussa in Tripoli.', 'NAME');
    expect(names).toEqual(expect.arrayContaining(['Sergei Lavrov', 'Moussa Koussa', 'Tripoli']));
  });

  it("keeps a plural's possessive inside an organisation's name, not before another name", () => {
    const names = texts("The court upheld an injunction requested by the Workers' Party and two rail unions.", 'NAME');
    expect(names).toContain("Workers' Party");
    expect(names).not.toContain('Workers');
    expect(texts("It starred the Animaniacs' Paul Rugg.", 'NAME')).toContain('Paul Rugg');
    expect(texts("It starred the Animaniacs' Paul Rugg.", 'NAME')).not.toContain("Animaniacs' Paul Rugg");
    expect(texts("The centre-right People's Alliance won.", 'NAME')).toContain("People's Alliance");
    expect(texts("Brazil's Supreme Court ruled.", 'NAME')).not.toContain("Brazil's Supreme Court");
  });

  it('splits a run of capitals at a weekday, and after a month named alone', () => {
    const names = texts("Tunisia said on Monday Libya's top oil official was in Tunisia.", 'NAME');
    expect(names).toEqual(expect.arrayContaining(['Monday', 'Libya']));
    expect(names).not.toContain('Monday Libya');
    expect(texts('He fled in March Britain said.', 'NAME')).not.toContain('March Britain');
  });

  it('keeps hyphenated names whole, small inner words and titles included', () => {
    expect(texts('Libyans were flashing "V-for-Victory" signs.', 'NAME')).toContain('V-for-Victory');
    const names = texts('Al-Qaeda attacked Saint-Denis.', 'NAME');
    expect(names).toEqual(expect.arrayContaining(['Al-Qaeda', 'Saint-Denis']));
    expect(names).not.toContain('-Denis');
  });

  it('takes a capitalised first word for a common word when the text writes it in lower case', () => {
    const sentence = annotate('Rebels said Gaddafi forces were trying to advance into the city.');
    const kinds = (lower?: (term: string) => boolean) =>
      sentenceCandidates(sentence, lower)
        .filter((c) => c.text === 'Rebels')
        .map((c) => c.kind);
    expect(kinds()).toContain('NAME');
    expect(kinds(writesInLowerCase('rebel-held Misrata; the rebels'))).toEqual(['NP']);
    // A name the lexicon knows stays a name, and a determiner never is one.
    const tunisia = annotate('Tunisia said on Monday the official was there.');
    expect(sentenceCandidates(tunisia, writesInLowerCase('tunisia')).map((c) => c.text)).toContain('Tunisia');
    const several = texts('Several Libyans surrounded Ashton.', 'NAME');
    expect(several).toContain('Libyans');
    expect(several).not.toContain('Several Libyans');
  });

  it('offers the title in front of a name as a phrase of its own', () => {
    expect(texts('Russian Foreign Minister Sergei Lavrov met the delegation.', 'NP')).toContain(
      'Russian Foreign Minister',
    );
    // A title word further into the run ends the title there.
    const run = sentenceCandidates(annotate('Transport Minister Volker Wissing told reporters.'));
    expect(run.filter((c) => c.kind === 'NAME').map((c) => c.text)).toContain('Volker Wissing');
    expect(run.filter((c) => c.kind === 'NP').map((c) => c.text)).toContain('Transport Minister');
  });

  it('reads a clause past a quoted word inside it', () => {
    const clauses = texts('Lavrov said he would meet a Libyan "opposition" delegation in Moscow.', 'CLAUSE');
    expect(clauses).toContain('he would meet a Libyan "opposition" delegation in Moscow');
  });

  it('finds dates and numbers', () => {
    expect(texts('The 12 helicopters were shipped on May 17, 2011.')).toEqual(expect.arrayContaining(['12', '2011']));
  });

  it('reads early years as dates: with an era, after a word that says when, a span in brackets', () => {
    const dates = (sentence: string) => texts(sentence, 'DATE');
    expect(dates('The Battle of Ipsus was fought in 301 BCE.')).toEqual(['301 BCE']);
    expect(dates('Cleomenes III (235–222 BCE) ruled Sparta.')).toEqual(expect.arrayContaining(['235–222 BCE']));
    expect(dates('Vesuvius erupted in AD 79.')).toContain('AD 79');
    expect(dates('In 317 Cassander invaded Macedonia.')).toContain('317');
    expect(dates('From about 1400 onwards, there was a revival.')).toContain('1400');
    expect(dates('The Lamian War (323-322) followed.')).toContain('323-322');
    // Counts stay counts.
    expect(dates('The fleet came in 300 ships.')).toEqual([]);
    expect(dates('Exports rose by 150 to 300.')).toEqual([]);
    expect(dates('He scored 12 in 45 minutes.')).toEqual([]);
  });

  it('offers a number with the words that qualify it beside the bare number', () => {
    const all = texts('In 1884 about 325 bison remained, and nearly 1.3 million people saw more than 40 films.');
    expect(all).toEqual(expect.arrayContaining(['325', 'about 325', '1.3 million', 'nearly 1.3 million']));
    expect(all.some((t) => /^more than 40\b/.test(t))).toBe(true);
  });

  it('offers a number with its unit or counted noun, and ranges', () => {
    const all = texts('The plateau rises over 10,000 feet, and the zone extends from 1,600 to 2,400 m.');
    expect(all).toEqual(expect.arrayContaining(['10,000', '10,000 feet', 'over 10,000 feet', '1,600 to 2,400']));
    expect(texts('About 30,000 species live there.')).toEqual(expect.arrayContaining(['30,000 species']));
  });

  it('offers predicative adjectives, adverbs of manner and verb phrases', () => {
    expect(texts('Turnout was very low.', 'ADJP')).toContain('very low');
    expect(texts('Bond prices moved inversely to rates.', 'ADJP')).toContain('inversely');
    expect(texts('The price of oil nearly tripled in a year.', 'VP')).toContain('nearly tripled');
    // An adjective that modifies a noun is part of the noun phrase, not an answer of its own.
    expect(texts('A low turnout was seen.', 'ADJP')).not.toContain('low');
  });

  it('offers lists that end on "and" or "or", not phrases joined by commas alone', () => {
    expect(texts('Sony, Nintendo and Microsoft sell consoles.', 'NP')).toContain('Sony, Nintendo and Microsoft');
    expect(texts('Wolves or mountain lions live here.', 'NP')).toContain('Wolves or mountain lions');
    const appositions = texts('The treaty established the Flathead Indian Reservation, trouble followed.');
    expect(appositions.some((t) => t.includes(','))).toBe(false);
  });

  it('finds reported speech as a clause', () => {
    const clauses = texts('The rebels insist Gaddafi must renounce power.', 'CLAUSE');
    expect(clauses).toContain('Gaddafi must renounce power');
  });

  it('takes what follows a quotation\'s "said" for its speaker, not for reported speech', () => {
    const clauses = texts('"We appreciate this visit," said Mustafa Abdel Jalil, who heads the council.', 'CLAUSE');
    expect(clauses.some((t) => t.startsWith('Mustafa'))).toBe(false);
    expect(texts('"It is over", said the minister of defence.', 'CLAUSE')).toEqual([]);
  });

  it('joins a number to its time noun across a hyphen ("41-year"), not leaving the noun alone', () => {
    const durations = texts("They want to end Gaddafi's 41-year rule after a 10-day truce.", 'DURATION');
    expect(durations).toEqual(expect.arrayContaining(['41-year', '10-day']));
    expect(durations).not.toContain('year');
    expect(durations).not.toContain('day');
  });

  it('does not attach a phrase of time to a noun ("Britain in March")', () => {
    const phrases = texts('Koussa was the minister who fled to Britain in March 2011.', 'NP');
    expect(phrases.some((t) => /Britain in/.test(t))).toBe(false);
    expect(texts('He will meet on Monday with a Libyan delegation.', 'NP').some((t) => /^Monday /.test(t))).toBe(false);
    expect(texts('He bought a dual-role cannon for the army.', 'NP')).toContain('dual-role cannon for the army');
  });

  it('keeps a quoted word inside a noun phrase (a Libyan "opposition" delegation)', () => {
    expect(texts('He met a Libyan "opposition" delegation in Moscow.', 'NP')).toContain(
      'Libyan "opposition" delegation',
    );
    // A quotation that ends the phrase is not part of it.
    expect(texts('They called the rebels "heroes" on Sunday.', 'NP').some((t) => t.includes('"'))).toBe(false);
  });

  it('returns nothing for an empty sentence', () => {
    expect(texts('')).toEqual([]);
  });
});

describe('eventCandidates', () => {
  const events = (text: string, subject: string[]) => eventCandidates(annotate(text), subject).map((c) => c.text);

  it('takes the words from the verb after X to the end of its clause', () => {
    expect(events('Shares of Korvo jumped 24%, while Altera shares slipped 3%.', ['altera', 'share'])).toEqual([
      'slipped 3%',
    ]);
    expect(events('Shares of Korvo jumped 24% in premarket trading.', ['korvo', 'share'])).toEqual([
      'jumped 24% in premarket trading',
    ]);
    expect(events('The yield on 10-year Dutch government bonds rose 2 basis points.', ['bond', 'yield'])).toEqual([
      'rose 2 basis points',
    ]);
    expect(events('Ghanem was reported to have fled.', ['ghanem'])).toEqual(['was reported to have fled']);
  });

  it('needs X itself before the verb, not another word of the question', () => {
    expect(events('Nordwind raised its guidance.', ['nordwind', 'share'])).toEqual([]);
    expect(events('They sold their shares.', ['share'])).toEqual([]);
  });
});

describe('quoteSpans', () => {
  it('reads an attribution past the full stop of a title', () => {
    const [q] = quoteSpans('"This is the clearest evidence yet," said Dr. Helena Brandt, head of research. "No."');
    expect(q?.attribution).toBe('said Dr. Helena Brandt, head of research.');
  });

  it('finds quotations of three words or more with their attribution', () => {
    const [q] = quoteSpans('"We will not stop now," Ashton said. He added "yes".');
    expect(q?.text).toBe('We will not stop now');
    expect(q?.attribution).toMatch(/Ashton said/);
    expect(quoteSpans('He said "yes".')).toEqual([]);
  });
});

describe('trimmedCandidates', () => {
  /** The trimmed spans of a sentence's candidates, for a question. */
  const trimmed = (sentence: string, question: string) => {
    const tagged = annotate(sentence);
    const q = new Set(terms(question));
    const found = sentenceCandidates(tagged);
    const out = trimmedCandidates(tagged, found, (t) => t.term !== null && q.has(t.term));
    return { texts: out.map((c) => c.text), out, found };
  };

  it("trims the question's own words, and the small words left dangling, from either edge", () => {
    expect(trimmed('He faced anti-Semitic prejudice at school.', 'What kind of prejudice?').texts).toContain(
      'anti-Semitic',
    );
    expect(
      trimmed('Most receivers had digital decoder logic.', 'What type of decoder logic was common?').texts,
    ).toContain('digital');
    expect(trimmed('It was ruled by the Kingdom of Pontus then.', 'What kingdom ruled it?').texts).toContain('Pontus');
  });

  it('offers the phrase right before a question word cut on the right, past its last preposition', () => {
    const { texts } = trimmed(
      'They were shipped out to Libya on the French warship Tonnerre on May 17.',
      'What is Tonnerre?',
    );
    expect(texts).toContain('French warship');
    expect(texts).toContain('Libya on the French warship');
    const jana = 'It said so on state news agency Jana.';
    const all = [...sentenceCandidates(annotate(jana)).map((c) => c.text), ...trimmed(jana, 'What is Jana?').texts];
    expect(all).toContain('state news agency');
  });

  it("cuts a sentence's first word off a name when the question holds it in lower case", () => {
    expect(trimmed('Rival Vestas reported results last week.', "Who is Nordwind's rival?").texts).toContain('Vestas');
    expect(trimmed('Rival Vestas reported results last week.', 'Who reported results?').texts).not.toContain('Vestas');
  });

  it('does not cut a name between two of its words', () => {
    const { texts: out } = trimmed(
      'Russian Foreign Minister Sergei Lavrov met the delegation.',
      'Who did Lavrov meet?',
    );
    expect(out.some((t) => /Sergei$/.test(t))).toBe(false);
  });

  it('marks what it makes, repeats no existing span, and keeps only spans with a word of their own', () => {
    const { out, found } = trimmed('The financial sector was deregulated in Samoa.', 'Which sector was deregulated?');
    expect(out.map((c) => c.text)).toEqual(['financial']);
    expect(out.every((c) => c.trimmed === true)).toBe(true);
    const spans = new Set(found.map((c) => `${c.first}:${c.last}`));
    expect(out.some((c) => spans.has(`${c.first}:${c.last}`))).toBe(false);
    // Nothing of its own left once the question's words are gone: no candidate.
    expect(trimmed('The financial sector grew.', 'Which financial sector grew?').texts).toEqual([]);
    // A question with none of the sentence's words trims nothing.
    expect(trimmed('The financial sector grew.', 'Who won?').texts).toEqual([]);
  });
});
