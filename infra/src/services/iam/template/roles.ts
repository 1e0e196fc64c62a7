import { checkUniquePhysicalNames, generatedRoleName, stableRoleId } from '../../../stack/physical-names.js';
import { listAt, mappingAt, requiredAt, stringAt, tagsOf } from '../../../stack/property-values.js';
import { roleArn, type StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { PolicyDocumentJson, RoleDefinition } from '../../../stack/types.js';
import { childPath } from '../../../stack/values.js';
import { managedPolicyDocument } from './managed-policies.js';
import { policyDocumentAt } from './policy-documents.js';

type InlinePolicy = RoleDefinition['policies'][number];
type AttachedPolicy = RoleDefinition['managedPolicies'][number];

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^(\/|\/[\x21-\x7e]{1,510}\/)$/;
const POLICY_ARN = /^arn:[^:]+:iam::(aws|\d{12}):policy\/.+$/;
/** IAM's hard limit of managed policies attached to one role. */
const MAX_MANAGED_POLICIES = 20;

/**
 * Reads an `AWS::IAM::Role`: its name (given, or CloudFormation's `<stack>-<LogicalId>-<SUFFIX>`),
 * path, trust policy, inline and managed policies, session limit and tags, refusing what IAM refuses.
 * The trust policy is essential (the role is useless without it); an inline policy that cannot be
 * known locally is left out whole, with an issue.
 */
export function readRole(reader: ResourceReader, env: StackEnvironment): RoleDefinition {
  const roleName = reader.name('RoleName') ?? generatedRoleName(env, reader.logicalId);
  if (!ROLE_NAME.test(roleName)) {
    throw reader.fail(
      'RoleName',
      `'${roleName}' is not a valid role name (1-64 letters, digits and +=,.@_-)`,
    );
  }
  const path = rolePathOf(reader, 'Path');
  const trust = requiredAt(reader, 'AssumeRolePolicyDocument', reader.essential('AssumeRolePolicyDocument'));
  return {
    logicalId: reader.logicalId,
    roleName,
    arn: roleArn(env, roleName, path),
    roleId: stableRoleId(env, reader.logicalId),
    path,
    assumeRolePolicyDocument: policyDocumentAt(reader, 'AssumeRolePolicyDocument', trust, 'trust'),
    policies: inlinePoliciesOf(reader),
    managedPolicies: managedPoliciesOf(reader),
    maxSessionDuration: reader.integer('MaxSessionDuration', { min: 3600, max: 43200 }) ?? 3600,
    tags: tagsOf(reader, 'list'),
  };
}

/** A role path (`Path`, or SAM's `RolePath`): `/`, or `/` + printable characters + `/`. */
export function rolePathOf(reader: ResourceReader, key: string): string {
  const path = reader.string(key, 'essential') ?? '/';
  if (!ROLE_PATH.test(path)) {
    throw reader.fail(key, `'${path}' is not a role path (it starts and ends with /, e.g. /service/)`);
  }
  return path;
}

/** An inline policy checked as IAM's PutRolePolicy checks it. */
export function inlinePolicy(
  reader: ResourceReader,
  path: string,
  name: string,
  document: unknown,
): InlinePolicy {
  if (!POLICY_NAME.test(name)) {
    throw reader.fail(
      `${path}.PolicyName`,
      `'${name}' is not a valid policy name (1-128 letters, digits and +=,.@_-)`,
    );
  }
  return { name, document: policyDocumentAt(reader, `${path}.PolicyDocument`, document, 'identity') };
}

/**
 * A managed policy attached to a role, with its document when it is an AWS managed policy the
 * local cloud knows; any other is reported at `path`, since the role lacks its permissions locally.
 */
export function attachedPolicy(reader: ResourceReader, path: string, arn: string): AttachedPolicy {
  if (!POLICY_ARN.test(arn)) {
    throw reader.fail(path, `'${arn}' is not the ARN of a managed policy (arn:aws:iam::aws:policy/…)`);
  }
  const document: PolicyDocumentJson | undefined = managedPolicyDocument(arn);
  if (document) return { arn, document };
  reader.report(
    path,
    `the permissions of managed policy ${arn} are not known locally; the role does not get them`,
  );
  return { arn };
}

function inlinePoliciesOf(reader: ResourceReader): InlinePolicy[] {
  const raw = reader.properties.Policies;
  if (raw === undefined) return [];
  const items = Array.isArray(raw) ? raw : listAt(reader, 'Policies', reader.whole(raw, 'Policies') ?? []);
  const policies: InlinePolicy[] = [];
  items.forEach((item, index) => {
    const path = childPath('Policies', index);
    const value = reader.whole(item, path);
    if (value === undefined) return;
    const entry = mappingAt(reader, path, value, ['PolicyName', 'PolicyDocument']);
    const name = stringAt(
      reader,
      `${path}.PolicyName`,
      requiredAt(reader, `${path}.PolicyName`, entry.PolicyName),
    );
    const document = requiredAt(reader, `${path}.PolicyDocument`, entry.PolicyDocument);
    policies.push(inlinePolicy(reader, path, name, document));
  });
  return policies;
}

function managedPoliciesOf(reader: ResourceReader): AttachedPolicy[] {
  const value = reader.optional('ManagedPolicyArns');
  if (value === undefined) return [];
  const arns = listAt(reader, 'ManagedPolicyArns', value);
  if (arns.length > MAX_MANAGED_POLICIES) {
    throw reader.fail(
      'ManagedPolicyArns',
      `IAM attaches at most ${MAX_MANAGED_POLICIES} managed policies to a role`,
    );
  }
  return arns.map((arn, index) => {
    const path = childPath('ManagedPolicyArns', index);
    return attachedPolicy(reader, path, stringAt(reader, path, arn));
  });
}

/** Role names are unique in an account: two roles of the stack with one name fail to deploy. */
export function checkUniqueRoleNames(roles: RoleDefinition[]): void {
  checkUniquePhysicalNames(roles, (role) => role.roleName, 'role name', 'Properties.RoleName');
}
