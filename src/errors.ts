/**
 * Expected failures. A `UserError` carries a message written for the person who caused it
 * (a moderator adding a bad file, a member asking an empty question). Callers show
 * `message` as it is; anything that is not a `UserError` is a bug, logged and answered generically.
 */
export type UserErrorCode =
  | 'EMPTY_INPUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_PARAGRAPHS'
  | 'BINARY_INPUT'
  | 'UNKNOWN_FORMAT'
  | 'DUPLICATE_ARTICLE'
  | 'NOT_FOUND'
  | 'BAD_INPUT'
  | 'FETCH_FAILED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED';

export class UserError extends Error {
  readonly code: UserErrorCode;

  constructor(code: UserErrorCode, message: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
