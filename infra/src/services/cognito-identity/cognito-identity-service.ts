import path from 'node:path';
import type { Authorizer } from '../../core/auth/authorizer.js';
import { ServiceError } from '../../core/errors.js';
import {
  jsonError,
  jsonResult,
  jsonSignatureError,
  readJsonOperation,
} from '../../core/protocols/aws-json.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import type { SignatureError } from '../../core/sigv4/verify.js';
import type { IdentityPoolDefinition, RoleDefinition } from '../../stack/types.js';
import type { TemporaryCredentials } from '../iam/temporary-credentials.js';
import type { CognitoContext } from './context.js';
import { getOpenIdTokenForDeveloperIdentity, lookupDeveloperIdentity } from './developer-operations.js';
import { getCredentialsForIdentity, getId, getOpenIdToken } from './identity-operations.js';
import { IdentityStore } from './identity-store.js';
import { IdentityTokens } from './identity-tokens.js';
import { describeIdentityPool } from './pool-operations.js';
import { PoolDirectory } from './pools.js';

const TARGET_PREFIX = 'AWSCognitoIdentityService';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The operations AWS serves without a signature: what a browser calls before it has any credentials. */
const UNSIGNED = new Set(['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken']);

export interface CognitoIdentityServiceOptions {
  pools: readonly IdentityPoolDefinition[];
  /** The stack's roles: a pool's role must be one of them to hand out credentials. */
  roles: readonly RoleDefinition[];
  region: string;
  accountId: string;
  /** Identities, developer links and the token signing key live in `<stateDir>/cognito-identity/`. */
  stateDir: string;
  /** Where GetCredentialsForIdentity issues its credentials (the front door must look keys up there too). */
  credentials: TemporaryCredentials;
  /** Decides the signed operations (GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, DescribeIdentityPool). */
  authorizer: Authorizer;
  /** The clock, ms since the epoch (tests move it to expire tokens). */
  now?: () => number;
}

/**
 * Amazon Cognito Identity (identity pools), awsJson1_1 over the local cloud's endpoint: identities,
 * developer-authenticated logins, OpenID tokens and the temporary credentials of the pools' roles.
 *
 * @example
 * const credentials = new TemporaryCredentials({ stateDir, accountId });
 * const cognito = new CognitoIdentityService({ pools, roles, region, accountId, stateDir, credentials, authorizer });
 * new FrontDoor({ services: [cognito, …], credentials: new CredentialStores(root, credentials), … });
 */
export class CognitoIdentityService implements Service {
  readonly signingName = 'cognito-identity';
  readonly maxBodyBytes = 1_048_576;
  private readonly context: CognitoContext;

  constructor(options: CognitoIdentityServiceOptions) {
    const now = options.now ?? Date.now;
    const dir = path.join(options.stateDir, 'cognito-identity');
    const where = { region: options.region, accountId: options.accountId };
    this.context = {
      pools: new PoolDirectory(options.pools, options.roles, where),
      identities: new IdentityStore(path.join(dir, 'identities.json')),
      tokens: new IdentityTokens({ keyFile: path.join(dir, 'signing-key.json'), ...where, now }),
      credentials: options.credentials,
      authorizer: options.authorizer,
      now,
    };
  }

  claims(head: RequestHead): boolean {
    const target = head.headers['x-amz-target'];
    return typeof target === 'string' && target.startsWith(`${TARGET_PREFIX}.`);
  }

  allowsUnsigned(head: RequestHead): boolean {
    return (
      this.claims(head) &&
      UNSIGNED.has((head.headers['x-amz-target'] as string).slice(TARGET_PREFIX.length + 1))
    );
  }

  signatureError(error: SignatureError): ServiceError {
    return jsonSignatureError(error);
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return jsonError(error, requestId, CONTENT_TYPE);
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const { operation, input } = readJsonOperation(request, TARGET_PREFIX);
    const output = await this.run(operation, input, request);
    return jsonResult(output, request.requestId, CONTENT_TYPE);
  }

  /** Resolves once every identity written so far is on disk. */
  settled(): Promise<void> {
    return this.context.identities.settled();
  }

  private run(operation: string, input: Record<string, unknown>, request: ServiceRequest): Promise<unknown> {
    const context = this.context;
    switch (operation) {
      case 'GetId':
        return getId(context, input);
      case 'GetCredentialsForIdentity':
        return getCredentialsForIdentity(context, input);
      case 'GetOpenIdToken':
        return getOpenIdToken(context, input);
      case 'GetOpenIdTokenForDeveloperIdentity':
        return getOpenIdTokenForDeveloperIdentity(context, input, request.caller);
      case 'LookupDeveloperIdentity':
        return lookupDeveloperIdentity(context, input, request.caller);
      case 'DescribeIdentityPool':
        return Promise.resolve(describeIdentityPool(context, input, request.caller));
      default:
        throw new ServiceError(
          'UnknownOperationException',
          `The local cloud does not emulate Cognito Identity's ${operation}.`,
          400,
        );
    }
  }
}
