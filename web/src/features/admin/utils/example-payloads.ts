import type { FunctionName, InputOf } from '@lambdagram/functions/contracts';

/**
 * A payload to start from for each function of the stack, derived from its name: the contracts'
 * operations get a valid input, the seed's examples theirs, and the event-driven functions an event
 * shaped like the one AWS sends them (an S3 notification, a DynamoDB stream batch).
 */

const SAMPLE_USER_ID = '6f1c1a52-3c1e-4b8e-9a57-0e4a4c1f2b10';
const SAMPLE_PHOTO_ID = '3e5b9f02-7d4a-4f1e-8c63-5a2b1d0e9f34';
/** Emailed tokens are opaque and URL-safe; this one only has the right shape. */
const SAMPLE_TOKEN = 'paste-the-token-from-the-emailed-link';

/** A valid input for every operation of the contracts (checked by the compiler against them). */
const CONTRACT_EXAMPLES = {
  signUp: { username: 'ada_lovelace', email: 'ada@example.com', password: 'correct horse battery staple' },
  verifyEmail: { token: SAMPLE_TOKEN },
  resendVerification: { email: 'ada@example.com' },
  signIn: { username: 'ada_lovelace', password: 'correct horse battery staple' },
  forgotPassword: { email: 'ada@example.com' },
  resetPassword: { token: SAMPLE_TOKEN, password: 'a new long passphrase' },
  changePassword: { oldPassword: 'correct horse battery staple', newPassword: 'a new long passphrase' },
  getMe: {},
  getPhoto: { photoId: SAMPLE_PHOTO_ID },
  listUserPhotos: { username: 'ada_lovelace', limit: 20 },
  listPublicPhotos: { limit: 20 },
  updatePhoto: { photoId: SAMPLE_PHOTO_ID, caption: 'Sunrise over the harbour', visibility: 'friends' },
  deletePhoto: { photoId: SAMPLE_PHOTO_ID },
  searchUsers: { prefix: 'ada', limit: 10 },
  sendFriendRequest: { userId: SAMPLE_USER_ID },
  respondToFriendRequest: { userId: SAMPLE_USER_ID, accept: true },
  cancelFriendRequest: { userId: SAMPLE_USER_ID },
  removeFriend: { userId: SAMPLE_USER_ID },
  listFriends: { limit: 50 },
  listFriendRequests: {},
  getFeed: { limit: 20 },
} satisfies { [F in FunctionName]: InputOf<F> };

/** The seed's examples, deployed under their own names. */
const SEED_EXAMPLES: Record<string, unknown> = {
  add: { value1: 1, value2: 2 },
  'add-python': { value1: 1, value2: 2 },
  log: { message: 'hello' },
};

export type Trigger = 's3' | 'dynamodb-stream';

/** Functions that run on events of other resources rather than on calls. */
const TRIGGERS: Record<string, Trigger> = { processUpload: 's3', fanOut: 'dynamodb-stream' };

export interface FunctionIdentity {
  functionName: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`: where the sample event comes from. */
  functionArn?: string;
}

export interface ExamplePayload {
  /** Pretty-printed JSON, ready for the editor. */
  json: string;
  /** Where the example comes from, in a few words for the form. */
  source: 'contract' | 'seed' | Trigger | 'none';
}

/** The operation a function stands for: its name without the stack's `<prefix>-`. */
export function operationOf(functionName: string, functionPrefix: string): string {
  const head = `${functionPrefix}-`;
  return functionName.startsWith(head) ? functionName.slice(head.length) : functionName;
}

export function triggerOf(functionName: string, functionPrefix: string): Trigger | undefined {
  return TRIGGERS[operationOf(functionName, functionPrefix)];
}

/**
 * @example
 * examplePayload({ functionName: 'add' }, 'lambdagram').json   // '{\n  "value1": 1,\n  "value2": 2\n}'
 * examplePayload({ functionName: 'lambdagram-getFeed' }, 'lambdagram').json  // '{\n  "limit": 20\n}'
 */
export function examplePayload(fn: FunctionIdentity, functionPrefix: string): ExamplePayload {
  const operation = operationOf(fn.functionName, functionPrefix);
  const pretty = (value: unknown) => JSON.stringify(value, null, 2);
  if (Object.hasOwn(SEED_EXAMPLES, fn.functionName)) {
    return { json: pretty(SEED_EXAMPLES[fn.functionName]), source: 'seed' };
  }
  if (Object.hasOwn(CONTRACT_EXAMPLES, operation)) {
    return { json: pretty(CONTRACT_EXAMPLES[operation as FunctionName]), source: 'contract' };
  }
  const trigger = TRIGGERS[operation];
  const where = locationOf(fn.functionArn);
  if (trigger === 's3') return { json: pretty(s3PutEvent(where, functionPrefix)), source: 's3' };
  if (trigger === 'dynamodb-stream') {
    return { json: pretty(friendshipStreamEvent(where, functionPrefix)), source: 'dynamodb-stream' };
  }
  return { json: '{}', source: 'none' };
}

function locationOf(functionArn: string | undefined): { region: string; account: string } {
  const [, , , region, account] = functionArn?.split(':') ?? [];
  return { region: region || 'us-east-1', account: account || '123456789012' };
}

/** An `ObjectCreated:Put` notification for an upload, as S3 sends it to `processUpload`. */
function s3PutEvent({ region, account }: { region: string; account: string }, prefix: string) {
  const bucket = `${prefix}-photos-${account}`;
  const identityId = `${region}:0c6e8f2a-5b1d-4e7c-9a3f-1d2e3f4a5b6c`;
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROAEXAMPLEUSERROLE:CognitoIdentityCredentials' },
        requestParameters: { sourceIPAddress: '203.0.113.24' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'example' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'ProcessUploadFunctionUpload',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            // S3 URL-encodes keys in events: the identity id's ':' arrives as %3A.
            key: `uploads/${encodeURIComponent(identityId)}/${SAMPLE_PHOTO_ID}`,
            size: 2483117,
            eTag: '9b2cf535f27731c974343645a3985328',
            sequencer: '0065F2C4B5D3A1E2F4',
          },
        },
      },
    ],
  };
}

/** A friend request's `INSERT` in the friendships table's stream, as `fanOut` receives a batch. */
function friendshipStreamEvent({ region, account }: { region: string; account: string }, prefix: string) {
  const keys = { userId: { S: SAMPLE_USER_ID }, otherId: { S: '9b2d7e44-81a0-4c55-b7f3-2d6e0c9a1f87' } };
  return {
    Records: [
      {
        eventID: 'c81e728d9d4c2f636f067f89cc14862c',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: keys,
          NewImage: {
            ...keys,
            status: { S: 'outgoing' },
            otherUsername: { S: 'grace_hopper' },
            since: { S: new Date().toISOString() },
          },
          SequenceNumber: '4421584500000000017450439091',
          SizeBytes: 75,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: `arn:aws:dynamodb:${region}:${account}:table/${prefix}-friendships/stream/2026-01-01T00:00:00.000`,
      },
    ],
  };
}
