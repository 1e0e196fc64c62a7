import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

async function start(source: string, file = 'app.mjs'): Promise<ExecutionEnvironment> {
  const environment = await ExecutionEnvironment.start({
    runtime: 'node',
    clientPath,
    files: { [file]: source },
    handler: 'app.handler',
  });
  started.push(environment);
  return environment;
}

describe('node client: invocation errors', () => {
  it('posts a thrown error with its name, message and stack as trace, and logs it', async () => {
    const environment = await start('export const handler = () => { throw new TypeError("bad input"); };');

    const outcome = await environment.api.invoke({});

    expect(outcome).toMatchObject({ kind: 'error', errorType: 'TypeError' });
    const body = JSON.parse(outcome.body);
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body.errorMessage).toBe('bad input');
    expect(body.trace[0]).toBe('TypeError: bad input');
    // 'Runtime.handler' because the runtime calls the handler as its own method, exactly as AWS's does.
    expect(body.trace[1]).toMatch(/^ {4}at Runtime\.handler \(file:\/\/.*app\.mjs:1:\d+\)$/);
    const record = await environment.waitForMessage(/Invoke Error/);
    expect(record).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad input","stack":\["TypeError: bad input",/,
    );
  });

  it('posts a rejection of an async handler', async () => {
    const environment = await start('export const handler = async () => { throw new Error("nope"); };');

    const outcome = await environment.api.invoke({});

    expect(outcome.errorType).toBe('Error');
    expect(JSON.parse(outcome.body)).toMatchObject({ errorType: 'Error', errorMessage: 'nope' });
  });

  it('uses the error name a custom error class sets', async () => {
    const environment =
      await start(`class NotFound extends Error { constructor(m) { super(m); this.name = 'NotFound'; } }
      export const handler = async () => { throw new NotFound('no such user'); };`);

    const outcome = await environment.api.invoke({});

    expect(outcome.errorType).toBe('NotFound');
    expect(JSON.parse(outcome.body).trace[0]).toBe('NotFound: no such user');
  });

  it('describes a thrown string by its type with an empty trace, as AWS does', async () => {
    const environment = await start('export const handler = async () => { throw "boom"; };');

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body)).toEqual({ errorType: 'string', errorMessage: 'boom', trace: [] });
  });

  it('reports a rejection with no value as the string "handled"', async () => {
    const environment = await start('export const handler = () => Promise.reject();');

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body)).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  it('posts callback(error) without waiting for the event loop', async () => {
    const environment = await start(
      'exports.handler = (event, context, callback) => { setTimeout(() => {}, 5000); callback(new Error("cb failed")); };',
      'app.js',
    );

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body).errorMessage).toBe('cb failed');
  });

  it('fails an invocation whose result cannot be serialised', async () => {
    const environment = await start(
      'export const handler = async () => { const a = {}; a.self = a; return a; };',
    );

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body)).toMatchObject({
      errorType: 'Error',
      errorMessage: 'Unable to stringify response body',
    });
  });

  it('fails an invocation whose event is not JSON with the parse error', async () => {
    const environment = await start('export const handler = async (event) => event;');

    const outcome = await environment.api.invoke(undefined, { rawBody: '{not json' });

    expect(outcome).toMatchObject({ kind: 'error', errorType: 'SyntaxError' });
  });

  it('posts an unhandled rejection as Runtime.UnhandledPromiseRejection and exits 128', async () => {
    const environment = await start(`export const handler = async () => {
      Promise.reject(new Error('lost'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      return 'too late';
    };`);

    const outcome = await environment.api.invoke({});

    expect(outcome.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(JSON.parse(outcome.body)).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: lost',
    });
    expect(await environment.exited).toMatchObject({ code: 128 });
    expect(environment.messages.some((m) => m.includes('\tERROR\tUnhandled Promise Rejection \t{'))).toBe(
      true,
    );
  });

  it('posts an uncaught exception for the running invocation and exits 129', async () => {
    const environment = await start(
      'exports.handler = (event, context, callback) => { setTimeout(() => { throw new Error("async boom"); }, 10); };',
      'app.js',
    );

    const outcome = await environment.api.invoke({});

    expect(outcome.errorType).toBe('Error');
    expect(JSON.parse(outcome.body).errorMessage).toBe('async boom');
    expect(await environment.exited).toMatchObject({ code: 129 });
    expect(
      environment.messages.some((m) => m.includes('\tERROR\tUncaught Exception \t{"errorType":"Error"')),
    ).toBe(true);
  });
});
