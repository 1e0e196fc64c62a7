import { describe, expect, it } from 'vitest';
import { expectTemplateError, functionNamed, loadFixture, loadText, samFunction } from './helpers.js';

describe('conditions', () => {
  it('drops a resource whose Condition is false and keeps the one whose Condition holds', async () => {
    const stack = await loadFixture('conditions.yaml');

    const ids = stack.functions.map((fn) => fn.logicalId);

    expect(ids).toEqual(['Always', 'DevOnly']);
  });

  it('follows parameter overrides when evaluating conditions', async () => {
    const stack = await loadFixture('conditions.yaml', { parameterOverrides: { Stage: 'prod' } });

    expect(stack.functions.map((fn) => fn.logicalId)).toEqual(['Always', 'ProdOnly']);
    expect(functionNamed(stack, 'Always').memorySize).toBe(1024);
  });

  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition', async () => {
    const dev = await loadFixture('conditions.yaml', { parameterOverrides: { Tracing: 'on' } });
    const prod = await loadFixture('conditions.yaml', { parameterOverrides: { Stage: 'prod' } });

    expect(functionNamed(dev, 'Always').environment).toEqual({
      IS_DEV: 'yes',
      DEV_WITH_TRACING: 'yes',
      PROD_OR_TRACING: 'yes',
    });
    expect(functionNamed(prod, 'Always').environment).toEqual({
      IS_DEV: 'no',
      DEV_WITH_TRACING: 'no',
      PROD_OR_TRACING: 'yes',
    });
  });

  it('fails on Fn::If naming a condition that is not declared', async () => {
    const loading = loadText(
      samFunction(`
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Timeout: !If [Missing, 10, 20]
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Timeout',
      message: /'Missing' is not declared/,
    });
  });

  it('fails on a condition that refers to a resource', async () => {
    const loading = loadText(
      samFunction(
        `
        Runtime: nodejs22.x
        Handler: app.handler
        CodeUri: "{{code}}/hello"
      `,
        `
        Conditions:
          HasBucket: !Equals [!Ref Bucket, photos]
      `,
        `
        Bucket:
          Type: AWS::S3::Bucket
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Conditions',
      property: 'HasBucket',
      message: /conditions can only refer to parameters/,
    });
  });

  it('fails on conditions that depend on each other', async () => {
    const loading = loadText(
      samFunction(
        `
        Runtime: nodejs22.x
        Handler: app.handler
        CodeUri: "{{code}}/hello"
      `,
        `
        Conditions:
          A: !Condition B
          B: !Not [!Condition A]
      `,
      ),
    );

    await expectTemplateError(loading, {
      message: /circular reference: Conditions\.A -> Conditions\.B -> Conditions\.A/,
    });
  });

  it('fails on a Ref to a resource that is not created', async () => {
    const loading = loadText(
      samFunction(
        `
        Runtime: nodejs22.x
        Handler: app.handler
        CodeUri: "{{code}}/hello"
        Environment:
          Variables:
            BUCKET: !Ref Bucket
      `,
        `
        Conditions:
          Never: !Equals [a, b]
      `,
        `
        Bucket:
          Type: AWS::S3::Bucket
          Condition: Never
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Environment.Variables.BUCKET',
      message: /not created \(its Condition is false\)/,
    });
  });
});
