import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { RoleDefinition } from '../../../stack/types.js';
import { describe, intrinsicName, isObject } from '../../../stack/values.js';
import { managedPolicyArn } from './managed-policies.js';
import { policyDocumentAt } from './policy-documents.js';
import { attachedPolicy } from './roles.js';
import { expandPolicyTemplate, missingParameters, policyTemplateNamed } from './sam-policy-templates.js';

type InlinePolicy = RoleDefinition['policies'][number];
type AttachedPolicy = RoleDefinition['managedPolicies'][number];

/** What the `Policies` of a SAM function give its role, in the order SAM writes them. */
export interface SamPolicies {
  managed: AttachedPolicy[];
  inline: InlinePolicy[];
}

/**
 * The `Policies` of an `AWS::Serverless::Function`, read as SAM's translator reads them: one entry
 * or a list; each a managed policy (a name SAM turns into its ARN, an ARN, or an intrinsic giving
 * one), a policy document (`Statement: …`), or a policy template (`DynamoDBCrudPolicy: {TableName}`)
 * expanded into its statements. Documents and templates become inline policies named
 * `<Role>Policy<index>`, the index counting every entry; anything else fails as SAM fails.
 */
export function samPoliciesOf(
  reader: ResourceReader,
  roleLogicalId: string,
  env: StackEnvironment,
): SamPolicies {
  const raw = reader.properties.Policies;
  const result: SamPolicies = { managed: [], inline: [] };
  if (isEmpty(raw)) return result;
  const entries = Array.isArray(raw) ? raw : [raw];
  entries.forEach((entry, index) => {
    const path = Array.isArray(raw) ? `Policies[${index}]` : 'Policies';
    const chosen = chooseBranch(reader, path, entry);
    if (chosen === undefined) return;
    const name = `${roleLogicalId}Policy${index}`;
    if (typeof chosen === 'string' || intrinsicName(chosen) !== undefined) {
      const policy = managedPolicy(reader, path, chosen, env);
      if (policy) result.managed.push(policy);
    } else if (isObject(chosen) && 'Statement' in chosen) {
      const document = reader.whole(chosen, path);
      if (document !== undefined)
        result.inline.push({ name, document: policyDocumentAt(reader, path, document, 'identity') });
    } else {
      const document = templateDocument(reader, path, chosen, index);
      if (document !== undefined) result.inline.push({ name, document });
    }
  });
  return result;
}

/** SAM resolves an `Fn::If` of `Policies` itself; the branch taken, undefined for `AWS::NoValue`. */
function chooseBranch(reader: ResourceReader, path: string, entry: unknown): unknown {
  if (!isObject(entry) || intrinsicName(entry) !== 'Fn::If') return entry;
  const args = entry['Fn::If'];
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    throw reader.fail(path, `Fn::If takes [ConditionName, valueIfTrue, valueIfFalse], got ${describe(args)}`);
  }
  const branch: unknown = reader.condition(args[0], path) ? args[1] : args[2];
  if (isObject(branch) && branch.Ref === 'AWS::NoValue') return undefined;
  return chooseBranch(reader, path, branch);
}

function managedPolicy(
  reader: ResourceReader,
  path: string,
  value: unknown,
  env: StackEnvironment,
): AttachedPolicy | undefined {
  if (typeof value === 'string' && !value.startsWith('arn:')) {
    const arn = managedPolicyArn(env, value);
    if (arn) return attachedPolicy(reader, path, arn);
    // SAM knows every AWS managed policy by name; the local cloud only the few it carries.
    reader.report(
      path,
      `managed policy ${value} is not known locally (neither its ARN nor its permissions); the role does not get it`,
    );
    return { arn: `arn:${env.partition}:iam::aws:policy/${value}` };
  }
  const arn = reader.whole(value, path);
  if (arn === undefined) return undefined;
  if (typeof arn !== 'string')
    throw reader.fail(path, `a managed policy must be a name or an ARN, got ${describe(arn)}`);
  return attachedPolicy(reader, path, arn);
}

/** A policy template expanded as SAM expands it, or undefined when it cannot be known locally. */
function templateDocument(reader: ResourceReader, path: string, entry: unknown, index: number) {
  const [templateName] = isObject(entry) && Object.keys(entry).length === 1 ? Object.keys(entry) : [];
  const found = templateName === undefined ? undefined : policyTemplateNamed(templateName);
  if (!isObject(entry) || templateName === undefined || found === undefined) {
    throw reader.fail(
      path,
      `policy at index ${index} is not valid: SAM takes a managed policy name or ARN, a policy document with Statement, or a policy template such as DynamoDBCrudPolicy`,
    );
  }
  if (found === 'known') {
    reader.report(
      path,
      `the local cloud does not know the statements of SAM's policy template ${templateName}; the role does not get them`,
    );
    return undefined;
  }
  const values = entry[templateName];
  if (!isObject(values)) {
    throw reader.fail(
      `${path}.${templateName}`,
      `policy template ${templateName} takes a mapping of its parameters (${found.parameters.join(', ') || '{}'}), got ${describe(values)}`,
    );
  }
  const missing = missingParameters(found, values);
  if (missing.length > 0) {
    throw reader.fail(
      `${path}.${templateName}`,
      `policy template ${templateName} needs ${missing.join(', ')}`,
    );
  }
  const document = reader.whole(expandPolicyTemplate(found, values), path);
  return document === undefined ? undefined : policyDocumentAt(reader, path, document, 'identity');
}

/** SAM ignores a `Policies` that is absent or empty. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}
