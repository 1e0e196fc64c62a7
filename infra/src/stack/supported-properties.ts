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

/**
 * Reports every property of a resource the local cloud does not honour, once per property; SAM
 * `Events` of the types it does not wire are reported one event at a time, with their type.
 */
export function reportUnhonouredProperties(
  logicalId: string,
  resource: RawResource,
  issues: IssueList,
  /** What each service does with the properties of its resource types (the registry merges them). */
  supported: Readonly<Record<string, PropertyPolicy>>,
): void {
  const policy = ownValue(supported, resource.Type);
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
