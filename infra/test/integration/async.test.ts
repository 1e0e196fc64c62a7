import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { ACCOUNT, encode, REGION, startCloud } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';
import { readRecords } from '../support/records.js';

const records = mkdtempSync(path.join(os.tmpdir(), 'async-records-'));
const local = useCloud({ args: ['--parameter', `RecordDir=${records}`, '--retry-delay-scale', '0.002'] });

/** How long an asynchronous outcome may take to show, and how often to look. */
const EVENTUALLY = { timeoutMs: 15_000, intervalMs: 50 };

const lines = (file: string) => readRecords(records, file);

describe('asynchronous invocation', () => {
  it('runs an accepted event and sends the success record to the OnSuccess destination', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: encode({ tag: 'ok-1' }) }),
    );
    const requestId = response.$metadata.requestId;

    const successes = await pollUntil(
      () => lines('on-success.ndjson'),
      (r) => r.some((x) => x.requestContext.requestId === requestId),
      EVENTUALLY,
    );
    const record = successes.find((x) => x.requestContext.requestId === requestId);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        requestId,
        functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:flaky:$LATEST`,
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { tag: 'ok-1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: 'ok-1' },
    });
    expect(record?.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('retries a failing event twice, then sends the failure record to OnFailure', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: 'flaky',
        InvocationType: 'Event',
        Payload: encode({ tag: 'bad-1', fail: true }),
      }),
    );
    const requestId = response.$metadata.requestId;

    const failures = await pollUntil(
      () => lines('on-failure.ndjson'),
      (r) => r.some((x) => x.requestContext.requestId === requestId),
      EVENTUALLY,
    );
    const attempts = lines('flaky-attempts.ndjson').filter((a) => a.id === requestId);
    const record = failures.find((x) => x.requestContext.requestId === requestId);
    expect(attempts).toHaveLength(3);
    // The second retry waits about twice as long as the first (1 and 2 minutes on Lambda, scaled here).
    const [first, second, third] = attempts.map((a) => a.at as number);
    expect((third as number) - (second as number)).toBeGreaterThan((second as number) - (first as number));
    expect(record).toMatchObject({
      requestContext: { requestId, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { tag: 'bad-1', fail: true },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'failing on purpose: bad-1' },
    });
  });

  it('honours MaximumRetryAttempts from an AWS::Lambda::EventInvokeConfig resource', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: 'flaky-no-retry',
        InvocationType: 'Event',
        Payload: encode({ tag: 'once', fail: true }),
      }),
    );
    const requestId = response.$metadata.requestId;

    await pollUntil(
      () => lines('on-failure.ndjson'),
      (r) => r.some((x) => x.requestContext.requestId === requestId),
      EVENTUALLY,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lines('flaky-no-retry-attempts.ndjson').filter((a) => a.id === requestId)).toHaveLength(1);
  });
});

describe('durability', () => {
  it('keeps an accepted event across a restart of the local cloud', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'durable-'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'durable-records-'));
    // With reserved concurrency 0 every event is throttled and waits in the queue.
    const first = await startCloud({
      stateDir,
      args: ['--parameter', `RecordDir=${dir}`, '--parameter', 'SlowReserved=0'],
    });
    const response = await first
      .lambda()
      .send(
        new InvokeCommand({ FunctionName: 'reserved', InvocationType: 'Event', Payload: encode({ ms: 1 }) }),
      );
    expect(response.StatusCode).toBe(202);
    expect(await first.stop()).toBe(0);

    const second = await startCloud({ stateDir, args: ['--parameter', `RecordDir=${dir}`] });
    try {
      expect(second.output()).toContain('resuming 1 asynchronous event(s)');
      const logs = second.logs();
      const ran = await pollUntil(
        async () => {
          const found = await logs
            .send(
              new FilterLogEventsCommand({
                logGroupName: '/aws/lambda/reserved',
                filterPattern: `"START RequestId: ${response.$metadata.requestId}"`,
              }),
            )
            .catch(() => undefined);
          return (found?.events?.length ?? 0) > 0;
        },
        (started) => started,
        EVENTUALLY,
      );
      expect(ran).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
