// A page script bundled for the browser: it uploads the file a person picked straight to the local
// cloud's S3, with the unmodified AWS SDK (lib-storage, with progress) and with a presigned URL,
// from an origin other than the local cloud's, as the web app will.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export interface BrowserUploadResult {
  etag?: string;
  status?: number;
  progress?: number[];
  readBack?: string;
  errorName?: string;
  errorMessage?: string;
}

function pickedFile(): File {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  const file = input?.files?.[0];
  if (!file) throw new Error('no file picked');
  return file;
}

async function uploadWithSdk(endpoint: string, bucket: string, key: string): Promise<BrowserUploadResult> {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    // The account's documented root credentials of the local cloud; the web app will use Cognito.
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const progress: number[] = [];
  try {
    const file = pickedFile();
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: key, Body: file, ContentType: file.type || 'application/octet-stream' },
      partSize: 5 * 1024 * 1024,
    });
    upload.on('httpUploadProgress', (event) => {
      progress.push(event.loaded ?? 0);
      const output = document.querySelector('output');
      if (output) output.textContent = `${event.loaded} / ${event.total}`;
    });
    const done = await upload.done();
    const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { etag: done.ETag, progress, readBack: await read.Body?.transformToString() };
  } catch (error) {
    const { name, message } = error as Error;
    return { errorName: name, errorMessage: message, progress };
  }
}

async function uploadWithPresignedUrl(url: string): Promise<BrowserUploadResult> {
  try {
    const response = await fetch(url, { method: 'PUT', body: pickedFile() });
    return { status: response.status, etag: response.headers.get('etag') ?? undefined };
  } catch (error) {
    const { name, message } = error as Error;
    return { errorName: name, errorMessage: message };
  }
}

Object.assign(window, { lambdagramS3: { uploadWithSdk, uploadWithPresignedUrl } });
document.body.dataset.ready = 'true';
