import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionEnvironment } from './support/execution-environment.js';

const started: ExecutionEnvironment[] = [];
afterEach(() => {
  for (const environment of started.splice(0)) environment.stop();
});

async function start(
  files: Record<string, string>,
  handler = 'app.lambda_handler',
  env: Record<string, string> = {},
): Promise<ExecutionEnvironment> {
  const environment = await ExecutionEnvironment.start({ runtime: 'python', files, handler, env });
  started.push(environment);
  return environment;
}

const REQUEST_ID = '0e4c7c77-3a0b-4b3e-8d2a-fedcba987654';
const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

describe('python client: handlers', () => {
  it('returns the handler result as JSON, formatted as the json module does', async () => {
    const environment = await start({
      'app.py': 'def lambda_handler(event, context):\n    return {"echo": event}\n',
    });

    const outcome = await environment.api.invoke({ n: 1 });

    expect(outcome).toMatchObject({ kind: 'response', body: '{"echo": {"n": 1}}' });
  });

  it('resolves a module path with slashes', async () => {
    const environment = await start(
      { 'pkg/mod.py': 'def fn(event, context):\n    return "nested"\n' },
      'pkg/mod.fn',
    );

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('"nested"');
  });

  it('encodes Decimal values with their exact digits, as AWS does', async () => {
    const environment = await start({
      'app.py':
        'from decimal import Decimal\ndef lambda_handler(event, context):\n    return {"price": Decimal("1.50"), "n": [Decimal("3")]}\n',
    });

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('{"price": 1.50, "n": [3]}');
  });

  it('escapes non-ASCII characters in results except on python3.12, like the AWS runtimes', async () => {
    const files = { 'app.py': 'def lambda_handler(event, context):\n    return "café"\n' };
    const escaping = await start(files, 'app.lambda_handler', { AWS_EXECUTION_ENV: 'AWS_Lambda_python3.11' });
    const verbatim = await start(files, 'app.lambda_handler', { AWS_EXECUTION_ENV: 'AWS_Lambda_python3.12' });

    const [escaped, unescaped] = await Promise.all([escaping.api.invoke({}), verbatim.api.invoke({})]);

    expect(escaped.body).toBe('"caf\\u00e9"');
    expect(unescaped.body).toBe('"café"');
  });

  it('posts a bytes result as it is', async () => {
    const environment = await start({
      'app.py': 'def lambda_handler(event, context):\n    return b"raw bytes"\n',
    });

    const outcome = await environment.api.invoke({});

    expect(outcome).toMatchObject({
      kind: 'response',
      body: 'raw bytes',
      contentType: 'application/unknown',
    });
  });

  it('serves consecutive invocations over one persistent connection', async () => {
    const environment = await start({
      'app.py':
        'count = 0\ndef lambda_handler(event, context):\n    global count\n    count += 1\n    return count\n',
    });

    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push((await environment.api.invoke({})).body);

    expect(bodies).toEqual(['1', '2', '3']);
    expect(environment.api.clientPorts.size).toBe(1);
  });

  it('gives the handler a context with AWS attribute names', async () => {
    const environment = await start({
      'app.py': `import os
def lambda_handler(event, context):
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id],
        "client_context": context.client_context.custom,
        "remaining": context.get_remaining_time_in_millis(),
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
    }
`,
    });

    // The remaining time is bounded by the deadline seen from before and after the call, however slow it was.
    const deadlineMs = Date.now() + 5_000;
    const outcome = await environment.api.invoke(
      {},
      {
        requestId: REQUEST_ID,
        deadlineMs,
        clientContext: '{"custom":{"tenant":"t1"}}',
        cognitoIdentity: '{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}',
        traceId: 'Root=1-5e1b4151-5ac6c58f1f1d2b1a9c0b2f2e;Sampled=0',
      },
    );

    const answeredAt = Date.now();
    const context = JSON.parse(outcome.body);
    expect(context).toMatchObject({
      aws_request_id: REQUEST_ID,
      function_name: 'fixture-fn',
      function_version: '$LATEST',
      memory_limit_in_mb: '256',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      log_group_name: '/aws/lambda/fixture-fn',
      log_stream_name: '2026/01/01/[$LATEST]0123456789abcdef',
      identity: ['us-east-1:abc', 'us-east-1:pool'],
      client_context: { tenant: 't1' },
      trace: 'Root=1-5e1b4151-5ac6c58f1f1d2b1a9c0b2f2e;Sampled=0',
    });
    expect(context.remaining).toBeGreaterThanOrEqual(Math.max(0, deadlineMs - answeredAt));
    expect(context.remaining).toBeLessThanOrEqual(5_000);
  });

  it('never reports negative remaining time and gives an empty identity without the header', async () => {
    const environment = await start({
      'app.py':
        'def lambda_handler(event, context):\n    return [context.get_remaining_time_in_millis(), context.identity.cognito_identity_id, context.client_context]\n',
    });

    const outcome = await environment.api.invoke({}, { deadlineMs: Date.now() - 1_000 });

    expect(outcome.body).toBe('[0, null, null]');
  });
});

describe('python client: errors', () => {
  it('posts an exception with the AWS error body and logs one error record after the warning', async () => {
    const environment = await start({
      'app.py': 'def lambda_handler(event, context):\n    raise ValueError("boom")\n',
    });

    const outcome = await environment.api.invoke({}, { requestId: REQUEST_ID });

    expect(outcome).toMatchObject({ kind: 'error', errorType: 'ValueError' });
    const body = JSON.parse(outcome.body);
    expect(Object.keys(body)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(body).toMatchObject({ errorMessage: 'boom', errorType: 'ValueError', requestId: REQUEST_ID });
    expect(body.stackTrace).toEqual([
      `  File "${environment.taskRoot}/app.py", line 2, in lambda_handler\n    raise ValueError("boom")\n`,
    ]);
    const record = await environment.waitForMessage(/^\[ERROR\]/);
    expect(record).toBe(
      `[ERROR] ValueError: boom\nTraceback (most recent call last):\n\u00a0\u00a0File "${environment.taskRoot}/app.py", line 2, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0raise ValueError("boom")`,
    );
    expect(environment.messages[environment.messages.indexOf(record) - 1]).toMatch(
      /^LAMBDA_WARNING: Unhandled exception\./,
    );
  });

  it('reports a missing module as Runtime.ImportModuleError and exits 1', async () => {
    const environment = await start({}, 'app.lambda_handler');

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.ImportModuleError');
    expect(JSON.parse(initError.body)).toEqual({
      errorMessage: "Unable to import module 'app': No module named 'app'",
      errorType: 'Runtime.ImportModuleError',
      requestId: '',
      stackTrace: [],
    });
    expect(await environment.exited).toMatchObject({ code: 1 });
    expect(environment.messages).toContain(
      "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'app'\nTraceback (most recent call last):",
    );
  });

  it('reports a missing function as Runtime.HandlerNotFound', async () => {
    const environment = await start({ 'app.py': 'def other(event, context):\n    return 1\n' });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.HandlerNotFound');
    expect(JSON.parse(initError.body).errorMessage).toBe("Handler 'lambda_handler' missing on module 'app'");
  });

  it('reports a handler without a function part as Runtime.MalformedHandlerName', async () => {
    const environment = await start({ 'app.py': '' }, 'app');

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.MalformedHandlerName');
    expect(JSON.parse(initError.body).errorMessage).toBe(
      "Bad handler 'app': not enough values to unpack (expected 2, got 1)",
    );
  });

  it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
    const environment = await start({ 'app.py': 'import os\n\nx = = 1\n' });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(JSON.parse(initError.body)).toMatchObject({
      errorMessage: "Syntax error in module 'app': invalid syntax (app.py, line 3)",
      stackTrace: [`  File "${environment.taskRoot}/app.py" Line 3\n    x = = 1\n`],
    });
  });

  it('reports an exception raised at import time with its own type', async () => {
    const environment = await start({ 'app.py': 'raise KeyError("CONFIG")\n' });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('KeyError');
    expect(JSON.parse(initError.body).errorMessage).toBe("'CONFIG'");
  });

  it('reports a result json cannot encode as Runtime.MarshalError', async () => {
    const environment = await start({ 'app.py': 'def lambda_handler(event, context):\n    return {1, 2}\n' });

    const outcome = await environment.api.invoke({});

    expect(outcome.errorType).toBe('Runtime.MarshalError');
    expect(JSON.parse(outcome.body).errorMessage).toBe(
      'Unable to marshal response: Object of type set is not JSON serializable',
    );
  });
});

describe('python client: logs', () => {
  it('formats root logger records like AWS and drops INFO by default', async () => {
    const environment = await start({
      'app.py': `import logging
logger = logging.getLogger()
logger.warning("at import")
def lambda_handler(event, context):
    logger.info("hidden")
    logger.warning("careful\\nsecond line")
    logger.error("failed %s", 42)
    print("printed")
    return None
`,
    });

    await environment.api.invoke({}, { requestId: REQUEST_ID });
    await environment.waitForMessage(/failed 42/);

    expect(environment.messages).toHaveLength(3);
    expect(environment.messages[0]).toMatch(new RegExp(`^\\[WARNING\\]\\t${TIME}\\t\\tat import$`));
    expect(environment.messages[1]).toMatch(
      new RegExp(`^\\[WARNING\\]\\t${TIME}\\t${REQUEST_ID}\\tcareful\\nsecond line$`),
    );
    expect(environment.messages[2]).toMatch(
      new RegExp(`^\\[ERROR\\]\\t${TIME}\\t${REQUEST_ID}\\tfailed 42$`),
    );
    expect(environment.stdout).toBe('printed\n');
  });

  it('honours AWS_LAMBDA_LOG_LEVEL', async () => {
    const environment = await start(
      {
        'app.py':
          'import logging\ndef lambda_handler(event, context):\n    logging.getLogger().info("shown")\n',
      },
      'app.lambda_handler',
      { AWS_LAMBDA_LOG_LEVEL: 'INFO' },
    );

    await environment.api.invoke({}, { requestId: REQUEST_ID });

    expect(await environment.waitForMessage(/shown/)).toMatch(
      new RegExp(`^\\[INFO\\]\\t${TIME}\\t${REQUEST_ID}\\tshown$`),
    );
  });
});
