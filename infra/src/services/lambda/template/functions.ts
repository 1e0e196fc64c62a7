import type { TemplateEvaluator } from '../../../stack/evaluator.js';
import type { IssueList } from '../../../stack/issues.js';
import type { RawResource } from '../../../stack/parse.js';
import { checkUniquePhysicalNames, implicitRoleName } from '../../../stack/physical-names.js';
import { tagsOf } from '../../../stack/property-values.js';
import { roleArn, type StackEnvironment } from '../../../stack/pseudo-parameters.js';
import { ResourceReader } from '../../../stack/resource-reader.js';
import type { FunctionDefinition } from '../../../stack/types.js';
import { defaultAsyncConfig, serverlessAsyncConfig } from './async-invoke-config.js';
import { type CodePlaces, lambdaCodeDir, serverlessCodeDir, skipMessage } from './code.js';
import { esbuildBuildOf } from './esbuild-metadata.js';
import { architecturesOf, environmentOf, roleOf } from './function-settings.js';
import { kindOf, SUPPORTED_RUNTIMES } from './runtimes.js';

export const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'] as const;
export type FunctionType = (typeof FUNCTION_TYPES)[number];

/** What reading a function needs besides the resource itself. */
export interface FunctionReadContext {
  env: StackEnvironment;
  evaluator: TemplateEvaluator;
  issues: IssueList;
  places: CodePlaces;
}

/**
 * Reads one function resource (`AWS::Serverless::Function` with Globals already merged, or
 * `AWS::Lambda::Function`) into a FunctionDefinition. Returns undefined when the function cannot
 * run locally (code in S3, a container image): an issue says so.
 */
export async function readFunction(
  logicalId: string,
  resource: RawResource & { Type: FunctionType },
  context: FunctionReadContext,
): Promise<FunctionDefinition | undefined> {
  const { env, evaluator, issues } = context;
  const serverless = resource.Type === 'AWS::Serverless::Function';
  const reader = new ResourceReader(logicalId, resource.Properties, evaluator, issues);

  const packageType = reader.string('PackageType', 'optional');
  if (packageType === 'Image') {
    issues.add(logicalId, 'Properties.PackageType', skipMessage('a container image'));
    return undefined;
  }
  if (packageType !== undefined && packageType !== 'Zip') {
    throw reader.fail('PackageType', 'must be Zip or Image');
  }

  const functionName = functionNameOf(reader);
  const runtime = runtimeOf(reader);
  const kind = kindOf(runtime);
  const handler = handlerOf(reader);
  const codeDir = serverless
    ? await serverlessCodeDir(reader, { kind, handler }, context.places, issues)
    : await lambdaCodeDir(reader, { kind, handler }, context.places, issues);
  if (codeDir === undefined) return undefined;

  const definition: FunctionDefinition = {
    logicalId,
    functionName,
    resourceType: resource.Type,
    runtime,
    kind,
    handler,
    codeDir,
    memorySize: reader.integer('MemorySize', { min: 128, max: 10240 }) ?? 128,
    timeout: reader.integer('Timeout', { min: 1, max: 900 }) ?? 3,
    environment: environmentOf(reader),
    architectures: architecturesOf(reader),
    role: roleOf(reader) ?? implicitRole(reader, env, serverless),
    asyncConfig:
      (serverless ? serverlessAsyncConfig(reader, env, issues) : undefined) ?? defaultAsyncConfig(),
    tags: { ...tagsOf(reader, serverless ? 'map' : 'list'), ...stackTags(env, logicalId, serverless) },
  };
  const reserved = reader.integer('ReservedConcurrentExecutions', { min: 0, max: 1_000_000 });
  if (reserved !== undefined) definition.reservedConcurrency = reserved;
  const description = reader.string('Description', 'optional');
  if (description !== undefined) {
    if (description.length > 256) throw reader.fail('Description', 'must be at most 256 characters');
    definition.description = description;
  }
  const build = await esbuildBuildOf(reader, resource.Metadata, { runtime, kind, handler, codeDir }, issues);
  if (build) definition.build = build;
  return definition;
}

function functionNameOf(reader: ResourceReader): string {
  const name = reader.name('FunctionName');
  if (name === undefined) return reader.logicalId;
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw reader.fail(
      'FunctionName',
      `'${name}' is not a valid function name (1-64 letters, digits, - and _)`,
    );
  }
  return name;
}

function runtimeOf(reader: ResourceReader): string {
  const runtime = reader.string('Runtime', 'essential');
  if (runtime === undefined) throw reader.fail('Runtime', 'is required (e.g. nodejs22.x, python3.13)');
  if (!SUPPORTED_RUNTIMES.includes(runtime)) {
    throw reader.fail(
      'Runtime',
      `${runtime} is not supported by the local cloud (supported: ${SUPPORTED_RUNTIMES.join(', ')})`,
    );
  }
  return runtime;
}

function handlerOf(reader: ResourceReader): string {
  const handler = reader.string('Handler', 'essential');
  if (handler === undefined) throw reader.fail('Handler', 'is required (e.g. app.handler)');
  if (!/^\S{1,128}$/.test(handler)) {
    throw reader.fail('Handler', `'${handler}' must be 1-128 characters without spaces`);
  }
  return handler;
}

function implicitRole(reader: ResourceReader, env: StackEnvironment, serverless: boolean): string {
  if (!serverless) {
    throw reader.fail('Role', 'is required for AWS::Lambda::Function (the ARN of its execution role)');
  }
  const path = reader.string('RolePath', 'optional') ?? '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) {
    throw reader.fail('RolePath', `'${path}' must start and end with /`);
  }
  return roleArn(env, implicitRoleName(env, reader.logicalId), path);
}

/** Tags AWS puts on every function of a stack, and SAM on the functions it creates. */
function stackTags(env: StackEnvironment, logicalId: string, serverless: boolean): Record<string, string> {
  return {
    ...(serverless ? { 'lambda:createdBy': 'SAM' } : {}),
    'aws:cloudformation:stack-name': env.stackName,
    'aws:cloudformation:stack-id': env.stackId,
    'aws:cloudformation:logical-id': logicalId,
  };
}

/** Function names are unique per account and region: two resources with one name fail to deploy. */
export function checkUniqueNames(functions: FunctionDefinition[]): void {
  checkUniquePhysicalNames(functions, (fn) => fn.functionName, 'function name', 'Properties.FunctionName');
}
