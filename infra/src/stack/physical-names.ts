import { createHash } from 'node:crypto';
import { TemplateError } from '../core/errors.js';
import type { StackEnvironment } from './pseudo-parameters.js';

/**
 * The names and ids AWS makes up for resources the template leaves unnamed. AWS draws them at
 * random; locally they are derived from the stack and the logical id, so that they stay the same
 * across restarts (the state folder keeps the buckets and tables under these names).
 */

const SUFFIX_LENGTH = 12;
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The name CloudFormation gives a bucket without `BucketName`: `<stack>-<logicalid>-<suffix>`,
 * lowercase (bucket names must be), the front cut so that the whole fits in 63 characters.
 *
 * @example generatedBucketName(env, 'PhotosBucket') // 'photos-photosbucket-k3v9q0c2m1xa'
 */
export function generatedBucketName(env: StackEnvironment, logicalId: string): string {
  const suffix = hashSuffix(env.stackName, logicalId);
  const front = `${env.stackName}-${logicalId}`.toLowerCase().slice(0, 63 - SUFFIX_LENGTH - 1);
  return `${front}-${suffix}`;
}

/** The name CloudFormation gives a table without `TableName`: `<stack>-<LogicalId>-<SUFFIX>`, case kept. */
export function generatedTableName(env: StackEnvironment, logicalId: string): string {
  return generatedPhysicalId(env, logicalId, 255);
}

/** The name CloudFormation gives a role without `RoleName`: `<stack>-<LogicalId>-<SUFFIX>`, at most 64 characters. */
export function generatedRoleName(env: StackEnvironment, logicalId: string): string {
  return generatedPhysicalId(env, logicalId, 64);
}

/**
 * The statement id CloudFormation gives an `AWS::Lambda::Permission` (its physical id):
 * `<stack>-<LogicalId>-<SUFFIX>`, within the 100 characters Lambda allows.
 */
export function generatedStatementId(env: StackEnvironment, logicalId: string): string {
  return generatedPhysicalId(env, logicalId, 100);
}

/**
 * The name CloudFormation gives an identity pool without `IdentityPoolName`. Pool names allowed no
 * hyphen when the resource was made, so the generated name joins with an underscore:
 * `<LogicalId>_<suffix>`.
 */
export function generatedIdentityPoolName(env: StackEnvironment, logicalId: string): string {
  return `${logicalId.slice(0, 128 - SUFFIX_LENGTH - 1)}_${hashSuffix(env.stackName, logicalId)}`;
}

/** An identity pool's id, `<region>:<uuid>` as Cognito shows it, the same on every load. */
export function identityPoolIdOf(env: StackEnvironment, logicalId: string): string {
  return `${env.region}:${stableUuid(env.stackName, logicalId)}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The unique id IAM gives a role: `AROA` and 17 characters of base 32, 21 in all. */
export function stableRoleId(env: StackEnvironment, logicalId: string): string {
  const bytes = digest(['role-id', env.accountId, env.stackName, logicalId]).subarray(0, 17);
  return `AROA${[...bytes].map((byte) => BASE32[byte % BASE32.length]).join('')}`;
}

/** `<stack>-<LogicalId>-<SUFFIX>`, the front cut so that the whole fits in `maxLength`. */
function generatedPhysicalId(env: StackEnvironment, logicalId: string, maxLength: number): string {
  const suffix = hashSuffix(env.stackName, logicalId).toUpperCase();
  return `${`${env.stackName}-${logicalId}`.slice(0, maxLength - SUFFIX_LENGTH - 1)}-${suffix}`;
}

/** A lowercase UUID shaped like a version 4 one, derived from `parts` (stack ids, mapping ids). */
export function stableUuid(...parts: string[]): string {
  const hex = digest(parts).toString('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function hashSuffix(...parts: string[]): string {
  return [...digest(parts).subarray(0, SUFFIX_LENGTH)]
    .map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length])
    .join('');
}

function digest(parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('/')).digest();
}

/**
 * Fails on the second resource of the stack that takes a physical name another one already has
 * (`what` says which kind of name, `property` where it is set), naming the resource that has it.
 */
export function checkUniquePhysicalNames<T extends { logicalId: string }>(
  definitions: readonly T[],
  nameOf: (definition: T) => string,
  what: string,
  property: string,
): void {
  const seen = new Map<string, string>();
  for (const definition of definitions) {
    const name = nameOf(definition);
    const other = seen.get(name);
    if (other) {
      throw new TemplateError(
        `${what} '${name}' is already used by ${other}`,
        definition.logicalId,
        property,
      );
    }
    seen.set(name, definition.logicalId);
  }
}

/** The name of the role SAM creates for a function without `Role`: `<stack>-<LogicalId>Role` locally. */
export function implicitRoleName(env: StackEnvironment, logicalId: string): string {
  return `${env.stackName}-${logicalId}Role`;
}
