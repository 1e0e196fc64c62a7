import type { InvokeCommand, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { describe, expect, it, vi } from 'vitest';
import { CallError, describeError, invokeFunction, type LambdaSender, MESSAGES, toCallError } from './invoke';

// The SDK hands back a Uint8Array with helper methods; invokeFunction reads only the bytes.
const bytes = (text: string) => new TextEncoder().encode(text) as InvokeCommandOutput['Payload'];
const json = (value: unknown) => bytes(JSON.stringify(value));

/** The CallError a call ends with (failing the test if it succeeds). */
const failure = (call: Promise<unknown>): Promise<CallError> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as CallError,
  );

function fakeLambda(output: Partial<InvokeCommandOutput>): LambdaSender & { sent: InvokeCommand[] } {
  const sent: InvokeCommand[] = [];
  return {
    sent,
    send: vi.fn(async (command: InvokeCommand) => {
      sent.push(command);
      return { $metadata: {}, StatusCode: 200, ...output } as InvokeCommandOutput;
    }),
  };
}

function serviceError(name: string, status?: number) {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe('invokeFunction', () => {
  it('calls <prefix>-<name> synchronously with the input as JSON and returns the parsed output', async () => {
    const lambda = fakeLambda({ Payload: json({ photos: [], nextCursor: 'abc' }) });

    const page = await invokeFunction(lambda, 'lambdagram', 'listPublicPhotos', { limit: 5 });

    expect(page).toEqual({ photos: [], nextCursor: 'abc' });
    const input = lambda.sent[0]?.input;
    expect(input?.FunctionName).toBe('lambdagram-listPublicPhotos');
    expect(input?.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ limit: 5 });
  });

  it("turns a function error into a CallError with the function's own type and words", async () => {
    const lambda = fakeLambda({
      FunctionError: 'Unhandled',
      Payload: json({
        errorType: 'ConflictError',
        errorMessage: 'That username is taken.',
        trace: ['ConflictError: That username is taken.', '    at handler (index.js:1:1)'],
      }),
    });

    const error = await failure(
      invokeFunction(lambda, 'lambdagram', 'signUp', {
        username: 'ana',
        email: 'a@example.com',
        password: 'x',
      }),
    );

    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ errorType: 'ConflictError', friendly: 'That username is taken.' });
    expect(describeError(error)).toBe('That username is taken.');
    expect(describeError(error)).not.toContain('at handler');
  });

  it('keeps the field issues of a ValidationError', async () => {
    const lambda = fakeLambda({
      FunctionError: 'Unhandled',
      Payload: json({
        errorType: 'ValidationError',
        errorMessage: 'Invalid input. password: Too short',
        issues: [{ path: 'password', message: 'Too short' }, { bogus: true }],
      }),
    });

    const error = await failure(invokeFunction(lambda, 'p', 'resetPassword', { token: 't', password: 'p' }));

    expect(error.issues).toEqual([{ path: 'password', message: 'Too short' }]);
  });

  it('hides the words of a crash or timeout that the function did not mean for people', async () => {
    const lambda = fakeLambda({
      FunctionError: 'Unhandled',
      Payload: json({
        errorType: 'TypeError',
        errorMessage: "Cannot read properties of undefined (reading 'x')",
      }),
    });

    const error = await failure(invokeFunction(lambda, 'p', 'getMe', {}));

    expect(error.errorType).toBe('ServerError');
    expect(error.friendly).toBe(MESSAGES.server);
  });

  it('treats an unreadable payload as a server problem', async () => {
    const lambda = fakeLambda({ Payload: bytes('<html>oops') });

    const error = await failure(invokeFunction(lambda, 'p', 'getMe', {}));

    expect(error.errorType).toBe('ServerError');
  });

  it('maps an SDK error thrown by send', async () => {
    const lambda: LambdaSender = {
      send: vi.fn().mockRejectedValue(serviceError('AccessDeniedException', 403)),
    };

    const error = await failure(invokeFunction(lambda, 'p', 'getMe', {}));

    expect(error).toMatchObject({ errorType: 'AccessDenied', friendly: "You don't have access to this." });
  });

  it('passes an abort signal on to the SDK', async () => {
    const lambda = fakeLambda({ Payload: json({}) });
    const controller = new AbortController();

    await invokeFunction(lambda, 'p', 'getMe', {}, { signal: controller.signal });

    expect(lambda.send).toHaveBeenCalledWith(expect.anything(), { abortSignal: controller.signal });
  });
});

describe('describeError', () => {
  it.each([
    [
      'a failed fetch',
      new TypeError('Failed to fetch'),
      "Can't reach the server. Check your connection and try again.",
    ],
    ['AccessDeniedException', serviceError('AccessDeniedException', 403), "You don't have access to this."],
    ["S3's AccessDenied", serviceError('AccessDenied', 403), "You don't have access to this."],
    ['TooManyRequestsException', serviceError('TooManyRequestsException', 429), MESSAGES.tooManyRequests],
    ['ThrottlingException', serviceError('ThrottlingException', 400), MESSAGES.tooManyRequests],
    [
      'ExpiredTokenException',
      serviceError('ExpiredTokenException', 403),
      'Your session has ended. Please sign in again.',
    ],
    ["S3's ExpiredToken", serviceError('ExpiredToken', 400), 'Your session has ended. Please sign in again.'],
    ["Cognito's NotAuthorizedException", serviceError('NotAuthorizedException', 400), MESSAGES.expired],
    ['an unnamed 503', serviceError('ServiceUnavailable', 503), MESSAGES.server],
    ['an unnamed 403', serviceError('SomethingForbidden', 403), MESSAGES.accessDenied],
    ['a plain Error', new Error('x is undefined\n    at foo (bar.js:1:1)'), MESSAGES.unknown],
    ['a string', 'boom', MESSAGES.unknown],
  ])('says %s in words a person understands', (_, error, words) => {
    expect(describeError(error)).toBe(words);
  });

  it('gives each kind a type the UI can branch on', () => {
    expect(toCallError(new TypeError('Failed to fetch')).errorType).toBe('Network');
    expect(toCallError(serviceError('ExpiredTokenException')).errorType).toBe('ExpiredToken');
    expect(toCallError(serviceError('TooManyRequestsException')).errorType).toBe('TooManyRequests');
    expect(toCallError(Object.assign(new Error('aborted'), { name: 'AbortError' })).errorType).toBe(
      'Aborted',
    );
  });

  it('keeps a CallError as it is', () => {
    const error = new CallError('NotFoundError', 'This photo does not exist.');
    expect(toCallError(error)).toBe(error);
  });
});
