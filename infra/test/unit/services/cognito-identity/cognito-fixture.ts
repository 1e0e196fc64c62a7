import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { afterEach } from 'vitest';
import { RootCredentials } from '../../../../src/core/auth/caller.js';
import { CredentialStores } from '../../../../src/core/auth/credential-stores.js';
import { jsonResult, jsonSignatureError } from '../../../../src/core/protocols/aws-json.js';
import { FrontDoor } from '../../../../src/core/server/front-door.js';
import type { Service } from '../../../../src/core/service.js';
import { CognitoIdentityService } from '../../../../src/services/cognito-identity/cognito-identity-service.js';
import { IamAuthorizer } from '../../../../src/services/iam/iam-authorizer.js';
import { TemporaryCredentials } from '../../../../src/services/iam/temporary-credentials.js';
import { LogsService } from '../../../../src/services/logs/logs-service.js';
import { LogStore } from '../../../../src/services/logs/store/store.js';
import type { IdentityPoolDefinition, RoleDefinition } from '../../../../src/stack/types.js';
import { type PostAnswer, signedPost } from '../../../support/http.js';

/** Credentials as a client holds them. */
export interface ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const REGION = 'eu-west-3';
export const ACCOUNT = '123456789012';
export const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };
export const DEVELOPER_PROVIDER = 'login.lambdagram';

export const AUTHENTICATED_ROLE = role('PhotoUserRole', 'AROAPHOTOUSERROLE0001');
export const UNAUTHENTICATED_ROLE = role('PhotoGuestRole', 'AROAPHOTOGUESTROLE001');

/** A pool open to guests, with a developer provider and both roles: the Lambdagram web app's. */
export const OPEN_POOL = pool('OpenPool', 'eu-west-3:0f4c8a52-6d1e-4b7a-9c3f-2a5e8d7b1c90', true);
/** A pool for signed-in users only. */
export const MEMBERS_POOL = pool('MembersPool', 'eu-west-3:7b2d9e14-3a6c-4f80-b15e-c8d4a2f60e37', false);
/** A pool that lets guests in but was given no role for them: a configuration mistake. */
export const ROLELESS_GUEST_POOL: IdentityPoolDefinition = {
  ...pool('RolelessGuestPool', 'eu-west-3:c3a1f2e4-8b7d-4e69-a0c5-19d8e6b4f273', true),
  unauthenticatedRoleArn: undefined,
};

function role(roleName: string, roleId: string): RoleDefinition {
  return {
    logicalId: roleName,
    roleName,
    arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
    roleId,
    path: '/',
    assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
    policies: [],
    managedPolicies: [],
    maxSessionDuration: 3600,
    tags: {},
  };
}

function pool(logicalId: string, identityPoolId: string, guests: boolean): IdentityPoolDefinition {
  return {
    logicalId,
    identityPoolName: logicalId,
    identityPoolId,
    allowUnauthenticatedIdentities: guests,
    allowClassicFlow: false,
    developerProviderName: DEVELOPER_PROVIDER,
    authenticatedRoleArn: AUTHENTICATED_ROLE.arn,
    unauthenticatedRoleArn: guests ? UNAUTHENTICATED_ROLE.arn : undefined,
    principalTags: [],
  };
}

/** A state directory of its own, removed by the caller. */
export function stateDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'cognito-identity-'));
}

/**
 * Call at the top level of a test file: gives a fresh {@link stateDir} on each call and removes every
 * one after each test.
 */
export function stateDirsRemovedAfterEach(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = stateDir();
    dirs.push(dir);
    return dir;
  };
}

/** A test service that answers with the caller the front door found (to see a role session arrive). */
export const WHOAMI: Service = {
  signingName: 'whoami',
  maxBodyBytes: 1024,
  claims: () => false,
  signatureError: jsonSignatureError,
  renderError: (error, requestId) => ({
    status: error.status,
    headers: { 'x-amzn-errortype': error.code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  }),
  handle: async (request) => jsonResult(request.caller, request.requestId, 'application/json'),
};

export interface RunningCloud {
  url: string;
  dir: string;
  service: CognitoIdentityService;
  credentials: TemporaryCredentials;
  /** A Cognito Identity client holding the root credentials (the backend's). */
  cognito: CognitoIdentityClient;
  /** Stops the front door; `keepState` leaves the state directory for a restart. */
  stop(options?: { keepState?: boolean }): Promise<void>;
}

/**
 * A front door holding Cognito Identity, CloudWatch Logs and {@link WHOAMI}, which accepts the root
 * credentials and the temporary ones Cognito issues. `now` is the clock of tokens and credentials.
 */
export async function startCloud(options: { dir?: string; now?: () => number } = {}): Promise<RunningCloud> {
  const dir = options.dir ?? stateDir();
  const credentials = new TemporaryCredentials({ stateDir: dir, accountId: ACCOUNT, now: options.now });
  const service = new CognitoIdentityService({
    pools: [OPEN_POOL, MEMBERS_POOL, ROLELESS_GUEST_POOL],
    roles: [AUTHENTICATED_ROLE, UNAUTHENTICATED_ROLE],
    region: REGION,
    accountId: ACCOUNT,
    stateDir: dir,
    credentials,
    authorizer: new IamAuthorizer({ roles: [], resourcePolicies: [] }),
    now: options.now,
  });
  const logs = new LogStore(dir);
  const front = new FrontDoor({
    host: '127.0.0.1',
    port: 0,
    services: [service, new LogsService(logs, { region: REGION, accountId: ACCOUNT }), WHOAMI],
    credentials: new CredentialStores(new RootCredentials(ROOT, ACCOUNT), credentials),
    region: REGION,
  });
  const url = await front.listen();
  const cognito = new CognitoIdentityClient({ endpoint: url, region: REGION, credentials: ROOT });
  return {
    url,
    dir,
    service,
    credentials,
    cognito,
    async stop({ keepState = false } = {}) {
      cognito.destroy();
      await front.close();
      await service.settled();
      await credentials.settled();
      logs.close();
      if (!keepState) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RawAnswer = PostAnswer;

/** A Cognito Identity request as the SDK sends it, unsigned (or signed with `credentials`). */
export async function cognitoCall(
  url: string,
  operation: string,
  input: unknown,
  credentials?: ClientCredentials,
): Promise<RawAnswer> {
  return send(
    url,
    'cognito-identity',
    {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${operation}`,
    },
    JSON.stringify(input),
    credentials,
  );
}

/** Asks {@link WHOAMI} who signed: the caller the front door resolved from `credentials`. */
export async function whoAmI(url: string, credentials: ClientCredentials): Promise<RawAnswer> {
  return send(url, 'whoami', { 'content-type': 'application/json' }, '{}', credentials);
}

function send(
  url: string,
  service: string,
  headers: Record<string, string>,
  body: string,
  credentials: ClientCredentials | undefined,
): Promise<RawAnswer> {
  return signedPost(url, { service, headers, body, credentials, region: REGION });
}
