import type { Caller } from '../../core/auth/caller.js';
import type { S3Context, S3Request } from './context.js';
import { accessDenied } from './errors.js';
import { parseCopySource } from './objects/copy-source.js';

/** One IAM decision an S3 request needs: the action, the ARN it acts on, and S3's condition keys. */
export interface S3Permission {
  action: string;
  resource: string;
  context?: Record<string, string>;
}

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/**
 * What IAM must allow for an S3 request, as S3's authorization reference lists it: `s3:ListBucket` on
 * the bucket (with `s3:prefix`, `s3:delimiter`, `s3:max-keys`) for listings and HeadBucket,
 * `s3:GetObject`/`s3:PutObject`/`s3:DeleteObject` on the object ARN, both sides of a copy, and so on.
 * DeleteObjects is decided key by key where the keys are read.
 */
export function permissionsFor(request: S3Request): S3Permission[] {
  const { method, query, bucket, key } = request;
  if (bucket === '') return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  const onBucket = (action: string, context?: Record<string, string>): S3Permission[] => [
    { action, resource: bucketArn(bucket), ...(context ? { context } : {}) },
  ];
  const onObject = (action: string): S3Permission[] => [{ action, resource: objectArn(bucket, key) }];
  if (key === '') {
    switch (method) {
      case 'GET':
        if (query.has('location')) return onBucket('s3:GetBucketLocation');
        if (query.has('cors')) return onBucket('s3:GetBucketCORS');
        if (query.has('website')) return onBucket('s3:GetBucketWebsite');
        if (query.has('uploads')) return onBucket('s3:ListBucketMultipartUploads');
        return onBucket('s3:ListBucket', listingContext(query));
      case 'HEAD':
        return onBucket('s3:ListBucket');
      case 'PUT':
        if (query.has('cors')) return onBucket('s3:PutBucketCORS');
        if (query.has('website')) return onBucket('s3:PutBucketWebsite');
        return onBucket('s3:CreateBucket');
      case 'DELETE':
        if (query.has('cors')) return onBucket('s3:PutBucketCORS');
        if (query.has('website')) return onBucket('s3:DeleteBucketWebsite');
        return onBucket('s3:DeleteBucket');
      default:
        // POST ?delete: per key, as the keys are read; a POST form: once its key is known.
        return [];
    }
  }
  switch (method) {
    case 'GET':
      return onObject(query.has('uploadId') ? 's3:ListMultipartUploadParts' : 's3:GetObject');
    case 'HEAD':
      return onObject('s3:GetObject');
    case 'PUT': {
      const source = request.headers['x-amz-copy-source'];
      const copySource = typeof source === 'string' ? parseCopySource(source) : undefined;
      return copySource
        ? [
            { action: 's3:GetObject', resource: objectArn(copySource.bucket, copySource.key) },
            ...onObject('s3:PutObject'),
          ]
        : onObject('s3:PutObject');
    }
    case 'POST':
      return onObject('s3:PutObject');
    case 'DELETE':
      return onObject(query.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject');
    default:
      return [];
  }
}

function listingContext(query: URLSearchParams): Record<string, string> {
  const context: Record<string, string> = { 's3:prefix': query.get('prefix') ?? '' };
  const delimiter = query.get('delimiter');
  if (delimiter !== null) context['s3:delimiter'] = delimiter;
  const maxKeys = query.get('max-keys');
  if (maxKeys !== null) context['s3:max-keys'] = maxKeys;
  return context;
}

/** Refuses with S3's `AccessDenied` (and the reason IAM gives) what the caller's policies do not allow. */
export function authorize(context: S3Context, caller: Caller, permission: S3Permission): void {
  const denial = context.authorizer.check(caller, permission.action, permission.resource, permission.context);
  if (denial !== undefined) throw accessDenied(denial);
}
