import type { _Record, AttributeValue } from '@aws-sdk/client-dynamodb-streams';

/** A DynamoDB attribute value in its JSON wire form (binary as base64, numbers as strings). */
export type WireAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, WireAttributeValue> }
  | { L: WireAttributeValue[] }
  | { NULL: boolean }
  | { BOOL: boolean };

/** One element of `Records` in the event Lambda sends for a DynamoDB stream. */
export interface DynamoDBStreamLambdaRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds, a number (the Streams API sends it so; the SDK hands us a Date). */
    ApproximateCreationDateTime?: number;
    Keys: Record<string, WireAttributeValue>;
    NewImage?: Record<string, WireAttributeValue>;
    OldImage?: Record<string, WireAttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
  /** Present on deletes made by TTL: `{type: "Service", principalId: "dynamodb.amazonaws.com"}`. */
  userIdentity?: { type: string; principalId: string };
}

/**
 * Converts a record as the DynamoDB Streams SDK client returns it into the record Lambda puts in the
 * function's event. The SDK turns binary attributes into Uint8Array and the creation time into a Date;
 * the function must see the wire form. The region is the stack's (DynamoDB Local says `ddblocal`), and
 * `userIdentity` is renamed to Lambda's lower-case keys.
 */
export function toLambdaRecord(
  record: _Record,
  where: { region: string; streamArn: string },
): DynamoDBStreamLambdaRecord {
  const stream = record.dynamodb ?? {};
  const dynamodb: DynamoDBStreamLambdaRecord['dynamodb'] = {
    ...(stream.ApproximateCreationDateTime
      ? { ApproximateCreationDateTime: stream.ApproximateCreationDateTime.getTime() / 1000 }
      : {}),
    Keys: wireImage(stream.Keys) ?? {},
    ...(stream.NewImage ? { NewImage: wireImage(stream.NewImage) } : {}),
    ...(stream.OldImage ? { OldImage: wireImage(stream.OldImage) } : {}),
    SequenceNumber: stream.SequenceNumber ?? '',
    SizeBytes: stream.SizeBytes ?? 0,
    StreamViewType: stream.StreamViewType ?? 'KEYS_ONLY',
  };
  const converted: DynamoDBStreamLambdaRecord = {
    eventID: record.eventID ?? '',
    eventName: record.eventName ?? 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: where.region,
    dynamodb,
    eventSourceARN: where.streamArn,
  };
  if (record.userIdentity) {
    converted.userIdentity = {
      type: record.userIdentity.Type ?? '',
      principalId: record.userIdentity.PrincipalId ?? '',
    };
  }
  return converted;
}

function wireImage(
  image: Record<string, AttributeValue> | undefined,
): Record<string, WireAttributeValue> | undefined {
  if (!image) return undefined;
  const out: Record<string, WireAttributeValue> = {};
  for (const [name, value] of Object.entries(image)) out[name] = wireValue(value);
  return out;
}

export function wireValue(value: AttributeValue): WireAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: wireImage(value.M) ?? {} };
  if (value.L !== undefined) return { L: value.L.map(wireValue) };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  // A type newer than this SDK: pass it through as read rather than stall the shard on it.
  const [type, raw] = value.$unknown;
  return { [type]: raw } as unknown as WireAttributeValue;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
