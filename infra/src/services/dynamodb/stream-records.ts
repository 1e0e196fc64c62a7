import type { GetRecordsOutput } from '@aws-sdk/client-dynamodb-streams';

/**
 * DynamoDB Local 3.x writes a TTL deletion to the stream as an `EXPIRE` record and means to show it
 * as AWS does (`REMOVE` with the DynamoDB service as `userIdentity`), but since its move to the Java
 * SDK v2 that rewrite never matches and the record goes out named `UNKNOWN_TO_SDK_VERSION` (the
 * SDK's name for an enum value it does not know). `EXPIRE` is the only such value, so the name
 * identifies TTL deletions exactly.
 */
const LOCAL_TTL_EVENT_NAME = 'UNKNOWN_TO_SDK_VERSION';

/**
 * What AWS puts in the stream record of an item that time to live deleted, as GetRecords spells it
 * (`Identity` of the Streams API). Lambda's stream events spell it `{type, principalId}`.
 */
export const TTL_USER_IDENTITY = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } as const;

/**
 * A GetRecords answer of DynamoDB Local, made to read as AWS's: TTL deletions as `REMOVE` records by
 * the DynamoDB service, and the stack's region instead of Local's `ddblocal`.
 */
export function awsStreamRecords(body: string, region: string): string {
  const output = JSON.parse(body) as GetRecordsOutput;
  for (const record of output.Records ?? []) {
    record.awsRegion = region;
    if ((record.eventName as string) === LOCAL_TTL_EVENT_NAME) {
      record.eventName = 'REMOVE';
      record.userIdentity = { ...TTL_USER_IDENTITY };
    }
  }
  return JSON.stringify(output);
}
