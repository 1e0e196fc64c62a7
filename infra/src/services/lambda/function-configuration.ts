import { createHash } from 'node:crypto';
import type { FunctionConfiguration, GetFunctionResponse } from '@aws-sdk/client-lambda';
import { functionArn } from './function-names.js';
import type { FunctionState } from './packaging/deployments.js';

export interface ServiceLocation {
  region: string;
  accountId: string;
  endpointUrl: string;
}

/** Lambda's `2026-01-01T00:00:00.000+0000` timestamp form. */
export function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** A function's configuration exactly as GetFunctionConfiguration and ListFunctions return it. */
export function functionConfiguration(
  state: FunctionState,
  code: { sha256: string; size: number },
  where: ServiceLocation,
): FunctionConfiguration {
  const { fn } = state.deployment;
  const configuration: FunctionConfiguration = {
    FunctionName: fn.functionName,
    FunctionArn: functionArn(fn.functionName, where),
    Runtime: fn.runtime as FunctionConfiguration['Runtime'],
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: code.size,
    Description: fn.description ?? '',
    Timeout: fn.timeout,
    MemorySize: fn.memorySize,
    LastModified: lambdaTimestamp(state.lastModified),
    CodeSha256: code.sha256,
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: revisionId(code.sha256, state.deployment.version),
    State: 'Active',
    LastUpdateStatus: state.buildFailure ? 'Failed' : 'Successful',
    PackageType: 'Zip',
    Architectures: fn.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.functionName}` },
  };
  if (Object.keys(fn.environment).length > 0) configuration.Environment = { Variables: fn.environment };
  if (state.buildFailure) {
    configuration.LastUpdateStatusReason = state.buildFailure.message;
    configuration.LastUpdateStatusReasonCode =
      'InvalidImage' as FunctionConfiguration['LastUpdateStatusReasonCode'];
  }
  return configuration;
}

/** GetFunction: the configuration, where the code is, tags, and reserved concurrency when set. */
export function functionDetails(
  state: FunctionState,
  code: { sha256: string; size: number },
  where: ServiceLocation,
): GetFunctionResponse {
  const { fn } = state.deployment;
  const details: GetFunctionResponse = {
    Configuration: functionConfiguration(state, code, where),
    Code: {
      RepositoryType: 'S3',
      Location: `${where.endpointUrl}/_local/lambda/functions/${encodeURIComponent(fn.functionName)}/code`,
    },
  };
  if (Object.keys(fn.tags).length > 0) details.Tags = fn.tags;
  if (fn.reservedConcurrency !== undefined)
    details.Concurrency = { ReservedConcurrentExecutions: fn.reservedConcurrency };
  return details;
}

/** A stable UUID-shaped revision id that changes whenever the code does. */
function revisionId(sha256: string, version: number): string {
  const hex = createHash('sha256').update(`${sha256}:${version}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
