import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { EventSourceMappingDefinition } from '../../../stack/types.js';
import { functionArn } from '../function-names.js';
import type { MappingSettings } from './mapping-settings.js';

/**
 * EventSourceMappingConfiguration as it travels in JSON: the SDK's type reads `LastModified` into a
 * Date, the wire carries epoch seconds.
 */
export type EventSourceMappingJson = Omit<
  EventSourceMappingConfiguration,
  'LastModified' | 'StartingPositionTimestamp'
> & { LastModified: number };

export type MappingState = 'Enabled' | 'Disabled' | 'Enabling' | 'Disabling' | 'Updating';

export interface MappingView {
  definition: EventSourceMappingDefinition;
  settings: MappingSettings;
  /** Epoch seconds. */
  lastModified: number;
  state: MappingState;
  /** `No records processed`, `OK`, `PROBLEM: …`. */
  lastProcessingResult: string;
  eventSourceArn: string;
}

/** A DynamoDB stream mapping the way Get/List/UpdateEventSourceMapping show it, fields in Lambda's order. */
export function renderMapping(
  view: MappingView,
  where: { region: string; accountId: string },
): EventSourceMappingJson {
  const { definition, settings } = view;
  return {
    UUID: definition.uuid,
    StartingPosition: definition.startingPosition,
    BatchSize: settings.batchSize,
    MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowInSeconds,
    ParallelizationFactor: 1,
    EventSourceArn: view.eventSourceArn,
    ...(settings.filterPatterns.length > 0
      ? { FilterCriteria: { Filters: settings.filterPatterns.map((Pattern) => ({ Pattern })) } }
      : {}),
    FunctionArn: functionArn(definition.functionName, where),
    LastModified: view.lastModified,
    LastProcessingResult: view.lastProcessingResult,
    State: view.state,
    // Every state change of a template mapping comes from its template or the API, never from Lambda.
    StateTransitionReason: 'User action',
    DestinationConfig: {
      OnFailure: settings.failureDestination ? { Destination: settings.failureDestination.arn } : {},
    },
    MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    TumblingWindowInSeconds: 0,
    FunctionResponseTypes: settings.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
    EventSourceMappingArn: `arn:aws:lambda:${where.region}:${where.accountId}:event-source-mapping:${definition.uuid}`,
  };
}
