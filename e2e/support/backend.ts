import { randomUUID } from 'node:crypto';
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentity } from '@aws-sdk/credential-provider-cognito-identity';
import { expect } from '@playwright/test';
import type { AppStack } from './app-stack.js';
import { runPackageScript } from './workspace.js';

// What the tests do without the browser: make people who are not the subject of a test (the
// stranger, the admin, the phone user) the way the app does it, and call functions as they could.

export interface Person {
  username: string;
  email: string;
  password: string;
}

/** A person nobody else in this run is: usernames are 3 to 30 letters, digits or underscores. */
export function newPerson(prefix: string): Person {
  const username = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 8)}`.slice(0, 30);
  return {
    username,
    email: `${username.toLowerCase()}@example.test`,
    // Not derived from the username: the password policy refuses one that contains it.
    password: `correct horse battery ${randomUUID().slice(0, 8)}`,
  };
}

export interface SentEmail {
  messageId: string;
  subject?: string;
  text?: string;
  html?: string;
  to: string[];
}

/** What SES accepted for an address, oldest first (the local cloud's outbox). */
export async function emailsTo(stack: AppStack, address: string): Promise<SentEmail[]> {
  const response = await fetch(`${stack.endpoint}/_local/ses/outbox?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`the outbox answered ${response.status}`);
  return ((await response.json()) as { messages: SentEmail[] }).messages;
}

/** The `/verify-email?token=…` link of the last email to an address, once it is there. */
export async function verificationLink(stack: AppStack, address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = await emailsTo(stack, address);
        link = messages
          .map(
            (message) => /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/.exec(message.text ?? '')?.[0],
          )
          .findLast((found) => found !== undefined);
        return link;
      },
      { message: `a verification email to ${address}`, timeout: 15_000 },
    )
    .toBeDefined();
  return link as string;
}

type Credentials = ReturnType<typeof fromCognitoIdentity>;

/** A function error, as the caller sees it. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(`${errorType}: ${message}`);
  }
}

/**
 * What a browser holds, in Node: identity-pool credentials (a guest's, or a signed-in person's)
 * and SDK clients made with them.
 */
export class Caller {
  readonly lambda: LambdaClient;
  readonly s3: S3Client;

  constructor(
    readonly stack: AppStack,
    readonly identityId: string,
    credentials: Credentials,
  ) {
    const common = { endpoint: stack.endpoint, region: stack.config.region, credentials, maxAttempts: 1 };
    this.lambda = new LambdaClient(common);
    this.s3 = new S3Client({ ...common, forcePathStyle: true });
  }

  /** A guest: a new unauthenticated identity. */
  static async guest(stack: AppStack): Promise<Caller> {
    const cognito = new CognitoIdentityClient(cognitoConfig(stack));
    try {
      const { IdentityId } = await cognito.send(
        new GetIdCommand({ IdentityPoolId: stack.config.identityPoolId }),
      );
      if (!IdentityId) throw new Error('GetId returned no identity');
      return new Caller(
        stack,
        IdentityId,
        fromCognitoIdentity({ identityId: IdentityId, clientConfig: cognitoConfig(stack) }),
      );
    } finally {
      cognito.destroy();
    }
  }

  /** A signed-in person, from what `signIn` returned (or what the app keeps of it). */
  static signedIn(stack: AppStack, session: { identityId: string; token: string }): Caller {
    return new Caller(
      stack,
      session.identityId,
      fromCognitoIdentity({
        identityId: session.identityId,
        logins: { 'cognito-identity.amazonaws.com': session.token },
        clientConfig: cognitoConfig(stack),
      }),
    );
  }

  /** Invokes `<prefix>-<operation>` and returns its result; a function error is thrown. */
  async call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> {
    return (await this.invoke(`${this.stack.config.functionPrefix}-${operation}`, input)) as T;
  }

  /** Invokes any function by its name. */
  async invoke(functionName: string, payload: unknown): Promise<unknown> {
    const response = await this.lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
    );
    const text = new TextDecoder().decode(response.Payload);
    const body = text ? JSON.parse(text) : undefined;
    if (response.FunctionError) throw new FunctionError(body?.errorType, body?.errorMessage);
    return body;
  }

  destroy(): void {
    this.lambda.destroy();
    this.s3.destroy();
  }
}

function cognitoConfig(stack: AppStack) {
  return { endpoint: stack.endpoint, region: stack.config.region, maxAttempts: 1 };
}

export interface SignInResult {
  identityId: string;
  token: string;
  expiresAt: string;
  user: { userId: string; username: string; role: 'user' | 'admin' };
}

/** Signs a person up and follows their verification link, as a guest does through the functions. */
export async function registerPerson(stack: AppStack, prefix: string): Promise<Person> {
  const person = newPerson(prefix);
  const guest = await Caller.guest(stack);
  try {
    await guest.call('signUp', person);
    const token = new URL(await verificationLink(stack, person.email)).searchParams.get('token');
    await guest.call('verifyEmail', { token });
    return person;
  } finally {
    guest.destroy();
  }
}

export async function signInPerson(stack: AppStack, person: Person): Promise<Caller> {
  const guest = await Caller.guest(stack);
  try {
    const result = await guest.call<SignInResult>('signIn', {
      username: person.username,
      password: person.password,
    });
    return Caller.signedIn(stack, result);
  } finally {
    guest.destroy();
  }
}

/**
 * Uploads a photo as the app does (the original at `uploads/<identity>/<photo id>` with its caption
 * and visibility as metadata) and waits until processUpload has made it ready.
 */
export async function uploadPhoto(
  caller: Caller,
  photo: { body: Buffer; caption: string; visibility: 'public' | 'friends' | 'private' },
): Promise<string> {
  const photoId = randomUUID();
  await caller.s3.send(
    new PutObjectCommand({
      Bucket: caller.stack.config.photosBucket,
      Key: `uploads/${caller.identityId}/${photoId}`,
      Body: photo.body,
      ContentType: 'image/jpeg',
      Metadata: { caption: encodeURIComponent(photo.caption), visibility: photo.visibility },
    }),
  );
  await expect
    .poll(async () => (await caller.call<{ status: string }>('getPhoto', { photoId })).status, {
      message: `photo ${photoId} processed`,
      timeout: 30_000,
    })
    .toBe('ready');
  return photoId;
}

/** `pnpm admin:create <username>` against the test's cloud. */
export async function makeAdmin(stack: AppStack, username: string): Promise<string> {
  const stdout = await runPackageScript('@lambdagram/functions', 'admin:create', [
    username,
    '--endpoint',
    stack.endpoint,
  ]);
  return stdout.trim();
}
