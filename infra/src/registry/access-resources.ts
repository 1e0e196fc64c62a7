import {
  addPrincipalTags,
  attachPoolRoles,
  readIdentityPool,
} from '../services/cognito-identity/template/identity-pools.js';
import { readImplicitRole } from '../services/iam/template/implicit-roles.js';
import {
  checkOnePolicyPerBucket,
  readBucketPolicy,
  readLambdaPermission,
  samS3Permissions,
} from '../services/iam/template/resource-policies.js';
import { checkUniqueRoleNames, readRole } from '../services/iam/template/roles.js';
import type { TemplateEvaluator } from '../stack/evaluator.js';
import type { IssueList } from '../stack/issues.js';
import type { RawResource } from '../stack/parse.js';
import type { StackEnvironment } from '../stack/pseudo-parameters.js';
import { ResourceReader } from '../stack/resource-reader.js';
import type {
  BucketDefinition,
  FunctionDefinition,
  IdentityPoolDefinition,
  ResourcePolicyDefinition,
  RoleDefinition,
} from '../stack/types.js';
import { ownValue } from '../stack/values.js';

/** The identity and access resource types read here, once the functions and buckets are known. */
export const ACCESS_RESOURCE_TYPES = [
  'AWS::IAM::Role',
  'AWS::Cognito::IdentityPool',
  'AWS::Cognito::IdentityPoolRoleAttachment',
  'AWS::Cognito::IdentityPoolPrincipalTag',
  'AWS::Lambda::Permission',
  'AWS::S3::BucketPolicy',
];

export interface AccessContext {
  env: StackEnvironment;
  evaluator: TemplateEvaluator;
  issues: IssueList;
  /** Every resource of the template (SAM functions with Globals merged), for the roles SAM creates. */
  resources: Record<string, RawResource>;
}

export interface AccessResources {
  roles: RoleDefinition[];
  identityPools: IdentityPoolDefinition[];
  resourcePolicies: ResourcePolicyDefinition[];
}

/**
 * Reads who may do what: the template's roles and the role SAM creates for each function without
 * `Role`, the identity pools with their roles and principal tags, and the policies on functions
 * (permissions, SAM's for S3 events included) and buckets. `created` are the resources of
 * `ACCESS_RESOURCE_TYPES` whose condition holds, in template order.
 */
export function readAccessResources(
  created: Array<[string, RawResource]>,
  stack: { functions: FunctionDefinition[]; buckets: BucketDefinition[] },
  context: AccessContext,
): AccessResources {
  const { env, evaluator, issues, resources } = context;
  const reader = (logicalId: string, resource: RawResource) =>
    new ResourceReader(logicalId, resource.Properties, evaluator, issues);
  const ofType = (type: string) => created.filter(([, resource]) => resource.Type === type);

  const roles = ofType('AWS::IAM::Role').map(([logicalId, resource]) =>
    readRole(reader(logicalId, resource), env),
  );
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!needsImplicitRole(logicalId, resource, context)) continue;
    roles.push(readImplicitRole(reader(logicalId, resource), env));
  }
  checkUniqueRoleNames(roles);

  const identityPools = ofType('AWS::Cognito::IdentityPool').map(([logicalId, resource]) =>
    readIdentityPool(reader(logicalId, resource), env),
  );
  const links = {
    pools: new Map(identityPools.map((pool) => [pool.identityPoolId, pool])),
    roles: new Map(roles.map((role) => [role.arn, role])),
  };
  const attachedBy = new Map<string, string>();
  for (const [logicalId, resource] of created) {
    if (resource.Type === 'AWS::Cognito::IdentityPoolRoleAttachment') {
      attachPoolRoles(reader(logicalId, resource), links, attachedBy);
    } else if (resource.Type === 'AWS::Cognito::IdentityPoolPrincipalTag') {
      addPrincipalTags(reader(logicalId, resource), links);
    }
  }

  const policyContext = {
    env,
    functions: new Map(stack.functions.map((fn) => [fn.functionName, fn])),
    buckets: new Map(stack.buckets.map((bucket) => [bucket.bucketName, bucket])),
  };
  const resourcePolicies = created.flatMap(([logicalId, resource]) => {
    const policy =
      resource.Type === 'AWS::Lambda::Permission'
        ? readLambdaPermission(reader(logicalId, resource), policyContext)
        : resource.Type === 'AWS::S3::BucketPolicy'
          ? readBucketPolicy(reader(logicalId, resource), policyContext)
          : undefined;
    return policy ? [policy] : [];
  });
  for (const fn of stack.functions) {
    const resource = ownValue(resources, fn.logicalId);
    if (resource?.Type === 'AWS::Serverless::Function') {
      resourcePolicies.push(...samS3Permissions(fn, resource.Properties.Events, env));
    }
  }
  checkOnePolicyPerBucket(resourcePolicies);
  return { roles, identityPools, resourcePolicies };
}

/**
 * SAM creates `<LogicalId>Role` for a created function whose `Role` is absent (or `AWS::NoValue`),
 * unless the template declares a resource of that name itself (as `load.ts` does for references).
 */
function needsImplicitRole(logicalId: string, resource: RawResource, context: AccessContext): boolean {
  if (resource.Type !== 'AWS::Serverless::Function') return false;
  if (Object.hasOwn(context.resources, `${logicalId}Role`)) return false;
  return context.evaluator.isCreated(logicalId) && !context.evaluator.resourceHas(logicalId, 'Role');
}
