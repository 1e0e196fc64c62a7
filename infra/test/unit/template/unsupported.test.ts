import { describe, expect, it } from 'vitest';
import { functionNamed, loadFixture } from './helpers.js';

describe('features the local cloud does not honour', () => {
  it('reports every resource type it does not run, with the type', async () => {
    const stack = await loadFixture('unsupported.yaml');

    expect(stack.issues).toContainEqual({
      resource: 'Photos',
      message: 'AWS::S3::Bucket is not supported by the local cloud yet; Photos is not created locally',
    });
    expect(stack.issues).toContainEqual(
      expect.objectContaining({ resource: 'Table', message: expect.stringMatching(/^AWS::DynamoDB::Table/) }),
    );
  });

  it('reports each unsupported function property once, by resource and property', async () => {
    const stack = await loadFixture('unsupported.yaml');

    const properties = stack.issues
      .filter((issue) => issue.resource === 'Upload')
      .map((issue) => issue.property);

    expect(properties.sort()).toEqual([
      'Properties.AutoPublishAlias',
      'Properties.Events.Stream',
      'Properties.Events.Uploaded',
      'Properties.FunctionUrlConfig',
      'Properties.Layers',
      'Properties.Policies',
      'Properties.Tracing',
      'Properties.VpcConfig',
    ]);
  });

  it('names the type of each event source it does not wire', async () => {
    const stack = await loadFixture('unsupported.yaml');

    expect(stack.issues).toContainEqual({
      resource: 'Upload',
      property: 'Properties.Events.Uploaded',
      message: expect.stringMatching(/^S3 event sources are not supported/),
    });
    expect(stack.issues).toContainEqual({
      resource: 'Upload',
      property: 'Properties.Events.Stream',
      message: expect.stringMatching(/^DynamoDB event sources are not supported/),
    });
  });

  it('accepts deployment-only properties silently and still runs the function', async () => {
    const stack = await loadFixture('unsupported.yaml');

    const fn = functionNamed(stack, 'Upload');

    expect(fn.description).toBe('handles uploads');
    expect(stack.issues.some((issue) => issue.property === 'Properties.CodeSigningConfigArn')).toBe(false);
  });
});
