import { types } from 'node:util';

/** The body AWS's Node runtime posts for an error, and that Invoke returns to the caller. */
export interface RapidError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Errors the runtime itself raises; their `name` is the `Runtime.*` errorType Lambda reports. */
export class ImportModuleError extends Error {}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
export class UserCodeSyntaxError extends Error {}
export class UnhandledPromiseRejection extends Error {
  constructor(
    readonly reason: unknown,
    readonly promise: Promise<unknown>,
  ) {
    super(reason === undefined ? undefined : String(reason));
  }
}
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a ' +
        'Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}

// On the prototype, as AWS does, so the name is in the stack line and user code cannot tell a difference.
for (const type of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  UnhandledPromiseRejection,
  NodeJsExit,
]) {
  type.prototype.name = `Runtime.${type.name}`;
}

function isErrorLike(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  const { name, message, stack } = value as Partial<Error>;
  return typeof name === 'string' && name !== '' && typeof message === 'string' && typeof stack === 'string';
}

/**
 * What Lambda returns for a thrown or rejected value: errors keep their name, message and stack; any
 * other value is described by its `typeof` and `toString()`, with an empty trace (a thrown 'boom'
 * gives `{"errorType":"string","errorMessage":"boom","trace":[]}`).
 */
export function toRapidResponse(error: unknown): RapidError {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const { name, message, stack } = error;
      return {
        errorType: typeof name === 'string' && name !== '' ? name : (error.constructor?.name ?? 'Error'),
        errorMessage: message,
        trace: typeof stack === 'string' ? stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: (error as object).toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** Wraps a non-Error value the way AWS does before logging it. */
export function intoError(value: unknown): Error {
  return value instanceof Error ? value : new Error(value as string);
}

/**
 * The JSON AWS appends (after a tab) to the runtime's own error log lines: name, message, code and
 * the error's own enumerable fields, with the stack split into lines.
 */
export function toFormatted(error: unknown): string {
  try {
    return `\t${JSON.stringify(error, (_key, value) => withEnumerableProperties(value))}`;
  } catch {
    return `\t${JSON.stringify(toRapidResponse(error))}`;
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const described: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as NodeJS.ErrnoException).code,
    ...value,
  };
  if (typeof value.stack === 'string') described.stack = value.stack.split('\n');
  return described;
}
