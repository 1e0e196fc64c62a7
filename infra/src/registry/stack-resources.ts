import { checkUniqueTableNames, readSimpleTable, readTable } from '../services/dynamodb/template/tables.js';
import {
  checkUniqueMappings,
  type MappingContext,
  type PlacedMapping,
  readEventSourceMapping,
  samDynamoDbMapping,
} from '../services/lambda/event-source-mappings/template/event-source-mappings.js';
import {
  attachNotifications,
  bucketLambdaNotifications,
  type PlacedNotification,
  samS3Notifications,
} from '../services/s3/template/bucket-notifications.js';
import { checkUniqueBucketNames, readBucket } from '../services/s3/template/buckets.js';
import { checkUniqueEmailIdentities, readEmailIdentity } from '../services/ses/template/email-identities.js';
import type { TemplateEvaluator } from '../stack/evaluator.js';
import type { IssueList } from '../stack/issues.js';
import type { RawResource } from '../stack/parse.js';
import type { StackEnvironment } from '../stack/pseudo-parameters.js';
import { ResourceReader } from '../stack/resource-reader.js';
import type {
  BucketDefinition,
  EmailIdentityDefinition,
  EventSourceMappingDefinition,
  FunctionDefinition,
  TableDefinition,
} from '../stack/types.js';
import { describe, isObject, ownValue } from '../stack/values.js';

/** The resource types read here, after the functions they refer to. */
export const STACK_RESOURCE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::Serverless::SimpleTable',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SES::EmailIdentity',
];

export interface StackResourcesContext {
  env: StackEnvironment;
  evaluator: TemplateEvaluator;
  issues: IssueList;
  /** Every resource of the template (SAM functions with Globals merged), for the SAM events. */
  resources: Record<string, RawResource>;
}

export interface StackResources {
  buckets: BucketDefinition[];
  tables: TableDefinition[];
  eventSourceMappings: EventSourceMappingDefinition[];
  emailIdentities: EmailIdentityDefinition[];
}

/**
 * Reads the buckets, tables, stream mappings and email identities of the stack, and wires the functions' SAM events
 * into them: an S3 event becomes a notification of its bucket, a DynamoDB event a mapping.
 * `created` are the resources of `STACK_RESOURCE_TYPES` whose condition holds, in template order.
 */
export function readStackResources(
  created: Array<[string, RawResource]>,
  functions: FunctionDefinition[],
  context: StackResourcesContext,
): StackResources {
  const { env, evaluator, issues } = context;
  const reader = (logicalId: string, resource: RawResource) =>
    new ResourceReader(logicalId, resource.Properties, evaluator, issues);
  const ofType = (type: string) => created.filter(([, resource]) => resource.Type === type);

  const tables = created.flatMap(([logicalId, resource]) => {
    if (resource.Type === 'AWS::DynamoDB::Table') return [readTable(reader(logicalId, resource), env)];
    if (resource.Type === 'AWS::Serverless::SimpleTable') {
      return [readSimpleTable(reader(logicalId, resource), context)];
    }
    return [];
  });
  checkUniqueTableNames(tables);

  const functionsByName = new Map(functions.map((fn) => [fn.functionName, fn]));
  const notificationContext = {
    env,
    functions: functionsByName,
    isBucket: (logicalId: string) => ownValue(context.resources, logicalId)?.Type === 'AWS::S3::Bucket',
    isCreated: (logicalId: string) => evaluator.isCreated(logicalId),
  };
  const mappingContext: MappingContext = {
    env,
    issues,
    functions: functionsByName,
    tables: new Map(tables.map((table) => [table.tableName, table])),
  };
  const buckets: BucketDefinition[] = [];
  const notifications: PlacedNotification[] = [];
  for (const [logicalId, resource] of ofType('AWS::S3::Bucket')) {
    const bucketReader = reader(logicalId, resource);
    buckets.push(readBucket(bucketReader, env));
    notifications.push(...bucketLambdaNotifications(bucketReader, notificationContext));
  }
  const mappings: PlacedMapping[] = ofType('AWS::Lambda::EventSourceMapping').flatMap(
    ([logicalId, resource]) => {
      const mapping = readEventSourceMapping(reader(logicalId, resource), mappingContext);
      return mapping ? [mapping] : [];
    },
  );

  for (const fn of functions) {
    const resource = ownValue(context.resources, fn.logicalId);
    if (resource?.Type !== 'AWS::Serverless::Function') continue;
    for (const event of samEvents(reader(fn.logicalId, resource))) {
      if (event.type === 'S3') {
        notifications.push(...samS3Notifications(event.reader, fn, notificationContext));
      } else if (event.type === 'DynamoDB') {
        const mapping = samDynamoDbMapping(event.reader, fn, event.name, mappingContext);
        if (mapping) mappings.push(mapping);
      }
    }
  }
  attachNotifications(buckets, notifications);
  checkUniqueBucketNames(buckets);
  const emailIdentities = ofType('AWS::SES::EmailIdentity').map(([logicalId, resource]) =>
    readEmailIdentity(reader(logicalId, resource)),
  );
  checkUniqueEmailIdentities(emailIdentities);
  return { buckets, tables, eventSourceMappings: checkUniqueMappings(mappings), emailIdentities };
}

/** The SAM events of a function, each with a reader of its `Properties`; the shape SAM demands is checked. */
function samEvents(reader: ResourceReader): Array<{ name: string; type: string; reader: ResourceReader }> {
  const events = reader.properties.Events;
  if (events === undefined) return [];
  if (!isObject(events))
    throw reader.fail('Events', `must be a mapping of event names to events, got ${describe(events)}`);
  return Object.entries(events).map(([name, event]) => {
    const path = `Events.${name}`;
    if (!/^[A-Za-z0-9]+$/.test(name)) {
      throw reader.fail(path, 'event names must be alphanumeric (SAM makes logical ids of them)');
    }
    if (!isObject(event) || typeof event.Type !== 'string') {
      throw reader.fail(path, `an event needs a Type (S3, DynamoDB, …), got ${describe(event)}`);
    }
    const properties = event.Properties ?? {};
    if (!isObject(properties))
      throw reader.fail(`${path}.Properties`, `must be a mapping, got ${describe(properties)}`);
    return { name, type: event.Type, reader: reader.nested(`${path}.Properties`, properties) };
  });
}
