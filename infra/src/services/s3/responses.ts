import type { ServiceError } from '../../core/errors.js';
import { escapeXml, type XmlElement, xmlDocument } from '../../core/protocols/xml.js';
import type { ServiceResponse } from '../../core/service.js';
import { hostId } from './notifications/notifications.js';

/** The headers S3 puts on every response. */
export function s3Headers(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId), server: 'AmazonS3' };
}

export function xmlResponse(
  requestId: string,
  root: string,
  content: XmlElement,
  headers: Record<string, string> = {},
  status = 200,
): ServiceResponse {
  return {
    status,
    headers: { ...s3Headers(requestId), 'content-type': 'application/xml', ...headers },
    body: xmlDocument(root, content),
  };
}

export function emptyResponse(
  requestId: string,
  status: number,
  headers: Record<string, string> = {},
): ServiceResponse {
  return { status, headers: { ...s3Headers(requestId), ...headers } };
}

/**
 * S3's XML error document: `Code`, `Message`, the error's own elements (`Key`, `BucketName`, …),
 * the `Resource` asked for, then `RequestId` and `HostId`. HEAD answers carry no body; Node drops it.
 */
export function renderS3Error(error: ServiceError, requestId: string, resource?: string): ServiceResponse {
  let body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>`;
  for (const [name, value] of Object.entries(error.fields))
    body += `<${name}>${escapeXml(String(value))}</${name}>`;
  if (resource !== undefined && !('Resource' in error.fields))
    body += `<Resource>${escapeXml(resource)}</Resource>`;
  body += `<RequestId>${requestId}</RequestId><HostId>${hostId(requestId)}</HostId></Error>`;
  return {
    status: error.status,
    headers: { ...s3Headers(requestId), 'content-type': 'application/xml', ...error.headers },
    body,
  };
}

/** RFC 7231 dates, as S3 writes `Last-Modified`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** S3's ISO timestamps in XML have milliseconds: `2026-11-24T17:00:00.000Z`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
