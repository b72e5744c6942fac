export type ApiErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unknown_method'
  /** The disk holding the store is full. */
  | 'disk_full'
  /** Another program holds the store's write lock for too long. */
  | 'locked'
  /** The store cannot be written: a read-only file, folder or disk. */
  | 'read_only'
  /** The store file is damaged. */
  | 'damaged'
  /** The store file was deleted, moved or replaced while open (identity.ts). */
  | 'store_moved'
  /** The caller cancelled a long call (an import) before it wrote anything. */
  | 'cancelled'
  | 'internal';

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
