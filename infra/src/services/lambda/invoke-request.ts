import type { IncomingHttpHeaders } from 'node:http';
import { invalidRequestContent, requestTooLarge, validationError } from './errors.js';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** Lambda's payload limits: 6 MB for synchronous calls, 1 MB for asynchronous ones (since 2025). */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
const MAX_CLIENT_CONTEXT_BYTES = 3_583;

export interface InvokeOptions {
  invocationType: InvocationType;
  tailLogs: boolean;
  /** Decoded JSON text of `X-Amz-Client-Context`. */
  clientContext?: string;
}

/** Reads and checks Invoke's headers, with Lambda's validation errors. */
export function readInvokeOptions(headers: IncomingHttpHeaders): InvokeOptions {
  const invocationType = header(headers, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    throw validationError(
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    );
  }
  const logType = header(headers, 'x-amz-log-type') ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') {
    throw validationError(
      `1 validation error detected: Value '${logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]`,
    );
  }
  const encodedContext = header(headers, 'x-amz-client-context');
  return {
    invocationType,
    tailLogs: logType === 'Tail' && invocationType === 'RequestResponse',
    clientContext: encodedContext ? decodeClientContext(encodedContext) : undefined,
  };
}

/**
 * The event's JSON text: an empty body is `{}` as on Lambda; anything else must parse as JSON.
 * Checked against the limit of the invocation type.
 */
export function readPayload(body: Buffer, tooLarge: boolean, invocationType: InvocationType): Buffer {
  const limit = invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  if (tooLarge || body.length > limit) {
    throw requestTooLarge(`Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
  }
  if (body.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidRequestContent(
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
    );
  }
  return body;
}

function decodeClientContext(encoded: string): string {
  if (encoded.length > MAX_CLIENT_CONTEXT_BYTES) {
    throw invalidRequestContent(
      'Client context must be a valid Base64-encoded JSON object of at most 3583 bytes.',
    );
  }
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
  } catch {
    throw invalidRequestContent('Client context must be a valid Base64-encoded JSON object.');
  }
  return text;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
