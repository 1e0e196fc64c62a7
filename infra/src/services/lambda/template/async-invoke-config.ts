import { functionNameOf, localFunctionOfArn } from '../../../stack/arns.js';
import type { IssueList } from '../../../stack/issues.js';
import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import { integerIn, type ResourceReader } from '../../../stack/resource-reader.js';
import type { AsyncInvokeConfig, DestinationTarget } from '../../../stack/types.js';
import { describe, isObject, type TemplateObject } from '../../../stack/values.js';

/** Lambda's own settings for asynchronous calls when nothing is configured. */
export function defaultAsyncConfig(): AsyncInvokeConfig {
  return { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 };
}

/** SAM's destination types other than Lambda, which the local cloud does not deliver to. */
const OTHER_SAM_DESTINATIONS = ['SQS', 'SNS', 'EventBridge', 'S3Bucket'];

/**
 * The `EventInvokeConfig` property of an `AWS::Serverless::Function`: retries, maximum event age
 * and `DestinationConfig.OnSuccess` / `OnFailure` with their `Type`.
 */
export function serverlessAsyncConfig(
  reader: ResourceReader,
  env: StackEnvironment,
  issues: IssueList,
): AsyncInvokeConfig | undefined {
  const value = reader.optional('EventInvokeConfig');
  if (value === undefined) return undefined;
  if (!isObject(value)) throw reader.fail('EventInvokeConfig', `must be a mapping, got ${describe(value)}`);
  return readConfig(reader, 'EventInvokeConfig', value, (path, target) => {
    if (!isObject(target)) {
      throw reader.fail(path, `must be a mapping with Type and Destination, got ${describe(target)}`);
    }
    const type = target.Type;
    if (typeof type === 'string' && OTHER_SAM_DESTINATIONS.includes(type)) {
      issues.add(
        reader.logicalId,
        `Properties.${path}`,
        `${type} destinations are not supported by the local cloud; ignored`,
      );
      return undefined;
    }
    if (type !== 'Lambda') {
      throw reader.fail(
        `${path}.Type`,
        `must be one of Lambda, ${OTHER_SAM_DESTINATIONS.join(', ')}; got ${describe(type)}`,
      );
    }
    if (target.Destination === undefined) {
      if (reader.wasUnresolved(`${path}.Destination`)) return undefined;
      throw reader.fail(
        `${path}.Destination`,
        'is required for a Lambda destination (the target function ARN)',
      );
    }
    return lambdaDestination(reader, `${path}.Destination`, target.Destination, env);
  });
}

/**
 * An `AWS::Lambda::EventInvokeConfig` resource: the function it configures and its settings. Only
 * the unpublished version (`Qualifier: $LATEST`) exists locally; others are reported and skipped.
 */
export function standaloneAsyncConfig(
  reader: ResourceReader,
  env: StackEnvironment,
  issues: IssueList,
): { functionName: string; config: AsyncInvokeConfig } | undefined {
  const functionRef = reader.string('FunctionName', 'optional');
  const qualifier = reader.string('Qualifier', 'optional');
  if (functionRef === undefined) {
    if (reader.wasUnresolved('FunctionName')) return undefined;
    throw reader.fail('FunctionName', 'is required: which function does this configure?');
  }
  if (qualifier === undefined) {
    if (reader.wasUnresolved('Qualifier')) return undefined;
    throw reader.fail('Qualifier', 'is required ($LATEST, a version number or an alias name)');
  }
  if (qualifier !== '$LATEST') {
    issues.add(
      reader.logicalId,
      'Properties.Qualifier',
      `versions and aliases are not published locally, so the configuration of ${qualifier} is ignored`,
    );
    return undefined;
  }
  const settings: TemplateObject = {};
  for (const key of ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig']) {
    settings[key] = reader.optional(key);
  }
  const config = readConfig(reader, '', settings, (path, target) => {
    if (!isObject(target)) {
      throw reader.fail(path, `must be a mapping with Destination, got ${describe(target)}`);
    }
    const arn = target.Destination;
    if (arn === undefined) {
      if (reader.wasUnresolved(`${path}.Destination`)) return undefined;
      throw reader.fail(`${path}.Destination`, 'is required (the ARN of the destination)');
    }
    const service = typeof arn === 'string' ? /^arn:[^:]+:([^:]+):/.exec(arn)?.[1] : undefined;
    if (service && service !== 'lambda') {
      issues.add(
        reader.logicalId,
        `Properties.${path}`,
        `${service} destinations are not supported by the local cloud; ignored`,
      );
      return undefined;
    }
    return lambdaDestination(reader, `${path}.Destination`, arn, env);
  });
  return { functionName: functionNameOf(functionRef), config };
}

type TargetReader = (path: string, target: unknown) => DestinationTarget | undefined;

function readConfig(
  reader: ResourceReader,
  prefix: string,
  value: TemplateObject,
  readTarget: TargetReader,
): AsyncInvokeConfig {
  const path = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const read = (key: string) => value[key];
  const config = defaultAsyncConfig();
  const retries = read('MaximumRetryAttempts');
  if (retries !== undefined) {
    config.maximumRetryAttempts = integerIn(retries, { min: 0, max: 2 }, (m) =>
      reader.fail(path('MaximumRetryAttempts'), m),
    );
  }
  const age = read('MaximumEventAgeInSeconds');
  if (age !== undefined) {
    config.maximumEventAgeInSeconds = integerIn(age, { min: 60, max: 21600 }, (m) =>
      reader.fail(path('MaximumEventAgeInSeconds'), m),
    );
  }
  const destinations = read('DestinationConfig');
  if (destinations === undefined) return config;
  if (!isObject(destinations)) {
    throw reader.fail(path('DestinationConfig'), `must be a mapping, got ${describe(destinations)}`);
  }
  for (const [key, field] of [
    ['OnSuccess', 'onSuccess'],
    ['OnFailure', 'onFailure'],
  ] as const) {
    if (destinations[key] === undefined) continue;
    const target = readTarget(path(`DestinationConfig.${key}`), destinations[key]);
    if (target) config[field] = target;
  }
  return config;
}

function lambdaDestination(
  reader: ResourceReader,
  path: string,
  arn: unknown,
  env: StackEnvironment,
): DestinationTarget | undefined {
  const functionName = typeof arn === 'string' ? localFunctionOfArn(reader, path, arn, env) : undefined;
  if (typeof arn !== 'string' || functionName === null) {
    throw reader.fail(path, `must be a Lambda function ARN, got ${describe(arn)}`);
  }
  return functionName === undefined ? undefined : { type: 'Lambda', arn, functionName };
}
