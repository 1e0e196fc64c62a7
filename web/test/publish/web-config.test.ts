import { describe, expect, it } from 'vitest';
import { webConfig } from '../../scripts/publish/publish.js';
import { PublishError } from '../../scripts/publish/stack-outputs.js';

const OUTPUTS = {
  Region: 'eu-west-1',
  IdentityPoolId: 'eu-west-1:6f0c8d2e-0000-4000-8000-000000000000',
  FunctionNamePrefix: 'lambdagram',
  PhotosBucketName: 'lambdagram-photos',
  WebBucketName: 'lambdagram-web',
  WebsiteUrl: 'http://lambdagram-web.s3-website-eu-west-1.amazonaws.com',
};

describe("the web app's config.json", () => {
  it("holds the stack's values, and on AWS no local endpoint", () => {
    expect(webConfig(OUTPUTS)).toEqual({
      region: 'eu-west-1',
      identityPoolId: OUTPUTS.IdentityPoolId,
      functionPrefix: 'lambdagram',
      photosBucket: 'lambdagram-photos',
    });
  });

  it("names the local cloud's endpoint and outbox when published there", () => {
    const config = webConfig(OUTPUTS, 'http://127.0.0.1:4566/');

    expect(config.endpoint).toBe('http://127.0.0.1:4566');
    expect(config.outboxUrl).toBe('http://127.0.0.1:4566/_local/ses/outbox');
  });

  it('refuses outputs that would make a config the app cannot start with, naming the field', () => {
    const publish = () => webConfig({ ...OUTPUTS, IdentityPoolId: '' });

    expect(publish).toThrow(PublishError);
    expect(publish).toThrow(/identityPoolId/);
  });
});
