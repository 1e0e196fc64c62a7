import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectTemplateError,
  FIXTURES,
  functionNamed,
  loadFixture,
  loadText,
  tempDir,
} from '../../../stack/helpers.js';

describe('function code', () => {
  it('writes Code.ZipFile to a file named after the handler module, in a folder per function', async () => {
    const codeDir = await tempDir();

    const stack = await loadFixture('inline-code.yaml', { codeDir });

    const node = functionNamed(stack, 'NodeInline');
    const python = functionNamed(stack, 'PythonInline');
    expect(node.codeDir).toBe(path.join(codeDir, 'NodeInline'));
    expect(await readFile(path.join(node.codeDir, 'index.js'), 'utf8')).toBe(
      "exports.handler = async () => 'us-east-1';\n",
    );
    expect(python.codeDir).toBe(path.join(codeDir, 'PythonInline'));
    expect(await readFile(path.join(python.codeDir, 'index.py'), 'utf8')).toContain('return "python"');
  });

  it('writes SAM InlineCode the same way', async () => {
    const codeDir = await tempDir();

    const stack = await loadFixture('inline-code.yaml', { codeDir });

    const fn = functionNamed(stack, 'SamInline');
    expect(await readFile(path.join(fn.codeDir, 'index.js'), 'utf8')).toBe(
      "exports.handler = async () => 'sam';",
    );
  });

  it('reads an AWS::Lambda::Function with a local code folder, its role and list-form tags', async () => {
    const stack = await loadFixture('inline-code.yaml');

    const fn = functionNamed(stack, 'FromFolder');

    expect(fn).toMatchObject({
      resourceType: 'AWS::Lambda::Function',
      functionName: 'FromFolder',
      codeDir: path.join(FIXTURES, 'code/py'),
      role: 'arn:aws:iam::123456789012:role/inline-role',
      memorySize: 128,
      timeout: 3,
    });
    expect(fn.tags).toMatchObject({ team: 'data', 'aws:cloudformation:logical-id': 'FromFolder' });
    expect(fn.tags).not.toHaveProperty('lambda:createdBy');
  });

  it('resolves CodeUri against the folder of the template, not the working directory', async () => {
    const stack = await loadFixture('nested/stack/template.yaml');

    expect(functionNamed(stack, 'Nested').codeDir).toBe(path.join(FIXTURES, 'code/py'));
    expect(stack.templatePath).toBe(path.join(FIXTURES, 'nested/stack/template.yaml'));
  });

  it('reads JSON templates, with the one-string form of Fn::GetAtt', async () => {
    const stack = await loadFixture('json/template.json');

    const hello = functionNamed(stack, 'Hello');
    const world = functionNamed(stack, 'World');
    expect(hello.functionName).toBe('hello-dev');
    expect(hello.codeDir).toBe(path.join(FIXTURES, 'code/hello'));
    expect(hello.environment.SELF_ARN).toBe('arn:aws:lambda:us-east-1:123456789012:function:World');
    expect(world.role).toBe('arn:aws:iam::123456789012:role/photos-HelloRole');
    expect(hello.role).toBe(world.role);
  });

  it('leaves out functions whose code is in S3, saying so', async () => {
    const stack = await loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Upload:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello" }
  InS3:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: s3://artifacts/upload.zip }
  InS3Object:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { S3Bucket: artifacts, S3Key: worker.zip }
`);

    expect(stack.functions.map((fn) => fn.logicalId)).toEqual(['Upload']);
    expect(stack.issues).toContainEqual({
      resource: 'InS3',
      property: 'Properties.CodeUri',
      message: expect.stringMatching(/code in S3.*not created locally/),
    });
    expect(stack.issues).toContainEqual({
      resource: 'InS3Object',
      property: 'Properties.Code',
      message: expect.stringMatching(/code in S3.*not created locally/),
    });
  });

  it('fails on a CodeUri folder that does not exist', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: ./missing }
`);

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.CodeUri',
      message: /does not exist/,
    });
  });

  it('fails on a function with neither CodeUri nor InlineCode', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: app.handler }
`);

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.CodeUri',
      message: /is required/,
    });
  });
});
