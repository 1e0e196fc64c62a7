import { ServiceError } from '../../core/errors.js';

// Cognito Identity answers every client error with HTTP 400, "not found" and "not authorized" included
// (the model's 403/404 are not what goes over the wire).

export function notAuthorized(message: string): ServiceError {
  return new ServiceError('NotAuthorizedException', message, 400);
}

/** A login token that does not verify: `Invalid login token. <reason>`. */
export function invalidLoginToken(reason: string, cause?: unknown): ServiceError {
  return new ServiceError('NotAuthorizedException', `Invalid login token. ${reason}`, 400, { cause });
}

export function identityPoolNotFound(identityPoolId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `IdentityPool '${identityPoolId}' not found.`, 400);
}

export function identityNotFound(identityId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `Identity '${identityId}' not found.`, 400);
}

/** An authenticated identity asked for without its login, or an identity of another pool. */
export function identityForbidden(identityId: string): ServiceError {
  return notAuthorized(`Access to Identity '${identityId}' is forbidden.`);
}

export function unauthenticatedNotSupported(): ServiceError {
  return notAuthorized('Unauthenticated access is not supported for this identity pool.');
}

export function unsupportedProvider(): ServiceError {
  return notAuthorized('Token is not from a supported provider of this identity pool.');
}

export function loginsDoNotMatch(): ServiceError {
  return notAuthorized(
    "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  );
}

/** The pool has no role for the kind of identity asking (no authenticated or unauthenticated role). */
export function invalidPoolConfiguration(): ServiceError {
  return new ServiceError(
    'InvalidIdentityPoolConfigurationException',
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    400,
  );
}

export function resourceConflict(message: string): ServiceError {
  return new ServiceError('ResourceConflictException', message, 400);
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message, 400);
}

/** Model constraints (length, pattern, range) are checked by AWS's front end: `ValidationException`. */
export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400);
}

export function serializationError(message: string): ServiceError {
  return new ServiceError('SerializationException', message, 400);
}
