import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { originalKeyOf, uploadMetadataOf } from '@lambdagram/functions/contracts/upload-key';
import { contentTypeOf } from '../file-checks';
import type { UploadRequest, UploadTask } from '../upload-queue';

/** Parts of 5 MB (S3's smallest), three at a time: a 25 MB photo goes up in five parts. */
export const PART_SIZE = 5 * 1024 * 1024;
export const PARTS_AT_ONCE = 3;

export interface UploadTarget {
  s3: S3Client;
  bucket: string;
  identityId: string;
}

/**
 * Puts an original into the photos bucket with its caption and visibility as metadata, with
 * progress; files over one part go up as a multipart upload (`@aws-sdk/lib-storage`).
 * `processUpload` takes it from there.
 */
export function uploadOriginal(target: UploadTarget, request: UploadRequest): UploadTask {
  const upload = new Upload({
    client: target.s3,
    partSize: PART_SIZE,
    queueSize: PARTS_AT_ONCE,
    params: {
      Bucket: target.bucket,
      Key: originalKeyOf(target.identityId, request.photoId),
      Body: request.file,
      ContentType: contentTypeOf(request.file) ?? 'application/octet-stream',
      Metadata: uploadMetadataOf(request.caption, request.visibility),
    },
  });
  upload.on('httpUploadProgress', ({ loaded, total }) => {
    request.onProgress(loaded ?? 0, total ?? request.file.size);
  });
  return {
    done: upload.done(),
    abort: () => {
      void upload.abort().catch(() => undefined);
    },
  };
}
