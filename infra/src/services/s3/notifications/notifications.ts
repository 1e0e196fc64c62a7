import type { LambdaNotification } from '../../../stack/types.js';

export type S3EventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload'
  | 'ObjectRemoved:Delete'
  | 'ObjectRemoved:DeleteMarkerCreated';

/** One change to an object that may be worth a notification. */
export interface ObjectEvent {
  name: S3EventName;
  bucket: string;
  key: string;
  /** Created objects only. */
  size?: number;
  /** Created objects only, as S3 prints it in events: without quotes. */
  etag?: string;
  requestId: string;
  sourceIp: string;
  /** Who made the change: `AWS:<key id or role session>`. */
  principalId: string;
  time: Date;
}

/** Hands an event payload to the durable asynchronous invocation queue of a function. */
export type DeliverAsync = (functionName: string, payload: Buffer) => Promise<void>;

/**
 * S3 event notifications to Lambda: every notification configuration of the bucket whose event
 * types and key filters match gets the contract's event record, delivered as an asynchronous
 * invocation through Lambda's durable queue (retries, destinations). `notify` resolves once each
 * event is durably queued, so a request acknowledged to the client never loses its event.
 */
export class S3Notifier {
  private lastSequencer = 0n;

  constructor(
    private readonly deliver: DeliverAsync,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  async notify(configurations: readonly LambdaNotification[], event: ObjectEvent): Promise<void> {
    const matching = configurations.filter((configuration) => matches(configuration, event));
    if (matching.length === 0) return;
    const sequencer = this.nextSequencer();
    await Promise.all(
      matching.map((configuration) =>
        this.deliver(
          configuration.functionName,
          Buffer.from(JSON.stringify({ Records: [this.record(configuration, event, sequencer)] })),
        ),
      ),
    );
  }

  private record(configuration: LambdaNotification, event: ObjectEvent, sequencer: string): object {
    const created = event.name.startsWith('ObjectCreated:');
    return {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: this.region,
      eventTime: event.time.toISOString(),
      eventName: event.name,
      userIdentity: { principalId: event.principalId },
      requestParameters: { sourceIPAddress: event.sourceIp },
      responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': hostId(event.requestId) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: configuration.id,
        bucket: {
          name: event.bucket,
          ownerIdentity: { principalId: this.accountId },
          arn: `arn:aws:s3:::${event.bucket}`,
        },
        object: created
          ? { key: eventKey(event.key), size: event.size, eTag: event.etag, sequencer }
          : { key: eventKey(event.key), sequencer },
      },
    };
  }

  /**
   * S3's sequencer orders events of one key: a hex string that compares greater for later changes.
   * Time-based, so the order holds across restarts.
   */
  private nextSequencer(): string {
    const now = BigInt(Date.now()) << 16n;
    this.lastSequencer = now > this.lastSequencer ? now : this.lastSequencer + 1n;
    return this.lastSequencer.toString(16).toUpperCase().padStart(18, '0');
  }
}

/** Whether a configuration wants this event: its event types (`s3:ObjectCreated:*` …) and key filters. */
export function matches(configuration: LambdaNotification, event: ObjectEvent): boolean {
  const type = `s3:${event.name}`;
  const wanted = configuration.events.some(
    (pattern) => pattern === type || (pattern.endsWith(':*') && type.startsWith(pattern.slice(0, -1))),
  );
  return (
    wanted &&
    (configuration.prefix === undefined || event.key.startsWith(configuration.prefix)) &&
    (configuration.suffix === undefined || event.key.endsWith(configuration.suffix))
  );
}

/** Keys in events are URL-encoded as a form value: spaces become `+`, slashes stay. */
export function eventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** The opaque `x-amz-id-2` S3 pairs with each request id. */
export function hostId(requestId: string): string {
  return Buffer.from(`local-cloud/${requestId}`).toString('base64');
}
