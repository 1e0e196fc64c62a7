/**
 * The errors a function throws on purpose. Lambda reports a thrown error's `name` as `errorType`
 * and its message as `errorMessage` (see the Invoke contract), so the web app can tell them apart
 * and put the message in front of a person. Their stack is cut to the first line: the caller gets
 * the trace of a function error, and ours is nobody's business but the log's.
 */
export class AppError extends Error {
  /**
   * The `errorType` callers see. Spelt out because the bundles are minified, which renames classes
   * (`new.target.name` would say "pg"); a subclass without its own falls back to its class name.
   */
  static readonly errorType: string = 'AppError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = Object.hasOwn(new.target, 'errorType')
      ? (new.target as typeof AppError).errorType
      : new.target.name;
    this.stack = `${this.name}: ${message}`;
  }
}

/** The input does not satisfy the function's contract; `issues` says where. */
export class ValidationError extends AppError {
  static override readonly errorType = 'ValidationError';

  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The caller is not signed in, or its credentials do not match an account. */
export class UnauthorizedError extends AppError {
  static override readonly errorType = 'UnauthorizedError';
}

/** The caller is signed in but may not do this. */
export class ForbiddenError extends AppError {
  static override readonly errorType = 'ForbiddenError';
}

/** What was asked for does not exist, or the caller may not know that it does. */
export class NotFoundError extends AppError {
  static override readonly errorType = 'NotFoundError';
}

/** The request clashes with the current state (a taken username, a request already sent). */
export class ConflictError extends AppError {
  static override readonly errorType = 'ConflictError';
}

/** Too many attempts; `retryAfterSeconds` says when trying again makes sense. */
export class TooManyRequestsError extends AppError {
  static override readonly errorType = 'TooManyRequestsError';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Anything unexpected, as the caller sees it: the details stay in the function's log. */
export class InternalError extends AppError {
  static override readonly errorType = 'InternalError';

  constructor(options?: { cause?: unknown }) {
    super('Something went wrong on our side. Please try again in a moment.', options);
  }
}
