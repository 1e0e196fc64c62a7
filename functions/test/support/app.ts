import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentity } from '@aws-sdk/credential-provider-cognito-identity';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionName, InputOf, OutputOf } from '../../src/contracts/index.js';

export const REGION = 'us-east-1';
export const STACK = 'lambdagram';
export const ACCOUNT = '123456789012';
export const BUCKET = `${STACK}-photos-${ACCOUNT}`;
export const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Where the local cloud is and which identity pool it runs: set once by the test setup or a bench. */
let target: { url: string; identityPoolId: string } | undefined;

export function useCloud(cloud: { url: string; identityPoolId: string }): void {
  target = cloud;
}

function cloud() {
  if (!target) throw new Error('useCloud() was not called: no local cloud to talk to');
  return target;
}

export const cloudUrl = () => cloud().url;

/** A function error as the caller sees it: Lambda's `errorType` and `errorMessage`. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(`${errorType}: ${message}`);
  }
}

type Credentials = ReturnType<typeof fromCognitoIdentity>;

/**
 * What a browser holds: Cognito identity-pool credentials (a guest's, or a signed-in user's) and
 * the SDK clients made with them. Every call is a real signed request to the local cloud.
 */
export class Session {
  readonly lambda: LambdaClient;
  readonly s3: S3Client;

  constructor(
    readonly identityId: string,
    credentials: Credentials,
  ) {
    const common = { endpoint: cloudUrl(), region: REGION, credentials, maxAttempts: 1 };
    this.lambda = new LambdaClient(common);
    this.s3 = new S3Client({ ...common, forcePathStyle: true });
  }

  /** Invokes `<stack>-<name>` synchronously; a function error is thrown as a `FunctionError`. */
  async invoke<F extends FunctionName>(name: F, input: InputOf<F>): Promise<OutputOf<F>> {
    return (await this.invokeRaw(`${STACK}-${name}`, input)) as OutputOf<F>;
  }

  /** Invokes any function by its full name with any payload (for the attacks). */
  async invokeRaw(functionName: string, payload: unknown): Promise<unknown> {
    const response = await this.lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
    );
    const body = JSON.parse(new TextDecoder().decode(response.Payload));
    if (response.FunctionError) throw new FunctionError(body.errorType, body.errorMessage, body);
    return body;
  }

  destroy(): void {
    this.lambda.destroy();
    this.s3.destroy();
  }
}

function cognitoConfig() {
  return { endpoint: cloudUrl(), region: REGION, maxAttempts: 1 };
}

/** A new guest: an unauthenticated identity and its credentials. */
export async function guest(): Promise<Session> {
  const client = new CognitoIdentityClient(cognitoConfig());
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: cloud().identityPoolId }));
  if (!IdentityId) throw new Error('GetId returned no identity');
  client.destroy();
  return new Session(
    IdentityId,
    fromCognitoIdentity({ clientConfig: cognitoConfig(), identityId: IdentityId }),
  );
}

/** The credentials a browser gets for the token `signIn` returned. */
export function signedInSession(signIn: OutputOf<'signIn'>): Session {
  return new Session(
    signIn.identityId,
    fromCognitoIdentity({
      clientConfig: cognitoConfig(),
      identityId: signIn.identityId,
      logins: { 'cognito-identity.amazonaws.com': signIn.token },
    }),
  );
}

/** The account's root view of the tables (for assertions about what is stored). */
export function rootDocuments(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloudUrl(), region: REGION, credentials: ROOT, maxAttempts: 1 }),
  );
}

export function rootS3(): S3Client {
  return new S3Client({ endpoint: cloudUrl(), region: REGION, credentials: ROOT, forcePathStyle: true });
}

export function rootLambda(): LambdaClient {
  return new LambdaClient({ endpoint: cloudUrl(), region: REGION, credentials: ROOT, maxAttempts: 1 });
}

/** A name nobody else in this test run has. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`.slice(0, 30);
}
