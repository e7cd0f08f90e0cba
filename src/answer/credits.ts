/**
 * The credit line news agencies end a story with, "(Additional reporting by Joseph Logan in Tripoli; Writing by
 * Ralph Boulton; Editing by Alison Williams)", read as written, for "who wrote the story?", "who edited this?" and
 * "who is the reporter?". The answer engine would find these names too, but from a line that holds none of the
 * question's words ("who edited the article" was withheld, "who is the author?" found nothing).
 */

/** What a credit names someone for. */
export type CreditRole = 'writing' | 'reporting' | 'editing';

/** One part of a credit line: its role, whether the reporting was additional, and the names as written. */
export interface Credit {
  readonly role: CreditRole;
  readonly additional: boolean;
  /** The names, places left out: ["Joseph Logan", "Sherine El Madany", "Joseph Nasr"]. */
  readonly names: readonly string[];
  /** Where each name reported from, when the line says ("Tripoli" of "Joseph Logan in Tripoli"). */
  readonly places: readonly (string | undefined)[];
}

/** A parenthesised line that credits someone by role: "(Reporting by ...; Editing by ...)". */
const CREDIT_LINE = /\(([^()]*\b(?:reporting|writing|editing|written|edited|compiled) by [^()]+)\)/i;
/** One part of it: "Additional reporting by X", "Writing by X", "Editing by X and Y", "Reporting and writing by X". */
const CREDIT_PART =
  /^(additional )?(reporting|writing|editing|written|edited|compiled|compiling)(?: and (reporting|writing|editing))? by (.+)$/i;

function roleOf(word: string): CreditRole {
  const w = word.toLowerCase();
  if (w.startsWith('edit')) return 'editing';
  if (w.startsWith('report')) return 'reporting';
  return 'writing';
}

/** The credits of a paragraph's credit line, in order; none when it has none. */
export function readCredits(text: string): Credit[] {
  const line = CREDIT_LINE.exec(text)?.[1];
  if (!line) return [];
  const out: Credit[] = [];
  for (const part of line.split(/\s*;\s*/)) {
    const m = CREDIT_PART.exec(part.trim());
    if (!m) continue;
    // "Joseph Logan in Tripoli, Sherine El Madany in Benghazi": each name, and where it reported from.
    const names: string[] = [];
    const places: Array<string | undefined> = [];
    for (const each of (m[4] as string).split(/\s*,\s*|\s+and\s+/)) {
      const at = /^(.+?)\s+in\s+([\p{Lu}][\p{L}.'’ -]*)$/u.exec(each.trim());
      const name = (at ? (at[1] as string) : each).replace(/\s+/g, ' ').trim();
      if (name === '') continue;
      names.push(name);
      places.push(at?.[2]?.trim());
    }
    if (names.length === 0) continue;
    const roles = [roleOf(m[2] as string), ...(m[3] ? [roleOf(m[3])] : [])];
    for (const role of roles) out.push({ role, additional: m[1] !== undefined, names, places });
  }
  return out;
}

/** "who wrote the story?", "who is the editor?", "who edited it": the role asked for, with nothing else asked. */
const CREDIT_QUESTION =
  /^who (?:(wrote|authored|penned|reported|edited)(?: (?:on )?(?:it|this|that|the (?:story|article|report|piece|news)|this (?:story|article|report|piece)))?|(?:is|was) the (author|writer|reporter|editor)(?: of (?:it|this|that|the (?:story|article|report|piece)|this (?:story|article|report|piece)))?)\s*[?.!]*$/i;

/**
 * "Who wrote the cholera story?", "who reported the story about the rail strike?": a credit question with the words
 * that say which story (`creditTopic`).
 */
const TOPIC_CREDIT_QUESTION =
  /^who (?:(wrote|authored|penned|reported|edited)|(?:is|was) the (author|writer|reporter|editor) of) (?:the |this |that )?(?:([\p{L}\p{N}'’ -]+?) )?(?:story|article|report|piece|news)(?: (?:about|on|of) (?:the )?([\p{L}\p{N}'’ -]+?))?\s*[?.!]*$/iu;

/** The words of a credit question that say which story ("cholera" of "who wrote the cholera story?"), if any. */
export function creditTopic(question: string): string | undefined {
  const m = TOPIC_CREDIT_QUESTION.exec(question.replace(/\s+/g, ' ').trim());
  return m?.[3] ?? m?.[4];
}

/** The credit a question asks about, or undefined when it asks something else (`CREDIT_QUESTION`). */
export function creditAsked(question: string): CreditRole | undefined {
  const text = question.replace(/\s+/g, ' ').trim();
  const m = CREDIT_QUESTION.exec(text);
  const topic = m ? undefined : TOPIC_CREDIT_QUESTION.exec(text);
  const word = m?.[1] ?? m?.[2] ?? topic?.[1] ?? topic?.[2];
  if (!word) return undefined;
  const w = word.toLowerCase();
  if (w === 'reported' || w === 'reporter') return 'reporting';
  if (w === 'edited' || w === 'editor') return 'editing';
  return 'writing';
}

/**
 * Who a credit line credits for `role`: for editing, the editors; for reporting, the reporters (additional ones after
 * the others); for writing, the writer, else the reporters the story does not call additional (a story "Reporting by
 * X" without a writer was written by X).
 */
export function creditedFor(credits: readonly Credit[], role: CreditRole): string | undefined {
  const of = (r: CreditRole, additional?: boolean) =>
    credits.filter((c) => c.role === r && (additional === undefined || c.additional === additional));
  const found =
    role === 'writing'
      ? of('writing').length > 0
        ? of('writing')
        : of('reporting', false)
      : role === 'reporting'
        ? [...of('reporting', false), ...of('reporting', true)]
        : of('editing');
  // Several names as the engine joins them ("; "), so each is found and set in bold in the cited line.
  return found.length > 0 ? [...new Set(found.flatMap((c) => c.names))].join('; ') : undefined;
}

/**
 * "Who reported from Berlin?", "who contributed reporting from Tripoli": the place asked about, of three words at
 * most (in any case, as typed); the credit line must name it exactly for the question to be read so.
 */
const PLACE_QUESTION =
  /^who (?:reported|contributed (?:additional )?reporting|did (?:the )?(?:additional )?reporting) (?:from|in) ((?:the )?[\p{L}.'’-]+(?: [\p{L}.'’-]+){0,2})\s*[?.!]*$/iu;

/** The place a question asks who reported from, or undefined (`PLACE_QUESTION`). */
export function creditPlaceAsked(question: string): string | undefined {
  return PLACE_QUESTION.exec(question.replace(/\s+/g, ' ').trim())?.[1];
}

/** Who a credit line says reported from `place` ("Joseph Nasr" for Berlin), or undefined. */
export function creditedFrom(credits: readonly Credit[], place: string): string | undefined {
  const wanted = place.replace(/^the /i, '').toLowerCase();
  const found = credits
    .filter((c) => c.role === 'reporting')
    .flatMap((c) => c.names.filter((_, k) => c.places[k]?.toLowerCase() === wanted));
  return found.length > 0 ? [...new Set(found)].join('; ') : undefined;
}
