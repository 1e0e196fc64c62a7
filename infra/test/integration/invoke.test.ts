import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { ACCOUNT, encode, payloadOf, REGION } from '../support/local-cloud.js';

const local = useCloud();

interface Echo {
  event: unknown;
  invocations: number;
  pid: number;
  context: Record<string, unknown>;
  env: Record<string, string | undefined>;
}

describe('Invoke RequestResponse', () => {
  it('returns the handler result with the headers Lambda sends', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: encode({ hello: 'world' }) }),
    );

    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBeUndefined();
    expect(response.ExecutedVersion).toBe('$LATEST');
    const echo = payloadOf(response) as Echo;
    expect(echo.event).toEqual({ hello: 'world' });
    expect(response.$metadata.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(echo.context.awsRequestId).toBe(response.$metadata.requestId);
  });

  it('gives the handler the context object and environment of the contract', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: encode({}) }),
    );

    const { context, env } = payloadOf(response) as Echo;
    expect(context).toMatchObject({
      functionName: 'echo',
      functionVersion: '$LATEST',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/echo',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`,
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.remainingTimeInMillis).toBeGreaterThan(2000);
    expect(context.remainingTimeInMillis).toBeLessThanOrEqual(3000);
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'echo',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/echo',
      AWS_LAMBDA_LOG_STREAM_NAME: context.logStreamName,
      AWS_REGION: REGION,
      _HANDLER: 'echo.handler',
      GREETING: 'hello from Globals',
      STAGE: 'testing',
    });
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('reuses a warm environment: module state survives between invocations', async () => {
    const first = payloadOf(await local.lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as Echo;
    const second = payloadOf(await local.lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as Echo;

    expect(second.pid).toBe(first.pid);
    expect(second.invocations).toBe(first.invocations + 1);
  });

  it('runs concurrent invocations in separate environments (processes)', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        local.lambda.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: encode({ ms: 300 }) })),
      ),
    );

    expect(results.map((r) => payloadOf(r))).toEqual([{ slept: 300 }, { slept: 300 }, { slept: 300 }]);
  });

  it('passes an empty payload as an empty object', async () => {
    const echo = payloadOf(await local.lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as Echo;

    expect(echo.event).toEqual({});
  });

  it('accepts every FunctionName form and the $LATEST qualifier', async () => {
    const names = [
      'echo',
      'echo:$LATEST',
      `${ACCOUNT}:function:echo`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo:$LATEST`,
    ];
    for (const FunctionName of names) {
      const response = await local.lambda.send(
        new InvokeCommand({ FunctionName, Payload: encode({ name: FunctionName }) }),
      );
      expect((payloadOf(response) as Echo).event).toEqual({ name: FunctionName });
    }
    const withQualifier = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Qualifier: '$LATEST' }),
    );
    expect(withQualifier.StatusCode).toBe(200);
  });

  it('gives the invoked ARN as the caller wrote it', async () => {
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo:$LATEST`;
    const echo = payloadOf(await local.lambda.send(new InvokeCommand({ FunctionName: arn }))) as Echo;

    expect(echo.context.invokedFunctionArn).toBe(arn);
  });

  it('passes the client context to the function', async () => {
    const clientContext = {
      client: { installation_id: 'abc' },
      custom: { screen: 'feed' },
      env: { locale: 'en' },
    };
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        ClientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64'),
      }),
    );

    expect((payloadOf(response) as Echo).context.clientContext).toMatchObject(clientContext);
  });

  it('returns the last 4 KB of the invocation log with LogType Tail', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        LogType: 'Tail',
        Payload: encode({ log: 'a line from the handler' }),
      }),
    );

    const tail = Buffer.from(response.LogResult ?? '', 'base64').toString('utf8');
    const id = response.$metadata.requestId;
    expect(tail).toContain(`START RequestId: ${id} Version: $LATEST`);
    expect(tail).toMatch(
      new RegExp(`\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${id}\\tINFO\\ta line from the handler`),
    );
    expect(tail).toContain(`END RequestId: ${id}`);
    expect(tail).toMatch(
      new RegExp(
        `REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\t`,
      ),
    );
  });

  it('keeps the tail to 4 KB when the function logs more', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: 'log-lines',
        LogType: 'Tail',
        Payload: encode({ count: 200, text: 'x'.repeat(50) }),
      }),
    );

    const tail = Buffer.from(response.LogResult ?? '', 'base64');
    expect(tail.length).toBeLessThanOrEqual(4096);
    expect(tail.toString()).toContain(`REPORT RequestId: ${response.$metadata.requestId}`);
  });

  it('reports Init Duration on a cold start only', async () => {
    const first = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'callback-style', LogType: 'Tail', Payload: encode({ value: 1 }) }),
    );
    const second = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'callback-style', LogType: 'Tail', Payload: encode({ value: 2 }) }),
    );

    expect(Buffer.from(first.LogResult ?? '', 'base64').toString()).toMatch(/Init Duration: \d+\.\d{2} ms/);
    expect(Buffer.from(second.LogResult ?? '', 'base64').toString()).not.toContain('Init Duration');
    expect(payloadOf(second)).toEqual({ called: 'back', value: 2 });
  });

  it('waits for the event loop to drain after a callback, unless told not to', async () => {
    const waiting = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'callback-cjs', LogType: 'Tail', Payload: encode({ wait: true }) }),
    );
    const notWaiting = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'callback-cjs', LogType: 'Tail', Payload: encode({ wait: false }) }),
    );

    const duration = (r: typeof waiting) =>
      Number(/Duration: ([\d.]+) ms/.exec(Buffer.from(r.LogResult ?? '', 'base64').toString())?.[1]);
    expect(duration(waiting)).toBeGreaterThanOrEqual(250);
    expect(duration(notWaiting)).toBeLessThan(250);
  });
});

describe('Invoke Event and DryRun', () => {
  it('accepts an Event invocation with 202 and an empty body', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: encode({ a: 1 }) }),
    );

    expect(response.StatusCode).toBe(202);
    expect(Buffer.from(response.Payload ?? new Uint8Array()).length).toBe(0);
  });

  it('answers DryRun with 204 and runs nothing', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );

    expect(response.StatusCode).toBe(204);
  });
});

describe('runtimes', () => {
  it('runs a Python handler with its context', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'python-echo', LogType: 'Tail', Payload: encode({ n: 1 }) }),
    );

    expect(response.FunctionError).toBeUndefined();
    expect(payloadOf(response)).toMatchObject({
      event: { n: 1 },
      function_name: 'python-echo',
      memory_limit_in_mb: '256',
      aws_request_id: response.$metadata.requestId,
      region: REGION,
    });
    const tail = Buffer.from(response.LogResult ?? '', 'base64').toString();
    expect(tail).toMatch(
      new RegExp(
        `\\[INFO\\]\\t\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\t${response.$metadata.requestId}\\techo called`,
      ),
    );
    expect(tail).toContain('printed line');
  });

  it('runs a custom runtime whose bootstrap is a shell script using curl', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'custom-shell', LogType: 'Tail', Payload: encode({ x: 1 }) }),
    );

    expect(payloadOf(response)).toEqual({ shell: true, handler: 'my.handler', event: { x: 1 } });
    expect(Buffer.from(response.LogResult ?? '', 'base64').toString()).toContain(
      `shell runtime got ${response.$metadata.requestId}`,
    );
  });

  it('runs a custom runtime whose bootstrap is a Python script, errors included', async () => {
    const ok = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'custom-python', Payload: encode({ a: 2, b: 3 }) }),
    );
    const failed = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'custom-python', Payload: encode({ fail: true }) }),
    );

    expect(payloadOf(ok)).toEqual({ python_bootstrap: true, sum: 5 });
    expect(failed.FunctionError).toBe('Unhandled');
    expect(payloadOf(failed)).toEqual({ errorType: 'CustomError', errorMessage: 'custom runtime failure' });
  });

  it('runs TypeScript bundled with esbuild', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'typescript', Payload: encode({ name: 'Ada' }) }),
    );

    expect(payloadOf(response)).toBe('hello Ada');
  });
});
