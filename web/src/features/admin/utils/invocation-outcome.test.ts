import { describe, expect, it } from 'vitest';
import { decodeBase64, describeInvocation, describeServiceFailure, summarize } from './invocation-outcome';

const encode = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => btoa(String.fromCharCode(...encode(text)));
const REPORT =
  'REPORT RequestId: r1\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n';

describe('describeInvocation', () => {
  it('reads a synchronous result with its log tail, figures and cost', () => {
    const outcome = describeInvocation(
      {
        StatusCode: 200,
        Payload: encode('3'),
        LogResult: base64(`START RequestId: r1 Version: $LATEST\nEND RequestId: r1\n${REPORT}`),
        ExecutedVersion: '$LATEST',
        $metadata: { httpStatusCode: 200, requestId: 'r1' },
      },
      12,
    );
    expect(outcome).toMatchObject({
      kind: 'result',
      statusCode: 200,
      payload: 3,
      payloadText: '3',
      requestId: 'r1',
      report: { durationMs: 1.5, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 40 },
    });
    expect(outcome.logTail).toContain('START RequestId: r1');
    expect(outcome.cost?.totalUsd).toBeCloseTo((2 / 1000) * (128 / 1024) * 0.0000166667 + 0.0000002, 15);
  });

  it("reads a function's error with its type, message and trace", () => {
    const outcome = describeInvocation(
      {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: encode(
          JSON.stringify({
            errorType: 'ValidationError',
            errorMessage: 'Give a photo id.',
            trace: ['at a', 'at b'],
          }),
        ),
        $metadata: {},
      },
      5,
    );
    expect(outcome).toMatchObject({
      kind: 'function-error',
      functionError: 'Unhandled',
      error: { errorType: 'ValidationError', errorMessage: 'Give a photo id.', stackTrace: ['at a', 'at b'] },
    });
    expect(summarize(outcome)).toEqual({ summary: '200 · ValidationError', ok: false });
  });

  it('tells a queued event and a dry run apart', () => {
    expect(describeInvocation({ StatusCode: 202, $metadata: {} }, 1).kind).toBe('accepted');
    expect(describeInvocation({ StatusCode: 204, $metadata: {} }, 1).kind).toBe('dry-run');
  });

  it('keeps a payload that is not JSON as text', () => {
    const outcome = describeInvocation({ StatusCode: 200, Payload: encode('not json'), $metadata: {} }, 1);
    expect(outcome.payload).toBeUndefined();
    expect(outcome.payloadText).toBe('not json');
  });
});

describe('describeServiceFailure', () => {
  it("keeps the service's code, message, status and request id", () => {
    const error = Object.assign(new Error('User is not authorized to perform: lambda:InvokeFunction'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403, requestId: 'q1' },
    });
    const failure = describeServiceFailure(error, 7);
    expect(failure).toEqual({
      kind: 'service-error',
      name: 'AccessDeniedException',
      message: 'User is not authorized to perform: lambda:InvokeFunction',
      friendly: "You don't have access to this.",
      statusCode: 403,
      requestId: 'q1',
      elapsedMs: 7,
    });
    expect(summarize(failure)).toEqual({ summary: '403 · AccessDeniedException', ok: false });
  });

  it('adds no vague words to an error whose code already says it', () => {
    const error = Object.assign(
      new Error('Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope'),
      {
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      },
    );
    expect(describeServiceFailure(error, 1).friendly).toBeUndefined();
  });

  it('explains a network failure', () => {
    expect(describeServiceFailure(new TypeError('Failed to fetch'), 1)).toMatchObject({
      name: 'TypeError',
      friendly: "Can't reach the server. Check your connection and try again.",
    });
  });
});

describe('decodeBase64', () => {
  it('decodes UTF-8 text', () => {
    expect(decodeBase64(base64('héllo ✓'))).toBe('héllo ✓');
  });
});
