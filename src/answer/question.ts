/**
 * Question analysis: what kind of answer a question wants (a person for "who", a date for
 * "when", a quotation for "what did X say"...), the terms to search for, and the parts that
 * shape the answer (the speaker of a quotation, the subject of a definition, the head noun
 * of "which X").
 */
import { fold, uniqueTerms } from '../text/analyze.js';
import { annotate, type NlpToken } from '../text/nlp.js';

export type AnswerType =
  | 'PERSON'
  | 'PLACE'
  | 'ORG'
  | 'DATE'
  | 'TIME'
  | 'NUMBER'
  | 'DURATION'
  | 'MONEY'
  | 'PERCENT'
  | 'QUOTE'
  | 'REASON'
  | 'DEFINITION'
  | 'METHOD'
  | 'ENTITY'
  | 'OTHER';

/** Every answer type, in a fixed order (the learned models' one-hot features follow it). */
export const ANSWER_TYPES: readonly AnswerType[] = [
  'PERSON',
  'PLACE',
  'ORG',
  'DATE',
  'TIME',
  'NUMBER',
  'DURATION',
  'MONEY',
  'PERCENT',
  'QUOTE',
  'REASON',
  'DEFINITION',
  'METHOD',
  'ENTITY',
  'OTHER',
];

export interface QuestionPart {
  readonly text: string;
  readonly terms: readonly string[];
}

export interface Question {
  readonly text: string;
  readonly type: AnswerType;
  /** Distinct index terms to search for. */
  readonly terms: readonly string[];
  /** Terms of the capitalised words (names) in the question, sentence-initial word excluded. */
  readonly names: readonly string[];
  /** Terms of the question's verbs (by wink-nlp's tagger). */
  readonly verbs: readonly string[];
  /** True for "who VERBed ...?": the answer is the doer of the verb. */
  readonly subjectVerb: boolean;
  /**
   * True for "who was freed?", "who has been arrested?": a passive asks for whom its verb acted on (the subject of
   * the passive, the object of the active).
   */
  readonly asksPatient?: true;
  /** True for "who did X meet?", "whom has X appointed?": the question's names did it; the answer is someone else. */
  readonly asksObject: boolean;
  /** True for "what was the score?", "what was the vote?": the answer is a result in figures ("3-1", "7-4"). */
  readonly asksScore?: true;
  /** True for "what happened to X?": the answer is what X did or had done to it, the words after X ("slipped 3%"). */
  readonly asksEvent?: true;
  /** True for "how old is X?" where X is named: the answer is an age, written beside the name ("Visser, 52,"). */
  readonly asksAge?: true;
  /**
   * True for "what is Sweden's interest rate?", "what was the turnout?": the answer is a figure (`VALUE_NOUNS`), the
   * one the noun is at, of or raised to ("kept its rate at 4%", "a premium of 31%", "the bank's 2% target").
   */
  readonly asksValue?: true;
  /**
   * True for a yes-or-no question ("Did the committee vote unanimously?", "Is it a cure?"): an auxiliary first, no
   * wh-word and no "or" (so "Were the armies smaller or larger?" is not one). Footnote shows the passages that speak
   * to it rather than a word of one of them.
   */
  readonly polar?: true;
  /**
   * The term of the noun a measure adjective's answer is written with ("how deep": "depth"), added to the terms: it
   * helps where an article writes it ("at a depth of 10 km") and weighs little where it does not ("30-metre rocket").
   */
  readonly measure?: string;
  /**
   * Terms an article may well not write, kept at a share of their weight: the noun of a measure (`measure`), "called"
   * of "what was the rocket called?" (the article writes "the Hayate-2 rocket").
   */
  readonly light?: readonly string[];
  /** Folded head noun of "which X" / "what X" questions ("warship"), when there is one. */
  readonly focus?: string;
  /**
   * The question's first noun after its wh-word, past "the name of", "the type of" and the like ("What is the name
   * of the largest lake?" -> "lake"), lower case; undefined when it has none. The ranker's lexical features use it.
   */
  readonly noun?: string;
  /** Who is quoted, for QUOTE questions. */
  readonly speaker?: QuestionPart;
  /** What is defined, for DEFINITION questions; what something happened to, for `asksEvent` ones. */
  readonly subject?: QuestionPart;
}

/** Limits on a question, shared by every front end. */
export const QUESTION_LIMITS = {
  /** Characters in a question (Discord's option allows 300). */
  maxLength: 300,
} as const;

/**
 * Verbs of saying in the form "did" or "will" takes ("what did X say"), and the form "has" takes ("what has X said"):
 * so "states" of "the United States" is no verb in "what did the United States say?".
 */
const SPEECH_VERBS =
  'say|tell|write|claim|promise|add|announce|argue|state|warn|insist|describe|think|believe|report|suggest|declare';
const SPEECH_PARTICIPLES =
  'said|told|written|wrote|claimed|promised|added|announced|argued|stated|warned|insisted|described|thought|' +
  'believed|reported|suggested|declared';

const QUOTE_PATTERNS: readonly RegExp[] = [
  new RegExp(`^what (?:did|does|do|will|would|could|might) (.+?) (?:${SPEECH_VERBS})\\b(.*)$`),
  new RegExp(`^what (?:has|had|have) (.+?) (?:${SPEECH_PARTICIPLES})\\b(.*)$`),
  /^what (?:was|is|were|are) (?:said|written|stated|announced|claimed) by (.+?)(?:\b(?:about|on|regarding)\b(.*))?$/,
  /^(?:quote|how did) (.+?) (?:describe|react|respond)\b(.*)$/,
];

const PLACE_NOUNS = new Set([
  'country',
  'city',
  'state',
  'town',
  'place',
  'region',
  'continent',
  'island',
  'location',
  'area',
  'nation',
  'province',
  'county',
  'village',
  'capital',
  'river',
  'mountain',
  'lake',
  'sea',
  'ocean',
  'port',
  'district',
  'neighborhood',
  'street',
  'building',
  'site',
  'territory',
  'border',
]);
const PERSON_NOUNS = new Set([
  'person',
  'people',
  'man',
  'men',
  'woman',
  'women',
  'leader',
  'president',
  'minister',
  'king',
  'queen',
  'author',
  'writer',
  'singer',
  'player',
  'official',
  'spokesman',
  'spokeswoman',
  'actor',
  'actress',
  'artist',
  'scientist',
  'emperor',
  'general',
  'commander',
  'chief',
  'founder',
  'director',
  'member',
  'politician',
  'philosopher',
  'composer',
  'poet',
  'architect',
  'pope',
  'ruler',
  'governor',
  'senator',
  'envoy',
  'ambassador',
  'journalist',
  'reporter',
  'editor',
  'economist',
  'explorer',
  'inventor',
  'secretary',
  'chancellor',
  'mayor',
  'prince',
  'princess',
  'duke',
  'bishop',
  'monarch',
  'dictator',
  'priest',
  'judge',
  'coach',
  'captain',
  'admiral',
  'officer',
  'producer',
  'musician',
  'painter',
  'historian',
  'god',
  'goddess',
  // Family: "What was the name of her son?"
  'wife',
  'husband',
  'son',
  'daughter',
  'mother',
  'father',
  'brother',
  'sister',
  'child',
  'children',
  'uncle',
  'aunt',
  'nephew',
  'niece',
  'cousin',
  'grandson',
  'granddaughter',
  'grandfather',
  'grandmother',
  'widow',
  'heir',
]);
const ORG_NOUNS = new Set([
  'company',
  'organization',
  'organisation',
  'group',
  'party',
  'agency',
  'team',
  'university',
  'newspaper',
  'network',
  'band',
  'institution',
  'government',
  'council',
  'bank',
  'school',
  'college',
  'firm',
  'corporation',
  'club',
  'alliance',
  'army',
  'ministry',
  'court',
  'body',
  'studio',
  'label',
  'publisher',
  'manufacturer',
  'airline',
]);
const TIME_NOUNS = new Set([
  'year',
  'date',
  'day',
  'month',
  'century',
  'decade',
  'time',
  'era',
  'period',
  'season',
  'week',
]);

/** Words between the wh-word and the focus noun that are not the noun itself. */
const FOCUS_SKIP = new Set([
  'kind',
  'type',
  'sort',
  'of',
  'the',
  'a',
  'an',
  'two',
  'other',
  'main',
  'first',
  'largest',
  'most',
]);

function part(text: string): QuestionPart {
  const clean = text.replace(/^(?:the|a|an)\s+/i, '').trim();
  return { text: clean, terms: uniqueTerms(clean) };
}

function focusOf(rest: string): string | undefined {
  for (const word of rest.split(/\s+/)) {
    const w = word.replace(/[^\p{L}'-]/gu, '');
    if (!w || FOCUS_SKIP.has(w)) continue;
    return w;
  }
  return undefined;
}

function typeOfFocus(plural: string | undefined): AnswerType {
  if (!plural) return 'OTHER';
  // "centuries", "seasons": the noun lists hold singulars (and irregular plurals).
  const focus = /ies$/.test(plural) ? `${plural.slice(0, -3)}y` : /[^s]s$/.test(plural) ? plural.slice(0, -1) : plural;
  if (PLACE_NOUNS.has(focus)) return 'PLACE';
  if (PERSON_NOUNS.has(focus)) return 'PERSON';
  if (ORG_NOUNS.has(focus)) return 'ORG';
  if (TIME_NOUNS.has(focus)) return focus === 'time' ? 'TIME' : 'DATE';
  if (focus === 'percentage' || focus === 'percent' || focus === 'proportion' || focus === 'share') return 'PERCENT';
  if (focus === 'number' || focus === 'amount' || focus === 'population' || focus === 'size') return 'NUMBER';
  // "Which score", "what vote": a result in figures ("3-1", "7-4").
  if (SCORE_FOCUS.test(focus)) return 'NUMBER';
  return 'ENTITY';
}

/** Nouns of a result told in figures: "what was the score?" asks for "3-1", "what was the vote?" for "7-4". */
const SCORE_NOUNS = 'score|scoreline|tally|vote';
const SCORE_FOCUS = new RegExp(`^(?:${SCORE_NOUNS})$`);
const SCORE_ASKED = new RegExp(`^(?:is|was) the (?:final |overall )?(?:${SCORE_NOUNS})\\b`);

/** The determiner that may open the thing a question names ("the rocket", "its satellite"). */
const DETERMINER = '(?:the |a |an |its |their |this |that )?';

/** "What was the satellite for?", "what is the fund for?" (not "what is it used for?" nor "nominated for", which SQuAD answers with a noun). */
const PURPOSE_ASKED = new RegExp(
  `^(?:is|was|are|were) ${DETERMINER}(?:[a-z0-9'-]+ ){0,3}(?![a-z'-]+ed for$)[a-z0-9'-]+ for$`,
);

/**
 * "What was the rocket called?", "what is the new company known as?", "what are glaciers called that end in the sea?":
 * the thing (up to four words) and the verb.
 */
const CALLED_ASKED = new RegExp(
  `^(?:is|was|are|were) ${DETERMINER}((?:[a-z0-9'-]+ ){0,3}[a-z0-9'-]+) (called|named|known as|dubbed|nicknamed|codenamed)(?: (?:that|which|who|when|where|if) .+)?$`,
);

/** "How long is the strike?": the thing measured, its last word. */
const MEASURED = new RegExp(`^how long (?:is|was|will be) ${DETERMINER}(?:[a-z-]+ ){0,2}?([a-z-]+)$`);

/** A question that opens with an auxiliary asks yes or no (unless it offers alternatives or asks a wh-word). */
const POLAR =
  /^(?:is|are|was|were|am|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|won't|can't)\b/;

/** Nouns whose value is a figure: "what is the interest rate?", "what was the turnout?". */
const VALUE_NOUNS =
  'rates?|prices?|target|level|cost|value|yield|growth|inflation|unemployment|premium|turnout|population|salary|wages?|budget|deficit|debt|fine|margin|stake|ratio|limit|capacity|temperature|fee|fare|revenue|profit|valuation|tax|tariff|discount|dividend|bonus';
/**
 * "What is Sweden's interest rate (now)?", "what was the bank's inflation target?", "what is the price of oil?": the
 * value noun heads the words after the copula (up to three before it, a possessive or "the" first), a clause about it
 * may follow ("what is the maximum fine the Commission can impose?").
 */
const VALUE_ASKED = new RegExp(
  `^what (?:is|was|are|were) (?:the |its |their |his |her )?(?:[a-z.'-]+'s? )?(?:[a-z-]+ ){0,2}(?:${VALUE_NOUNS})(?: of [a-z' -]+?)?(?: now| today| currently| at the moment| this year| last year| in [a-z0-9]+| (?:that |which )?(?:the|a|an|it|they|he|she|we|you) [a-z' -]+)?$`,
);

/** "How strong", "how deep": adjectives of a measure, so the question asks for a number (a magnitude, 10 km). */
const MEASURE_ADJECTIVES =
  'far|tall|high|big|large|wide|deep|heavy|fast|often|strong|powerful|hot|cold|warm|small|short|low|thick|steep|loud';

/** The noun a measure adjective's answer is written with: "at a depth of 10 km" answers "how deep". */
const MEASURE_NOUN: Readonly<Record<string, string>> = {
  deep: 'depth',
  high: 'height',
  tall: 'height',
  wide: 'width',
  heavy: 'weight',
  strong: 'magnitude',
  powerful: 'magnitude',
  fast: 'speed',
  hot: 'temperature',
  cold: 'temperature',
  warm: 'temperature',
  thick: 'thickness',
};

const WH_PHRASE = new RegExp(
  `^\\s*(?:(?:in|on|at|during|by|from|since|until) )?(?:how (?:many|much|long|old|${MEASURE_ADJECTIVES})|(?:what|which) (?:kinds?|types?|sorts?) of|(?:what|which) (?:year|date|day|month|century|decade|time)s?)\\b`,
  'i',
);

/**
 * A request for what the articles say rather than a question they answer: "tldr", "summarize", "what is the article
 * about?", "what does this story say?", "what happened?", "what's going on?", "give me a quick summary", "main
 * points". Words after it make it a question again ("what happened in Misrata?").
 */
const SUMMARY_REQUEST =
  /^(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:tl;?\s?dr|summari[sz]e(?: (?:it|this|that|the articles?|the story))?|sum (?:it|this|that) up|(?:give me |i want )?(?:a )?(?:quick |short |brief )?(?:summary|overview|recap|gist)|(?:the |its )?(?:main|key) points?|what(?:'s| is| was) (?:the|this|that|it) (?:(?:article|story|piece|report|news)s? )?about|what (?:does|did|do) (?:the|this|that) (?:article|story|piece|report)s? say|what happened|what(?:'s| is) (?:the news|going on|new))(?![\w'])/i;

/** True for a request for what the articles say, with nothing after it to ask about (`SUMMARY_REQUEST`). */
export function asksForSummary(raw: string): boolean {
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:(?:hey|hi|ok|okay|so)[,!]?\s+)+/i, '');
  const m = SUMMARY_REQUEST.exec(text);
  if (!m) return false;
  return !/[\p{L}\p{N}]/u.test(text.slice(m[0].length).replace(/\b(?:please|pls|thanks|of it|for me)\b/gi, ''));
}

const NAME_ONLY = /^(?:[A-Z][\p{L}'.-]*\s*){1,4}$/u;

/**
 * "How much" asking for money: a money noun after it ("how much debt", "how much in sales"), or a verb of paying,
 * earning or valuing later ("How much did SCA pay ...", "How much was home equity valued ..."), but not "how much of"
 * (a share). On tune-48 it types 50 of the 71 "how much" questions answered with an amount of money (29 before), 6
 * others wrongly (3 before).
 */
const HOW_MUCH_MONEY =
  /^how much (?:(?:in )?(?:money|debt|tax|taxes|revenue|funding|capital|cash|profit|income|aid|deposits|sales)\b|(?!of\b).*\b(?:cost|costs|pay|paid|pays|spend|spent|earn|earned|earns|raise|raised|grossed|grosses|make|made|makes|charge|charged|worth|valued|invested|owe|owed|sell for|sold for|sells for|fine|fined|fines|award|awarded)\b)/;

/** Prepositions that can open a wh-phrase ("During what years", "for how long", "From where"). */
const WH_PREPOSITIONS = 'in|on|at|from|to|of|for|by|about|between|during|since|until|with|after|before';

/** A preposition or hedge before a wh-word ("about how many", "during what years", "for how long"). */
const ASKING_PREFIX = new RegExp(
  `^(?:approximately|roughly|around|nearly|almost|${WH_PREPOSITIONS}) (?=(?:what|which|when|where|why|how)\\b)`,
);

/**
 * A clause of time or condition before a question ("when housing prices declined, who ...", "when compared to the
 * Western Alps, what area ..."): what follows its comma. Not "when did ..., ...", which asks when.
 */
const CLAUSE_FIRST =
  /^(?:when|while|once|if|after|before) (?!(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should|might|may|must)\b)[^,]+, (.+)$/;

/** A wh-word at the start, after at most one preposition. */
const WH_FIRST = new RegExp(`^(?:(?:${WH_PREPOSITIONS}) )?(?:who|whom|whose|what|which|when|where|why|how)\\b`);
const WH_INSIDE =
  /\b(?:(?:in|on|at|from|to|of|for|by|between|during|since|until) )?(?:who|whom|whose|what|which|when|where|why|how)\b/g;

/**
 * The part of a question from its wh-phrase on. Questions that put it later ("In 1884 about how many bison
 * remained?", "The word was unknown until what year?") ask with their last wh-phrase.
 */
function whPhrase(q: string): string {
  // "When housing prices declined, who reported losses?": a clause of time first, then the question's own wh-word.
  const clause = CLAUSE_FIRST.exec(q)?.[1];
  // (`search`, not `test`: WH_INSIDE is global, and `test` would keep its place for the next call.)
  if (clause && (WH_FIRST.test(clause) || clause.search(WH_INSIDE) >= 0)) return whPhrase(clause);
  if (WH_FIRST.test(q)) return q;
  const last = [...q.matchAll(WH_INSIDE)].pop();
  return last ? q.slice(last.index) : q;
}

/**
 * The head of the noun phrase after a wh-word: its first noun that ends a run of nouns, or, when the tagger finds
 * none before the question's verb ("Which Confederate general failed ..."), the last word before that verb.
 */
function headOfWhPhrase(tokens: ReturnType<typeof annotate>['tokens'], wh: number) {
  let lastBeforeVerb: (typeof tokens)[number] | undefined;
  for (let k = wh + 1; k < tokens.length; k++) {
    const t = tokens[k] as (typeof tokens)[number];
    const next = tokens[k + 1]?.pos;
    if (t.pos === 'NOUN' && next !== 'NOUN') return t;
    // A verb before a noun modifies it ("Award-winning director"); otherwise it is the question's verb.
    const modifier = next === 'NOUN' || next === 'PROPN' || next === 'ADJ';
    if ((t.pos === 'VERB' || t.pos === 'AUX') && !modifier && lastBeforeVerb) return lastBeforeVerb;
    // "Secretary of State": the head comes before "of".
    if (t.pos === 'ADP' && lastBeforeVerb) return lastBeforeVerb;
    if (t.pos === 'PROPN' || t.pos === 'ADJ') lastBeforeVerb = t;
  }
  return undefined;
}

/**
 * Whether "what is X?" asks what X is. Not when X holds a verb or ends on a preposition ("What was kermes lake made
 * from?", "What is price stability defined as?"), nor when X is picked out by a possessive or, lower-case, by "the"
 * ("What was Thin Lizzy's hit single?", "What is the state fossil?"): those ask which thing it is, a name.
 */
function definesSubject(
  subject: string,
  definite: boolean,
  tokens: ReturnType<typeof annotate>['tokens'],
  start: number,
): boolean {
  const inside = tokens.filter((t) => t.start >= start && t.end <= start + subject.length);
  const last = inside.filter((t) => t.pos !== 'PUNCT').pop();
  // A participle or auxiliary ("made", "known", "built", "called"), not a noun the tagger took for a verb ("marks").
  const participle = (t: (typeof tokens)[number]) =>
    t.pos === 'AUX' || (t.pos === 'VERB' && /(?:ed|en|wn|nt|lt|de|ght|ung)$/.test(t.norm));
  if (inside.some(participle) || last?.pos === 'ADP') return false;
  // "What are some thrash metal bands?", "What is next to Boston Common?": a list or a place, not a meaning.
  if (/^(?:some|another|other|one|two|three|four|five|several|many|next|often|also|usually)\b/i.test(subject))
    return false;
  if (inside.some((t) => t.pos === 'PART' && /^['’]s$/.test(t.text))) return false;
  return !definite || /^["'“‘]?\p{Lu}/u.test(subject);
}

const EMPTY_NOUNS = new Set(['name', 'type', 'kind', 'sort', 'form', 'number', 'amount', 'part', 'term', 'group']);

/** See `Question.noun`. */
function mainNoun(tokens: ReturnType<typeof annotate>['tokens']): string | undefined {
  const wh = tokens.findIndex((t) => /^(?:what|which|who|whom|whose|when|where|why|how)$/i.test(t.text));
  for (let k = wh + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t?.pos !== 'NOUN') continue;
    // The last noun of a run ("freshwater lake"), unless an empty noun hands over to "of X".
    let end = k;
    while (tokens[end + 1]?.pos === 'NOUN') end++;
    const last = tokens[end] as (typeof tokens)[number];
    if (EMPTY_NOUNS.has(last.norm) && tokens[end + 1]?.norm === 'of') {
      k = end + 1;
      continue;
    }
    return last.norm;
  }
  return undefined;
}

/** The wording of a request around what is asked: "please tell me about", "can you explain", "do you know". */
const REQUEST =
  /^(?:(?:and|so|but|then|ok|okay|hey|hi|please|pls)[,!]?\s+)*(?:(?:can|could|would|will) you\s+(?:please\s+)?)?(?:tell me|explain|describe|show me|give me|do you know|i want to know|i'd like to know)\b(?:\s+(?:about|of))?[,:]?\s*/i;
/** Words that may open a question before its wh-phrase ("so", "ok", "tell me", "do you know"). */
const LEAD_IN = /^(?:(?:and|so|but|then|ok|okay|hey|please|tell me|do you know),?\s+)*(.*)$/;

/** "What's", "whats", "who's": a wh-word and "is", or "has" before a participle ("who's backed the rebels?"). */
const WH_CONTRACTION = /\b(what|who|where|when|how|which|why)(?:['’]s|s)\s+(\S+)/giu;

export function expandContraction(text: string): string {
  return text.replace(WH_CONTRACTION, (_, wh: string, next: string) => {
    const verb = /^(?:been|got|\p{L}+ed|\p{L}+en)$/iu.test(next) && !/^(?:the|then|when|often)$/i.test(next);
    return `${wh} ${verb ? 'has' : 'is'} ${next}`;
  });
}

/**
 * The verb a question with "do" closes on, which the tagger reads as a noun after another noun: "How much did Halden
 * shares fall?", "How much did profit rise?" (where it reads "profit" as the verb). Undefined when the question has
 * no "do", or a verb after it, or its last word follows no noun.
 */
function closingVerb(tokens: readonly NlpToken[]): { verb: NlpToken; subject: NlpToken } | undefined {
  const words = tokens.filter((t) => t.pos !== 'PUNCT');
  const aux = words.findIndex((t) => t.lemma === 'do' && t.pos === 'AUX');
  if (aux < 0 || words.length - aux < 3) return undefined;
  const verb = words[words.length - 1] as NlpToken;
  const subject = words[words.length - 2] as NlpToken;
  if (words.slice(aux + 1, -2).some((t) => t.pos === 'VERB')) return undefined;
  if (verb.pos !== 'NOUN' || !['NOUN', 'PROPN', 'VERB'].includes(subject.pos)) return undefined;
  return { verb, subject };
}

/** Whether a verb or auxiliary stands at or after character `from` of the question (not a closing "to do"). */
function verbAfter(tokens: readonly NlpToken[], from: number): boolean {
  // "What did Masebo tell people to do?" asks what she said to do.
  return tokens.some(
    (t, k) =>
      t.start >= from && (t.pos === 'VERB' || t.pos === 'AUX') && !(t.norm === 'do' && tokens[k - 1]?.norm === 'to'),
  );
}

/** Analyse a question. Never throws; an empty question gives type OTHER and no terms. */
export function analyzeQuestion(raw: string): Question {
  const text = expandContraction(raw.replace(/\s+/g, ' ').trim());
  const q = fold(text)
    .replace(/[?!.]+$/, '')
    .trim();
  // The wh-phrase asks; it is not what the answer is about ("how many", "how long"); nor is a request's own wording
  // ("tell me about the helicopters").
  const measure =
    MEASURE_NOUN[/^\s*(?:(?:in|on|at|during|by|from|since|until) )?how (\w+)/i.exec(text)?.[1]?.toLowerCase() ?? ''];
  const terms = uniqueTerms(`${text.replace(REQUEST, '').replace(WH_PHRASE, ' ')}${measure ? ` ${measure}` : ''}`);
  const tagged = annotate(text);
  const names = [
    ...new Set(tagged.tokens.flatMap((t, k) => (k > 0 && /^\p{Lu}/u.test(t.text) && t.term ? [t.term] : []))),
  ];
  const closing = closingVerb(tagged.tokens);
  const verbs = [
    ...new Set(
      tagged.tokens.flatMap((t) =>
        (t.pos === 'VERB' && t !== closing?.subject) || t === closing?.verb ? (t.term ? [t.term] : []) : [],
      ),
    ),
  ];
  // "Who did Lavrov meet?" asks for whom the question's names acted on: an auxiliary followed by its subject. "Who
  // has backed the rebels?" and "who will win?" ask for the doer: the auxiliary's next word is the verb.
  const asksObject =
    /^(?:who|whom) (?:did|does|do|will|would|has|have|had|can|could|should|might)\b/.test(q) &&
    !['VERB', 'AUX', 'ADV'].includes(tagged.tokens[2]?.pos ?? '');
  const subjectVerb =
    !asksObject &&
    /^who (?:(?:has|have|had|did|does|will|would|could) )?\w+(?:ed|s)?\b/.test(q) &&
    (!/^who (?:is|was|are|were|be|been)\b/.test(q) || /^who (?:is|was|are|were) \w+ing\b/.test(q));
  // "Who was freed?", "Which race was cancelled?", "What was cancelled?": the wh-word (and its noun) is the passive's
  // subject.
  const passive =
    /^(?:who|(?:which|what)(?: [a-z-]+)?) (?:is|are|was|were|has been|have been|had been|will be|is being|was being) (\w+(?:ed|en|t))$/.exec(
      q.split(/ (?:in|on|at|by|during|after|before|for|from|to|since|over|under) /)[0] ?? '',
    );
  const passiveVerb = passive?.[1] ? tagged.tokens.find((t) => t.norm === passive[1]) : undefined;
  const asksPatient = passiveVerb?.pos === 'VERB' && passiveVerb.term !== null && verbs.includes(passiveVerb.term);
  const noun = mainNoun(tagged.tokens);
  const measureTerm = measure ? uniqueTerms(measure)[0] : undefined;
  const base: Omit<Question, 'type'> = {
    text,
    terms,
    names,
    verbs,
    subjectVerb,
    asksObject,
    ...(asksPatient ? { asksPatient: true as const } : {}),
    ...(noun ? { noun } : {}),
    ...(measureTerm ? { measure: measureTerm, light: [measureTerm] } : {}),
  };

  // "What did he write about human rights in?" asks for the work, not for what was written.
  const endsOnPreposition = /\b(?:in|on|at|for|with|to|from|by|into|under)$/.test(q);
  for (const pattern of endsOnPreposition ? [] : QUOTE_PATTERNS) {
    const m = pattern.exec(q);
    // "What did Kerry say had ended?", "What did Leibniz believe the universe is composed of?": a clause after the
    // verb of speech asks for a part of what was said, not the quotation ("What did Ashton say about Gaddafi?",
    // "What did he tell reporters?" do).
    if (m?.[1] && m[2] && verbAfter(tagged.tokens, q.length - m[2].length)) continue;
    if (m?.[1]) {
      const speakerStart = q.indexOf(m[1]);
      const speaker = part(text.slice(speakerStart, speakerStart + m[1].length));
      return { ...base, type: 'QUOTE', speaker };
    }
  }

  // "What happened to Altera shares?" asks what the shares did: the words after them ("slipped 3%").
  const event = /^what (?:has |had |will |would )?(?:happened|happens|happen) (?:to|with) (.+)$/.exec(q);
  if (event?.[1]) {
    const start = q.lastIndexOf(event[1]);
    const subject = part(text.slice(start, start + event[1].length).replace(/[?!.]+$/, ''));
    if (subject.terms.length > 0) return { ...base, terms: subject.terms, type: 'OTHER', asksEvent: true, subject };
  }

  if (POLAR.test(q) && !/\b(?:or|what|who|whom|whose|which|when|where|why|how)\b/.test(q))
    return { ...base, type: 'OTHER', polar: true };

  const wh = whPhrase(LEAD_IN.exec(q)?.[1] ?? q);

  if (/^(?:(?:by|to|for|with|from|of) )?(?:who|whom|whose)\b/.test(wh)) {
    const def = /^who (?:is|was|are|were) (.+)$/.exec(wh);
    if (def?.[1]) {
      const start = q.lastIndexOf(def[1]);
      const original = text.slice(start, start + def[1].length).replace(/[?!.]+$/, '');
      if (NAME_ONLY.test(original)) return { ...base, type: 'DEFINITION', subject: part(original) };
    }
    return { ...base, type: 'PERSON' };
  }
  // "About how many ...", "During what years ...", "From where ...": the type is the wh-phrase's after its preposition.
  const bare = wh.replace(ASKING_PREFIX, '');
  // The clock ("at what time did the meeting start?"), not an age ("during what time period", "until what time").
  if (/^(?:at )?what time\b(?! (?:period|frame|span))/.test(wh)) return { ...base, type: 'TIME' };
  if (/^when\b/.test(bare) || /^(?:what|which) (?:year|date|day|month|century|decade|period|era|time)\b/.test(bare)) {
    return { ...base, type: 'DATE' };
  }
  if (/^where\b/.test(bare)) return { ...base, type: 'PLACE' };
  if (/^how (?:many|much)\b/.test(bare)) {
    const money = HOW_MUCH_MONEY.test(bare);
    // "How many firefighters ...": the noun counted is the focus ("400 firefighters", not "150 fire engines").
    const counted = /^how many ([a-z][a-z-]+)/.exec(bare)?.[1];
    const focus = counted && !FOCUS_SKIP.has(counted) && !/^(?:of|more|times)$/.test(counted) ? counted : undefined;
    return { ...base, type: money ? 'MONEY' : 'NUMBER', ...(focus ? { focus } : {}) };
  }
  // "How old is Visser?": news gives an age beside the name ("Visser, 52, told ...").
  if (/^how old (?:is|was|are|were)\b/.test(bare) && base.names.length > 0)
    return { ...base, type: 'NUMBER', asksAge: true };
  // "How long is the strike?": the thing measured is the focus ("a 48-hour strike").
  const measured = MEASURED.exec(bare)?.[1];
  if (measured && !FOCUS_SKIP.has(measured) && !/^(?:it|they|this|that|he|she)$/.test(measured))
    return { ...base, type: 'DURATION', focus: measured };
  if (/^how (?:long|old)\b/.test(bare)) return { ...base, type: /^how long\b/.test(bare) ? 'DURATION' : 'NUMBER' };
  if (new RegExp(`^how (?:${MEASURE_ADJECTIVES})\\b`).test(bare)) return { ...base, type: 'NUMBER' };
  if (/^why\b/.test(bare)) return { ...base, type: 'REASON' };
  if (/^how\b/.test(bare)) return { ...base, type: 'METHOD' };
  if (/^(?:what|which) (?:percentage|percent|proportion|share)\b/.test(bare)) return { ...base, type: 'PERCENT' };

  const which = /^(?:what|which) (.+)$/.exec(bare);
  if (which?.[1]) {
    const rest = which[1];
    const def = /^(?:is|was|are|were) (an? |the )?(.+)$/.exec(rest);
    if (def?.[2] && def[2].split(' ').length <= 4 && !/\b(?:of|in|for|that|which|who|did|does)\b/.test(def[2])) {
      const start = q.lastIndexOf(def[2]);
      const subject = text.slice(start, start + def[2].length);
      if (definesSubject(subject, def[1] === 'the ', tagged.tokens, start))
        return { ...base, type: 'DEFINITION', subject: part(subject) };
    }
    // "What does Korvo do?" asks what Korvo is ("network chip designer Korvo Systems"), as "what does Brightwave
    // make?" does ("solar panel maker Brightwave Energy").
    const does = /^(?:does|do|did) (.+?) (?:do|make|produce|manufacture|sell)$/.exec(rest.replace(/[?!.\s]+$/, ''));
    if (does?.[1]) {
      const start = q.lastIndexOf(does[1]);
      const original = text.slice(start, start + does[1].length);
      if (NAME_ONLY.test(original)) return { ...base, type: 'DEFINITION', subject: part(original) };
    }
    // "What was the satellite for?" asks its purpose ("designed to track typhoons"), as "why was it built?" does.
    if (PURPOSE_ASKED.test(rest)) return { ...base, type: 'REASON' };
    // "What was the rocket called?": the name of the thing ("the Hayate-2 rocket"), which the article may not say it
    // is called.
    const called = CALLED_ASKED.exec(rest);
    if (called?.[1] && called[2]) {
      const focus = called[1].split(' ').pop() as string;
      const light = [...(base.light ?? []), ...uniqueTerms(called[2])];
      return { ...base, type: typeOfFocus(focus), focus, light };
    }
    // "Which country is Nordtone from?": news writes the origin as a demonym ("Swedish streaming service Nordtone"),
    // so the word "country" is light.
    const origin = /^(country|nation) (?:is|was|are|were|does|did|do) .+ (?:from|come from|based in)$/.exec(rest);
    if (origin?.[1])
      return { ...base, type: 'PLACE', focus: origin[1], light: [...(base.light ?? []), ...uniqueTerms(origin[1])] };
    // "What was the score?", "what was the final vote?": a result in figures ("3-1", "7-4").
    if (SCORE_ASKED.test(rest)) return { ...base, type: 'NUMBER', asksScore: true };
    // "What is the name of Gaddafi's daughter?" asks for what its noun names: a person here.
    if (/^(?:is|was|are|were) (?:the )?names? of\b/.test(rest) && noun !== undefined) {
      return { ...base, type: typeOfFocus(noun), focus: noun };
    }
    if (!/^(?:is|was|are|were|did|does|do|has|had|have|can|could|would|will|should)\b/.test(rest)) {
      // The head noun after the wh-word ("Which French warship ..." -> "warship"), by the tagger, else the first word.
      const wh = tagged.tokens.findIndex((t) => t.norm === 'which' || t.norm === 'what');
      const head = wh >= 0 ? headOfWhPhrase(tagged.tokens, wh) : undefined;
      const focus = head ? head.norm : focusOf(rest);
      const type = typeOfFocus(focus);
      return focus ? { ...base, type, focus } : { ...base, type };
    }
    return VALUE_ASKED.test(q) ? { ...base, type: 'OTHER', asksValue: true } : { ...base, type: 'OTHER' };
  }
  if (/^name\b/.test(wh)) return { ...base, type: 'ENTITY' };
  return { ...base, type: 'OTHER' };
}
