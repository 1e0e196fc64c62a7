import { Sha256 } from '@aws-crypto/sha256-js';
import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  InvokeCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { ACCOUNT, encode, REGION } from '../support/local-cloud.js';

const local = useCloud();

/** Sends a raw HTTP request signed like the SDK signs it (optionally tampered with after signing). */
async function signedFetch(
  path: string,
  body: string,
  options: {
    secret?: string;
    tamper?: (request: HttpRequest) => void;
    headers?: Record<string, string>;
    signingDate?: Date;
  } = {},
) {
  const url = new URL(path, local.cloud.url);
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json', ...options.headers },
    body,
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: 'test', secretAccessKey: options.secret ?? 'test' },
    region: REGION,
    service: 'lambda',
    sha256: Sha256,
  });
  const signed = (await signer.sign(request, { signingDate: options.signingDate })) as HttpRequest;
  options.tamper?.(signed);
  const response = await fetch(`${local.cloud.url}${signed.path}`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: await response.text(),
  };
}

describe('Invoke service errors', () => {
  it('answers an unknown function with 404 ResourceNotFoundException naming its ARN', async () => {
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'nope' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    expect((error as Error).message).toBe(
      `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope:$LATEST`,
    );
  });

  it('answers an ARN of another region with 404', async () => {
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:echo` }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers a qualifier other than $LATEST with 404', async () => {
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'echo', Qualifier: '7' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toContain('function:echo:7');
  });

  it('refuses a name whose qualifier differs from the Qualifier parameter', async () => {
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'echo:$LATEST', Qualifier: 'prod' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect((error as Error).message).toBe(
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  });

  it.each(['bad name!', 'a'.repeat(171), 'arn:aws:lambda:us-east-1:12:function:x'])(
    'refuses the invalid name %s with 400 ValidationException',
    async (FunctionName) => {
      const error = await local.lambda.send(new InvokeCommand({ FunctionName })).catch((e: unknown) => e);

      expect((error as Error).name).toBe('ValidationException');
      expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
      expect((error as Error).message).toMatch(
        /^1 validation error detected: Value '.*' at 'functionName' failed to satisfy constraint: Member must/,
      );
    },
  );

  it('refuses a payload that is not JSON with InvalidRequestContentException', async () => {
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{not json') }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestContentException);
    expect((error as Error).message).toMatch(/^Could not parse request body into json/);
  });

  it('refuses a synchronous payload over 6 MB with 413', async () => {
    const big = encode({ data: 'x'.repeat(6_291_456) });
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'echo', Payload: big }))
      .catch((e: unknown) => e);

    // Lambda names this error RequestEntityTooLargeException on the wire (its model says RequestTooLarge).
    expect((error as Error).name).toBe('RequestEntityTooLargeException');
    expect((error as Error).message).toBe(
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    );
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(413);
  });

  it('refuses an Event payload over 1 MB with 413', async () => {
    const big = encode({ data: 'x'.repeat(1_048_576) });
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: big }))
      .catch((e: unknown) => e);

    expect((error as Error).name).toBe('RequestEntityTooLargeException');
    expect((error as Error).message).toBe(
      'Request must be smaller than 1048576 bytes for the InvokeFunction operation',
    );
  });

  it('throttles past the reserved concurrency with 429 and the reason', async () => {
    const slow = local.lambda.send(
      new InvokeCommand({ FunctionName: 'reserved', Payload: encode({ ms: 800 }) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const error = await local.lambda
      .send(new InvokeCommand({ FunctionName: 'reserved', Payload: encode({ ms: 0 }) }))
      .catch((e: unknown) => e);
    await slow;
    const afterwards = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'reserved', Payload: encode({ ms: 0 }) }),
    );

    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect((error as TooManyRequestsException).Reason).toBe(
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(429);
    expect(afterwards.StatusCode).toBe(200);
  });
});

describe('signatures', () => {
  it('refuses a request signed with the wrong secret with 403 InvalidSignatureException', async () => {
    const client = local.cloud.lambda({ credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' } });
    const error = await client.send(new InvokeCommand({ FunctionName: 'echo' })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('InvalidSignatureException');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(403);
  });

  it('refuses an unknown access key with 403 UnrecognizedClientException', async () => {
    const client = local.cloud.lambda({
      credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'test' },
    });
    const error = await client.send(new InvokeCommand({ FunctionName: 'echo' })).catch((e: unknown) => e);

    expect((error as Error).name).toBe('UnrecognizedClientException');
    expect((error as Error).message).toBe('The security token included in the request is invalid.');
  });

  it('refuses an unsigned request with 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${local.cloud.url}/2015-03-31/functions/echo/invocations`, {
      method: 'POST',
      body: '{}',
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('accepts a correctly signed raw request', async () => {
    const { status, body } = await signedFetch('/2015-03-31/functions/echo/invocations', '{"raw":true}');

    expect(status).toBe(200);
    expect(JSON.parse(body).event).toEqual({ raw: true });
  });

  it('refuses a body changed after signing (the signature covers its hash)', async () => {
    const { status, errorType } = await signedFetch(
      '/2015-03-31/functions/echo/invocations',
      '{"amount":1}',
      {
        tamper: (request) => {
          request.body = '{"amount":1000}';
        },
      },
    );

    expect(status).toBe(403);
    expect(errorType).toBe('InvalidSignatureException');
  });

  it('refuses a request signed more than 15 minutes ago', async () => {
    const { status, errorType, body } = await signedFetch('/2015-03-31/functions/echo/invocations', '{}', {
      signingDate: new Date(Date.now() - 20 * 60_000),
    });

    expect(status).toBe(403);
    expect(errorType).toBe('InvalidSignatureException');
    expect(body).toContain('Signature expired');
  });
});

describe('CORS', () => {
  it('answers a browser preflight for Invoke with the SDK headers allowed', async () => {
    const response = await fetch(`${local.cloud.url}/2015-03-31/functions/echo/invocations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization,content-type,x-amz-date,x-amz-user-agent,amz-sdk-invocation-id',
      },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('amz-sdk-invocation-id');
  });

  it('exposes the Lambda response headers to the page', async () => {
    const { status } = await signedFetch('/2015-03-31/functions/echo/invocations', '{}', {
      headers: { origin: 'http://localhost:5173' },
    });
    const response = await fetch(`${local.cloud.url}/2015-03-31/functions/echo/invocations`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
      body: '{}',
    });

    expect(status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amz-function-error');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
  });
});
