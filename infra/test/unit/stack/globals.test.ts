import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeGlobals } from '../../../src/stack/globals.js';
import { expectTemplateError, FIXTURES, functionNamed, loadFixture, loadText } from './helpers.js';

describe('Globals', () => {
  it('gives a function without properties of its own everything Globals declares', async () => {
    const stack = await loadFixture('globals.yaml');

    const fn = functionNamed(stack, 'Inheriting');

    expect(fn).toMatchObject({
      runtime: 'nodejs22.x',
      kind: 'nodejs',
      handler: 'app.handler',
      codeDir: path.join(FIXTURES, 'code/hello'),
      timeout: 10,
      memorySize: 256,
      architectures: ['arm64'],
      environment: { STAGE: 'production', TABLE_NAME: 'global-table' },
    });
    expect(fn.tags).toMatchObject({ team: 'photos' });
  });

  it('lets a function replace scalars and merge its maps key by key over Globals', async () => {
    const stack = await loadFixture('globals.yaml');

    const fn = functionNamed(stack, 'Overriding');

    expect(fn).toMatchObject({
      runtime: 'python3.12',
      kind: 'python',
      codeDir: path.join(FIXTURES, 'code/py'),
      timeout: 30,
      memorySize: 256,
      environment: { STAGE: 'production', TABLE_NAME: 'own-table', EXTRA: 'hello' },
    });
    expect(fn.tags).toMatchObject({ team: 'photos', owner: 'feed' });
  });

  it('reports a list property from Globals on every function it lands in', async () => {
    const stack = await loadFixture('globals.yaml');

    const layerIssues = stack.issues.filter((issue) => issue.property === 'Properties.Layers');

    expect(layerIssues.map((issue) => issue.resource).sort()).toEqual(['Inheriting', 'Overriding']);
  });

  it('refuses properties SAM does not allow in Globals', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Role: arn:aws:iam::123456789012:role/shared
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello" }
`);

    await expectTemplateError(loading, {
      resource: 'Globals',
      property: 'Function.Role',
      message: /not allow Role/,
    });
  });

  it('reports Globals sections of resource types the local cloud does not run', async () => {
    const stack = await loadText(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Cors: "'*'"
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello" }
`);

    expect(stack.issues).toContainEqual(expect.objectContaining({ resource: 'Globals', property: 'Api' }));
  });
});

describe('mergeGlobals', () => {
  it('concatenates lists with the global entries first, as SAM documents', () => {
    const merged = mergeGlobals(
      { VpcConfig: { SecurityGroupIds: ['sg-123', 'sg-456'] } },
      { VpcConfig: { SecurityGroupIds: ['sg-first'] } },
    );

    expect(merged).toEqual({ VpcConfig: { SecurityGroupIds: ['sg-123', 'sg-456', 'sg-first'] } });
  });

  it('treats an intrinsic function as a single value the resource replaces', () => {
    const merged = mergeGlobals(
      { Environment: { Variables: { A: '1' } } },
      { Environment: { 'Fn::If': ['IsProd', { Variables: { B: '2' } }, { Variables: {} }] } },
    );

    expect(merged).toEqual({
      Environment: { 'Fn::If': ['IsProd', { Variables: { B: '2' } }, { Variables: {} }] },
    });
  });

  it('keeps the resource value when global and local values are of different kinds', () => {
    const merged = mergeGlobals({ CodeUri: 's3://bucket/key' }, { CodeUri: { Bucket: 'b', Key: 'k' } });

    expect(merged).toEqual({ CodeUri: { Bucket: 'b', Key: 'k' } });
  });
});

describe('Globals lists', () => {
  it('fails when Globals and a function both list an architecture, since SAM concatenates them', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Architectures: [x86_64]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello", Architectures: [arm64] }
`);

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Architectures',
      message: /\["x86_64","arm64"\]/,
    });
  });
});
