import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AsyncInvocations, type AsyncRunner } from '../../../../src/services/lambda/async-invocations.js';
import type { InvocationOutcome } from '../../../../src/services/lambda/runtime/invocation.js';
import type { FunctionDefinition } from '../../../../src/stack/types.js';

const WHERE = { region: 'us-east-1', accountId: '123456789012', retryDelayScale: 0.001 };

function fn(
  functionName: string,
  asyncConfig: Partial<FunctionDefinition['asyncConfig']> = {},
): FunctionDefinition {
  return {
    logicalId: functionName,
    functionName,
    resourceType: 'AWS::Serverless::Function',
    runtime: 'nodejs20.x',
    kind: 'nodejs',
    handler: 'index.handler',
    codeDir: '/nowhere',
    memorySize: 128,
    timeout: 3,
    environment: {},
    architectures: ['x86_64'],
    role: 'arn:aws:iam::123456789012:role/r',
    asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21_600, ...asyncConfig },
    tags: {},
  };
}

function outcome(requestId: string, payload: unknown, failed = false): InvocationOutcome {
  return {
    requestId,
    payload: Buffer.from(JSON.stringify(payload)),
    functionError: failed ? 'Unhandled' : undefined,
    report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 40 },
  };
}

/** Functions by name; each run goes through `behave`, and what the destination receives is kept. */
function runner(
  functions: FunctionDefinition[],
  behave: (name: string, attempt: number) => InvocationOutcome | 'throttled',
) {
  const received: unknown[] = [];
  const attempts = new Map<string, number>();
  const real: AsyncRunner = {
    find: (name) => functions.find((f) => f.functionName === name),
    run: async (target, event) => {
      if (target.functionName === 'destination') {
        received.push(JSON.parse(event.payload));
        return outcome(event.id, null);
      }
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      return behave(target.functionName, attempt);
    },
  };
  return { real, received, attempts };
}

async function waitFor(check: () => boolean): Promise<void> {
  const until = Date.now() + 5_000;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A queue with its journal in a fresh folder, replayed and running. */
async function openQueue(real: AsyncRunner): Promise<AsyncInvocations> {
  const queue = new AsyncInvocations(
    path.join(mkdtempSync(path.join(os.tmpdir(), 'async-')), 'journal'),
    real,
    WHERE,
  );
  await queue.open();
  return queue;
}

afterEach(() => vi.useRealTimers());

describe('AsyncInvocations', () => {
  const destination = {
    type: 'Lambda' as const,
    arn: 'arn:aws:lambda:us-east-1:123456789012:function:destination',
    functionName: 'destination',
  };

  it('drops an event older than MaximumEventAgeInSeconds and sends EventAgeExceeded to OnFailure', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const { real, received } = runner(
      [fn('slow', { maximumEventAgeInSeconds: 60, onFailure: destination }), fn('destination')],
      () => {
        // Throttled for good: two minutes pass while the event waits its turn.
        vi.setSystemTime(Date.now() + 120_000);
        return 'throttled';
      },
    );
    const queue = await openQueue(real);

    await queue.accept('slow', Buffer.from('{"n":1}'), 'req-1');
    await waitFor(() => received.length > 0);

    expect(received[0]).toMatchObject({
      requestContext: { requestId: 'req-1', condition: 'EventAgeExceeded', approximateInvokeCount: 0 },
      requestPayload: { n: 1 },
      responsePayload: null,
    });
    await queue.close();
  });

  it('retries throttles without counting them as attempts', async () => {
    const { real, received, attempts } = runner(
      [fn('busy', { maximumRetryAttempts: 0, onSuccess: destination }), fn('destination')],
      (_name, attempt) => (attempt < 3 ? 'throttled' : outcome('req-2', 'done')),
    );
    const queue = await openQueue(real);

    await queue.accept('busy', Buffer.from('{}'), 'req-2');
    await waitFor(() => received.length > 0);

    expect(attempts.get('req-2')).toBe(3);
    expect(received[0]).toMatchObject({
      requestContext: { condition: 'Success', approximateInvokeCount: 1 },
      responsePayload: 'done',
    });
    await queue.close();
  });

  it('drops an event whose function left the template without running anything', async () => {
    const { real, attempts } = runner([], () => outcome('x', null));
    const queue = await openQueue(real);

    await queue.accept('gone', Buffer.from('{}'), 'req-3');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(attempts.size).toBe(0);
    await queue.close();
  });
});
