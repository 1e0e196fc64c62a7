import { xmlDocument } from '../../core/protocols/xml.js';
import type { ServiceRequest, ServiceResponse } from '../../core/service.js';

const QUERY_NAMESPACE = 'http://ses.amazonaws.com/doc/2010-12-01/';

/**
 * Whether a request is one of the SES v1 API (awsQuery: `POST /` with a form body `Action=…`),
 * which is signed for `ses` as v2 is and so arrives here too.
 */
export function isQueryApiRequest(request: ServiceRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return request.rawPath === '/' && type.startsWith('application/x-www-form-urlencoded');
}

/**
 * The answer to any SES v1 request: v1's XML error, so that `SESClient` shows why (a JSON body would
 * only fail its parser). The local cloud emulates sending through the v2 API.
 */
export function queryApiRefusal(request: ServiceRequest): ServiceResponse {
  const action = new URLSearchParams(request.body.toString('utf8')).get('Action') ?? 'unknown action';
  const error = {
    Type: 'Sender',
    Code: 'InvalidAction',
    Message: `The local cloud does not emulate ${action} of the SES v1 API; send with SESv2Client (SendEmailCommand) instead.`,
  };
  return {
    status: 400,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': request.requestId },
    body: xmlDocument('ErrorResponse', { Error: error, RequestId: request.requestId }, QUERY_NAMESPACE),
  };
}
