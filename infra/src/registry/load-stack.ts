import { tmpdir } from 'node:os';
import path from 'node:path';
import { standaloneAsyncConfig } from '../services/lambda/template/async-invoke-config.js';
import {
  checkUniqueNames,
  FUNCTION_TYPES,
  type FunctionType,
  readFunction,
} from '../services/lambda/template/functions.js';
import {
  type InvokeConfigSource,
  linkInvokeConfigs,
} from '../services/lambda/template/invoke-config-links.js';
import { TemplateEvaluator } from '../stack/evaluator.js';
import { functionGlobals, mergeGlobals } from '../stack/globals.js';
import { IssueList } from '../stack/issues.js';
import { readOutputs } from '../stack/outputs.js';
import { resolveParameters } from '../stack/parameters.js';
import { type RawResource, readTemplate } from '../stack/parse.js';
import { implicitRoleName } from '../stack/physical-names.js';
import { DEFAULT_STACK_NAME, type StackEnvironment, stackEnvironment } from '../stack/pseudo-parameters.js';
import { ResourceReader } from '../stack/resource-reader.js';
import { checkConditions, checkDependsOn, checkSections } from '../stack/sections.js';
import { reportUnhonouredProperties } from '../stack/supported-properties.js';
import type { FunctionDefinition, StackDefinition } from '../stack/types.js';
import { essentialValueError, UnresolvableError } from '../stack/unresolvable.js';
import type { TemplateObject } from '../stack/values.js';
import { ACCESS_RESOURCE_TYPES, readAccessResources } from './access-resources.js';
import { readStackResources, STACK_RESOURCE_TYPES } from './stack-resources.js';
import { SUPPORTED_PROPERTIES } from './supported-properties.js';

export interface LoadStackOptions {
  region: string;
  accountId: string;
  /** `AWS::StackName`; `local` (as `sam local` uses) when not given. */
  stackName?: string;
  /** Parameter values that win over the template's defaults. */
  parameterOverrides?: Record<string, string>;
  /** Where inline code (`Code.ZipFile`, `InlineCode`) is written; a folder under the OS temp dir by default. */
  codeDir?: string;
  /**
   * The local cloud's port: buckets' `WebsiteURL` is then their local website endpoint,
   * `http://<bucket>.s3-website.localhost:<port>`, instead of AWS's.
   */
  websitePort?: number;
}

/**
 * Reads a SAM or CloudFormation template (YAML or JSON) into the stack the local cloud runs: every
 * function resolved (Globals merged, intrinsics evaluated, code paths absolute) and every feature
 * the local cloud does not honour listed in `issues`. A template AWS would refuse, or a function
 * that cannot be run, is a TemplateError naming the resource and property.
 *
 * @example
 * const stack = await loadStack('infra/template.yaml', { region: 'us-east-1', accountId: '000000000000' });
 * for (const issue of stack.issues) console.warn(`${issue.resource} ${issue.property ?? ''}: ${issue.message}`);
 */
export async function loadStack(templatePath: string, options: LoadStackOptions): Promise<StackDefinition> {
  const absolutePath = path.resolve(templatePath);
  const template = await readTemplate(absolutePath);
  const env = stackEnvironment(options.region, options.accountId, options.stackName ?? DEFAULT_STACK_NAME);
  if (options.websitePort !== undefined) env.websitePort = options.websitePort;
  const issues = new IssueList();
  checkSections(template, issues);
  checkDependsOn(template);

  const parameters = resolveParameters(template.Parameters, options.parameterOverrides ?? {}, issues);
  const resources = withGlobals(template.Resources, functionGlobals(template.Globals, issues));
  const evaluator = new TemplateEvaluator({
    env,
    parameters,
    mappings: template.Mappings,
    conditions: template.Conditions,
    resources,
    generated: implicitRoles(resources, env),
  });
  checkConditions(template, evaluator);

  const context = {
    env,
    evaluator,
    issues,
    places: {
      templateDir: path.dirname(absolutePath),
      inlineRoot: path.resolve(
        options.codeDir ?? path.join(tmpdir(), 'lambdagram-local-cloud', env.stackName, 'inline-code'),
      ),
    },
  };
  const functions: FunctionDefinition[] = [];
  const invokeConfigs: InvokeConfigSource[] = [];
  const stackResources: Array<[string, RawResource]> = [];
  const accessResources: Array<[string, RawResource]> = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isCreated(evaluator, logicalId)) continue;
    reportUnhonouredProperties(logicalId, resource, issues, SUPPORTED_PROPERTIES);
    if (isFunction(resource)) {
      const fn = await readFunction(logicalId, resource, context);
      if (!fn) continue;
      functions.push(fn);
      if (
        resource.Type === 'AWS::Serverless::Function' &&
        resource.Properties.EventInvokeConfig !== undefined
      ) {
        invokeConfigs.push({
          resource: logicalId,
          path: 'Properties.EventInvokeConfig',
          functionName: fn.functionName,
          config: fn.asyncConfig,
        });
      }
    } else if (resource.Type === 'AWS::Lambda::EventInvokeConfig') {
      const reader = new ResourceReader(logicalId, resource.Properties, evaluator, issues);
      const standalone = standaloneAsyncConfig(reader, env, issues);
      if (standalone) invokeConfigs.push({ resource: logicalId, path: 'Properties', ...standalone });
    } else if (STACK_RESOURCE_TYPES.includes(resource.Type)) {
      // Read once every function is known: notifications and mappings name them.
      stackResources.push([logicalId, resource]);
    } else if (ACCESS_RESOURCE_TYPES.includes(resource.Type)) {
      // Read last: permissions name functions, bucket policies buckets, SAM's roles the events.
      accessResources.push([logicalId, resource]);
    } else {
      issues.add(
        logicalId,
        undefined,
        `${resource.Type} is not supported by the local cloud yet; ${logicalId} is not created locally`,
      );
    }
  }
  checkUniqueNames(functions);
  linkInvokeConfigs(functions, invokeConfigs, issues);
  const { buckets, tables, eventSourceMappings, emailIdentities } = readStackResources(
    stackResources,
    functions,
    {
      env,
      evaluator,
      issues,
      resources,
    },
  );
  const { roles, identityPools, resourcePolicies } = readAccessResources(
    accessResources,
    { functions, buckets },
    { env, evaluator, issues, resources },
  );

  return {
    templatePath: absolutePath,
    stackName: env.stackName,
    stackId: env.stackId,
    ...(typeof template.Description === 'string' && { description: template.Description }),
    region: env.region,
    accountId: env.accountId,
    functions,
    buckets,
    tables,
    roles,
    identityPools,
    emailIdentities,
    resourcePolicies,
    eventSourceMappings,
    outputs: readOutputs(template.Outputs, evaluator, issues),
    issues: issues.toArray(),
  };
}

/** Whether a resource is created; a condition only AWS can evaluate leaves that unknown, which is fatal. */
function isCreated(evaluator: TemplateEvaluator, logicalId: string): boolean {
  try {
    return evaluator.isCreated(logicalId);
  } catch (error) {
    if (error instanceof UnresolvableError) {
      throw essentialValueError({ resource: logicalId, property: 'Condition' }, error);
    }
    throw error;
  }
}

function isFunction(resource: RawResource): resource is RawResource & { Type: FunctionType } {
  return (FUNCTION_TYPES as readonly string[]).includes(resource.Type);
}

function withGlobals(
  resources: Record<string, RawResource>,
  globals: TemplateObject,
): Record<string, RawResource> {
  if (Object.keys(globals).length === 0) return resources;
  return Object.fromEntries(
    Object.entries(resources).map(([logicalId, resource]) => [
      logicalId,
      resource.Type === 'AWS::Serverless::Function'
        ? { ...resource, Properties: mergeGlobals(globals, resource.Properties) as TemplateObject }
        : resource,
    ]),
  );
}

/**
 * The role SAM creates for each function without `Role` (`<LogicalId>Role`), so that templates can
 * refer to it (`!GetAtt MyFunctionRole.Arn`) as they do on AWS.
 */
function implicitRoles(
  resources: Record<string, RawResource>,
  env: StackEnvironment,
): Record<string, RawResource> {
  const roles: Record<string, RawResource> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const roleId = `${logicalId}Role`;
    if (resource.Type !== 'AWS::Serverless::Function' || resource.Properties.Role !== undefined) continue;
    if (Object.hasOwn(resources, roleId)) continue;
    const properties: TemplateObject = { RoleName: implicitRoleName(env, logicalId) };
    if (resource.Properties.RolePath !== undefined) properties.Path = resource.Properties.RolePath;
    roles[roleId] = { Type: 'AWS::IAM::Role', Properties: properties, Condition: resource.Condition };
  }
  return roles;
}
