import { invalidParameter, logGroupNotFound } from './errors.js';
import type { RequestReader, StringRules } from './request-reader.js';

/** Where the local cloud pretends to run: ARNs carry the region and the account. */
export interface LogsContext {
  region: string;
  accountId: string;
}

// The model's constraints on names, quoted in the service's validation messages.
export const LOG_GROUP_NAME: StringRules = { min: 1, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]+' };
export const LOG_GROUP_NAME_PATTERN: StringRules = { min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' };
export const LOG_GROUP_IDENTIFIER: StringRules = { min: 1, max: 2048, pattern: '[\\w#+=/:,.@-]*' };
export const LOG_STREAM_NAME: StringRules = { min: 1, max: 512, pattern: '[^:*]*' };

/** The ARN DescribeLogGroups returns as `arn`, with the trailing `:*` IAM policies use. */
export function logGroupArn(context: LogsContext, name: string): string {
  return `${logGroupArnWithoutWildcard(context, name)}:*`;
}

/** The ARN without the trailing `:*` (`logGroupArn` of DescribeLogGroups, accepted as an identifier). */
export function logGroupArnWithoutWildcard(context: LogsContext, name: string): string {
  return `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}`;
}

export function logStreamArn(context: LogsContext, group: string, stream: string): string {
  return `${logGroupArnWithoutWildcard(context, group)}:log-stream:${stream}`;
}

/**
 * The group a request is about, given as `logGroupName` or as `logGroupIdentifier` (a name or an ARN,
 * with or without `:*`); exactly one of them. An ARN of another account or region names no group here.
 */
export function readLogGroup<Request extends { logGroupName?: string; logGroupIdentifier?: string }>(
  reader: RequestReader<Request>,
  context: LogsContext,
): () => string {
  const name = reader.string('logGroupName', LOG_GROUP_NAME);
  const identifier = reader.string('logGroupIdentifier', LOG_GROUP_IDENTIFIER);
  // Resolved after reader.check(), so that constraint violations are reported first.
  return () => {
    if (name !== undefined && identifier !== undefined) {
      throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    if (name !== undefined) return name;
    if (identifier === undefined) {
      throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    }
    const groupName = groupNameOfIdentifier(identifier, context);
    if (groupName === undefined) throw logGroupNotFound();
    return groupName;
  };
}

/**
 * The group name a `logGroupIdentifier` stands for, or undefined when it is an ARN that cannot name a
 * group of this account and region.
 */
export function groupNameOfIdentifier(identifier: string, context: LogsContext): string | undefined {
  if (!identifier.startsWith('arn:')) return identifier;
  const match = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:([^:]+)(?::\*)?$/.exec(identifier);
  if (!match || match[1] !== context.region || match[2] !== context.accountId) return undefined;
  return match[3];
}
