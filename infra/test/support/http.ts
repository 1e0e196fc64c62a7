import http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The bytes as they came, for bodies that are not UTF-8 text (or are compressed). */
  rawBody: Buffer;
}

/**
 * A plain HTTP request with full control of the headers, `Host` included: Node's resolver does not
 * map `*.localhost` to loopback as browsers do, so website and virtual-host tests name the host here.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const rawBody = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: rawBody.toString('utf8'),
            rawBody,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

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
