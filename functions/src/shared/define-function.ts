import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, InternalError, ValidationError } from './errors.js';

/** A function's contract: what it accepts and what it returns (see `src/contracts/`). */
export interface Contract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/**
 * Wraps a handler in its contract: the event is parsed (a mismatch is a `ValidationError` naming the
 * fields), the result is parsed too (so a field the contract does not list, like a password hash,
 * never leaves), and an unexpected error is logged in full and reaches the caller as an
 * `InternalError` that says nothing about our insides.
 *
 * @example
 * export const handler = defineFunction(contracts.getMe, async (_input, context) => …);
 */
export function defineFunction<I extends z.ZodType, O extends z.ZodType>(
  contract: Contract<I, O>,
  handle: (input: z.output<I>, context: Context) => Promise<z.input<O>>,
): (event: unknown, context: Context) => Promise<z.output<O>> {
  return async (event, context) => {
    const parsed = contract.input.safeParse(event ?? {});
    if (!parsed.success) throw validationErrorOf(parsed.error);
    try {
      return contract.output.parse(await handle(parsed.data, context));
    } catch (error) {
      throw asCallerError(error);
    }
  };
}

/** An error fit for the caller: ours pass through, anything else is logged and replaced. */
export function asCallerError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  console.error('unexpected error', error);
  return new InternalError({ cause: error });
}

export function validationErrorOf(error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  return new ValidationError(`Invalid input. ${summary.join('; ')}`, issues);
}
