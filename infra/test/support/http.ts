import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export { type RawResponse, rawRequest } from '../../src/testing/http.js';

/** What a signed (or unsigned) POST got back, its body also read as JSON. */
export interface PostAnswer {
  status: number;
  headers: Headers;
  body: string;
  json: Record<string, unknown>;
}

/**
 * A POST to `/` as the SDK sends it to a JSON service: signed with SigV4 for `service` when
 * `credentials` are given, unsigned otherwise, so a test controls every byte on the wire.
 */
export async function signedPost(
  url: string,
  options: {
    service: string;
    headers: Record<string, string>;
    body: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    region?: string;
  },
): Promise<PostAnswer> {
  const endpoint = new URL(url);
  let headers: Record<string, string> = { host: endpoint.host, ...options.headers };
  if (options.credentials) {
    const signer = new SignatureV4({
      credentials: options.credentials,
      region: options.region ?? 'us-east-1',
      service: options.service,
      sha256: Sha256,
    });
    const request = new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: endpoint.hostname,
      port: Number(endpoint.port),
      path: '/',
      headers,
      body: options.body,
    });
    headers = ((await signer.sign(request)) as HttpRequest).headers;
  }
  const response = await fetch(url, { method: 'POST', headers, body: options.body });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, json: body ? JSON.parse(body) : {} };
}
