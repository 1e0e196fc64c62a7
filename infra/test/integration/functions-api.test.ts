import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { ACCOUNT, REGION } from '../support/local-cloud.js';

const local = useCloud();

describe('ListFunctions', () => {
  it('pages through every function of the template with NextMarker', async () => {
    const names: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await local.lambda.send(new ListFunctionsCommand({ MaxItems: 7, Marker }));
      expect(page.Functions?.length).toBeLessThanOrEqual(7);
      names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName as string));
      Marker = page.NextMarker;
      pages++;
    } while (Marker);

    expect(pages).toBeGreaterThan(1);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['echo', 'python-echo', 'custom-shell', 'custom-python', 'typescript']),
    );
  });

  it('returns at most 50 functions a page', async () => {
    const page = await local.lambda.send(new ListFunctionsCommand({ MaxItems: 1000 }));

    expect(page.Functions?.length).toBeLessThanOrEqual(50);
  });
});

describe('GetFunctionConfiguration and GetFunction', () => {
  it('returns the configuration fields of the contract', async () => {
    const config = await local.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));

    expect(config).toMatchObject({
      FunctionName: 'echo',
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`,
      Runtime: 'nodejs20.x',
      Handler: 'echo.handler',
      Timeout: 3,
      MemorySize: 256,
      Version: '$LATEST',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/echo' },
      Environment: { Variables: { GREETING: 'hello from Globals', STAGE: 'testing' } },
    });
    expect(config.Role).toMatch(/^arn:aws:iam::123456789012:role\//);
    expect(config.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(config.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(config.CodeSize).toBeGreaterThan(0);
  });

  it('returns configuration, code location and reserved concurrency from GetFunction', async () => {
    const fn = await local.lambda.send(new GetFunctionCommand({ FunctionName: 'reserved' }));

    expect(fn.Configuration?.FunctionName).toBe('reserved');
    expect(fn.Code?.RepositoryType).toBe('S3');
    expect(fn.Code?.Location).toMatch(/^http:\/\//);
    expect(fn.Concurrency?.ReservedConcurrentExecutions).toBe(1);
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    const error = await local.lambda
      .send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope`,
    );
  });

  it('serves the code package named by GetFunction as a zip', async () => {
    const fn = await local.lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    const response = await fetch(fn.Code?.Location as string);
    const zip = Buffer.from(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.includes(Buffer.from('echo.mjs'))).toBe(true);
  });
});
