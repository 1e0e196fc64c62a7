import { describe, expect, it } from 'vitest';
import { expectTemplateError, functionNamed, loadFixture, loadText } from './helpers.js';

describe('parameters', () => {
  it('uses defaults, with numbers and comma-delimited lists as CloudFormation passes them', async () => {
    const stack = await loadFixture('parameters.yaml', { parameterOverrides: { ApiKey: 'secret' } });

    const fn = functionNamed(stack, 'Api');

    expect(fn.memorySize).toBe(512);
    expect(fn.environment).toEqual({
      STAGE: 'dev',
      FIRST_ORIGIN: 'https://a.example',
      ALL_ORIGINS: 'https://a.example https://b.example',
      API_KEY: 'secret',
    });
  });

  it('lets overrides win over defaults', async () => {
    const stack = await loadFixture('parameters.yaml', {
      parameterOverrides: { ApiKey: 'k', Stage: 'prod', Memory: '1024' },
    });

    const fn = functionNamed(stack, 'Api');

    expect(fn.memorySize).toBe(1024);
    expect(fn.environment.STAGE).toBe('prod');
  });

  it('fails naming a parameter that has neither a default nor an override', async () => {
    const loading = loadFixture('parameters.yaml');

    await expectTemplateError(loading, { resource: 'Parameters', property: 'ApiKey', message: /no Default/ });
  });

  it('fails on a value outside AllowedValues', async () => {
    const loading = loadFixture('parameters.yaml', { parameterOverrides: { ApiKey: 'k', Stage: 'qa' } });

    await expectTemplateError(loading, {
      resource: 'Parameters',
      property: 'Stage',
      message: /not one of the AllowedValues/,
    });
  });

  it('fails on a Number parameter given something else', async () => {
    const loading = loadFixture('parameters.yaml', { parameterOverrides: { ApiKey: 'k', Memory: 'lots' } });

    await expectTemplateError(loading, {
      resource: 'Parameters',
      property: 'Memory',
      message: /'lots' is not a number/,
    });
  });

  it('reports an override for a parameter the template does not declare', async () => {
    const stack = await loadFixture('parameters.yaml', {
      parameterOverrides: { ApiKey: 'k', Stgae: 'prod' },
    });

    expect(stack.issues).toContainEqual(
      expect.objectContaining({ resource: 'Parameters', property: 'Stgae' }),
    );
  });

  it('fails on a value that does not match the whole AllowedPattern', async () => {
    const loading = loadText(`
Parameters:
  Bucket:
    Type: String
    Default: Photos-Bucket
    AllowedPattern: "[a-z-]+"
    ConstraintDescription: lower-case letters and hyphens
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: app.handler, Code: "{{code}}/py", Role: arn:aws:iam::123456789012:role/r }
`);

    await expectTemplateError(loading, {
      resource: 'Parameters',
      property: 'Bucket',
      message: /does not match AllowedPattern \[a-z-\]\+ \(lower-case letters and hyphens\)/,
    });
  });
});
