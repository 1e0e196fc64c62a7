import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUploadKey } from '../../../../src/contracts/upload-key.js';
import {
  bareETag,
  decodeEventKey,
  objectsCreatedIn,
} from '../../../../src/photos/upload-processing/upload-events.js';

const IDENTITY = 'us-east-1:6a9f2c3e-5b1d-4c8e-9f0a-2d7b4e6c1a35';
const PHOTO = '0c2d8e4f-7a1b-4c3d-9e5f-6a7b8c9d0e1f';

interface S3Record {
  eventName: string;
  s3: { object: { key: string } };
}

/** S3's Put notification as AWS sends it (one record), key URL-encoded (the identity's `:` is `%3A`). */
function putEvent(): { Records: [S3Record, ...S3Record[]] } {
  return JSON.parse(readFileSync(new URL('../../../events/s3/put.json', import.meta.url), 'utf8'));
}

function withKey(encodedKey: string) {
  const event = putEvent();
  event.Records[0].s3.object.key = encodedKey;
  return event;
}

describe('objectsCreatedIn', () => {
  it('reads the decoded key, bucket, ETag and time of an S3 Put notification', () => {
    // prepare
    const event = putEvent();

    // act
    const created = objectsCreatedIn(event);

    // assess
    expect(created).toEqual([
      {
        bucket: 'lambdagram-photos-123456789012',
        key: `uploads/${IDENTITY}/${PHOTO}`,
        eTag: '9b2cf535f27731c974343645a3985328',
        size: 2483117,
        eventTime: '2026-03-14T09:26:53.589Z',
      },
    ]);
    expect(parseUploadKey(created[0]?.key ?? '')).toEqual({ identityId: IDENTITY, photoId: PHOTO });
  });

  it('decodes a key as S3 encodes it: + for a space, %2B for a plus', () => {
    // act
    const [created] = objectsCreatedIn(withKey('uploads/holiday+photo%2B1%C3%A9.jpg'));

    // assess
    expect(created?.key).toBe('uploads/holiday photo+1é.jpg');
  });

  it('leaves out removals and records that are not S3 records, saying why', () => {
    // prepare
    const removal = putEvent();
    removal.Records[0].eventName = 'ObjectRemoved:Delete';
    const skipped: string[] = [];

    // act
    const fromRemoval = objectsCreatedIn(removal, (why) => skipped.push(why));
    const fromJunk = objectsCreatedIn({ Records: [{ hello: 'world' }] }, (why) => skipped.push(why));
    const fromNothing = objectsCreatedIn({ detail: 'not S3' }, (why) => skipped.push(why));

    // assess
    expect([fromRemoval, fromJunk, fromNothing]).toEqual([[], [], []]);
    expect(skipped).toEqual([
      'event ObjectRemoved:Delete',
      'a record that is not an S3 record',
      'not an S3 notification',
    ]);
  });

  it('keeps every object-created kind (multipart uploads, copies)', () => {
    // prepare
    const event = putEvent();
    event.Records.push({
      ...structuredClone(event.Records[0]),
      eventName: 'ObjectCreated:CompleteMultipartUpload',
    });

    // act
    const created = objectsCreatedIn(event);

    // assess
    expect(created).toHaveLength(2);
  });
});

describe('decodeEventKey', () => {
  it('refuses a key that is not valid URL encoding', () => {
    expect(decodeEventKey('uploads/%E0%A4%A')).toBeUndefined();
  });
});

describe('bareETag', () => {
  it('compares the quoted ETag of HeadObject with the bare one of an event', () => {
    expect(bareETag('"9b2cf535f27731c974343645a3985328"')).toBe('9b2cf535f27731c974343645a3985328');
    expect(bareETag('9b2cf535f27731c974343645a3985328')).toBe('9b2cf535f27731c974343645a3985328');
  });
});
