import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { encode, payloadOf, startCloud } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';
import { alive, descendants } from '../support/processes.js';

/** A small SAM template of someone else's project, in its own folder, with TypeScript and Python. */
function writeForeignProject(): { dir: string; template: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'foreign-project-'));
  cpSync(path.join(import.meta.dirname, '..', 'fixtures', 'foreign-project'), dir, { recursive: true });
  return { dir, template: path.join(dir, 'infra', 'stack.yaml') };
}

describe('the local cloud process', () => {
  it('runs any SAM template, with CodeUri relative to that template', async () => {
    const { template } = writeForeignProject();
    const cloud = await startCloud({ template, args: ['--no-watch', '--stack-name', 'ForeignStack'] });
    try {
      const lambda = cloud.lambda();
      const greet = await lambda.send(
        new InvokeCommand({ FunctionName: 'greeter', Payload: encode({ who: 'Grace' }) }),
      );
      const python = await lambda.send(
        new InvokeCommand({ FunctionName: 'ForeignPython', Payload: encode({ n: 20 }) }),
      );

      expect(payloadOf(greet)).toBe('Hi Grace, from ForeignStack');
      expect(payloadOf(python)).toEqual({ doubled: 40 });
      expect(cloud.output()).toMatch(/greeter\s+nodejs22\.x\s+192 MB\s+5 s\s+ready/);
    } finally {
      await cloud.stop();
    }
  });

  it('reports what the template has that it does not support, naming resource and property', async () => {
    const { template } = writeForeignProject();
    const cloud = await startCloud({ template, args: ['--no-watch', '--stack-name', 'ForeignStack'] });
    await cloud.stop();

    expect(cloud.output()).toMatch(/Uploads.*AWS::SNS::Topic/);
    expect(cloud.output()).toMatch(/Greeter.*Layers/);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops on %s with exit code 0 and leaves no environment process behind',
    async (signal) => {
      const cloud = await startCloud({ args: ['--no-watch'] });
      const lambda = cloud.lambda();
      await Promise.all(
        ['echo', 'python-echo', 'custom-shell'].map((FunctionName) =>
          lambda.send(new InvokeCommand({ FunctionName })),
        ),
      );
      const children = descendants(cloud.process.pid as number);
      expect(children.length).toBeGreaterThanOrEqual(3);

      expect(await cloud.stop(signal)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(children.filter(alive)).toEqual([]);
    },
  );

  it('shuts down an environment left idle past the idle timeout; the next call starts a new one', async () => {
    const cloud = await startCloud({ args: ['--no-watch', '--idle-timeout-ms', '300'] });
    try {
      const lambda = cloud.lambda();
      const first = payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as {
        pid: number;
      };
      const warm = payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as {
        pid: number;
      };
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const later = payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'echo' }))) as {
        pid: number;
      };

      expect(warm.pid).toBe(first.pid);
      expect(alive(first.pid)).toBe(false);
      expect(later.pid).not.toBe(first.pid);
    } finally {
      await cloud.stop();
    }
  });

  it('throttles past the account concurrency (--max-environments) with ConcurrentInvocationLimitExceeded', async () => {
    const cloud = await startCloud({ args: ['--no-watch', '--max-environments', '1'] });
    try {
      const lambda = cloud.lambda();
      const slow = lambda.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: encode({ ms: 600 }) }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await lambda.send(new InvokeCommand({ FunctionName: 'echo' })).catch((e: unknown) => e);
      await slow;

      expect((error as Error).name).toBe('TooManyRequestsException');
      expect((error as { Reason?: string }).Reason).toBe('ConcurrentInvocationLimitExceeded');
    } finally {
      await cloud.stop();
    }
  });

  it('runs edited code at the next invocation without a restart', async () => {
    const { dir, template } = writeForeignProject();
    const cloud = await startCloud({ template, args: ['--stack-name', 'ForeignStack'] });
    try {
      const lambda = cloud.lambda();
      const before = await lambda.send(
        new InvokeCommand({ FunctionName: 'greeter', Payload: encode({ who: 'A' }) }),
      );
      const source = path.join(dir, 'src', 'greeter.ts');
      writeFileSync(source, readFileSync(source, 'utf8').replace('Hi ', 'Hello '));

      const after = await pollUntil(
        () => lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: encode({ who: 'A' }) })),
        (response) => payloadOf(response) !== payloadOf(before),
      );

      expect(payloadOf(before)).toBe('Hi A, from ForeignStack');
      expect(payloadOf(after)).toBe('Hello A, from ForeignStack');
    } finally {
      await cloud.stop();
    }
  });

  it('reloads a Python function whose source changed, without a build step', async () => {
    const { dir, template } = writeForeignProject();
    const cloud = await startCloud({ template, args: ['--stack-name', 'ForeignStack'] });
    try {
      const lambda = cloud.lambda();
      const invoke = () =>
        lambda.send(new InvokeCommand({ FunctionName: 'ForeignPython', Payload: encode({ n: 5 }) }));
      const before = await invoke();
      const source = path.join(dir, 'py', 'handler.py');
      writeFileSync(source, readFileSync(source, 'utf8').replace('* 2', '* 3'));

      const after = await pollUntil(
        invoke,
        (response) => JSON.stringify(payloadOf(response)) !== JSON.stringify(payloadOf(before)),
      );

      expect(payloadOf(before)).toEqual({ doubled: 10 });
      expect(payloadOf(after)).toEqual({ doubled: 15 });
    } finally {
      await cloud.stop();
    }
  });

  it('keeps serving other functions when one fails to build, and recovers when it is fixed', async () => {
    const { dir, template } = writeForeignProject();
    const source = path.join(dir, 'src', 'greeter.ts');
    const good = readFileSync(source, 'utf8');
    writeFileSync(source, `${good}\nconst broken: number = ;\n`);
    const cloud = await startCloud({ template, args: ['--stack-name', 'ForeignStack'] });
    try {
      const lambda = cloud.lambda();
      const broken = await lambda.send(
        new InvokeCommand({ FunctionName: 'greeter', Payload: encode({ who: 'A' }) }),
      );
      const python = await lambda.send(
        new InvokeCommand({ FunctionName: 'ForeignPython', Payload: encode({ n: 1 }) }),
      );
      writeFileSync(source, good);
      const fixed = await pollUntil(
        () => lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: encode({ who: 'A' }) })),
        (response) => !response.FunctionError,
      );

      expect(cloud.output()).toMatch(/greeter\.ts:\d+:\d+: /);
      expect(broken.FunctionError).toBe('Unhandled');
      expect((payloadOf(broken) as { errorMessage: string }).errorMessage).toMatch(/greeter\.ts:\d+:\d+/);
      expect(payloadOf(python)).toEqual({ doubled: 2 });
      expect(payloadOf(fixed)).toBe('Hi A, from ForeignStack');
    } finally {
      await cloud.stop();
    }
  });

  it('refuses to start on an unknown option with a usage message', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--bogus'], {
        cwd: path.join(import.meta.dirname, '..', '..'),
        stdio: 'pipe',
      });
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(stderr).toContain("unknown option '--bogus'");
    expect(stderr).toContain('usage: pnpm local-cloud');
  });
});
