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

async function start(files: Record<string, string>, handler = 'app.handler'): Promise<ExecutionEnvironment> {
  const environment = await ExecutionEnvironment.start({ runtime: 'node', clientPath, files, handler });
  started.push(environment);
  return environment;
}

describe('node client: loading handlers', () => {
  it('runs an ES module handler from a .mjs file', async () => {
    const environment = await start({
      'app.mjs': 'export const handler = async (event) => ({ echo: event });',
    });

    const outcome = await environment.api.invoke({ n: 1 });

    expect(outcome).toMatchObject({ kind: 'response', body: '{"echo":{"n":1}}' });
  });

  it('runs a CommonJS handler exported through module.exports', async () => {
    const environment = await start({
      'app.js': 'module.exports = { handler: async (event) => "cjs " + event.name };',
    });

    const outcome = await environment.api.invoke({ name: 'ok' });

    expect(outcome.body).toBe('"cjs ok"');
  });

  it('loads a .js file as ESM when the nearest package.json says "type": "module"', async () => {
    const environment = await start({
      'package.json': '{"type":"module"}',
      'app.js': 'export async function handler() { return typeof require; }',
    });

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('"undefined"');
  });

  it('resolves a handler in a subfolder with a nested export path', async () => {
    const environment = await start(
      { 'src/handlers/app.cjs': 'exports.api = { get: async () => "nested" };' },
      'src/handlers/app.api.get',
    );

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('"nested"');
  });

  it('reports a missing module as Runtime.ImportModuleError with the require stack', async () => {
    const environment = await start({}, 'missing.handler');

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.ImportModuleError');
    expect(JSON.parse(initError.body)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module 'missing'\nRequire stack:\n- ${clientPath}`,
    });
    expect(await environment.exited).toMatchObject({ code: 129 });
  });

  it('reports an export that is not there as Runtime.HandlerNotFound', async () => {
    const environment = await start({ 'app.mjs': 'export const other = () => 1;' }, 'app.handler');

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.HandlerNotFound');
    expect(JSON.parse(initError.body).errorMessage).toBe('app.handler is undefined or not exported');
  });

  it('reports a handler name without an export as Runtime.MalformedHandlerName', async () => {
    const environment = await start({ 'app.mjs': 'export const handler = () => 1;' }, 'app');

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.MalformedHandlerName');
    expect(JSON.parse(initError.body).errorMessage).toBe('Bad handler');
  });

  it('reports a syntax error in the module as Runtime.UserCodeSyntaxError', async () => {
    const environment = await start({ 'app.mjs': 'export const handler = async () => {\n  return 1;\n}}\n' });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(JSON.parse(initError.body).errorMessage).toBe("SyntaxError: Unexpected token '}'");
  });

  it('reports an exception thrown while the module initialises with its own type and logs it', async () => {
    const environment = await start({ 'app.js': 'throw new RangeError("config missing");' });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('RangeError');
    expect(JSON.parse(initError.body)).toMatchObject({
      errorType: 'RangeError',
      errorMessage: 'config missing',
    });
    const record = await environment.waitForMessage(/Uncaught Exception/);
    expect(record).toMatch(
      /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"RangeError","errorMessage":"config missing"/,
    );
  });

  it('reports an exception thrown after the module loaded but before the first event as an init error', async () => {
    const environment = await start({
      'app.mjs':
        'setTimeout(() => { throw new Error("late init failure"); }, 50);\nexport const handler = async () => 1;',
    });

    const initError = await environment.api.initError;

    expect(JSON.parse(initError.body)).toMatchObject({
      errorType: 'Error',
      errorMessage: 'late init failure',
    });
    expect(await environment.exited).toMatchObject({ code: 129 });
  });

  it('reports a promise rejected and left unhandled during init as Runtime.UnhandledPromiseRejection', async () => {
    const environment = await start({
      'app.mjs': 'Promise.reject(new TypeError("no config"));\nexport const handler = async () => 1;',
    });

    const initError = await environment.api.initError;

    expect(initError.errorType).toBe('Runtime.UnhandledPromiseRejection');
    expect(JSON.parse(initError.body).errorMessage).toBe('TypeError: no config');
    expect(await environment.exited).toMatchObject({ code: 128 });
  });
});

describe('node client: handler styles', () => {
  it('sends the callback result once the event loop has drained', async () => {
    const environment = await start({
      'app.js': `exports.handler = (event, context, callback) => {
        const result = { timerFired: false };
        setTimeout(() => { result.timerFired = true; }, 50);
        callback(null, result);
      };`,
    });

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body)).toEqual({ timerFired: true });
  });

  it('sends the callback result at once when callbackWaitsForEmptyEventLoop is false', async () => {
    const environment = await start({
      'app.js': `exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        const result = { timerFired: false };
        setTimeout(() => { result.timerFired = true; }, 2000);
        callback(null, result);
      };`,
    });

    const outcome = await environment.api.invoke({});

    expect(JSON.parse(outcome.body)).toEqual({ timerFired: false });
  });

  it('answers null for a non-async handler that returns without calling back, as AWS does', async () => {
    const environment = await start({ 'app.js': 'exports.handler = (event, context, callback) => 42;' });

    const outcome = await environment.api.invoke({});

    expect(outcome).toMatchObject({ kind: 'response', body: 'null' });
  });

  it('answers null for an async handler that returns nothing', async () => {
    const environment = await start({ 'app.mjs': 'export const handler = async () => {};' });

    const outcome = await environment.api.invoke({});

    expect(outcome.body).toBe('null');
  });

  it('supports the legacy context.succeed and context.fail', async () => {
    const environment = await start({
      'app.js':
        'exports.handler = (event, context) => event.ok ? context.succeed("yes") : context.fail(new Error("no"));',
    });

    const succeeded = await environment.api.invoke({ ok: true });
    const failed = await environment.api.invoke({ ok: false });

    expect(succeeded).toMatchObject({ kind: 'response', body: '"yes"' });
    expect(failed).toMatchObject({ kind: 'error', errorType: 'Error' });
    expect(JSON.parse(failed.body).errorMessage).toBe('no');
  });

  it('reports an async handler whose promise never settles as Runtime.NodeJsExit', async () => {
    const environment = await start({
      'app.mjs': 'export const handler = async () => new Promise(() => {});',
    });

    const outcome = await environment.api.invoke({});

    expect(outcome).toMatchObject({ kind: 'error', errorType: 'Runtime.NodeJsExit' });
    expect(JSON.parse(outcome.body).errorMessage).toMatch(/Promise that was never settled/);
  });

  it('serves consecutive invocations over one persistent connection with plain HTTP/1.1 requests', async () => {
    const environment = await start({
      'app.mjs': 'let count = 0; export const handler = async () => ++count;',
    });

    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push((await environment.api.invoke({})).body);

    expect(bodies).toEqual(['1', '2', '3']);
    expect(environment.api.clientPorts.size).toBe(1);
    expect(environment.api.requestLines[0]).toBe('GET /2018-06-01/runtime/invocation/next HTTP/1.1');
    expect(environment.api.requestLines[1]).toMatch(
      /^POST \/2018-06-01\/runtime\/invocation\/[0-9a-f-]{36}\/response HTTP\/1\.1$/,
    );
  });

  it('takes a 5 MB event and returns a 5 MB result', async () => {
    const environment = await start({
      'app.mjs': 'export const handler = async (event) => event.data.toUpperCase();',
    });
    const data = 'x'.repeat(5 * 1024 * 1024);

    const outcome = await environment.api.invoke({ data });

    expect(outcome.body.length).toBe(data.length + 2);
    expect(outcome.body.slice(0, 4)).toBe('"XXX');
  });

  it('passes a multi-byte event through and returns a multi-byte result intact', async () => {
    const environment = await start({
      'app.mjs': 'export const handler = async (event) => event.text + "✓";',
    });

    const outcome = await environment.api.invoke({ text: 'héllo 👋' });

    expect(JSON.parse(outcome.body)).toBe('héllo 👋✓');
  });
});
