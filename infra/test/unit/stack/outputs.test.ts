import { describe, expect, it } from 'vitest';
import { CODE, expectTemplateError, loadText, samFunction, withResources } from './helpers.js';

const SITE = `
  Site:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \${AWS::StackName}-web
      WebsiteConfiguration: { IndexDocument: index.html }
`;

function withOutputs(outputs: string, sections = ''): string {
  return samFunction(CODE, sections, SITE).replace('Resources:', `Outputs:\n${outputs}\nResources:`);
}

describe('Outputs', () => {
  it('evaluates each output as DescribeStacks shows it: value, description and export name', async () => {
    const stack = await loadText(
      withOutputs(`
  Bucket:
    Description: !Sub the bucket of \${AWS::StackName}
    Value: !Ref Site
    Export: { Name: !Sub "\${AWS::StackName}-bucket" }
  Region:
    Value: !Ref AWS::Region
  Port:
    Value: 4566
`),
    );

    expect(stack.outputs).toEqual([
      {
        key: 'Bucket',
        value: 'photos-web',
        description: 'the bucket of photos',
        exportName: 'photos-bucket',
      },
      { key: 'Region', value: 'us-east-1' },
      { key: 'Port', value: '4566' },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it("gives a bucket's WebsiteURL as the local cloud's website endpoint when it knows the port", async () => {
    const template = withOutputs('  Url: { Value: !GetAtt Site.WebsiteURL }');

    const local = await loadText(template, { websitePort: 4577 });
    const unknownPort = await loadText(template);

    expect(local.outputs).toEqual([{ key: 'Url', value: 'http://photos-web.s3-website.localhost:4577' }]);
    expect(unknownPort.outputs).toEqual([
      { key: 'Url', value: 'http://photos-web.s3-website-us-east-1.amazonaws.com' },
    ]);
  });

  it('leaves out an output whose condition is false', async () => {
    const stack = await loadText(
      withOutputs(
        `
  Shown: { Value: shown }
  Hidden: { Value: hidden, Condition: Never }
`,
        'Conditions:\n  Never: !Equals [a, b]',
      ),
    );

    expect(stack.outputs.map((output) => output.key)).toEqual(['Shown']);
  });

  it('reports an output only AWS can know instead of inventing its value', async () => {
    const stack = await loadText(
      withOutputs(`
  Imported: { Value: !ImportValue other-stack-bucket }
  Known: { Value: known }
`),
    );

    expect(stack.outputs.map((output) => output.key)).toEqual(['Known']);
    expect(stack.issues).toEqual([
      expect.objectContaining({
        resource: 'Outputs',
        property: 'Imported',
        message: expect.stringMatching(/cannot be evaluated locally/),
      }),
    ]);
  });

  it('refuses an output without a Value, or one that is not a string, as CloudFormation does', async () => {
    await expectTemplateError(loadText(withOutputs('  Empty: { Description: nothing }')), {
      resource: 'Outputs',
      property: 'Empty',
      message: /needs a Value/,
    });
    await expectTemplateError(loadText(withOutputs('  List: { Value: [a, b] }')), {
      resource: 'Outputs',
      property: 'List.Value',
      message: /must evaluate to a string/,
    });
  });

  it('has none when the template declares none', async () => {
    const stack = await loadText(withResources(SITE));

    expect(stack.outputs).toEqual([]);
  });
});
