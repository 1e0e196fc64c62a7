import { ServiceError } from '../../core/errors.js';

/** The Lambda API's own errors, with the status and wording the real service uses. */

export function resourceNotFound(message: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', message, 404);
}

export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400);
}

export function invalidParameterValue(message: string): ServiceError {
  return new ServiceError('InvalidParameterValueException', message, 400);
}

export function invalidRequestContent(message: string): ServiceError {
  return new ServiceError('InvalidRequestContentException', message, 400);
}

export function requestTooLarge(message: string): ServiceError {
  return new ServiceError('RequestEntityTooLargeException', message, 413);
}

export function tooManyRequests(
  reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded',
): ServiceError {
  return new ServiceError('TooManyRequestsException', 'Rate Exceeded.', 429, {
    fields: { Reason: reason, retryAfterSeconds: '1' },
    headers: { 'Retry-After': '1' },
  });
}

export function unknownOperation(): ServiceError {
  return new ServiceError('UnknownOperationException', 'Unknown operation', 400);
}
