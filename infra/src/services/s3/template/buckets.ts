import { checkUniquePhysicalNames, generatedBucketName } from '../../../stack/physical-names.js';
import {
  integerAt,
  listAt,
  mappingAt,
  oneOf,
  requiredAt,
  stringAt,
  stringListAt,
} from '../../../stack/property-values.js';
import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type {
  BucketDefinition,
  CorsRule,
  WebsiteConfiguration,
  WebsiteRoutingRule,
} from '../../../stack/types.js';
import type { TemplateObject } from '../../../stack/values.js';
import { bucketNameProblem } from '../buckets/bucket-names.js';

const CORS_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] as const;
const PROTOCOLS = ['http', 'https'] as const;

/**
 * Reads an `AWS::S3::Bucket`: its name (given, or the one CloudFormation generates), CORS rules and
 * website configuration. Notifications are added by `bucket-notifications.ts`, once the functions
 * they call are known.
 */
export function readBucket(reader: ResourceReader, env: StackEnvironment): BucketDefinition {
  return {
    logicalId: reader.logicalId,
    bucketName: bucketNameOf(reader, env),
    cors: corsRulesOf(reader),
    ...websiteOf(reader),
    notifications: [],
  };
}

function bucketNameOf(reader: ResourceReader, env: StackEnvironment): string {
  const name = reader.name('BucketName');
  if (name === undefined) return generatedBucketName(env, reader.logicalId);
  const problem = bucketNameProblem(name);
  if (problem) throw reader.fail('BucketName', `'${name}' is not a valid bucket name: ${problem}`);
  return name;
}

/** Bucket names are global: two buckets of one stack cannot share one. */
export function checkUniqueBucketNames(buckets: BucketDefinition[]): void {
  checkUniquePhysicalNames(buckets, (bucket) => bucket.bucketName, 'bucket name', 'Properties.BucketName');
}

function corsRulesOf(reader: ResourceReader): CorsRule[] {
  const value = reader.optional('CorsConfiguration');
  if (value === undefined) return [];
  const configuration = mappingAt(reader, 'CorsConfiguration', value, ['CorsRules']);
  const path = 'CorsConfiguration.CorsRules';
  const rules = listAt(reader, path, requiredAt(reader, path, configuration.CorsRules));
  if (rules.length > 100) throw reader.fail(path, `S3 allows at most 100 CORS rules, got ${rules.length}`);
  return rules.map((rule, index) => corsRule(reader, `${path}[${index}]`, rule));
}

function corsRule(reader: ResourceReader, path: string, value: unknown): CorsRule {
  const rule = mappingAt(reader, path, value, [
    'AllowedHeaders',
    'AllowedMethods',
    'AllowedOrigins',
    'ExposedHeaders',
    'Id',
    'MaxAge',
  ]);
  const list = (key: string, required: boolean) => {
    const item = rule[key];
    if (item === undefined && !required) return [];
    return stringListAt(reader, `${path}.${key}`, requiredAt(reader, `${path}.${key}`, item));
  };
  const allowedMethods = list('AllowedMethods', true);
  allowedMethods.forEach((method, index) => {
    oneOf(reader, `${path}.AllowedMethods[${index}]`, method, CORS_METHODS);
  });
  const allowedOrigins = list('AllowedOrigins', true);
  const allowedHeaders = list('AllowedHeaders', false);
  for (const [key, values] of [
    ['AllowedOrigins', allowedOrigins],
    ['AllowedHeaders', allowedHeaders],
  ] as const) {
    const index = values.findIndex((item) => item.split('*').length > 2);
    if (index >= 0) throw reader.fail(`${path}.${key}[${index}]`, 'may contain at most one * wildcard');
  }
  const cors: CorsRule = {
    allowedOrigins,
    allowedMethods,
    allowedHeaders,
    exposedHeaders: list('ExposedHeaders', false),
  };
  if (rule.Id !== undefined) {
    cors.id = stringAt(reader, `${path}.Id`, rule.Id);
    if (cors.id.length > 255) throw reader.fail(`${path}.Id`, 'must be at most 255 characters');
  }
  if (rule.MaxAge !== undefined) {
    cors.maxAgeSeconds = integerAt(reader, `${path}.MaxAge`, rule.MaxAge, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    });
  }
  return cors;
}

function websiteOf(reader: ResourceReader): { website?: WebsiteConfiguration } {
  const value = reader.optional('WebsiteConfiguration');
  if (value === undefined) return {};
  const path = 'WebsiteConfiguration';
  const config = mappingAt(reader, path, value, [
    'ErrorDocument',
    'IndexDocument',
    'RedirectAllRequestsTo',
    'RoutingRules',
  ]);
  if (config.RedirectAllRequestsTo !== undefined) {
    const others = Object.keys(config).filter((key) => key !== 'RedirectAllRequestsTo');
    if (others.length > 0) {
      throw reader.fail(`${path}.${others[0]}`, 'cannot be set together with RedirectAllRequestsTo');
    }
    const redirectPath = `${path}.RedirectAllRequestsTo`;
    const redirect = mappingAt(reader, redirectPath, config.RedirectAllRequestsTo, ['HostName', 'Protocol']);
    const hostName = stringAt(
      reader,
      `${redirectPath}.HostName`,
      requiredAt(reader, `${redirectPath}.HostName`, redirect.HostName),
    );
    return {
      website: {
        redirectAllRequestsTo:
          redirect.Protocol === undefined
            ? { hostName }
            : { hostName, protocol: oneOf(reader, `${redirectPath}.Protocol`, redirect.Protocol, PROTOCOLS) },
        routingRules: [],
      },
    };
  }
  const indexDocument = stringAt(
    reader,
    `${path}.IndexDocument`,
    requiredAt(reader, `${path}.IndexDocument`, config.IndexDocument, 'or RedirectAllRequestsTo'),
  );
  if (indexDocument === '' || indexDocument.includes('/')) {
    throw reader.fail(`${path}.IndexDocument`, 'must be a non-empty file name without /');
  }
  const website: WebsiteConfiguration = { indexDocument, routingRules: routingRulesOf(reader, path, config) };
  if (config.ErrorDocument !== undefined) {
    website.errorDocument = stringAt(reader, `${path}.ErrorDocument`, config.ErrorDocument);
  }
  return { website };
}

function routingRulesOf(
  reader: ResourceReader,
  parent: string,
  config: TemplateObject,
): WebsiteRoutingRule[] {
  if (config.RoutingRules === undefined) return [];
  const path = `${parent}.RoutingRules`;
  const rules = listAt(reader, path, config.RoutingRules);
  if (rules.length > 50) throw reader.fail(path, `S3 allows at most 50 routing rules, got ${rules.length}`);
  return rules.map((value, index) => {
    const rulePath = `${path}[${index}]`;
    const rule = mappingAt(reader, rulePath, value, ['RedirectRule', 'RoutingRuleCondition']);
    const routingRule: WebsiteRoutingRule = {
      redirect: redirectOf(reader, `${rulePath}.RedirectRule`, rule.RedirectRule),
    };
    if (rule.RoutingRuleCondition !== undefined) {
      routingRule.condition = conditionOf(
        reader,
        `${rulePath}.RoutingRuleCondition`,
        rule.RoutingRuleCondition,
      );
    }
    return routingRule;
  });
}

function redirectOf(reader: ResourceReader, path: string, value: unknown): WebsiteRoutingRule['redirect'] {
  const rule = mappingAt(reader, path, requiredAt(reader, path, value), [
    'HostName',
    'HttpRedirectCode',
    'Protocol',
    'ReplaceKeyPrefixWith',
    'ReplaceKeyWith',
  ]);
  if (rule.ReplaceKeyPrefixWith !== undefined && rule.ReplaceKeyWith !== undefined) {
    throw reader.fail(`${path}.ReplaceKeyWith`, 'cannot be set together with ReplaceKeyPrefixWith');
  }
  const redirect: WebsiteRoutingRule['redirect'] = {};
  for (const [key, field] of [
    ['HostName', 'hostName'],
    ['ReplaceKeyPrefixWith', 'replaceKeyPrefixWith'],
    ['ReplaceKeyWith', 'replaceKeyWith'],
  ] as const) {
    if (rule[key] !== undefined) redirect[field] = stringAt(reader, `${path}.${key}`, rule[key]);
  }
  if (rule.HttpRedirectCode !== undefined) {
    const code = stringAt(reader, `${path}.HttpRedirectCode`, rule.HttpRedirectCode);
    if (!/^3\d\d$/.test(code))
      throw reader.fail(`${path}.HttpRedirectCode`, `must be a 3xx code, got ${code}`);
    redirect.httpRedirectCode = code;
  }
  if (rule.Protocol !== undefined)
    redirect.protocol = oneOf(reader, `${path}.Protocol`, rule.Protocol, PROTOCOLS);
  return redirect;
}

function conditionOf(
  reader: ResourceReader,
  path: string,
  value: unknown,
): NonNullable<WebsiteRoutingRule['condition']> {
  const rule = mappingAt(reader, path, value, ['HttpErrorCodeReturnedEquals', 'KeyPrefixEquals']);
  if (rule.HttpErrorCodeReturnedEquals === undefined && rule.KeyPrefixEquals === undefined) {
    throw reader.fail(path, 'needs HttpErrorCodeReturnedEquals or KeyPrefixEquals');
  }
  const condition: NonNullable<WebsiteRoutingRule['condition']> = {};
  if (rule.KeyPrefixEquals !== undefined) {
    condition.keyPrefixEquals = stringAt(reader, `${path}.KeyPrefixEquals`, rule.KeyPrefixEquals);
  }
  if (rule.HttpErrorCodeReturnedEquals !== undefined) {
    const code = stringAt(reader, `${path}.HttpErrorCodeReturnedEquals`, rule.HttpErrorCodeReturnedEquals);
    if (!/^[45]\d\d$/.test(code)) {
      throw reader.fail(`${path}.HttpErrorCodeReturnedEquals`, `must be a 4xx or 5xx code, got ${code}`);
    }
    condition.httpErrorCodeReturnedEquals = code;
  }
  return condition;
}
