import { ServiceError } from '../../core/errors.js';

// CloudWatch Logs answers every client error with HTTP 400, "not found" included.

export function logGroupNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The specified log group does not exist.', 400);
}

export function logStreamNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);
}

export function logGroupAlreadyExists(): ServiceError {
  return new ServiceError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
}

export function logStreamAlreadyExists(): ServiceError {
  return new ServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message, 400);
}
