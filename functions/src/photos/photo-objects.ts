import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3 } from '#shared/aws-clients.js';
import { setting } from '#shared/environment.js';

// The photos area's objects in the photos bucket: originals under `uploads/` (their key is a contract
// with the browser, `#contracts/upload-key.ts`) and published sizes under `photos/`. Presigned reads
// of the sizes, which the feed makes too, are in `#shared/photo-views.ts`.

/** `photos/<photo id>/<width>.webp`: a published size, never changed once written. */
export const sizeKeyOf = (photoId: string, width: number) => `photos/${photoId}/${width}.webp`;

/** Published sizes never change under their key, so browsers may keep them as long as they like. */
export const SIZE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** An object's metadata, or undefined if it is not there. */
export async function headObject(key: string): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3().send(new HeadObjectCommand({ Bucket: setting('PHOTOS_BUCKET'), Key: key }));
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}

/** The bytes of the very object that was checked (`IfMatch`); undefined if it changed or went. */
export async function readObject(key: string, etag: string | undefined): Promise<Uint8Array | undefined> {
  try {
    const object = await s3().send(
      new GetObjectCommand({ Bucket: setting('PHOTOS_BUCKET'), Key: key, IfMatch: etag }),
    );
    return await object.Body?.transformToByteArray();
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (isMissingObject(error) || status === 412) return undefined;
    throw error;
  }
}

/** Writes one published size of a photo under `sizeKeyOf`, cacheable for good. */
export async function putSize(key: string, body: Uint8Array, contentType: string): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: setting('PHOTOS_BUCKET'),
      Key: key,
      Body: body,
      ContentType: contentType,
      CacheControl: SIZE_CACHE_CONTROL,
    }),
  );
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: setting('PHOTOS_BUCKET'), Key: key }));
}

/** S3's answer for an object that is not there (HeadObject says NotFound, GetObject NoSuchKey). */
export function isMissingObject(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const name = (error as { name?: string })?.name;
  return status === 404 || name === 'NotFound' || name === 'NoSuchKey';
}
