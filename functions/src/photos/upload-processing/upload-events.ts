import { z } from 'zod';

/** S3 event keys are URL-encoded like a form value: `+` for a space, `%XX` for the rest. */
export function decodeEventKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The fields of an S3 notification record that processing needs (AWS sends many more). */
const s3Record = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().optional(), eTag: z.string().optional() }),
  }),
});
const s3Event = z.object({ Records: z.array(z.unknown()) });

export interface ObjectCreated {
  bucket: string;
  /** Decoded: the object's real key. */
  key: string;
  eTag?: string;
  size?: number;
  eventTime?: string;
}

/**
 * The object-created records of an S3 notification, keys decoded. Records of other kinds (removals)
 * and records that are not S3's shape are left out, each reported to `skip` with why.
 */
export function objectsCreatedIn(event: unknown, skip: (why: string) => void = () => {}): ObjectCreated[] {
  const parsed = s3Event.safeParse(event);
  if (!parsed.success) {
    skip('not an S3 notification');
    return [];
  }
  const created: ObjectCreated[] = [];
  for (const raw of parsed.data.Records) {
    const record = s3Record.safeParse(raw);
    if (!record.success) {
      skip('a record that is not an S3 record');
      continue;
    }
    const { eventName, eventTime, s3 } = record.data;
    if (!eventName.startsWith('ObjectCreated:')) {
      skip(`event ${eventName}`);
      continue;
    }
    const key = decodeEventKey(s3.object.key);
    if (key === undefined) {
      skip('a key that is not URL-encoded');
      continue;
    }
    created.push({ bucket: s3.bucket.name, key, eTag: s3.object.eTag, size: s3.object.size, eventTime });
  }
  return created;
}

/** S3 ETags come quoted from HeadObject and bare in events; compare them bare. */
export const bareETag = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');
