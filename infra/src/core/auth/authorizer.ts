import { ServiceError } from '../errors.js';
import type { Caller } from './caller.js';

/** A condition key's value in a request: multivalued keys (`cognito-identity.amazonaws.com:amr`) are arrays. */
export type ContextValue = string | readonly string[] | number | boolean | undefined;

/**
 * Decides whether a caller may perform an action on a resource. Every service asks it before acting,
 * so that IAM policy evaluation (the identity-pool issue) plugs in here without touching the services.
 */
export interface Authorizer {
  /** The denial message when the caller may not act (each service wraps it in its own error), else undefined. */
  check(
    caller: Caller,
    action: string,
    resource: string,
    context?: Record<string, ContextValue>,
  ): string | undefined;
  /** Throws the JSON services' `AccessDeniedException` (403) when the caller may not act. */
  authorize(caller: Caller, action: string, resource: string, context?: Record<string, ContextValue>): void;
}

/** The JSON services' answer to a denied call (Lambda, DynamoDB, Cognito, Logs). */
export function accessDenied(message: string): ServiceError {
  return new ServiceError('AccessDeniedException', message, 403);
}

/** `--no-iam`: every signed caller may do everything (signatures are still verified). */
export class AllowAllAuthorizer implements Authorizer {
  check(): undefined {
    return undefined;
  }

  authorize(): void {}
}
