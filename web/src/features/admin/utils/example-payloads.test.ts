import { describe, expect, it } from 'vitest';
import { examplePayload, operationOf, triggerOf } from './example-payloads';

const PREFIX = 'lambdagram';
const parsed = (functionName: string, functionArn?: string) =>
  JSON.parse(examplePayload(functionArn ? { functionName, functionArn } : { functionName }, PREFIX).json);

describe('examplePayload', () => {
  it('offers two numbers to add and a message to log', () => {
    expect(parsed('add')).toEqual({ value1: 1, value2: 2 });
    expect(parsed('add-python')).toEqual({ value1: 1, value2: 2 });
    expect(parsed('log')).toEqual({ message: 'hello' });
  });

  it("offers a valid input for the stack's operations", () => {
    expect(parsed('lambdagram-getFeed')).toEqual({ limit: 20 });
    expect(parsed('lambdagram-getMe')).toEqual({});
    expect(parsed('lambdagram-signIn')).toEqual({
      username: expect.any(String),
      password: expect.any(String),
    });
    expect(parsed('lambdagram-respondToFriendRequest')).toMatchObject({ accept: true });
    expect(examplePayload({ functionName: 'lambdagram-getPhoto' }, PREFIX).source).toBe('contract');
  });

  it('gives the upload processor an S3 notification for its bucket, in its region and account', () => {
    const event = parsed(
      'lambdagram-processUpload',
      'arn:aws:lambda:eu-west-1:210987654321:function:lambdagram-processUpload',
    );
    const [record] = event.Records;
    expect(record).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: 'eu-west-1',
      s3: { bucket: { name: 'lambdagram-photos-210987654321' } },
    });
    expect(record.s3.object.key).toMatch(/^uploads\/eu-west-1%3A[0-9a-f-]+\/[0-9a-f-]+$/);
  });

  it('gives the fan-out a DynamoDB stream batch', () => {
    const [record] = parsed('lambdagram-fanOut').Records;
    expect(record).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventName: 'INSERT',
      awsRegion: 'us-east-1',
    });
    expect(record.eventSourceARN).toMatch(
      /^arn:aws:dynamodb:us-east-1:123456789012:table\/lambdagram-friendships\/stream\//,
    );
    expect(record.dynamodb.NewImage.status).toEqual({ S: 'outgoing' });
  });

  it('offers an empty object for a function it does not know', () => {
    expect(examplePayload({ functionName: 'someone-elses-function' }, PREFIX)).toEqual({
      json: '{}',
      source: 'none',
    });
    expect(examplePayload({ functionName: 'toString' }, PREFIX)).toEqual({ json: '{}', source: 'none' });
  });

  it('pretty-prints with two spaces', () => {
    expect(examplePayload({ functionName: 'add' }, PREFIX).json).toBe('{\n  "value1": 1,\n  "value2": 2\n}');
  });
});

describe('operationOf and triggerOf', () => {
  it('strips the stack prefix only', () => {
    expect(operationOf('lambdagram-getFeed', PREFIX)).toBe('getFeed');
    expect(operationOf('add-python', PREFIX)).toBe('add-python');
  });

  it('knows which functions run on events', () => {
    expect(triggerOf('lambdagram-processUpload', PREFIX)).toBe('s3');
    expect(triggerOf('lambdagram-fanOut', PREFIX)).toBe('dynamodb-stream');
    expect(triggerOf('lambdagram-getFeed', PREFIX)).toBeUndefined();
  });
});
