import { ServiceError } from '../errors.js';
import type { Caller } from './caller.js';

/**
 * Decides whether a caller may perform an action on a resource. Every service asks it before acting,
 * so that IAM policy evaluation (the identity-pool issue) plugs in here without touching the services.
 */
export interface Authorizer {
  /** Throws the service's AccessDenied error when the caller may not act. */
  authorize(caller: Caller, action: string, resource: string): void;
}

/** Today's rule: the account's root user may do everything; nobody else is known yet. */
export class RootOnlyAuthorizer implements Authorizer {
  authorize(caller: Caller, action: string, resource: string): void {
    if (caller.kind === 'root') return;
    throw new ServiceError(
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      403,
    );
  }
}
