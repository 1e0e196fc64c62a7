import { ACCESS_POLICIES } from '../services/iam/template/supported-properties.js';
import { STORAGE_POLICIES } from '../services/s3/template/supported-properties.js';
import { EMAIL_POLICIES } from '../services/ses/template/supported-properties.js';
import type { IssueList } from './issues.js';
import type { RawResource } from './parse.js';
import { isObject, ownValue, type TemplateObject } from './values.js';

/** What the local cloud does with each property of a resource. */
export interface PropertyPolicy {
  /** Read and honoured. */
  honoured: readonly string[];
  /**
   * Accepted silently: they only shape the deployment or the bill on AWS (signing, tagging, the key
   * that encrypts the uploaded code, a storage class) and change nothing the application can observe.
   */
  deploymentOnly: readonly string[];
  /** Not honoured locally, with the reason given in the issue. */
  unsupported: Readonly<Record<string, string>>;
}

/** SAM event types the local cloud wires (S3 notifications, DynamoDB stream mappings). */
export const WIRED_EVENT_TYPES = ['S3', 'DynamoDB'];

const SHARED_UNSUPPORTED: Record<string, string> = {
  Layers: 'layers are not mounted locally (nothing under /opt)',
  VpcConfig: 'functions are not placed in a VPC locally',
  KmsKeyArn: 'environment variables are not encrypted with a customer key locally',
  FileSystemConfigs: 'EFS file systems are not mounted locally',
  EphemeralStorage: 'the size of /tmp is not limited locally',
  SnapStart: 'SnapStart is not emulated locally',
  RuntimeManagementConfig: 'the local runtime version is whatever is installed on the machine',
  LoggingConfig: 'logs are written in the runtime default (text) format locally',
  RecursiveLoop: 'recursive loop detection is not emulated locally',
  ImageConfig: 'container image functions are not supported locally',
  CapacityProviderConfig: 'Lambda managed instances are not emulated locally',
  FunctionScalingConfig: 'Lambda managed instances are not emulated locally',
  TenancyConfig: 'tenant isolation is not emulated locally',
  DurableConfig: 'durable functions are not emulated locally',
  PublishToLatestPublished: 'versions are not published locally',
};

const POLICIES: Record<string, PropertyPolicy> = {
  ...STORAGE_POLICIES,
  ...ACCESS_POLICIES,
  ...EMAIL_POLICIES,
  'AWS::Serverless::Function': {
    honoured: [
      'FunctionName',
      'Runtime',
      'Handler',
      'CodeUri',
      'InlineCode',
      'MemorySize',
      'Timeout',
      'Environment',
      'ReservedConcurrentExecutions',
      'EventInvokeConfig',
      // Read event by event: S3 and DynamoDB events are wired, the others reported below.
      'Events',
      'Architectures',
      'Role',
      'RolePath',
      // Read into the role SAM creates for the function (`<LogicalId>Role`).
      'Policies',
      'AssumeRolePolicyDocument',
      'Description',
      'Tags',
      'PackageType',
    ],
    deploymentOnly: [
      'CodeSigningConfigArn',
      'PropagateTags',
      'VersionDescription',
      'AutoPublishCodeSha256',
      'AutoPublishAliasAllProperties',
      'SourceKMSKeyArn',
      'VersionDeletionPolicy',
    ],
    unsupported: {
      ...SHARED_UNSUPPORTED,
      PermissionsBoundary: "permissions boundaries are not applied locally; the role's own policies decide",
      AutoPublishAlias: 'versions and aliases are not published locally; calls run $LATEST',
      DeploymentPreference: 'gradual deployments are not emulated locally',
      ProvisionedConcurrencyConfig: 'provisioned concurrency is not emulated locally',
      Tracing: 'X-Ray tracing is not emulated locally',
      FunctionUrlConfig: 'function URLs are not served locally yet',
      DeadLetterQueue: 'dead-letter queues are not emulated locally yet',
      ImageUri: 'container image functions are not supported locally',
    },
  },
  'AWS::Lambda::Function': {
    honoured: [
      'FunctionName',
      'Runtime',
      'Handler',
      'Code',
      'MemorySize',
      'Timeout',
      'Environment',
      'ReservedConcurrentExecutions',
      'Architectures',
      'Role',
      'Description',
      'Tags',
      'PackageType',
    ],
    deploymentOnly: ['CodeSigningConfigArn'],
    unsupported: {
      ...SHARED_UNSUPPORTED,
      DeadLetterConfig: 'dead-letter queues are not emulated locally yet',
      TracingConfig: 'X-Ray tracing is not emulated locally',
    },
  },
};

/**
 * Reports every property of a resource the local cloud does not honour, once per property; SAM
 * `Events` of the types it does not wire are reported one event at a time, with their type.
 */
export function reportUnhonouredProperties(
  logicalId: string,
  resource: RawResource,
  issues: IssueList,
): void {
  const policy = ownValue(POLICIES, resource.Type);
  if (!policy) return;
  const events = resource.Properties.Events;
  if (resource.Type === 'AWS::Serverless::Function' && isObject(events)) {
    reportEvents(logicalId, events, issues);
  }
  reportProperties(
    { resource: logicalId, base: 'Properties', kind: resource.Type },
    resource.Properties,
    policy,
    issues,
  );
}

/**
 * Reports the properties of a mapping that a policy does not honour; `kind` names what they are
 * properties of (`AWS::S3::Bucket`, `DynamoDB event`) in the message.
 */
export function reportProperties(
  place: { resource: string; base: string; kind: string },
  properties: TemplateObject,
  policy: PropertyPolicy,
  issues: IssueList,
): void {
  for (const key of Object.keys(properties)) {
    if (policy.honoured.includes(key) || policy.deploymentOnly.includes(key)) continue;
    const reason = ownValue(policy.unsupported, key);
    issues.add(
      place.resource,
      `${place.base}.${key}`,
      reason
        ? `${key} is not supported by the local cloud: ${reason}; ignored`
        : `${key} is not a ${place.kind} property the local cloud knows; ignored`,
    );
  }
}

function reportEvents(logicalId: string, events: TemplateObject, issues: IssueList): void {
  for (const [name, event] of Object.entries(events)) {
    const type = isObject(event) && typeof event.Type === 'string' ? event.Type : 'unknown';
    if (WIRED_EVENT_TYPES.includes(type)) continue;
    issues.add(
      logicalId,
      `Properties.Events.${name}`,
      `${type} event sources are not supported by the local cloud yet; the function is not triggered by ${name}`,
    );
  }
}
