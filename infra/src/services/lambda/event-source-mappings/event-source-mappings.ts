import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { tableArn } from '../../../stack/arns.js';
import type { EventSourceMappingDefinition, StreamFailureDestination } from '../../../stack/types.js';
import { invalidParameterValue, resourceNotFound } from '../errors.js';
import { functionArn } from '../function-names.js';
import { CheckpointFile } from './checkpoints.js';
import type { FailureDelivery } from './failure-record.js';
import { compileFilters, type RecordFilter } from './filter-criteria.js';
import { type EventSourceMappingJson, type MappingState, renderMapping } from './mapping-configuration.js';
import { MappingPoller, sameStream } from './mapping-poller.js';
import { applyUpdate, type MappingSettings } from './mapping-settings.js';
import { MappingStore } from './mapping-store.js';
import type { SyncInvoker } from './sync-invoke.js';

export interface EventSourceMappingsOptions {
  /** The local cloud's state directory; mappings keep their files under `events/`. */
  stateDir: string;
  region: string;
  accountId: string;
  mappings: readonly EventSourceMappingDefinition[];
  streams: DynamoDBStreamsClient;
  /** For DescribeTable → LatestStreamArn. */
  dynamodb: DynamoDBClient;
  invoke: SyncInvoker;
  /**
   * Writes the object Lambda keeps for a discarded batch to the OnFailure bucket, as PutObject would,
   * and fires the bucket's notifications. Resolving means the object is stored: the batch's records
   * are skipped after it. A rejection (no such bucket, …) is logged and the same object offered again
   * with backoff, so the shard waits until it is accepted (or the destination is changed or removed).
   */
  deliverFailure(target: StreamFailureDestination, delivery: FailureDelivery): Promise<void>;
  /** Multiplies retry and throttle backoff (1 s doubling up to 30 s); tests make it small. Default 1. */
  retryDelayScale?: number;
  /** Idle poll interval of each open shard; default 250 ms, Lambda's 4 polls a second. */
  pollIntervalMs?: number;
  /** How often shards and the table's stream are looked up again between writes; default 5 s. */
  refreshIntervalMs?: number;
  log?: (message: string) => void;
}

export interface ListEventSourceMappingsJson {
  EventSourceMappings: EventSourceMappingJson[];
  NextMarker?: string;
}

interface Mapping {
  definition: EventSourceMappingDefinition;
  settings: MappingSettings;
  filter: RecordFilter;
  lastModified: number;
  lastProcessingResult: string;
  state: MappingState;
  checkpoints: CheckpointFile;
  poller?: MappingPoller;
  /** Enabling and disabling, one after the other. */
  transition: Promise<void>;
}

const DEFAULT_PAGE = 100;

/**
 * The stack's DynamoDB stream → Lambda event source mappings: one poller per enabled mapping, and
 * the mappings as ListEventSourceMappings, GetEventSourceMapping and UpdateEventSourceMapping show and
 * change them. Settings changed through the API and each mapping's stream positions survive restarts.
 * When a batch is given up, the object real Lambda writes to an S3 OnFailure destination is built here
 * (see `s3FailureObject`); `deliverFailure` only stores it.
 *
 * @example
 * const mappings = new EventSourceMappings({ stateDir, region, accountId, mappings: stack.eventSourceMappings,
 *   streams, dynamodb,
 *   invoke: (name, payload, id) => lambda.invokeInternally(name, payload, id).then(toSyncInvokeResult),
 *   // key `aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/…`, body: Lambda's record plus the failed event
 *   deliverFailure: (target, { key, body }) => putServiceObject(s3, target.bucketName, key, body) });
 * await mappings.start();
 * lambda.eventSourceMappings = mappings; // the API routes
 * // the DynamoDB proxy, after each successful write: mappings.nudge(tableName)
 */
export class EventSourceMappings {
  private readonly mappings = new Map<string, Mapping>();
  private readonly store: MappingStore;
  private readonly dir: string;
  private started = false;
  private closed = false;

  constructor(private readonly options: EventSourceMappingsOptions) {
    this.dir = path.join(options.stateDir, 'events');
    this.store = new MappingStore(this.dir);
    const records = this.store.resolve(options.mappings, epochSeconds());
    for (const definition of options.mappings) {
      const { settings, lastModified } = records.get(definition.uuid) as {
        settings: MappingSettings;
        lastModified: number;
      };
      this.mappings.set(definition.uuid, {
        definition,
        settings,
        filter: compileFilters(settings.filterPatterns),
        lastModified,
        lastProcessingResult: 'No records processed',
        state: settings.enabled ? 'Enabled' : 'Disabled',
        checkpoints: new CheckpointFile(this.dir, definition.uuid),
        transition: Promise.resolve(),
      });
    }
  }

  /** Starts polling every enabled mapping; resolves once each has looked for its stream once. */
  async start(): Promise<void> {
    await this.store.save();
    this.started = true;
    await Promise.all(
      [...this.mappings.values()]
        .filter((m) => m.settings.enabled)
        .map((mapping) => this.transition(mapping, true)),
    );
  }

  /** Stops polling; batches in flight finish and are checkpointed first. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.mappings.values()].map((mapping) => this.transition(mapping, false)));
  }

  /** A write to this table just succeeded: its mappings read their stream now. */
  nudge(tableName: string): void {
    for (const mapping of this.mappings.values()) {
      if (mapping.definition.tableName === tableName) mapping.poller?.nudge();
    }
  }

  /** ListEventSourceMappings: by function (name or ARN) and/or stream ARN, in pages. */
  list(filter: {
    functionName?: string;
    eventSourceArn?: string;
    marker?: string;
    maxItems?: number;
  }): ListEventSourceMappingsJson {
    const wantedFunction =
      filter.functionName === undefined ? undefined : functionNameOf(filter.functionName);
    const matching = [...this.mappings.values()].filter(
      (mapping) =>
        (wantedFunction === undefined || mapping.definition.functionName === wantedFunction) &&
        (filter.eventSourceArn === undefined ||
          sameStream(filter.eventSourceArn, this.eventSourceArn(mapping))),
    );
    let start = 0;
    if (filter.marker) {
      const after = Buffer.from(filter.marker, 'base64url').toString('utf8');
      start = matching.findIndex((mapping) => mapping.definition.uuid === after) + 1;
      if (start === 0) throw invalidParameterValue('Invalid Marker.');
    }
    const size = filter.maxItems ?? DEFAULT_PAGE;
    const page = matching.slice(start, start + size);
    const body: ListEventSourceMappingsJson = {
      EventSourceMappings: page.map((mapping) => this.render(mapping)),
    };
    if (start + size < matching.length) {
      body.NextMarker = Buffer.from(page.at(-1)?.definition.uuid ?? '').toString('base64url');
    }
    return body;
  }

  /** GetEventSourceMapping. */
  get(uuid: string): EventSourceMappingJson {
    return this.render(this.find(uuid));
  }

  /**
   * UpdateEventSourceMapping: applies at once to the pollers (the next batch uses the new settings) and
   * is stored. Like Lambda, the answer shows the transition (`Enabling`, `Disabling`, `Updating`);
   * GetEventSourceMapping shows `Disabled` once the batch in flight has finished.
   */
  async update(uuid: string, patch: Record<string, unknown>): Promise<EventSourceMappingJson> {
    const mapping = this.find(uuid);
    const next = applyUpdate(mapping.settings, patch, {
      region: this.options.region,
      accountId: this.options.accountId,
      functionName: mapping.definition.functionName,
    });
    const enabledChanged = next.enabled !== mapping.settings.enabled;
    if (next.filterPatterns.join('\n') !== mapping.settings.filterPatterns.join('\n')) {
      mapping.filter = compileFilters(next.filterPatterns);
    }
    mapping.settings = next;
    mapping.lastModified = epochSeconds();
    await this.store.update(uuid, next, mapping.lastModified);
    let shown: MappingState = 'Updating';
    if (enabledChanged) {
      shown = next.enabled ? 'Enabling' : 'Disabling';
      mapping.state = shown;
      void this.transition(mapping, next.enabled);
    }
    return this.render(mapping, shown);
  }

  private find(uuid: string): Mapping {
    const mapping = this.mappings.get(uuid);
    if (!mapping) throw resourceNotFound('The resource you requested does not exist.');
    return mapping;
  }

  /** Starts or stops a mapping's poller, after any transition under way. */
  private transition(mapping: Mapping, enable: boolean): Promise<void> {
    mapping.transition = mapping.transition.then(async () => {
      const run = enable && this.started && !this.closed && mapping.settings.enabled;
      if (run && !mapping.poller) {
        mapping.poller = this.poller(mapping);
        await mapping.poller.start();
      } else if (!run && mapping.poller) {
        const poller = mapping.poller;
        mapping.poller = undefined;
        await poller.close();
      }
      mapping.state = mapping.settings.enabled ? 'Enabled' : 'Disabled';
    });
    return mapping.transition;
  }

  private poller(mapping: Mapping): MappingPoller {
    const { definition } = mapping;
    const { options } = this;
    const log = options.log ?? ((message: string) => console.warn(`[local-cloud] ${message}`));
    return new MappingPoller({
      definition,
      mappingUuid: definition.uuid,
      streams: options.streams,
      dynamodb: options.dynamodb,
      checkpoints: mapping.checkpoints,
      region: options.region,
      functionName: definition.functionName,
      functionArn: functionArn(definition.functionName, options),
      settings: () => mapping.settings,
      filter: () => mapping.filter,
      invoke: options.invoke,
      deliverFailure: options.deliverFailure,
      report: (result) => {
        mapping.lastProcessingResult = result;
      },
      retryDelayScale: options.retryDelayScale ?? 1,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      refreshIntervalMs: options.refreshIntervalMs ?? 5_000,
      log: (message) => log(`event source mapping ${definition.logicalId} (${definition.uuid}): ${message}`),
    });
  }

  private render(mapping: Mapping, state: MappingState = mapping.state): EventSourceMappingJson {
    return renderMapping(
      {
        definition: mapping.definition,
        settings: mapping.settings,
        lastModified: mapping.lastModified,
        state,
        lastProcessingResult: mapping.lastProcessingResult,
        eventSourceArn: this.eventSourceArn(mapping),
      },
      this.options,
    );
  }

  /** The stream's ARN once found (or as last stored); before that, the table's. */
  private eventSourceArn(mapping: Mapping): string {
    return (
      mapping.poller?.streamArn ??
      mapping.checkpoints.state.streamArn ??
      tableArn(this.options.region, this.options.accountId, mapping.definition.tableName)
    );
  }
}

/** `name`, `name:$LATEST`, `123456789012:function:name` or the function's ARN → `name`. */
function functionNameOf(reference: string): string {
  return /(?:^|:function:)([a-zA-Z0-9-_]+)(?::[^:]+)?$/.exec(reference)?.[1] ?? reference;
}

function epochSeconds(): number {
  return Date.now() / 1000;
}
