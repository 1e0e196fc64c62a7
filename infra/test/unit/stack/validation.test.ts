import { describe, expect, it } from 'vitest';
import { expectTemplateError, functionNamed, loadText, samFunction } from './helpers.js';

const BASE = `
  Runtime: nodejs22.x
  Handler: app.handler
  CodeUri: "{{code}}/hello"
`;

describe('template validation', () => {
  it('reads the settings a valid function declares', async () => {
    const stack = await loadText(
      samFunction([
        BASE,
        `
        FunctionName: photos-api
        MemorySize: 1769
        Timeout: 900
        ReservedConcurrentExecutions: 5
        Architectures: [arm64]
        Role: arn:aws:iam::123456789012:role/api
        Description: the API
      `,
      ]),
    );

    const fn = functionNamed(stack, 'Fn');

    expect(fn).toMatchObject({
      functionName: 'photos-api',
      memorySize: 1769,
      timeout: 900,
      reservedConcurrency: 5,
      architectures: ['arm64'],
      role: 'arn:aws:iam::123456789012:role/api',
      description: 'the API',
    });
  });

  it('gives a function without Role the role SAM creates for it', async () => {
    const stack = await loadText(samFunction(BASE));

    expect(functionNamed(stack, 'Fn').role).toBe('arn:aws:iam::123456789012:role/photos-FnRole');
  });

  it.each([
    ['Runtime', 'Handler: app.handler\nCodeUri: "{{code}}/hello"', /Runtime.*is required/],
    ['Handler', 'Runtime: nodejs22.x\nCodeUri: "{{code}}/hello"', /Handler.*is required/],
  ])('fails on a missing %s, naming it', async (property, properties, message) => {
    const loading = loadText(samFunction(properties));

    await expectTemplateError(loading, { resource: 'Fn', property: `Properties.${property}`, message });
  });

  it('fails on a runtime the local cloud cannot run, listing the supported ones', async () => {
    const loading = loadText(samFunction(BASE.replace('nodejs22.x', 'java21')));

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Runtime',
      message: /java21 is not supported.*nodejs24\.x.*python3\.14.*provided\.al2023/,
    });
  });

  it.each([
    ['MemorySize', '64', /between 128 and 10240, got 64/],
    ['MemorySize', '10241', /between 128 and 10240, got 10241/],
    ['Timeout', '0', /between 1 and 900, got 0/],
    ['Timeout', '901', /between 1 and 900, got 901/],
    ['Timeout', 'soon', /must be an integer/],
  ])('fails on %s %s', async (property, value, message) => {
    const loading = loadText(samFunction([BASE, `${property}: ${value}`]));

    await expectTemplateError(loading, { resource: 'Fn', property: `Properties.${property}`, message });
  });

  it.each([['[x86_64, arm64]'], ['[sparc]'], ['arm64']])('fails on Architectures %s', async (value) => {
    const loading = loadText(samFunction([BASE, `Architectures: ${value}`]));

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Architectures',
      message: /exactly one/,
    });
  });

  it('fails on two functions with one name', async () => {
    const loading = loadText(
      samFunction(
        [BASE, 'FunctionName: api'],
        '',
        `
        Second:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: api
            Runtime: nodejs22.x
            Handler: app.handler
            CodeUri: "{{code}}/hello"
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.FunctionName',
      message: /already used by Fn/,
    });
  });

  it('fails on an environment variable Lambda reserves', async () => {
    const loading = loadText(samFunction([BASE, 'Environment:\n  Variables:\n    AWS_REGION: eu-west-1']));

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Environment.Variables.AWS_REGION',
      message: /reserved by Lambda/,
    });
  });

  it('fails on a Role that is not a role ARN', async () => {
    const loading = loadText(samFunction([BASE, 'Role: my-role']));

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Role',
      message: /ARN of an IAM role/,
    });
  });

  it('fails on an AWS::Lambda::Function without Role', async () => {
    const loading = loadText(`
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: app.handler, Code: "{{code}}/py" }
`);

    await expectTemplateError(loading, {
      resource: 'Plain',
      property: 'Properties.Role',
      message: /is required/,
    });
  });

  it('fails on SAM resources without the SAM transform', async () => {
    const loading = loadText(samFunction(BASE).replace('Transform: AWS::Serverless-2016-10-31', ''));

    await expectTemplateError(loading, { resource: 'Fn', message: /Transform: AWS::Serverless-2016-10-31/ });
  });

  it('fails on a template that is not valid YAML, saying where', async () => {
    const loading = loadText('Resources:\n  Fn:\n    Type: [unclosed\n');

    await expectTemplateError(loading, { message: /cannot parse template .*template\.yaml/ });
  });

  it('fails on a template without resources', async () => {
    const loading = loadText('Transform: AWS::Serverless-2016-10-31\nResources: {}\n');

    await expectTemplateError(loading, { resource: 'Resources', message: /at least one resource/ });
  });
});
