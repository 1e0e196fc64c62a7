import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { encode, payloadOf } from '../support/local-cloud.js';

const local = useCloud();

type ErrorPayload = {
  errorType: string;
  errorMessage: string;
  trace?: string[];
  stackTrace?: string[];
  requestId?: string;
};

async function invoke(FunctionName: string, payload: unknown = {}) {
  const response = await local.lambda.send(
    new InvokeCommand({ FunctionName, Payload: encode(payload), LogType: 'Tail' }),
  );
  return {
    response,
    error: payloadOf(response) as ErrorPayload,
    tail: Buffer.from(response.LogResult ?? '', 'base64').toString(),
  };
}

describe('function errors', () => {
  it('returns a thrown Node error as Unhandled with errorType, errorMessage and trace', async () => {
    const { response, error } = await invoke('thrower');

    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe('TypeError');
    expect(error.errorMessage).toBe('the event was not what I expected');
    expect(error.trace?.[0]).toBe('TypeError: the event was not what I expected');
    expect(error.trace?.some((line) => line.includes('behaviours.mjs'))).toBe(true);
  });

  it('points a bundled TypeScript stack trace at the .ts source line', async () => {
    const { response, error } = await invoke('typescript', { fail: true, name: 'Bob' });

    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe('RangeError');
    expect(error.errorMessage).toBe('cannot greet Bob');
    expect(error.trace?.join('\n')).toMatch(/app\.ts:8:\d+/);
  });

  it('returns a Python exception with errorMessage, errorType, requestId and stackTrace', async () => {
    const { response, error, tail } = await invoke('python-fail', { value: 42 });

    expect(response.FunctionError).toBe('Unhandled');
    expect(error).toMatchObject({
      errorType: 'ValueError',
      errorMessage: 'bad value: 42',
      requestId: response.$metadata.requestId,
    });
    expect(error.stackTrace?.join('')).toContain('app.py');
    expect(tail).toContain('[ERROR] ValueError: bad value: 42');
  });
});

describe('runtime errors', () => {
  it.each([
    // An ES module importing a missing file: AWS's runtime reports Node's own error, not ImportModuleError.
    ['import-error', 'Error', /Cannot find module '.*does-not-exist\.mjs' imported from/],
    ['missing-module', 'Runtime.ImportModuleError', /Cannot find module 'nowhere'/],
    ['missing-handler', 'Runtime.HandlerNotFound', /echo\.notThere is undefined or not exported/],
    ['syntax-error', 'Runtime.UserCodeSyntaxError', /SyntaxError/],
    ['python-missing', 'Runtime.ImportModuleError', /Unable to import module 'nothere'/],
  ])('reports %s as %s', async (name, errorType, message) => {
    const { response, error } = await invoke(name);

    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe(errorType);
    expect(error.errorMessage).toMatch(message);
  });

  it('reports an unhandled promise rejection as Runtime.UnhandledPromiseRejection', async () => {
    const { response, error } = await invoke('unhandled-rejection');

    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(error.errorMessage).toContain('nobody awaited me');
  });

  it('reports a process exit as Runtime.ExitError with the exit status', async () => {
    const { response, error, tail } = await invoke('exiter', { code: 3 });

    expect(response.FunctionError).toBe('Unhandled');
    expect(error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${response.$metadata.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(tail).toContain('Status: error\tError Type: Runtime.ExitError');
  });

  it('reports a clean exit during an invocation as Runtime.ExitError without a reason', async () => {
    const { response, error } = await invoke('exiter', { code: 0 });

    expect(error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${response.$metadata.requestId} Error: Runtime exited without providing a reason`,
    });
  });

  it('times out a function at its configured timeout and resets its environment', async () => {
    await invoke('globals', {});
    const { response, error, tail } = await invoke('globals', { hang: true });
    const after = await invoke('globals', {});

    expect(response.FunctionError).toBe('Unhandled');
    expect(error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${response.$metadata.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(tail).toContain('Task timed out after 1.00 seconds');
    expect(tail).toContain('Status: timeout');
    const duration = Number(/Duration: ([\d.]+) ms/.exec(tail)?.[1]);
    expect(duration).toBeGreaterThanOrEqual(1000);
    expect(duration).toBeLessThan(1500);
    expect(after.error).toEqual({ before: 'untouched' });
  });

  it('times out a Python function too', async () => {
    const { error } = await invoke('python-sleep', { seconds: 5 });

    expect(error.errorType).toBe('Sandbox.Timedout');
  });

  it('kills a Node function that outgrows its memory size, and others keep working', async () => {
    const { response, error } = await invoke('memory-hog');
    const echo = await invoke('echo', { still: 'alive' });

    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe('Runtime.OutOfMemory');
    expect(error.errorMessage).toMatch(/^RequestId: .+ Error: Runtime exited with error: signal: /);
    expect((echo.error as unknown as { event: unknown }).event).toEqual({ still: 'alive' });
  });

  it('kills a Python function that outgrows its memory size', async () => {
    const { error } = await invoke('python-hog');

    expect(error.errorType).toBe('Runtime.OutOfMemory');
  });

  it('refuses a response over 6 MB with Function.ResponseSizeTooLarge', async () => {
    const { response, error } = await invoke('big-response', { bytes: 7 * 1024 * 1024 });

    expect(response.FunctionError).toBe('Unhandled');
    expect(error.errorType).toBe('Function.ResponseSizeTooLarge');
  });

  it('returns a response just under 6 MB', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'big-response', Payload: encode({ bytes: 6 * 1024 * 1024 - 10 }) }),
    );

    expect(response.FunctionError).toBeUndefined();
    expect(Buffer.from(response.Payload ?? new Uint8Array()).length).toBe(6 * 1024 * 1024 - 8);
  });
});
