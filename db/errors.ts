export type ApiErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'unknown_method' | 'internal';

export interface ApiIssue {
  /** Dotted path of the offending field in the call's input ('' for the whole input). */
  path: string;
  message: string;
}

/** The one error type the API throws: structured, safe to send over any transport. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[];

  constructor(code: ApiErrorCode, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  toJSON(): { code: ApiErrorCode; message: string; issues: ApiIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export function invalid(path: string, message: string): ApiError {
  return new ApiError('invalid_input', `${path ? `${path}: ` : ''}${message}`, [{ path, message }]);
}

export function notFound(kind: string, id: number): ApiError {
  return new ApiError('not_found', `no ${kind} with id ${id}`, [{ path: 'id', message: `no ${kind} with id ${id}` }]);
}
