import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import Busboy from 'busboy';
import type { ServiceResponse } from '../../../core/service.js';
import { signingKey } from '../../../core/sigv4/signing-key.js';
import type { S3Context, S3Request } from '../context.js';
import { accessDenied, invalidArgument, s3Error } from '../errors.js';
import { authorize } from '../permissions.js';
import { emptyResponse, xmlResponse } from '../responses.js';
import type { ObjectRecord } from '../store/object-store.js';
import { objectHeadersOf } from './object-headers.js';
import { checkKey, MAX_PUT_BYTES, notify } from './object-operations.js';
import { checkFields, checkLength, missingFile, parsePolicy } from './post-policy.js';

/** A key field may name the uploaded file's name: S3 substitutes it. */
const FILENAME_VARIABLE = '$' + '{filename}';

/** S3 keeps the fields before the file small: 20 KB in all. */
const MAX_FIELDS_BYTES = 20 * 1024;

interface Form {
  /** The fields before the file (S3 ignores those after it), names lowercase. */
  fields: Map<string, string>;
  file?: { stream: Readable; filename: string };
}

/**
 * PostObject: a browser uploads a file with an HTML form (or `fetch` and `FormData`), authorised by a
 * policy that someone holding credentials signed beforehand (`@aws-sdk/s3-presigned-post`). The policy
 * bounds the key, the size (`content-length-range`) and every other field; the file streams to a
 * temporary object and is published only once it is whole and within the bounds.
 */
export async function postObject(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  context.store.requireBucket(request.bucket);
  if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    throw s3Error(
      'PreconditionFailed',
      'Bucket POST must be of the enclosure-type multipart/form-data',
      412,
      {
        Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
      },
    );
  }
  const form = await readForm(request);
  if (!form.file) throw missingFile();
  const { fields, file } = form;
  try {
    authenticate(context, request, fields);
    const policy = parsePolicy(fields.get('policy') as string);
    checkFields(policy, fields, request.bucket, Date.now());
    const key = (fields.get('key') ?? '').replaceAll(FILENAME_VARIABLE, file.filename);
    if (key === '') throw invalidArgument("Bucket POST must contain a field named 'key'.", 'key', '');
    checkKey(key);
    authorize(context, request.caller, {
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${request.bucket}/${key}`,
    });
    const record = await store(context, request.bucket, key, fields, file.stream, (size) =>
      checkLength(policy, size),
    );
    await notify(context, { ...request, key }, 'ObjectCreated:Post', record);
    return answer(request, fields, record);
  } finally {
    // Fields after the file, or a file left unread after an error: read and dropped.
    file.stream.resume();
  }
}

/** Parses the form up to its file part, which is returned unread. */
function readForm(request: S3Request): Promise<Form> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: request.headers,
        limits: { fieldSize: MAX_FIELDS_BYTES, files: 1, fileSize: MAX_PUT_BYTES + 1 },
      });
    } catch {
      reject(
        s3Error(
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
          400,
        ),
      );
      return;
    }
    let fieldBytes = 0;
    let found = false;
    parser.on('field', (name, value) => {
      if (found) return;
      fieldBytes += name.length + value.length;
      if (fieldBytes > MAX_FIELDS_BYTES) {
        reject(
          s3Error(
            'MaxPostPreDataLengthExceeded',
            'Your POST request fields preceding the upload file were too large.',
            400,
          ),
        );
      }
      fields.set(name.toLowerCase(), value);
    });
    parser.on('file', (name, stream, info) => {
      if (found || name.toLowerCase() !== 'file') {
        stream.resume();
        return;
      }
      found = true;
      resolve({ fields, file: { stream, filename: info.filename ?? '' } });
    });
    parser.on('close', () => resolve({ fields }));
    parser.on('error', () =>
      reject(
        s3Error(
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
          400,
        ),
      ),
    );
    Readable.from(request.bodyStream ?? []).pipe(parser);
  });
}

/** The form's own signature: HMAC of the base64 policy with the signer's SigV4 key. */
function authenticate(context: S3Context, request: S3Request, fields: ReadonlyMap<string, string>): void {
  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (policy === undefined || signature === undefined || credential === undefined) {
    throw accessDenied(
      'Bucket POST must contain a policy and a signature: anonymous uploads are not allowed.',
    );
  }
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw invalidArgument(
      'Only AWS4-HMAC-SHA256 is supported.',
      'x-amz-algorithm',
      fields.get('x-amz-algorithm') ?? '',
    );
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = credential.split('/');
  if (service !== 's3' || terminator !== 'aws4_request' || !/^\d{8}$/.test(date)) {
    throw invalidArgument(
      'Invalid credential: expected <key>/<yyyymmdd>/<region>/s3/aws4_request.',
      'x-amz-credential',
      credential,
    );
  }
  if (region !== context.region) {
    throw s3Error(
      'AuthorizationQueryParametersError',
      `Error parsing the X-Amz-Credential parameter; the region '${region}' is wrong; expecting '${context.region}'`,
      400,
    );
  }
  const found = context.credentials.lookup(accessKeyId);
  if (!found) {
    throw s3Error(
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      403,
      {
        AWSAccessKeyId: accessKeyId,
      },
    );
  }
  const token = fields.get('x-amz-security-token');
  if ((found.sessionToken ?? '') !== (token ?? '')) {
    throw s3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
  }
  const expected = createHmac('sha256', signingKey(found.secretAccessKey, date, region, 's3'))
    .update(policy)
    .digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw s3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
    );
  }
  request.caller = found.caller;
}

/** Streams the file into a temporary object, within the policy's size, and publishes it. */
async function store(
  context: S3Context,
  bucket: string,
  key: string,
  fields: ReadonlyMap<string, string>,
  file: Readable,
  checkSize: (size: number) => void,
): Promise<ObjectRecord> {
  const pending = await context.store.beginPut(bucket, key);
  try {
    const md5 = createHash('md5');
    let size = 0;
    for await (const chunk of file as AsyncIterable<Buffer>) {
      size += chunk.length;
      md5.update(chunk);
      await pending.write(chunk);
    }
    checkSize(size);
    const headers = Object.fromEntries(
      [...fields].filter(([name]) => STORED_FIELDS.has(name) || name.startsWith('x-amz-meta-')),
    );
    return await pending.commit({ ...objectHeadersOf(headers), etag: `"${md5.digest('hex')}"` });
  } catch (error) {
    await pending.abort();
    throw error;
  }
}

const STORED_FIELDS = new Set([
  'content-type',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'expires',
]);

/** `success_action_redirect`, else `success_action_status` (200, 201 with an XML body, 204 by default). */
function answer(
  request: S3Request,
  fields: ReadonlyMap<string, string>,
  record: ObjectRecord,
): ServiceResponse {
  const location = `http://${request.headers.host ?? 'localhost'}/${request.bucket}/${encodeURI(record.key)}`;
  const redirect = fields.get('success_action_redirect');
  if (redirect) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', request.bucket);
    target.searchParams.set('key', record.key);
    target.searchParams.set('etag', record.etag);
    return emptyResponse(request.requestId, 303, { location: target.href, etag: record.etag });
  }
  const status = fields.get('success_action_status');
  if (status === '201') {
    return xmlResponse(
      request.requestId,
      'PostResponse',
      { Location: location, Bucket: request.bucket, Key: record.key, ETag: record.etag },
      { etag: record.etag, location },
      201,
    );
  }
  return emptyResponse(request.requestId, status === '200' ? 200 : 204, { etag: record.etag, location });
}
