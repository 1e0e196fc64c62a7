import { ServiceError } from '../errors.js';
import type { ServiceRequest, ServiceResponse } from '../service.js';
import { jsonSignatureFault, type SignatureError } from '../sigv4/verify.js';

/**
 * The awsJson1_0/1_1 protocols (CloudWatch Logs, Cognito Identity, DynamoDB): POST / with
 * `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors carry `__type` in the body and the code
 * in `x-amzn-ErrorType`.
 */
export function readJsonOperation(
  request: ServiceRequest,
  targetPrefix: string,
): { operation: string; input: Record<string, unknown> } {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(`${targetPrefix}.`)) {
    throw new ServiceError('UnknownOperationException', 'Unknown operation', 400);
  }
  let input: unknown = {};
  if (request.body.length > 0) {
    try {
      input = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new ServiceError(
        'SerializationException',
        'Start of structure or map found where not expected.',
        400,
      );
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ServiceError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      400,
    );
  }
  return { operation: target.slice(targetPrefix.length + 1), input: input as Record<string, unknown> };
}

export function jsonResult(body: unknown, requestId: string, contentType: string): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body ?? {}),
  };
}

export function jsonError(error: ServiceError, requestId: string, contentType: string): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': contentType,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
      ...error.headers,
    },
    body: JSON.stringify({ __type: error.code, message: error.message, ...error.fields }),
  };
}

/**
 * A restJson1 error (Lambda, SES v2): the code in `x-amzn-ErrorType`, which the SDK reads first, and
 * the service's own body shape.
 */
export function restJsonError(
  error: ServiceError,
  requestId: string,
  body: Record<string, unknown>,
): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
      ...error.headers,
    },
    body: JSON.stringify(body),
  };
}

/** How the JSON services (Lambda, Logs, …) answer a request whose signature does not check out. */
export function jsonSignatureError(error: SignatureError): ServiceError {
  const fault = jsonSignatureFault(error);
  return new ServiceError(fault.code, fault.message, fault.status);
}
