/**
 * Candidate answers in a sentence: names (runs of proper nouns, with titles peeled off),
 * dates, times, durations, numbers, money and percentages (wink-nlp's entities plus a few
 * patterns it misses), noun phrases, quotations and reported speech, and reason clauses.
 * Each candidate says what kind of thing it is; the scorer decides which one answers.
 */

import { stem } from '../text/analyze.js';
import { isDemonym, isOrgWord, isPlaceName, isPlaceWord, nameHints, TITLE_WORDS } from '../text/lexicon.js';
import type { AnnotatedSentence, NlpToken } from '../text/nlp.js';
import { splitSentences } from '../text/sentences.js';

export type CandidateKind =
  | 'NAME'
  | 'DATE'
  | 'TIME'
  | 'DURATION'
  | 'NUMBER'
  | 'ORDINAL'
  | 'MONEY'
  | 'PERCENT'
  | 'NP'
  | 'QUOTE'
  | 'CLAUSE'
  | 'ADJP'
  | 'VP';

export interface NameScores {
  readonly person: number;
  readonly place: number;
  readonly org: number;
}

export interface Candidate {
  readonly kind: CandidateKind;
  readonly text: string;
  /** Character offsets in the sentence (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** Token range in the sentence, inclusive. */
  readonly first: number;
  readonly last: number;
  /** For NAME candidates: how much it looks like a person, a place, an organisation. */
  readonly name?: NameScores;
  /** For CLAUSE candidates: the word that introduced it ("because", "said", "to"). */
  readonly cue?: string;
  /** For QUOTE and reported-speech CLAUSE candidates: the attribution text around it. */
  readonly attribution?: string;
  /** True for a candidate with the question's own words trimmed from its edges (see `trimmedCandidates`). */
  readonly trimmed?: boolean;
  /**
   * For a pronoun opening a sentence ("He will lead the combined company"): the person an earlier sentence of the
   * paragraph named, whom it stands for ("Omar Haddad"), and that sentence's index in the paragraph.
   */
  readonly antecedent?: { readonly text: string; readonly sentence: number };
}

/** The apostrophe of a plural's possessive, straight or curly ("Workers' Party"). */
const PLURAL_POSSESSIVE = /^['’]$/;
/** A possessive's "'s", straight or curly (split off its word before tagging). */
export const POSSESSIVE = /^['’]s$/;
/** Plurals without an s, whose possessive is "'s" inside names ("the People's Alliance"). */
const IRREGULAR_PLURALS = new Set(['people', 'women', 'men', 'children']);

const NAME_CONNECTORS = new Set([
  'of',
  'de',
  'du',
  'des',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'del',
  'y',
  '&',
  '-',
]);
const PREPOSITIONS_BEFORE_PLACE = new Set([
  'in',
  'at',
  'from',
  'to',
  'near',
  'into',
  'across',
  'outside',
  'inside',
  'toward',
  'towards',
]);
/** Verbs of saying and thinking, by lemma: what follows them is reported speech. */
export const SPEECH_VERB_LEMMAS: ReadonlySet<string> = new Set([
  'say',
  'tell',
  'add',
  'write',
  'claim',
  'insist',
  'argue',
  'state',
  'warn',
  'announce',
  'promise',
  'declare',
  'believe',
  'think',
  'suggest',
  'report',
  'explain',
  'note',
  'describe',
  'accuse',
  'deny',
  'confirm',
  'admit',
]);
const REASON_CUES = new Set(['because', 'since', 'as', 'so', 'due', 'owing', 'thanks', 'arguing', 'saying', 'to']);
const TIME_NOUN = /^(?:second|minute|hour|day|week|month|year|decade|century|season|term)s?$/;
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const WEEKDAY = new RegExp(`^(?:${WEEKDAYS})$`);
const MONTH_OR_DAY = new RegExp(
  `^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|${WEEKDAYS})$`,
);
const YEAR = /^(?:1[0-9]{3}|20[0-9]{2})s?$/;
const QUOTE_MARK = /^["“”]$/;
/** A month's or weekday's full name: unlike `MONTH_OR_DAY`, not "May" or "Jan", which are also people's names. */
const CALENDAR_NAME = new RegExp(
  `^(?:january|february|march|april|june|july|august|september|october|november|december|${WEEKDAYS})$`,
  'i',
);

/** A weekday with its part of the day: "Friday morning", "Monday night". */
const DAY_PART = new RegExp(`^(?:${WEEKDAYS}) (?:morning|afternoon|evening|night)$`, 'i');

/**
 * Whether a candidate is a month or weekday named alone ("Monday") or a weekday's part ("Friday morning"): a date,
 * never who, where or which organisation.
 */
export function isCalendarName(c: Candidate): boolean {
  return (c.kind === 'NAME' && CALENDAR_NAME.test(c.text)) || (c.kind === 'NP' && DAY_PART.test(c.text));
}
const NUMERIC_EXPRESSION =
  /(?:[$€£¥]\s?)?\d[\d,.]*(?:\s?(?:%|°\s?[CFNSEW]?|bn\b|m\b|(?:billion|million|trillion|percent|per cent)\b))?/g;

function isCapitalised(token: NlpToken): boolean {
  return /^\p{Lu}/u.test(token.text);
}

function isNamey(token: NlpToken, index: number): boolean {
  if (token.pos === 'PROPN') return isCapitalised(token) || /^\p{N}/u.test(token.text);
  // wink sometimes tags capitalised words of unfamiliar names as NOUN/ADJ/X; mid-sentence capitals count.
  return (
    index > 0 &&
    isCapitalised(token) &&
    ['NOUN', 'ADJ', 'X', 'VERB'].includes(token.pos) &&
    !/^(?:I|I'm)$/.test(token.text)
  );
}

function span(sentence: AnnotatedSentence, first: number, last: number) {
  const a = sentence.tokens[first] as NlpToken;
  const b = sentence.tokens[last] as NlpToken;
  return { start: a.start, end: b.end, text: sentence.text.slice(a.start, b.end) };
}

function nameScores(sentence: AnnotatedSentence, first: number, last: number, titled: boolean): NameScores {
  const tokens = sentence.tokens;
  const words = tokens
    .slice(first, last + 1)
    .filter((t) => /\p{L}/u.test(t.text))
    .map((t) => t.norm);
  const full = words.join(' ');
  const fullHints = nameHints(full);
  let person = 0;
  let place = 0;
  let org = 0;
  if (fullHints.includes('person')) person += 0.9;
  if (isPlaceName(full)) place += 0.9;
  if (fullHints.includes('org')) org += 0.9;
  const firstWord = words[0] ?? '';
  const lastWord = words[words.length - 1] ?? '';
  if (nameHints(firstWord).includes('first') && words.length >= 2) person += 0.6;
  else if (nameHints(firstWord).includes('first')) person += 0.3;
  if (nameHints(lastWord).includes('last') && words.length >= 2) person += 0.4;
  if (titled) person += 0.5;
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  if (before && TITLE_WORDS.has(before.norm)) person += 0.4;
  if (after && (after.lemma === 'say' || after.norm === 'who')) person += 0.3;
  if (before && before.lemma === 'say') person += 0.2;
  if (words.some((w) => isPlaceName(w)) && !fullHints.includes('org')) place += words.length === 1 ? 0.8 : 0.4;
  if (isPlaceWord(lastWord)) place += 0.6;
  if (before && PREPOSITIONS_BEFORE_PLACE.has(before.norm)) place += 0.25;
  // "the island of Djerba", "the city of Benghazi"
  const beforeOf = tokens[first - 2];
  if (before?.norm === 'of' && beforeOf && isPlaceWord(beforeOf.norm)) place += 0.6;
  if (words.some((w) => isOrgWord(w) || nameHints(w).includes('org'))) org += 0.6;
  const surface = span(sentence, first, last).text;
  if (/^\p{Lu}{2,}$/u.test(surface)) org += 0.5;
  if (words.some((w) => nameHints(w).includes('month') || nameHints(w).includes('weekday'))) {
    person -= 0.5;
    place -= 0.5;
    org -= 0.5;
  }
  if (org > 0.5 || place > 0.5) person -= 0.4;
  // Two or three unfamiliar capitalised words with nothing of a place or an organisation: most often a person.
  if (person <= 0 && place <= 0.3 && org <= 0.3 && words.length >= 2 && words.length <= 4) person += 0.45;
  const clamp = (x: number) => Math.max(0, Math.min(1, x));
  return { person: clamp(person), place: clamp(place), org: clamp(org) };
}

/**
 * Words a sentence may begin with that the tagger, seeing a capital, calls proper nouns ("Several Libyans
 * surrounded ..."): never a name there.
 */
const SENTENCE_OPENERS = new Set([
  'several',
  'many',
  'few',
  'both',
  'each',
  'another',
  'various',
  'numerous',
  'certain',
  'such',
  'most',
  'some',
  'all',
  'other',
  'others',
]);
/**
 * The index of the sentence's first word when only the start of the sentence capitalises it, else -1: "Rebels
 * said ..." when the text writes "rebel" in lower case elsewhere, "Several Libyans ...". A word the name lexicon
 * knows ("Tunisia said ...") stays a name, and so does an unfamiliar one the text never writes in lower case
 * ("Ghanem was staying ...").
 */
function commonOpener(tokens: readonly NlpToken[], writesLowerCase: (term: string) => boolean): number {
  const index = tokens.findIndex((t) => t.pos !== 'PUNCT');
  const token = tokens[index];
  if (token === undefined || !isCapitalised(token)) return -1;
  if (SENTENCE_OPENERS.has(token.norm)) return index;
  return token.term !== null && nameHints(token.norm).length === 0 && writesLowerCase(token.term) ? index : -1;
}

/**
 * Where a run of capitalised words holds two names, not one: at a weekday ("on Monday Libya's top oil official"), and
 * after a month named alone after a preposition ("in March Britain ...").
 */
function calendarBreak(tokens: readonly NlpToken[], start: number, j: number, next: NlpToken): boolean {
  const here = tokens[j] as NlpToken;
  if (WEEKDAY.test(here.norm) || WEEKDAY.test(next.norm)) return true;
  return j === start && CALENDAR_NAME.test(here.norm) && tokens[j - 1]?.pos === 'ADP' && !/^\p{N}/u.test(next.text);
}

function nameCandidates(sentence: AnnotatedSentence, out: Candidate[], opener: number): void {
  const tokens = sentence.tokens;
  let i = 0;
  while (i < tokens.length) {
    if (i === opener || !isNamey(tokens[i] as NlpToken, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1] as NlpToken;
      if (calendarBreak(tokens, i, j, next)) break;
      if (isNamey(next, j + 1)) {
        j++;
        continue;
      }
      const after = tokens[j + 2];
      // A plural's possessive inside an organisation's name: "the Workers' Party", "the Farmers' Union" (not
      // "Animaniacs' Paul Rugg"), "the People's Alliance".
      const plural = tokens[j] as NlpToken;
      if (
        next.start === plural.end &&
        after &&
        isNamey(after, j + 2) &&
        ((PLURAL_POSSESSIVE.test(next.text) && /s$/.test(plural.text) && isOrgWord(after.norm)) ||
          // "the People's Alliance", "Women's Party", "Children's Hospital": an irregular plural's.
          (POSSESSIVE.test(next.text) && IRREGULAR_PLURALS.has(plural.norm)))
      ) {
        j += 2;
        continue;
      }
      if (NAME_CONNECTORS.has(next.norm) && after && isNamey(after, j + 2)) {
        j += 2;
        continue;
      }
      // "V-for-Victory", "Stratford-upon-Avon": a small word inside one hyphenated word.
      const end = tokens[j + 4];
      if (
        next.text === '-' &&
        tokens[j + 3]?.text === '-' &&
        end &&
        isNamey(end, j + 4) &&
        tokens.slice(j, j + 4).every((t, k) => t.end === (tokens[j + k + 1] as NlpToken).start)
      ) {
        j += 4;
        continue;
      }
      break;
    }
    // Peel titles and roles off the front: "Foreign Minister Sergei Lavrov" -> "Sergei Lavrov".
    let core = i;
    while (
      core < j &&
      tokens[core + 1]?.text !== '-' &&
      (TITLE_WORDS.has((tokens[core] as NlpToken).norm) ||
        isDemonym((tokens[core] as NlpToken).norm) ||
        nameHints((tokens[core] as NlpToken).norm).includes('honorific'))
    )
      core++;
    // A title further in ("Transport Minister Volker Wissing"): the name starts after it.
    for (let k = j - 1; k >= core; k--) {
      if (TITLE_WORDS.has((tokens[k] as NlpToken).norm) && isNamey(tokens[k + 1] as NlpToken, k + 1)) {
        core = k + 1;
        break;
      }
    }
    const whole = span(sentence, i, j);
    if (!/^[\p{Lu}\p{N}]/u.test(whole.text)) {
      i = j + 1;
      continue;
    }
    if (core > i) {
      const inner = span(sentence, core, j);
      out.push({ kind: 'NAME', ...inner, first: core, last: j, name: nameScores(sentence, core, j, true) });
      // The title itself says who the named one is ("Russian Foreign Minister" for "who is Lavrov?"); "Mr" does not.
      if (tokens.slice(i, core).some((t) => !nameHints(t.norm).includes('honorific') && /\p{L}/u.test(t.text)))
        out.push({ kind: 'NP', ...span(sentence, i, core - 1), first: i, last: core - 1 });
    }
    out.push({ kind: 'NAME', ...whole, first: i, last: j, name: nameScores(sentence, i, j, false) });
    i = j + 1;
  }
}

/** Units a measure is written in ("a 30-metre rocket", "600 km east"). */
const MEASURE_UNIT =
  /^(?:km|kilomet(?:re|er)s?|met(?:re|er)s?|m|cm|mm|miles?|feet|foot|ft|inch(?:es)?|kg|kilograms?|grams?|tonnes?|tons?|lbs?|mph|knots?|degrees?|lit(?:re|er)s?|gallons?|barrels?|hectares?|acres?|storeys?|stories|floors?)$/;

const ENTITY_KIND: Record<string, CandidateKind> = {
  DATE: 'DATE',
  TIME: 'TIME',
  DURATION: 'DURATION',
  CARDINAL: 'NUMBER',
  ORDINAL: 'ORDINAL',
  MONEY: 'MONEY',
  PERCENT: 'PERCENT',
};

function entityCandidates(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  const covered = new Set<number>();
  for (const entity of sentence.entities) {
    const kind = ENTITY_KIND[entity.type];
    if (!kind) continue;
    let { first, last } = entity;
    // Already part of a longer one ("year" of "41-year", joined below to its number).
    if (covered.has(first) && covered.has(last)) continue;
    let k: CandidateKind = kind;
    const text = span(sentence, first, last).text;
    if (kind === 'NUMBER' && YEAR.test(text)) k = 'DATE';
    // "fourth month", "41-year": an ordinal or number joined to a time noun is a duration (the tagger finds "41"
    // and "year" apart).
    const next = tokens[last + 1];
    const hyphen = next?.text === '-' && next.start === tokens[last]?.end ? tokens[last + 2] : undefined;
    const noun = hyphen && hyphen.start === next?.end ? hyphen : next;
    if ((kind === 'ORDINAL' || kind === 'NUMBER') && noun && TIME_NOUN.test(noun.norm)) {
      last += noun === next ? 1 : 2;
      k = 'DURATION';
    } else if (kind === 'NUMBER' && noun && MEASURE_UNIT.test(noun.norm)) {
      // "30-metre", "600 km": a measure with its unit, and the number alone ("How many miles ...?": 275).
      out.push({ kind: k, ...span(sentence, first, last), first, last });
      last += noun === next ? 1 : 2;
    }
    for (let t = first; t <= last; t++) covered.add(t);
    out.push({ kind: k, ...span(sentence, first, last), first, last });
    // "the autumn of next year", "spring of 2027": the season with its year.
    const ofYear = k === 'DATE' ? yearAfter(tokens, last) : undefined;
    if (ofYear !== undefined) out.push({ kind: k, ...span(sentence, first, ofYear), first, last: ofYear });
    // A date entity such as "last week" or "on Monday" also answers as its bare number/day.
    if (
      k === 'NUMBER' &&
      first < last &&
      /^(?:about|around|nearly|almost|over|some|more|less|up)$/.test((tokens[first] as NlpToken).norm)
    ) {
      out.push({ kind: k, ...span(sentence, first + 1, last), first: first + 1, last });
    }
  }
  // Numbers with their signs and units as written ("63%", "$450bn", "16 °C", "11° and 19°E" gives "11°" and "19°E").
  for (const m of sentence.text.matchAll(NUMERIC_EXPRESSION)) {
    const start = m.index ?? 0;
    const end = start + m[0].trimEnd().length;
    const first = tokens.findIndex((x) => x.end > start);
    let last = first;
    while (last + 1 < tokens.length && (tokens[last + 1] as NlpToken).start < end) last++;
    if (first < 0 || !/[%°$€£¥]|bn\b|\b(?:billion|million|trillion|percent|per cent)\b/i.test(m[0])) continue;
    const kind: CandidateKind = /[%]|percent|per cent/i.test(m[0])
      ? 'PERCENT'
      : /[$€£¥]|bn\b|billion|million|trillion/i.test(m[0]) && /[$€£¥]/.test(m[0])
        ? 'MONEY'
        : 'NUMBER';
    out.push({ kind, text: sentence.text.slice(start, end), start, end, first, last });
  }
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as NlpToken;
    if (covered.has(t)) continue;
    if (token.pos === 'NUM' || /^\p{N}[\p{N},.]*$/u.test(token.text)) {
      out.push({ kind: YEAR.test(token.text) ? 'DATE' : 'NUMBER', ...span(sentence, t, t), first: t, last: t });
    } else if (MONTH_OR_DAY.test(token.norm) && isCapitalised(token)) {
      out.push({ kind: 'DATE', ...span(sentence, t, t), first: t, last: t });
    }
  }
  fractions(sentence, out);
  numberModifiers(sentence, out);
  yearsOfEra(sentence, out);
}

/** A year of an era written after it ("301 BCE", "430 BC", "900 CE") or before it ("AD 79"). */
const ERA_AFTER = /^(?:BCE|BC|CE|AD|B\.C\.(?:E\.)?|A\.D\.)$/;
const ERA_BEFORE = /^(?:AD|A\.D\.)$/;
/** A figure that may be a year, or a span of years in one token ("323-322", "342/1"). */
const YEAR_FIGURE = /^\d{1,4}(?:[–-]\d{1,4}|\/\d{1,2})?$/;
/** Words before a bare figure that make it a year when no noun follows ("in 317", "from about 1400 onwards"). */
const BEFORE_YEAR = /^(?:in|from|until|till|since|before|after|around|about|circa|c\.|ca\.|between|during)$/;
const DASH = /^[–-]$/;

/**
 * Years the tagger counts as numbers: a figure of one to four digits, or a span of them ("235–222"), with its era
 * ("301 BCE", "AD 79": the era is part of the answer, the bare figure stays a number); or of three or four digits
 * after a word that says when ("in 317", "from about 1400 onwards", a span in brackets: "(323-322)") and before no
 * common noun ("in 300 ships" counts). A history gives its early years so; `YEAR` only knows 1000 to 2099 written
 * alone, and the tagger's "about 1400" is a number.
 */
function yearsOfEra(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  const push = (first: number, last: number) => {
    if (!out.some((c) => c.kind === 'DATE' && c.first === first && c.last === last))
      out.push({ kind: 'DATE', ...span(sentence, first, last), first, last });
  };
  for (let t = 0; t < tokens.length; t++) {
    const text = (tokens[t] as NlpToken).text;
    if (!YEAR_FIGURE.test(text)) continue;
    let last = t;
    // "235 – 222": a span written as three tokens.
    if (DASH.test(tokens[t + 1]?.text ?? '') && /^\d{1,4}$/.test(tokens[t + 2]?.text ?? '')) last = t + 2;
    const after = tokens[last + 1];
    if (after && ERA_AFTER.test(after.text)) push(t, last + 1);
    else if (t > 0 && ERA_BEFORE.test((tokens[t - 1] as NlpToken).text)) {
      push(t - 1, last);
    } else if (/^\d{3,4}/.test(text)) {
      let k = t - 1;
      if (/^(?:about|around|c\.|ca\.|circa)$/.test(tokens[k]?.norm ?? '')) k--;
      const before = tokens[k];
      const spanOfYears = last > t || /[–-]/.test(text);
      if (!before || !(BEFORE_YEAR.test(before.norm) || (spanOfYears && before.text === '('))) continue;
      if (after && (after.pos === 'NOUN' || /^(?:%|percent|per)$/.test(after.norm))) continue;
      push(t, last);
    }
    t = last;
  }
}

/** "a third", "one quarter", "half", "two-thirds": a share in words, for "how much" questions. */
const FRACTION = /^(?:half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)$/;
const FRACTION_COUNT = /^(?:a|one|two|three|four|five|seven|nine)$/;

function fractions(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  tokens.forEach((token, t) => {
    if (!FRACTION.test(token.norm)) return;
    // "half" alone, or with its count: "a third", "two-thirds", "two thirds".
    let first = t;
    const before = tokens[t - 1];
    const hyphened = before?.text === '-' && before.start === tokens[t - 2]?.end ? tokens[t - 2] : undefined;
    if (hyphened && FRACTION_COUNT.test(hyphened.norm)) first = t - 2;
    else if (before && FRACTION_COUNT.test(before.norm)) first = t - 1;
    else if (token.norm !== 'half') return;
    // "the third quarter", "a third day": an ordinal before a noun is no share.
    const next = tokens[t + 1];
    if (next && (next.pos === 'NOUN' || next.pos === 'PROPN') && token.norm !== 'half') return;
    out.push({ kind: 'NUMBER', ...span(sentence, first, t), first, last: t });
    // "a quarter of a percentage point": the share with what it is of.
    const of = quantityOf(tokens, t);
    if (of !== undefined) out.push({ kind: 'NUMBER', ...span(sentence, first, of), first, last: of });
  });
}

/** The last token of "of (a|the) NOUN (NOUN)" after token `t` ("of a percentage point"), or undefined. */
function quantityOf(tokens: readonly NlpToken[], t: number): number | undefined {
  if (tokens[t + 1]?.norm !== 'of') return undefined;
  let k = t + 2;
  if (/^(?:a|an|the)$/.test(tokens[k]?.norm ?? '')) k++;
  if (tokens[k]?.pos !== 'NOUN') return undefined;
  return tokens[k + 1]?.pos === 'NOUN' ? k + 1 : k;
}

/** The last token of "of (next|last|this) year" or "of 2027" after token `t`, or undefined. */
function yearAfter(tokens: readonly NlpToken[], t: number): number | undefined {
  if (tokens[t + 1]?.norm !== 'of') return undefined;
  const next = tokens[t + 2];
  if (next && YEAR.test(next.text)) return t + 2;
  return /^(?:next|last|this|that)$/.test(next?.norm ?? '') && tokens[t + 3]?.norm === 'year' ? t + 3 : undefined;
}

const NUMERIC_KINDS = new Set<CandidateKind>(['NUMBER', 'MONEY', 'PERCENT', 'DURATION']);
/** Words that qualify a number and belong to the answer ("about 325", "nearly 1.3 million", "more than 40%"). */
const NUMBER_MODIFIERS = new Set([
  'about',
  'approximately',
  'nearly',
  'almost',
  'around',
  'over',
  'under',
  'roughly',
  'some',
  'only',
  'just',
  'exactly',
  'estimated',
]);
const TWO_WORD_MODIFIERS = new Set(['more than', 'less than', 'fewer than', 'up to', 'at least', 'as many', 'as much']);

const RANGE_WORDS = new Set(['to', '-', '–', 'and', 'or']);

/**
 * A number as answers are written around it, beside the bare number (the reader decides which answers): with the
 * word or two that qualify it ("about 325", "more than 40"), as a range ("1,600 to 2,400"), and with its unit or
 * counted noun ("10,000 feet", "30,000 species", "five cents").
 */
function numberModifiers(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  const isNumber = (k: number) => {
    const t = tokens[k];
    return t !== undefined && (t.pos === 'NUM' || /^\p{N}[\p{N},.]*$/u.test(t.text));
  };
  const spans = new Map<string, Candidate>();
  const add = (kind: CandidateKind, first: number, last: number) => {
    const key = `${first}:${last}`;
    if (!spans.has(key)) spans.set(key, { kind, ...span(sentence, first, last), first, last });
  };
  for (const c of out) {
    if (!NUMERIC_KINDS.has(c.kind)) continue;
    let last = c.last;
    // A range: "1,600 to 2,400", "1887 - 1905" (not "a quarter of a percentage point to 4.75").
    const joiner = tokens[last + 1];
    if (joiner && RANGE_WORDS.has(joiner.norm) && isNumber(last) && isNumber(last + 2)) {
      last += 2;
      while (isNumber(last + 1)) last++;
      add(c.kind, c.first, last);
    }
    const ends = [c.last, last];
    // Its unit or counted noun, one or two nouns long.
    for (const end of [...ends]) {
      if (tokens[end + 1]?.pos === 'NOUN') {
        ends.push(end + 1);
        add(c.kind, c.first, end + 1);
        if (tokens[end + 2]?.pos === 'NOUN') {
          ends.push(end + 2);
          add(c.kind, c.first, end + 2);
        }
      }
    }
    const one = tokens[c.first - 1];
    const two = tokens[c.first - 2];
    let first = -1;
    if (one && two && TWO_WORD_MODIFIERS.has(`${two.norm} ${one.norm}`)) first = c.first - 2;
    else if (one && NUMBER_MODIFIERS.has(one.norm)) first = c.first - 1;
    if (first >= 0) for (const end of ends) add(c.kind, first, end);
  }
  const have = new Set(out.map((c) => `${c.first}:${c.last}`));
  for (const [key, c] of spans) if (!have.has(key)) out.push(c);
}

const NP_BODY = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
const PP_PREPOSITIONS = new Set([
  'in',
  'for',
  'from',
  'on',
  'with',
  'at',
  'to',
  'by',
  'between',
  'against',
  'under',
  'over',
]);
const NP_HEAD = new Set(['NOUN', 'PROPN', 'NUM']);

/**
 * Whether tokens `first..last` are a date or time ("March", "1990", "last week"): a phrase of time after a
 * preposition tells when something happened, not which thing ("fled to Britain in March"), and takes none itself
 * ("meet on Monday with a Libyan delegation").
 */
function temporal(sentence: AnnotatedSentence, first: number, last: number): boolean {
  const inEntity = (k: number) =>
    sentence.entities.some((e) => (e.type === 'DATE' || e.type === 'TIME') && e.first <= k && k <= e.last);
  for (let k = first; k <= last; k++) {
    const t = sentence.tokens[k] as NlpToken;
    if (!MONTH_OR_DAY.test(t.norm) && !YEAR.test(t.text) && !inEntity(k)) return false;
  }
  return true;
}

/**
 * A word or two in quotation marks inside a noun phrase (a Libyan "opposition" delegation): the index of the
 * closing mark when `open` opens such a modifier and a word of the phrase follows it, else -1.
 */
function quotedModifier(tokens: readonly NlpToken[], open: number): number {
  for (let k = open + 1; k <= open + 3 && k < tokens.length; k++) {
    const t = tokens[k] as NlpToken;
    if (QUOTE_MARK.test(t.text)) return k > open + 1 && NP_BODY.has(tokens[k + 1]?.pos ?? '') ? k : -1;
    if (!NP_BODY.has(t.pos)) return -1;
  }
  return -1;
}

function nounPhrases(sentence: AnnotatedSentence, out: Candidate[], opener: number): void {
  const tokens = sentence.tokens;
  const base: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as NlpToken;
    const hyphenated = t.text === '-' && i > 0;
    // A participle opens a noun phrase ("armed forces", "the leading role"), but not after a comma or a noun, where
    // it opens a clause ("the problem facing rebel forces", ", facing rebel forces").
    const before = tokens[i - 1];
    const participle =
      t.pos === 'VERB' &&
      /(?:ed|ing)$/.test(t.norm) &&
      NP_BODY.has(tokens[i + 1]?.pos ?? '') &&
      before?.text !== ',' &&
      !['NOUN', 'PROPN', 'PRON'].includes(before?.pos ?? '');
    if (!NP_BODY.has(t.pos) && !participle && !hyphenated) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      const n = tokens[j + 1] as NlpToken;
      const afterHyphen = tokens[j + 2];
      const quoteClose = QUOTE_MARK.test(n.text) ? quotedModifier(tokens, j + 1) : -1;
      if (NP_BODY.has(n.pos)) j++;
      else if (quoteClose > 0) j = quoteClose;
      // After a demonym a participle is the thing's kind: "Swedish streaming service Nordtone".
      else if (
        n.pos === 'VERB' &&
        /ing$/.test(n.norm) &&
        NP_BODY.has(afterHyphen?.pos ?? '') &&
        isDemonym((tokens[j] as NlpToken).norm)
      )
        j++;
      else if (
        n.text === '-' &&
        afterHyphen &&
        (NP_BODY.has(afterHyphen.pos) || (afterHyphen.pos === 'VERB' && /(?:ed|en|ing)$/.test(afterHyphen.norm)))
      )
        j += 2;
      else break;
    }
    // End on a head noun.
    let end = j;
    while (end >= i && !NP_HEAD.has((tokens[end] as NlpToken).pos)) end--;
    if (end >= i && (tokens[i] as NlpToken).text !== '-') base.push([i, end]);
    i = j + 1;
  }
  // Runs of proper nouns alone are NAME candidates already (a sentence's capitalised common first word is no name).
  const allProper = (a: number, b: number) =>
    tokens.slice(a, b + 1).every((t, k) => (t.pos === 'PROPN' && a + k !== opener) || t.text === '-');
  for (const [a, b] of base) {
    if (allProper(a, b)) continue;
    // "10" of "up to 10%" is no phrase of its own: the share is the percentage's candidate.
    if (tokens[b]?.pos === 'NUM' && tokens[b + 1]?.text === '%') continue;
    out.push({ kind: 'NP', ...span(sentence, a, b), first: a, last: b });
    // "network chip designer Korvo Systems": the common words in front of the name say what it is.
    let name = b;
    while (name > a && tokens[name - 1]?.pos === 'PROPN' && /^\p{Lu}/u.test(tokens[name - 1]?.text ?? '')) name--;
    // (A singular noun: "The offer values Korvo" is a verb the tagger read as a noun.)
    const title = tokens[name - 1];
    if (name > a && tokens[b]?.pos === 'PROPN' && title?.pos === 'NOUN' && !/[^s]s$/.test(title.norm)) {
      const from = tokens[a]?.pos === 'DET' ? a + 1 : a;
      const common = tokens.slice(from, name).every((t) => /^\p{Ll}+$/u.test(t.text));
      if (from < name && common)
        out.push({ kind: 'NP', ...span(sentence, from, name - 1), first: from, last: name - 1 });
    }
  }
  // "wolves and mountain lions", "Sony, Nintendo and Microsoft": coordinated phrases. A list ends on "and" or "or";
  // phrases joined by commas alone are apposition or separate clauses ("the reservation, trouble"), not a list.
  for (let k = 0; k + 1 < base.length; k++) {
    let end = k;
    let lastJoined = k;
    while (end + 1 < base.length) {
      const [, b] = base[end] as [number, number];
      const [c] = base[end + 1] as [number, number];
      const between = tokens
        .slice(b + 1, c)
        .map((t) => t.norm)
        .join(' ');
      if (between === ',') end++;
      else if (between === 'and' || between === 'or' || between === ', and' || between === ', or') {
        end++;
        lastJoined = end;
      } else break;
    }
    end = lastJoined;
    if (end > k) {
      const [a] = base[k] as [number, number];
      const [, d] = base[end] as [number, number];
      out.push({ kind: 'NP', ...span(sentence, a, d), first: a, last: d });
    }
  }
  // "the Spanish word montaña (mountain)", "a dual-role cannon for the army": base NP + a parenthesis or one
  // prepositional phrase (of is handled below).
  for (let k = 0; k < base.length; k++) {
    const [a, b] = base[k] as [number, number];
    if (tokens[b + 1]?.text === '(') {
      const close = tokens.findIndex((t, i) => i > b + 1 && i <= b + 8 && t.text === ')');
      if (close > 0) out.push({ kind: 'NP', ...span(sentence, a, close), first: a, last: close });
    }
    const next = base[k + 1];
    const prep = tokens[b + 1];
    if (
      next &&
      prep &&
      PP_PREPOSITIONS.has(prep.norm) &&
      !temporal(sentence, a, b) &&
      !temporal(sentence, next[0], next[1])
    ) {
      const [c, d] = next;
      const gap = tokens.slice(b + 2, c).map((t) => t.norm);
      if (gap.length <= 1 && gap.every((g) => ['the', 'a', 'an', 'its', 'their', 'his', 'her'].includes(g))) {
        out.push({ kind: 'NP', ...span(sentence, a, d), first: a, last: d });
      }
    }
  }
  // "outpost of Misrata", "the collapse of the administration": base NP + of + base NP.
  for (let k = 0; k + 1 < base.length; k++) {
    const [a, b] = base[k] as [number, number];
    const [c, d] = base[k + 1] as [number, number];
    const between = tokens.slice(b + 1, c).map((t) => t.norm);
    if (
      between.length >= 1 &&
      between.length <= 2 &&
      between[0] === 'of' &&
      (between.length === 1 || ['the', 'a', 'an', 'his', 'her', 'its', 'their'].includes(between[1] as string))
    ) {
      out.push({ kind: 'NP', ...span(sentence, a, d), first: a, last: d });
    }
  }
}

/** Cut a clause at its end: the sentence's closing punctuation, or a comma before a new clause. */
function clauseEnd(tokens: readonly NlpToken[], from: number, stopAtComma: boolean): number {
  let k = from;
  while (k + 1 < tokens.length) {
    const n = tokens[k + 1] as NlpToken;
    // A quoted word inside the clause (a Libyan "opposition" delegation) does not end it.
    const quoted = QUOTE_MARK.test(n.text) ? quotedModifier(tokens, k + 1) : -1;
    if (quoted > 0) {
      k = quoted;
      continue;
    }
    if (/^[.!?;:]$/.test(n.text) || n.text === '"' || n.text === '“' || n.text === '”') break;
    if (stopAtComma && n.text === ',') break;
    k++;
  }
  return k;
}

/** Words between the comma and the verb of an attribution at a sentence's end ("the U.S. Geological Survey"). */
const MAX_SPEAKER_WORDS = 8;
/** Words after that verb ("on Monday", "at a news conference"). */
const MAX_AFTER_ATTRIBUTION = 6;

/**
 * Reported speech attributed at its end, without quotation marks: "The quake hit at 8:42 p.m. ..., the U.S.
 * Geological Survey said." The clause is the sentence up to the comma (after a dateline's dash), the attribution
 * what follows it.
 */
function attributedAtEnd(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  let end = tokens.length - 1;
  while (end >= 0 && /^[.!?]$/.test((tokens[end] as NlpToken).text)) end--;
  for (let v = end; v > 0 && end - v <= MAX_AFTER_ATTRIBUTION; v--) {
    const verb = tokens[v] as NlpToken;
    if (verb.pos !== 'VERB' || !SPEECH_VERB_LEMMAS.has(verb.lemma)) continue;
    let comma = v - 1;
    while (comma > 0 && v - comma <= MAX_SPEAKER_WORDS && !/^[,"“”]$/.test((tokens[comma] as NlpToken).text)) {
      if (['VERB', 'AUX'].includes((tokens[comma] as NlpToken).pos)) return;
      comma--;
    }
    if (tokens[comma]?.text !== ',' || comma === v - 1) return;
    let from = 0;
    for (let k = 0; k < Math.min(comma, 8); k++) if (/^[–—-]$/.test((tokens[k] as NlpToken).text)) from = k + 1;
    const last = comma - 1;
    if (last - from < 2 || tokens.slice(from, comma).some((t) => QUOTE_MARK.test(t.text))) return;
    const firstToken = tokens[from] as NlpToken;
    const lastToken = tokens[last] as NlpToken;
    out.push({
      kind: 'CLAUSE',
      text: sentence.text.slice(firstToken.start, lastToken.end),
      start: firstToken.start,
      end: lastToken.end,
      first: from,
      last,
      cue: verb.lemma,
      attribution: sentence.text.slice((tokens[comma] as NlpToken).end).trim(),
    });
    return;
  }
}

/** Verbs and nouns of judging whose "for" gives the cause: "fined ... for stopping", "arrested for spying". */
const JUDGED = new Set([
  'fine',
  'jail',
  'arrest',
  'sentence',
  'convict',
  'charge',
  'punish',
  'criticise',
  'criticize',
  'sue',
  'ban',
  'sanction',
  'suspend',
  'expel',
  'praise',
  'award',
  'penalise',
  'penalize',
  'prosecute',
  'indict',
  'imprison',
  'detain',
  'condemn',
]);
/** Their index terms (the tagger reads "fined" as a form of "fin"). */
const JUDGED_TERMS = new Set([...JUDGED].map(stem));
/** Words before "for" in which one of `JUDGED` is looked for. */
const JUDGED_REACH = 20;

/** Participles that give a cause with "by": "driven by exports", "hit by storms". */
const CAUSED_BY = new Set(['driven', 'boosted', 'fuelled', 'fueled', 'helped', 'hurt', 'hit', 'spurred', 'prompted']);

/**
 * How news gives a cause: "amid", "on the back of", "by" after a participle of cause (`CAUSED_BY`), and "on" after
 * "blamed".
 */
function newsReasonCue(tokens: readonly NlpToken[], i: number): boolean {
  const t = tokens[i] as NlpToken;
  // "... was cancelled, organisers said, citing the safety of fans and staff".
  if (t.norm === 'amid' || t.norm === 'amidst' || t.norm === 'citing') return true;
  // "fined Veltrix 1.8 billion euros on Tuesday for stopping ...", "jailed for spying", "a sentence for fraud".
  if (t.norm === 'for') {
    const next = tokens[i + 1];
    const doing = next?.pos === 'VERB' && /ing$/.test(next.norm);
    if (!doing && next?.pos !== 'NOUN') return false;
    return tokens.slice(Math.max(0, i - JUDGED_REACH), i).some((x) => x.term && JUDGED_TERMS.has(x.term));
  }
  if (t.norm === 'by') return CAUSED_BY.has(tokens[i - 1]?.norm ?? '');
  // "blamed the loss on low turnout": what it is blamed on.
  if (t.norm === 'on') return tokens.slice(Math.max(0, i - 6), i).some((x) => x.lemma === 'blame' && x.pos === 'VERB');
  return (
    t.norm === 'of' && tokens[i - 1]?.norm === 'back' && tokens[i - 2]?.norm === 'the' && tokens[i - 3]?.norm === 'on'
  );
}

/** Parts of speech of a speaker's words ("Health Minister Sylvia Masebo", "the ministry"). */
const SPEAKER_POS = new Set(['PROPN', 'NOUN', 'DET', 'ADJ']);

/** True when the verb at `i` follows a quotation and the few words of its speaker ('"...," Masebo told'). */
function afterQuotedSpeaker(tokens: readonly NlpToken[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && i - k <= 6 && SPEAKER_POS.has((tokens[k] as NlpToken).pos)) k--;
  if (k === i - 1 || k < 0) return false;
  const at = tokens[k]?.text ?? '';
  return QUOTE_MARK.test(at) || (at === ',' && QUOTE_MARK.test(tokens[k - 1]?.text ?? ''));
}

function clauseCandidates(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as NlpToken;
    let from = i + 1;
    let cue: string | undefined;
    if (t.pos === 'VERB' && SPEECH_VERB_LEMMAS.has(t.lemma)) {
      // Right after a quotation the verb attributes it ('"...," said Mustafa Abdel Jalil'): what follows is the
      // speaker, not what was said.
      const before = tokens[i - 1]?.text ?? '';
      if (QUOTE_MARK.test(before) || (before === ',' && QUOTE_MARK.test(tokens[i - 2]?.text ?? ''))) continue;
      // Nor after a quotation and its speaker ('"...," Masebo told reporters in Lusaka'): what follows is whom.
      if (afterQuotedSpeaker(tokens, i)) continue;
      // Reported speech: "They insist Gaddafi ... must renounce power".
      if (tokens[from]?.norm === 'that') from++;
      const next = tokens[from];
      if (!next || /^[,.:"“”]$/.test(next.text) || next.pos === 'ADP') continue;
      cue = t.lemma;
    } else if (
      REASON_CUES.has(t.norm) &&
      (t.pos === 'SCONJ' || t.pos === 'ADP' || t.pos === 'PART' || t.norm === 'because' || t.norm === 'due')
    ) {
      if (t.norm === 'to' && tokens[from]?.pos !== 'VERB') continue;
      if (t.norm === 'due' || t.norm === 'owing' || t.norm === 'thanks') {
        if (tokens[from]?.norm === 'to') from++;
      }
      if (
        t.norm === 'as' &&
        tokens[from]?.pos !== 'PRON' &&
        tokens[from]?.pos !== 'DET' &&
        tokens[from]?.pos !== 'NOUN' &&
        tokens[from]?.pos !== 'PROPN'
      )
        continue;
      cue = t.norm;
    } else if (newsReasonCue(tokens, i)) {
      // "orders surged on the back of new subsidy schemes", "shares fell amid fears", "growth driven by exports".
      cue = t.norm;
    } else {
      continue;
    }
    if (from >= tokens.length) continue;
    const last = clauseEnd(tokens, from, cue !== undefined && !SPEECH_VERB_LEMMAS.has(cue));
    if (last < from) continue;
    const lastToken = tokens[last] as NlpToken;
    const firstToken = tokens[from] as NlpToken;
    if (!/[\p{L}\p{N}]/u.test(lastToken.text) && last === from) continue;
    out.push({
      kind: 'CLAUSE',
      text: sentence.text.slice(firstToken.start, lastToken.end).replace(/[,\s]+$/, ''),
      start: firstToken.start,
      end: lastToken.end,
      first: from,
      last,
      cue,
      ...(SPEECH_VERB_LEMMAS.has(cue) ? { attribution: sentence.text.slice(0, t.end) } : {}),
    });
  }
}

/** Adverbs too common or too vague to be an answer on their own. */
const WEAK_ADVERBS = new Set([
  'also',
  'not',
  'then',
  'still',
  'only',
  'even',
  'just',
  'already',
  'however',
  'often',
  'never',
  'ever',
  'again',
  'later',
  'now',
  'very',
  'too',
  'much',
  'more',
  'most',
  'well',
  'here',
  'there',
  'thus',
  'therefore',
  'instead',
  'soon',
  'first',
  'once',
  'yet',
  'almost',
  'about',
  'since',
  'so',
  'back',
  'away',
  'up',
  'down',
  'out',
  'off',
]);
const LIGHT_VERBS = new Set(['be', 'have', 'do', 'say', 'get', 'make', 'take', 'go', 'come', 'become', 'include']);

/**
 * What a question about a quality or an event can ask for: a predicative adjective phrase ("very low",
 * "psychological and social", "more complex"), an adverb that says how ("flow north", "move inversely"), and a
 * verb with the words that complete it ("disappeared", "nearly tripled", "became highly leveraged").
 */
function predicateCandidates(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  const pos = (k: number) => tokens[k]?.pos ?? '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as NlpToken;
    // ADV* ADJ (and|or ADJ)?, not followed by the noun it would modify.
    if (t.pos === 'ADJ' || (t.pos === 'ADV' && pos(i + 1) === 'ADJ')) {
      if (pos(i - 1) === 'ADV' || (pos(i - 1) === 'ADJ' && t.pos === 'ADJ')) continue;
      let j = i;
      while (pos(j + 1) === 'ADV' || pos(j + 1) === 'ADJ') j++;
      if (['and', 'or'].includes(tokens[j + 1]?.norm ?? '') && pos(j + 2) === 'ADJ') j += 2;
      if (pos(j) !== 'ADJ' || ['NOUN', 'PROPN', 'NUM', 'ADJ'].includes(pos(j + 1))) continue;
      out.push({ kind: 'ADJP', ...span(sentence, i, j), first: i, last: j });
    } else if (
      t.pos === 'ADV' &&
      pos(i - 1) === 'VERB' &&
      t.norm.length >= 4 &&
      !WEAK_ADVERBS.has(t.norm) &&
      /^\p{L}+$/u.test(t.text)
    ) {
      out.push({ kind: 'ADJP', ...span(sentence, i, i), first: i, last: i });
    } else if (t.pos === 'VERB' && !LIGHT_VERBS.has(t.lemma) && !SPEECH_VERB_LEMMAS.has(t.lemma)) {
      // An adverb just before belongs to it ("nearly tripled"); one or two words after complete it.
      const first = pos(i - 1) === 'ADV' && !WEAK_ADVERBS.has(tokens[i - 1]?.norm ?? '') ? i - 1 : i;
      out.push({ kind: 'VP', ...span(sentence, first, i), first, last: i });
      let j = i;
      while (j < i + 2 && ['ADV', 'ADJ', 'PART'].includes(pos(j + 1))) j++;
      if (j > i && pos(j) !== 'PART') out.push({ kind: 'VP', ...span(sentence, first, j), first, last: j });
    } else if (t.pos === 'VERB' && t.lemma === 'become' && ['ADV', 'ADJ', 'VERB'].includes(pos(i + 1))) {
      let j = i + 1;
      while (j < i + 3 && ['ADV', 'ADJ', 'VERB'].includes(pos(j + 1))) j++;
      out.push({ kind: 'VP', ...span(sentence, i, j), first: i, last: j });
    }
  }
}

const NEVER = () => false;

/**
 * Every candidate answer in one annotated sentence. Quotations are found per paragraph, see `quoteSpans`.
 * `writesLowerCase`: whether the surrounding text writes a word (its index term) in lower case, so that a sentence's
 * capitalised first word is not taken for a name when it is a common word ("Rebels said ...").
 */
export function sentenceCandidates(
  sentence: AnnotatedSentence,
  writesLowerCase: (term: string) => boolean = NEVER,
): Candidate[] {
  const out: Candidate[] = [];
  const opener = commonOpener(sentence.tokens, writesLowerCase);
  nameCandidates(sentence, out, opener);
  entityCandidates(sentence, out);
  nounPhrases(sentence, out, opener);
  clauseCandidates(sentence, out);
  attributedAtEnd(sentence, out);
  predicateCandidates(sentence, out);
  affiliations(sentence, out);
  return out;
}

/** Tags of the short phrase that may follow X in `eventCandidates` ("the yield on 10-year Dutch government bonds"). */
const PHRASE_BODY = new Set(['DET', 'NOUN', 'PROPN', 'ADJ', 'NUM']);

/**
 * What happened to the one a "what happened to X?" question names, where a sentence says it: from the verb after X
 * (its auxiliaries and adverbs included) to the clause's end. X is its head word ("shares" of "Altera shares"), or
 * another of its words right after the head ("Shares of Korvo"), and a phrase may follow it ("Shares in the company
 * jumped 9.4%", "the yield on 10-year Dutch government bonds rose 2 basis points"). "Altera shares slipped 3%" gives
 * "slipped 3%"; "Nordwind raised its guidance" is not about its shares.
 */
export function eventCandidates(sentence: AnnotatedSentence, subject: readonly string[]): Candidate[] {
  const tokens = sentence.tokens;
  const head = subject[subject.length - 1];
  const terms = new Set(subject);
  const out: Candidate[] = [];
  tokens.forEach((token, k) => {
    if (!token.term || !terms.has(token.term) || terms.has(tokens[k + 1]?.term ?? '')) return;
    const isHead = token.term === head || tokens.slice(Math.max(0, k - 3), k).some((t) => t.term === head);
    if (!isHead) return;
    let first = k + 1;
    while (tokens[first]?.pos === 'PROPN') first++;
    // "Shares in the company jumped": past a short phrase after the head.
    if (tokens[first]?.pos === 'ADP') {
      let end = first + 1;
      while (end <= first + 6 && (PHRASE_BODY.has(tokens[end]?.pos ?? '') || tokens[end]?.text === '-')) end++;
      // "Shares of Korvo" are not Altera's shares.
      const owner =
        tokens[first]?.norm === 'of' &&
        tokens.slice(first + 1, end).some((t) => t.pos === 'PROPN' && !terms.has(t.term ?? ''));
      if (owner && terms.size > 1) return;
      if (end > first + 1) first = end;
    }
    let verb = first;
    while (verb - first < 3 && ['AUX', 'ADV', 'PART'].includes(tokens[verb]?.pos ?? '')) verb++;
    if (tokens[verb]?.pos !== 'VERB') return;
    const last = clauseEnd(tokens, verb, true);
    if (out.some((c) => c.first === first)) return;
    out.push({ kind: 'CLAUSE', ...span(sentence, first, last), first, last, cue: 'event' });
  });
  return out;
}

/** People news names by where they work: "analysts at Jefferies", "economists from ING", "officials of the bank". */
const AFFILIATED =
  /^(?:analysts?|economists?|strategists?|experts?|researchers?|scientists?|officials?|executives?|lawyers?|doctors?|engineers?|traders?|investors?|sources?|spokesm[ae]n|spokeswom[ae]n|spokespe(?:rson|ople))$/;

/** "Analysts at Jefferies": the group with where its members work, a phrase no chunk gives (a name follows). */
function affiliations(sentence: AnnotatedSentence, out: Candidate[]): void {
  const tokens = sentence.tokens;
  tokens.forEach((token, k) => {
    if (!AFFILIATED.test(token.norm)) return;
    const by = tokens[k + 1];
    if (!by || !['at', 'from', 'with', 'of'].includes(by.norm)) return;
    let last = k + 2;
    if (tokens[last]?.pos === 'DET') last++;
    const proper = (t: NlpToken | undefined) => t?.pos === 'PROPN' && /^\p{Lu}/u.test(t.text);
    if (!proper(tokens[last])) return;
    while (proper(tokens[last + 1])) last++;
    let first = k;
    while (first > 0 && (tokens[first - 1]?.pos === 'ADJ' || tokens[first - 1]?.pos === 'PROPN')) first--;
    out.push({ kind: 'NP', ...span(sentence, first, last), first, last });
  });
}

/** Kinds whose edges may hold the question's own words ("the ultimate reality" for "what sort of reality?"). */
const TRIMMABLE = new Set<CandidateKind>(['NAME', 'NP', 'NUMBER', 'MONEY', 'PERCENT', 'DATE', 'DURATION', 'ADJP']);
/** Words left dangling at an edge once the question's words are trimmed ("wavelength of 555 nm" → "555 nm"). */
const LOOSE = new Set(['ADP', 'DET', 'CCONJ', 'PUNCT', 'PART', 'SCONJ']);
const CONTENT = new Set(['NOUN', 'PROPN', 'NUM', 'ADJ', 'VERB', 'ADV', 'X', 'SYM']);

/**
 * The candidates again with the question's own words trimmed from their edges, and the small words left dangling
 * there: "anti-Semitic" from "anti-Semitic prejudice" for "what kind of prejudice?", "555 nanometres" from
 * "wavelength of 555 nanometres", "Pontus" from "Kingdom of Pontus". SQuAD's answers rarely repeat the question;
 * the ranker learns when the trimmed span is the answer. A span already among the candidates is not repeated.
 */
export function trimmedCandidates(
  sentence: AnnotatedSentence,
  candidates: readonly Candidate[],
  isQuestionWord: (token: NlpToken) => boolean,
): Candidate[] {
  const tokens = sentence.tokens;
  const seen = new Set(candidates.map((c) => `${c.first}:${c.last}`));
  const out: Candidate[] = [];
  const strip = (t: NlpToken | undefined) => t !== undefined && (isQuestionWord(t) || LOOSE.has(t.pos));
  for (const c of candidates) {
    if (!TRIMMABLE.has(c.kind) || c.last <= c.first) continue;
    let a = c.first;
    let hitLeft = false;
    while (a <= c.last && strip(tokens[a])) {
      hitLeft ||= isQuestionWord(tokens[a] as NlpToken);
      a++;
    }
    let b = c.last;
    let hitRight = false;
    while (b >= c.first && strip(tokens[b])) {
      hitRight ||= isQuestionWord(tokens[b] as NlpToken);
      b--;
    }
    const variants: Array<[number, number]> = [];
    if (hitLeft) variants.push([a, c.last]);
    if (hitRight) variants.push([c.first, b]);
    if (hitLeft && hitRight) variants.push([a, b]);
    // Cut at the question's word on the right, the phrase that stood right before it: "French warship" of "Libya
    // on the French warship" (Tonnerre), "state news agency" of "Foreign Ministry on state news agency" (Jana).
    if (hitRight) {
      let k = b;
      while (k > c.first && tokens[k - 1]?.pos !== 'ADP') k--;
      if (k > c.first) variants.push([k, b]);
    }
    for (const [x, y] of variants) {
      // The right edge after a left trim (and the left after a right one) can be loose too.
      let first = x;
      let last = y;
      while (first <= last && LOOSE.has((tokens[first] as NlpToken).pos)) first++;
      while (last >= first && LOOSE.has((tokens[last] as NlpToken).pos)) last--;
      if (first > last) continue;
      // A name is not cut between two of its words: "Sergei" of "Sergei Lavrov" for "Who did Lavrov meet?" is no
      // one ("Pontus" of "Kingdom of Pontus" is).
      const proper = (k: number) => tokens[k]?.pos === 'PROPN';
      // Nor kept in part when the phrase is cut at it: "European Union foreign policy chief", not "... chief
      // Catherine", for "who is Ashton?".
      if (c.kind !== 'NAME') {
        while (last > first && last < c.last && proper(last) && proper(last + 1)) last--;
        while (first < last && first > c.first && proper(first) && proper(first - 1)) first++;
      }
      // A sentence's capitalised first word the question holds in lower case is no part of the name, though:
      // "Vestas" of "Rival Vestas reported ..." for "Who is Nordwind's rival?".
      const opener = c.first === 0 && first === 1 && isQuestionWord(tokens[0] as NlpToken);
      if (
        c.kind === 'NAME' &&
        ((first > c.first && proper(first - 1) && proper(first) && !opener) ||
          (last < c.last && proper(last) && proper(last + 1)))
      )
        continue;
      const key = `${first}:${last}`;
      if (seen.has(key)) continue;
      let content = false;
      for (let k = first; k <= last; k++) {
        const t = tokens[k] as NlpToken;
        if (CONTENT.has(t.pos) && !isQuestionWord(t)) content = true;
      }
      if (!content) continue;
      seen.add(key);
      out.push({ ...c, ...span(sentence, first, last), first, last, trimmed: true });
    }
  }
  return out;
}

export interface QuoteSpan {
  /** The words inside the quotation marks, trailing comma removed. */
  readonly text: string;
  /** Offsets of the quoted words in the paragraph. */
  readonly start: number;
  readonly end: number;
  /** The paragraph text outside the quotation, from the previous quotation to the next one. */
  readonly attribution: string;
}

const QUOTE_RE = /["“]([^"“”]{3,}?)["”]/g;
const MIN_QUOTE_WORDS = 3;

/** Quotations of three words or more in a paragraph, with the words around each that say who spoke. */
export function quoteSpans(paragraph: string): QuoteSpan[] {
  const matches = [...paragraph.matchAll(QUOTE_RE)];
  const out: QuoteSpan[] = [];
  matches.forEach((m, k) => {
    const inner = m[1] as string;
    if (inner.trim().split(/\s+/).length < MIN_QUOTE_WORDS) return;
    const start = (m.index ?? 0) + 1;
    const prevEnd = k > 0 ? (matches[k - 1]?.index ?? 0) + (matches[k - 1]?.[0].length ?? 0) : 0;
    const nextStart = k + 1 < matches.length ? (matches[k + 1]?.index ?? paragraph.length) : paragraph.length;
    const before = paragraph.slice(prevEnd, m.index ?? 0);
    const after = paragraph.slice(start + inner.length + 1, nextStart);
    // Attribution: the clause after the quote up to the sentence end (past "Dr." and "Gen."), and the lead-in before it.
    const tail = splitSentences(after)[0]?.text ?? '';
    const lead = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf('?'), before.lastIndexOf('!')) + 1);
    const text = inner.replace(/[,\s]+$/, '').replace(/^\s+/, '');
    out.push({ text, start, end: start + inner.length, attribution: `${lead} ${tail}`.trim() });
  });
  return out;
}
