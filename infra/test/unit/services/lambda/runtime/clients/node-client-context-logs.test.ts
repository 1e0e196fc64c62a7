import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../../../../../support/poll.js';
import { bundleNodeClient, ExecutionEnvironment } from './support/execution-environment.js';

let clientPath = '';
const started: ExecutionEnvironment[] = [];

beforeAll(async () => {
  clientPath = await bundleNodeClient();
});
afterEach(() => {
  for (const environment of started.splice(0)) environment.stop();
});
afterAll(() => fs.rmSync(path.dirname(clientPath), { recursive: true, force: true }));

async function start(
  source: string,
  options: { withoutTelemetryFd?: boolean } = {},
): Promise<ExecutionEnvironment> {
  const environment = await ExecutionEnvironment.start({
    runtime: 'node',
    clientPath,
    files: { 'app.mjs': source },
    handler: 'app.handler',
    ...options,
  });
  started.push(environment);
  return environment;
}

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const REQUEST_ID = '5d2b0ad2-6f0b-4d3a-9c1e-0123456789ab';

describe('node client: context', () => {
  it('gives the handler the context fields from the environment and the invoke headers', async () => {
    const environment = await start(`export const handler = async (event, context) => ({
      ...JSON.parse(JSON.stringify(context)),
      clientContext: context.clientContext,
      identity: context.identity,
      legacy: [typeof context.done, typeof context.succeed, typeof context.fail],
      traceId: process.env._X_AMZN_TRACE_ID,
    });`);

    const outcome = await environment.api.invoke(
      {},
      {
        requestId: REQUEST_ID,
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn:live',
        clientContext: '{"custom":{"tenant":"t1"}}',
        cognitoIdentity: '{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}',
        traceId: 'Root=1-5e1b4151-5ac6c58f1f1d2b1a9c0b2f2e;Sampled=0',
      },
    );

    expect(JSON.parse(outcome.body)).toEqual({
      callbackWaitsForEmptyEventLoop: true,
      functionVersion: '$LATEST',
      functionName: 'fixture-fn',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/fixture-fn',
      logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn:live',
      awsRequestId: REQUEST_ID,
      clientContext: { custom: { tenant: 't1' } },
      identity: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' },
      legacy: ['function', 'function', 'function'],
      traceId: 'Root=1-5e1b4151-5ac6c58f1f1d2b1a9c0b2f2e;Sampled=0',
    });
  });

  it('leaves clientContext and identity undefined when the invoke has none', async () => {
    const environment = await start(
      'export const handler = async (event, context) => [context.clientContext === undefined, context.identity === undefined];',
    );

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('[true,true]');
  });

  it('counts the remaining time down to the deadline and never below zero', async () => {
    const environment = await start(
      'export const handler = async (event, context) => context.getRemainingTimeInMillis();',
    );

    const deadlineMs = Date.now() + 5_000;
    const ahead = Number((await environment.api.invoke({}, { deadlineMs })).body);
    // However slow the call was, what the handler saw lies between the deadline and the answer's arrival.
    const answeredAt = Date.now();
    const past = Number((await environment.api.invoke({}, { deadlineMs: Date.now() - 5_000 })).body);

    expect(ahead).toBeGreaterThanOrEqual(Math.max(0, deadlineMs - answeredAt));
    expect(ahead).toBeLessThanOrEqual(5_000);
    expect(past).toBe(0);
  });
});

describe('node client: logs', () => {
  it('frames each console call as one record with time, request id and level', async () => {
    const environment = await start(`console.log('loading');
      export const handler = async () => {
        console.log('hello %s', 'world', { n: 1 });
        console.info('info');
        console.warn('warn');
        console.error('error');
        console.debug('debug');
        console.trace('trace');
        console.log('line one\\nline two');
        process.stdout.write('raw stdout\\n');
        return 'done';
      };`);

    await environment.api.invoke({}, { requestId: REQUEST_ID });
    await environment.waitForMessage(/line one/);

    expect(environment.messages).toHaveLength(8);
    const [init, ...records] = environment.messages;
    expect(init).toMatch(new RegExp(`^${ISO}\\tundefined\\tINFO\\tloading$`));
    expect(records.map((record) => record.replace(new RegExp(`^${ISO}\\t`), ''))).toEqual([
      `${REQUEST_ID}\tINFO\thello world { n: 1 }`,
      `${REQUEST_ID}\tINFO\tinfo`,
      `${REQUEST_ID}\tWARN\twarn`,
      `${REQUEST_ID}\tERROR\terror`,
      `${REQUEST_ID}\tDEBUG\tdebug`,
      `${REQUEST_ID}\tTRACE\ttrace`,
      `${REQUEST_ID}\tINFO\tline one\nline two`,
    ]);
    // Raw writes come by the stdout pipe, apart from the telemetry records: they may come later.
    expect(
      await pollUntil(
        () => environment.stdout,
        (text) => text.endsWith('\n'),
      ),
    ).toBe('raw stdout\n');
  });

  it('stamps each frame with the time in its record', async () => {
    const environment = await start("export const handler = async () => { console.log('stamped'); };");

    await environment.api.invoke({});
    const record = await environment.waitForMessage(/stamped/);

    const frame = environment.frames.find((f) => f.message === record);
    expect(new Date(frame?.timestamp ?? 0).toISOString()).toBe(record.slice(0, 24));
  });

  it('writes records to stdout, one line each, when there is no telemetry fd', async () => {
    const environment = await start("export const handler = async () => { console.log('a\\nb'); };", {
      withoutTelemetryFd: true,
    });

    await environment.api.invoke({}, { requestId: REQUEST_ID });
    // The record travels by the process's stdout pipe, which may deliver after the invocation's answer.
    const stdout = await pollUntil(
      () => environment.stdout,
      (text) => text.endsWith('\n'),
    );

    expect(stdout).toMatch(new RegExp(`^${ISO}\\t${REQUEST_ID}\\tINFO\\ta\\rb\\n$`));
  });
});
