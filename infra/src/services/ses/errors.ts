import { ServiceError } from '../../core/errors.js';

/** The SES v2 API's own errors, with the codes, statuses and wording of the real service. */

export function badRequest(message: string): ServiceError {
  return new ServiceError('BadRequestException', message, 400);
}

export function messageRejected(message: string): ServiceError {
  return new ServiceError('MessageRejected', message, 400);
}

/** The sender is neither a verified address nor on a verified domain (region in capitals, as SES writes it). */
export function notVerified(address: string, region: string): ServiceError {
  return messageRejected(
    `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${address}`,
  );
}

export function notFound(message: string): ServiceError {
  return new ServiceError('NotFoundException', message, 404);
}

/** An SES v2 operation (or route) the local cloud does not serve. */
export function unsupportedOperation(operation: string): ServiceError {
  return new ServiceError(
    'UnknownOperationException',
    `The local cloud does not emulate SES's ${operation}; of the SES v2 API it serves SendEmail only.`,
    400,
  );
}
