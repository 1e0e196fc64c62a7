import type { IssueList } from './issues.js';
import type { RawResource } from './parse.js';
import { isObject, ownValue, type TemplateObject } from './values.js';

/** What the local cloud does with each property of a function resource. */
interface PropertyPolicy {
  /** Read and honoured. */
  honoured: readonly string[];
  /**
   * Accepted silently: they only shape the deployment on AWS (signing, tagging of versions, the
   * key that encrypts the uploaded code) and change nothing a function does when it runs.
   */
  deploymentOnly: readonly string[];
  /** Not honoured locally, with the reason given in the issue. */
  unsupported: Readonly<Record<string, string>>;
}

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
      'Architectures',
      'Role',
      'RolePath',
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
      Events: 'event sources are not wired locally yet',
      Policies: 'the policies of the implicit role are not applied locally yet',
      PermissionsBoundary: 'the implicit role is not created locally yet',
      AssumeRolePolicyDocument: 'the implicit role is not created locally yet',
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
 * Reports every property of a function the local cloud does not honour, once per property; SAM
 * `Events` are reported one event at a time, with their type.
 */
export function reportUnhonouredProperties(
  logicalId: string,
  resource: RawResource,
  issues: IssueList,
): void {
  const policy = ownValue(POLICIES, resource.Type);
  if (!policy) return;
  for (const [key, value] of Object.entries(resource.Properties)) {
    if (policy.honoured.includes(key) || policy.deploymentOnly.includes(key)) continue;
    if (key === 'Events' && resource.Type === 'AWS::Serverless::Function' && isObject(value)) {
      reportEvents(logicalId, value, issues);
      continue;
    }
    const reason = Object.hasOwn(policy.unsupported, key) ? policy.unsupported[key] : undefined;
    issues.add(
      logicalId,
      `Properties.${key}`,
      reason
        ? `${key} is not supported by the local cloud: ${reason}; ignored`
        : `${key} is not a ${resource.Type} property the local cloud knows; ignored`,
    );
  }
}

function reportEvents(logicalId: string, events: TemplateObject, issues: IssueList): void {
  for (const [name, event] of Object.entries(events)) {
    const type = isObject(event) && typeof event.Type === 'string' ? event.Type : 'unknown';
    issues.add(
      logicalId,
      `Properties.Events.${name}`,
      `${type} event sources are not supported by the local cloud yet; the function is not triggered by ${name}`,
    );
  }
}
