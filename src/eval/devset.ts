/**
 * Footnote's own question files (`{"items": [{"q", "answer": [..] | null, "passage": [..]}]}`):
 * an answer is right when it contains any listed string (case-insensitive), the passage when
 * the first citation contains any listed string; null-answer items must come back null.
 */
import { readFileSync } from 'node:fs';
import { type AnswerResult, answer } from '../answer/engine.js';
import type { Collection } from '../collection.js';

export interface DevItem {
  readonly q: string;
  readonly answer: readonly string[] | null;
  readonly passage: readonly string[];
}

export interface DevResult {
  readonly item: DevItem;
  readonly result: AnswerResult;
  readonly answerRight: boolean;
  readonly passageRight: boolean;
}

export function readDevSet(path: string): DevItem[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { items?: DevItem[] };
  if (!Array.isArray(parsed.items)) throw new Error(`${path} has no "items" array`);
  return parsed.items;
}

export function judge(item: DevItem, result: AnswerResult): DevResult {
  const lower = (s: string) => s.toLowerCase();
  if (item.answer === null) {
    return { item, result, answerRight: result.answer === null, passageRight: true };
  }
  const answerRight =
    result.answer !== null && item.answer.some((a) => lower(result.answer as string).includes(lower(a)));
  const first = result.citations[0]?.text ?? '';
  const passageRight = item.passage.length === 0 || item.passage.some((p) => first.includes(p));
  return { item, result, answerRight, passageRight };
}

export function evaluateDevSet(collection: Collection, items: readonly DevItem[]): DevResult[] {
  return items.map((item) => judge(item, answer(item.q, collection)));
}
