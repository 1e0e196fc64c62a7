import { TemplateError } from '../../../core/errors.js';
import { localFunctionOfArn } from '../../../stack/arns.js';
import { stableUuid } from '../../../stack/physical-names.js';
import { listAt, mappingAt, oneOf, requiredAt, stringAt } from '../../../stack/property-values.js';
import { functionArn, type StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { BucketDefinition, FunctionDefinition, LambdaNotification } from '../../../stack/types.js';
import { describe, intrinsicName } from '../../../stack/values.js';

/** The event types S3 accepts in a notification configuration. */
const S3_EVENTS = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationNotTracked',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
] as const;

/** The local S3 changes objects only by creating and deleting them; nothing else emits an event. */
const EMITTED_LOCALLY = /^s3:Object(Created|Removed):/;

/** A notification and the place of the template that asked for it, for the errors about it. */
export interface PlacedNotification {
  /** Logical id of the bucket it belongs to. */
  bucket: string;
  notification: LambdaNotification;
  resource: string;
  property: string;
}

/** What reading notifications needs: the stack, and its functions by name. */
export interface NotificationContext {
  env: StackEnvironment;
  functions: ReadonlyMap<string, FunctionDefinition>;
}

/**
 * `NotificationConfiguration.LambdaConfigurations` of an `AWS::S3::Bucket`. Queue, topic and
 * EventBridge destinations are reported; a function outside the local stack is reported and its
 * configuration left out.
 */
export function bucketLambdaNotifications(
  reader: ResourceReader,
  context: NotificationContext,
): PlacedNotification[] {
  const value = reader.optional('NotificationConfiguration');
  if (value === undefined) return [];
  const path = 'NotificationConfiguration';
  const config = mappingAt(reader, path, value, [
    'EventBridgeConfiguration',
    'LambdaConfigurations',
    'QueueConfigurations',
    'TopicConfigurations',
  ]);
  for (const [key, what] of [
    ['QueueConfigurations', 'SQS queues'],
    ['TopicConfigurations', 'SNS topics'],
    ['EventBridgeConfiguration', 'EventBridge'],
  ] as const) {
    if (config[key] !== undefined) {
      reader.report(
        `${path}.${key}`,
        `notifications to ${what} are not delivered by the local cloud; ignored`,
      );
    }
  }
  if (config.LambdaConfigurations === undefined) return [];
  const listPath = `${path}.LambdaConfigurations`;
  return listAt(reader, listPath, config.LambdaConfigurations).flatMap((item, index) => {
    const placed = lambdaConfiguration(reader, `${listPath}[${index}]`, item, context);
    return placed ? [placed] : [];
  });
}

function lambdaConfiguration(
  reader: ResourceReader,
  path: string,
  value: unknown,
  { env, functions }: NotificationContext,
): PlacedNotification | undefined {
  // CloudFormation's LambdaConfiguration has no `Id`: S3 names every configuration itself.
  const config = mappingAt(reader, path, value, ['Event', 'Filter', 'Function']);
  if (config.Function === undefined && reader.wasUnresolved(`${path}.Function`)) return undefined;
  const arn = stringAt(reader, `${path}.Function`, requiredAt(reader, `${path}.Function`, config.Function));
  const event = eventTypeOf(reader, `${path}.Event`, requiredAt(reader, `${path}.Event`, config.Event));
  const functionName = localFunctionOfArn(reader, `${path}.Function`, arn, env);
  if (functionName === null)
    throw reader.fail(`${path}.Function`, `must be a Lambda function ARN, got '${arn}'`);
  if (functionName === undefined) return undefined;
  if (!functions.has(functionName)) {
    reader.report(
      `${path}.Function`,
      `function ${functionName} is not in the local stack; the notification is ignored`,
    );
    return undefined;
  }
  const filter = keyFilterOf(reader, `${path}.Filter`, config.Filter);
  return {
    bucket: reader.logicalId,
    notification: notification(env, reader.logicalId, { event, ...filter, functionName, functionArn: arn }),
    resource: reader.logicalId,
    property: `${reader.base}.${path}`,
  };
}

/**
 * A SAM function event of `Type: S3`: one notification per event type on the bucket it names, as
 * the SAM translator adds them to the bucket's `LambdaConfigurations` (SAM sets no `Id` either).
 */
export function samS3Notifications(
  reader: ResourceReader,
  fn: FunctionDefinition,
  context: NotificationContext & {
    isBucket(logicalId: string): boolean;
    isCreated(logicalId: string): boolean;
  },
): PlacedNotification[] {
  const bucketRef = reader.properties.Bucket;
  const bucket = intrinsicName(bucketRef) === 'Ref' ? (bucketRef as { Ref: unknown }).Ref : undefined;
  if (typeof bucket !== 'string' || !context.isBucket(bucket)) {
    throw reader.fail(
      'Bucket',
      `S3 events must reference an S3 bucket of the same template with !Ref, got ${describe(bucketRef)}`,
    );
  }
  // SAM writes the notification into the bucket resource; a bucket whose Condition is false is not
  // created, so neither is its notification.
  if (!context.isCreated(bucket)) return [];
  const eventsValue = requiredAt(reader, 'Events', reader.optional('Events'));
  const events = Array.isArray(eventsValue)
    ? eventsValue.map((event, index) => eventTypeOf(reader, `Events[${index}]`, event))
    : [eventTypeOf(reader, 'Events', eventsValue)];
  const filter = keyFilterOf(reader, 'Filter', reader.optional('Filter'));
  const functionName = fn.functionName;
  return events.map((event, index) => ({
    bucket,
    notification: notification(context.env, bucket, {
      event,
      ...filter,
      functionName,
      functionArn: functionArn(context.env, functionName),
    }),
    resource: reader.logicalId,
    property: Array.isArray(eventsValue) ? `${reader.base}.Events[${index}]` : `${reader.base}.Events`,
  }));
}

/**
 * Gives each bucket its notifications. Identical ones are kept once (SAM does not add a
 * configuration the bucket already has); configurations that could both fire for one key and one
 * event type are refused, as S3 refuses them ("Configurations overlap").
 */
export function attachNotifications(buckets: BucketDefinition[], placed: PlacedNotification[]): void {
  for (const bucket of buckets) {
    const kept: PlacedNotification[] = [];
    for (const candidate of placed.filter((item) => item.bucket === bucket.logicalId)) {
      if (kept.some((other) => other.notification.id === candidate.notification.id)) continue;
      const clash = kept.find((other) => overlap(other.notification, candidate.notification));
      if (clash) {
        throw new TemplateError(
          `this notification of ${bucket.logicalId} overlaps the one from ${clash.resource}.${clash.property}: S3 refuses two configurations that can fire for the same event type and key`,
          candidate.resource,
          candidate.property,
        );
      }
      kept.push(candidate);
    }
    bucket.notifications = kept.map((item) => item.notification);
  }
}

function eventTypeOf(reader: ResourceReader, path: string, value: unknown): string {
  const event = oneOf(reader, path, value, S3_EVENTS);
  if (!EMITTED_LOCALLY.test(event)) {
    reader.report(
      path,
      `${event} events never happen in the local S3 (objects are only created and deleted)`,
    );
  }
  return event;
}

/** `Filter.S3Key.Rules`: at most one `prefix` and one `suffix` rule, names in any case. */
function keyFilterOf(
  reader: ResourceReader,
  path: string,
  value: unknown,
): { prefix?: string; suffix?: string } {
  if (value === undefined) return {};
  const filter = mappingAt(reader, path, value, ['S3Key']);
  const keyPath = `${path}.S3Key`;
  const key = mappingAt(reader, keyPath, requiredAt(reader, keyPath, filter.S3Key), ['Rules']);
  const rulesPath = `${keyPath}.Rules`;
  const result: { prefix?: string; suffix?: string } = {};
  listAt(reader, rulesPath, requiredAt(reader, rulesPath, key.Rules)).forEach((item, index) => {
    const rulePath = `${rulesPath}[${index}]`;
    const rule = mappingAt(reader, rulePath, item, ['Name', 'Value']);
    const name = stringAt(reader, `${rulePath}.Name`, requiredAt(reader, `${rulePath}.Name`, rule.Name));
    const kind = name.toLowerCase();
    if (kind !== 'prefix' && kind !== 'suffix') {
      throw reader.fail(`${rulePath}.Name`, `must be prefix or suffix, got '${name}'`);
    }
    if (result[kind] !== undefined) {
      throw reader.fail(rulePath, `S3 allows one ${kind} rule per filter`);
    }
    const ruleValue = stringAt(
      reader,
      `${rulePath}.Value`,
      requiredAt(reader, `${rulePath}.Value`, rule.Value),
    );
    if (ruleValue.length > 1024) throw reader.fail(`${rulePath}.Value`, 'must be at most 1024 characters');
    result[kind] = ruleValue;
  });
  return result;
}

function notification(
  env: StackEnvironment,
  bucket: string,
  fields: { event: string; prefix?: string; suffix?: string; functionName: string; functionArn: string },
): LambdaNotification {
  const { event, prefix, suffix, functionName, functionArn: arn } = fields;
  const id = configurationId(env, bucket, [event, prefix ?? '', suffix ?? '', functionName]);
  const result: LambdaNotification = { id, events: [event], functionName, functionArn: arn };
  if (prefix !== undefined) result.prefix = prefix;
  if (suffix !== undefined) result.suffix = suffix;
  return result;
}

/**
 * The id S3 gives a configuration written without one: an opaque string (on AWS, the base64 of a
 * random UUID). Derived here from what the configuration does, so that it stays the same across
 * restarts and reorderings, and two identical configurations get one id.
 */
function configurationId(env: StackEnvironment, bucket: string, parts: string[]): string {
  return Buffer.from(stableUuid(env.stackName, bucket, ...parts)).toString('base64');
}

function overlap(a: LambdaNotification, b: LambdaNotification): boolean {
  const sameEvent = a.events.some((one) => b.events.some((other) => eventsOverlap(one, other)));
  const prefixes = a.prefix === undefined || b.prefix === undefined || startsEither(a.prefix, b.prefix);
  const suffixes = a.suffix === undefined || b.suffix === undefined || endsEither(a.suffix, b.suffix);
  return sameEvent && prefixes && suffixes;
}

function eventsOverlap(one: string, other: string): boolean {
  const covers = (wide: string, narrow: string) =>
    wide.endsWith(':*') && narrow.startsWith(wide.slice(0, -1));
  return one === other || covers(one, other) || covers(other, one);
}

function startsEither(one: string, other: string): boolean {
  return one.startsWith(other) || other.startsWith(one);
}

function endsEither(one: string, other: string): boolean {
  return one.endsWith(other) || other.endsWith(one);
}
