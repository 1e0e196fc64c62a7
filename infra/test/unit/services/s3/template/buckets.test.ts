import { describe, expect, it } from 'vitest';
import {
  bucketNamed,
  CODE,
  expectTemplateError,
  functionNamed,
  loadText,
  samFunction,
  withResources,
} from '../../../stack/helpers.js';

describe('S3 buckets', () => {
  it('names a bucket without BucketName as CloudFormation does, the same on every load', async () => {
    const template = withResources(`
      PhotosBucket:
        Type: AWS::S3::Bucket
    `);

    const first = await loadText(template);
    const second = await loadText(template);

    const { bucketName } = bucketNamed(first, 'PhotosBucket');
    expect(bucketName).toMatch(/^photos-photosbucket-[a-z0-9]{12}$/);
    expect(bucketNamed(second, 'PhotosBucket').bucketName).toBe(bucketName);
  });

  it('cuts a generated name to 63 characters, keeping the suffix', async () => {
    const logicalId = `Bucket${'X'.repeat(70)}`;

    const stack = await loadText(withResources(`${logicalId}:\n  Type: AWS::S3::Bucket`));

    const { bucketName } = bucketNamed(stack, logicalId);
    expect(bucketName).toHaveLength(63);
    expect(bucketName).toMatch(/^photos-bucketxxx+-[a-z0-9]{12}$/);
  });

  it('gives Ref and Fn::GetAtt of a bucket its name, ARN, domain names and website URL', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          `
          Environment:
            Variables:
              NAME: !Ref Site
              ARN: !GetAtt Site.Arn
              DOMAIN: !GetAtt Site.DomainName
              REGIONAL: !GetAtt Site.RegionalDomainName
              DUAL_STACK: !GetAtt Site.DualStackDomainName
              WEBSITE: !GetAtt Site.WebsiteURL
              GENERATED: !Ref Scratch
        `,
        ],
        '',
        `
        Site:
          Type: AWS::S3::Bucket
          Properties: { BucketName: lambdagram-web }
        Scratch:
          Type: AWS::S3::Bucket
      `,
      ),
    );

    const { environment } = functionNamed(stack, 'Fn');

    expect(environment).toEqual({
      NAME: 'lambdagram-web',
      ARN: 'arn:aws:s3:::lambdagram-web',
      DOMAIN: 'lambdagram-web.s3.amazonaws.com',
      REGIONAL: 'lambdagram-web.s3.us-east-1.amazonaws.com',
      DUAL_STACK: 'lambdagram-web.s3.dualstack.us-east-1.amazonaws.com',
      WEBSITE: 'http://lambdagram-web.s3-website-us-east-1.amazonaws.com',
      GENERATED: bucketNamed(stack, 'Scratch').bucketName,
    });
  });

  it('reads CORS rules with the defaults S3 gives the lists left out', async () => {
    const stack = await loadText(
      withResources(`
      Uploads:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub "\${AWS::StackName}-uploads"
          CorsConfiguration:
            CorsRules:
              - Id: browser-uploads
                AllowedMethods: [PUT, POST]
                AllowedOrigins: ["http://localhost:5173", "https://*.example.com"]
                AllowedHeaders: ["*"]
                ExposedHeaders: [ETag]
                MaxAge: 3000
              - AllowedMethods: [GET]
                AllowedOrigins: ["*"]
    `),
    );

    expect(bucketNamed(stack, 'Uploads')).toEqual({
      logicalId: 'Uploads',
      bucketName: 'photos-uploads',
      cors: [
        {
          id: 'browser-uploads',
          allowedMethods: ['PUT', 'POST'],
          allowedOrigins: ['http://localhost:5173', 'https://*.example.com'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAgeSeconds: 3000,
        },
        { allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposedHeaders: [] },
      ],
      notifications: [],
    });
  });

  it('reads a website configuration with routing rules', async () => {
    const stack = await loadText(
      withResources(`
      Web:
        Type: AWS::S3::Bucket
        Properties:
          WebsiteConfiguration:
            IndexDocument: index.html
            ErrorDocument: index.html
            RoutingRules:
              - RoutingRuleCondition: { KeyPrefixEquals: docs/ }
                RedirectRule: { ReplaceKeyPrefixWith: documents/, HttpRedirectCode: 301 }
              - RoutingRuleCondition: { HttpErrorCodeReturnedEquals: 404 }
                RedirectRule: { HostName: example.com, Protocol: https }
    `),
    );

    expect(bucketNamed(stack, 'Web').website).toEqual({
      indexDocument: 'index.html',
      errorDocument: 'index.html',
      routingRules: [
        {
          condition: { keyPrefixEquals: 'docs/' },
          redirect: { replaceKeyPrefixWith: 'documents/', httpRedirectCode: '301' },
        },
        {
          condition: { httpErrorCodeReturnedEquals: '404' },
          redirect: { hostName: 'example.com', protocol: 'https' },
        },
      ],
    });
  });

  it('reads a website that redirects every request', async () => {
    const stack = await loadText(
      withResources(`
      Old:
        Type: AWS::S3::Bucket
        Properties:
          WebsiteConfiguration:
            RedirectAllRequestsTo: { HostName: www.example.com, Protocol: https }
    `),
    );

    expect(bucketNamed(stack, 'Old').website).toEqual({
      redirectAllRequestsTo: { hostName: 'www.example.com', protocol: 'https' },
      routingRules: [],
    });
  });

  it('reports the properties it does not honour and accepts tags and public access blocks silently', async () => {
    const stack = await loadText(
      withResources(`
      Photos:
        Type: AWS::S3::Bucket
        Properties:
          VersioningConfiguration: { Status: Enabled }
          LifecycleConfiguration: { Rules: [{ Status: Enabled, ExpirationInDays: 1 }] }
          PublicAccessBlockConfiguration: { BlockPublicAcls: true }
          Tags: [{ Key: team, Value: photos }]
    `),
    );

    const reported = stack.issues
      .filter((issue) => issue.resource === 'Photos')
      .map((issue) => issue.property);

    expect(reported.sort()).toEqual([
      'Properties.LifecycleConfiguration',
      'Properties.VersioningConfiguration',
    ]);
    expect(stack.issues).toContainEqual({
      resource: 'Photos',
      property: 'Properties.VersioningConfiguration',
      message: expect.stringMatching(/not versioned locally/),
    });
  });

  it.each([
    ['Photos', /lowercase letters/],
    ['ab', /3 to 63 characters/],
    ['192.168.1.10', /IP address/],
    ['photos..bucket', /two dots in a row/],
    ['-photos', /begin and end with a letter or digit/],
    ['xn--photos', /prefix xn-- is reserved/],
    ['photos-s3alias', /suffix -s3alias is reserved/],
  ])('fails on the bucket name %s', async (name, message) => {
    const loading = loadText(
      withResources(`Bad:\n  Type: AWS::S3::Bucket\n  Properties: { BucketName: "${name}" }`),
    );

    await expectTemplateError(loading, { resource: 'Bad', property: 'Properties.BucketName', message });
  });

  it('fails on two buckets with one name', async () => {
    const loading = loadText(
      withResources(`
      First:
        Type: AWS::S3::Bucket
        Properties: { BucketName: photos }
      Second:
        Type: AWS::S3::Bucket
        Properties: { BucketName: photos }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.BucketName',
      message: /already used by First/,
    });
  });

  it('fails on a CORS method S3 does not know, naming the rule', async () => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::S3::Bucket
        Properties:
          CorsConfiguration:
            CorsRules:
              - { AllowedMethods: [GET, PATCH], AllowedOrigins: ["*"] }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.CorsConfiguration.CorsRules[0].AllowedMethods[1]',
      message: /one of GET, PUT, HEAD, POST, DELETE; got 'PATCH'/,
    });
  });

  it.each([
    ['without origins', '{ AllowedMethods: [GET] }', 'AllowedOrigins', /is required/],
    [
      'with a misspelt key',
      '{ AllowedMethods: [GET], AllowedOrigin: ["*"] }',
      'AllowedOrigin',
      /is not a property here/,
    ],
  ])('fails on a CORS rule %s', async (_, rule, key, message) => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::S3::Bucket
        Properties: { CorsConfiguration: { CorsRules: [${rule}] } }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: `Properties.CorsConfiguration.CorsRules[0].${key}`,
      message,
    });
  });

  it('fails on a website that both redirects everything and has an index document', async () => {
    const loading = loadText(
      withResources(`
      Web:
        Type: AWS::S3::Bucket
        Properties:
          WebsiteConfiguration:
            IndexDocument: index.html
            RedirectAllRequestsTo: { HostName: example.com }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Web',
      property: 'Properties.WebsiteConfiguration.IndexDocument',
      message: /cannot be set together with RedirectAllRequestsTo/,
    });
  });

  it('fails on a website without an index document', async () => {
    const loading = loadText(
      withResources(`
      Web:
        Type: AWS::S3::Bucket
        Properties: { WebsiteConfiguration: { ErrorDocument: error.html } }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Web',
      property: 'Properties.WebsiteConfiguration.IndexDocument',
      message: /is required \(or RedirectAllRequestsTo\)/,
    });
  });
});
