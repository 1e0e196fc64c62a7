import type { ServiceResponse } from '../../../core/service.js';
import type { CorsRule, WebsiteConfiguration } from '../../../stack/types.js';
import type { BucketConfiguration, S3Context, S3Request } from '../context.js';
import {
  bucketAlreadyOwnedByYou,
  invalidBucketName,
  malformedXml,
  noSuchBucket,
  s3Error,
} from '../errors.js';
import { emptyResponse, isoDate, s3Headers, xmlResponse } from '../responses.js';
import { parseXml, repeated, text } from '../xml-request.js';
import { bucketNameProblem } from './bucket-names.js';

export const EMPTY_CONFIGURATION: BucketConfiguration = { cors: [], notifications: [] };

/** The bucket's configuration as stored (buckets made by CreateBucket start with none). */
export function configurationOf(context: S3Context, bucket: string): BucketConfiguration {
  const record = context.store.bucket(bucket);
  if (!record) throw noSuchBucket(bucket);
  return { ...EMPTY_CONFIGURATION, ...(record.configuration as Partial<BucketConfiguration>) };
}

/**
 * CreateBucket. In us-east-1 S3 answers 200 when you create a bucket you already own (a legacy of
 * that region); elsewhere that is BucketAlreadyOwnedByYou. A LocationConstraint must name this region.
 */
export async function createBucket(
  context: S3Context,
  request: S3Request,
  body: Buffer,
): Promise<ServiceResponse> {
  if (bucketNameProblem(request.bucket) !== undefined) throw invalidBucketName(request.bucket);
  if (body.length > 0) {
    const constraint = text(parseXml(body, 'CreateBucketConfiguration').LocationConstraint);
    if (constraint !== undefined && constraint !== '' && constraint !== context.region) {
      throw s3Error(
        'IllegalLocationConstraintException',
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        400,
      );
    }
    if (constraint === 'us-east-1') {
      throw s3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
        LocationConstraint: constraint,
      });
    }
  }
  if (context.store.bucket(request.bucket)) {
    if (context.region === 'us-east-1')
      return emptyResponse(request.requestId, 200, { location: `/${request.bucket}` });
    throw bucketAlreadyOwnedByYou(request.bucket);
  }
  await context.store.createBucket(request.bucket, {
    region: context.region,
    configuration: EMPTY_CONFIGURATION,
  });
  return emptyResponse(request.requestId, 200, { location: `/${request.bucket}` });
}

export async function deleteBucket(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  await context.store.deleteBucket(request.bucket);
  return emptyResponse(request.requestId, 204);
}

export function headBucket(context: S3Context, request: S3Request): ServiceResponse {
  const bucket = context.store.requireBucket(request.bucket);
  return emptyResponse(request.requestId, 200, {
    'x-amz-bucket-region': bucket.region,
    'x-amz-access-point-alias': 'false',
  });
}

export function listBuckets(context: S3Context, request: S3Request): ServiceResponse {
  return xmlResponse(request.requestId, 'ListAllMyBucketsResult', {
    Owner: { ID: context.accountId, DisplayName: 'local-cloud' },
    Buckets: {
      Bucket: context.store.listBuckets().map((bucket) => ({
        Name: bucket.name,
        CreationDate: isoDate(bucket.createdAt),
        BucketRegion: bucket.region,
      })),
    },
  });
}

export function getBucketLocation(context: S3Context, request: S3Request): ServiceResponse {
  const bucket = context.store.requireBucket(request.bucket);
  // us-east-1 is the empty constraint, for historical reasons.
  const constraint = bucket.region === 'us-east-1' ? '' : bucket.region;
  return {
    status: 200,
    headers: { ...s3Headers(request.requestId), 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`,
  };
}

export function getBucketCors(context: S3Context, request: S3Request): ServiceResponse {
  const { cors } = configurationOf(context, request.bucket);
  if (cors.length === 0) {
    throw s3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, {
      BucketName: request.bucket,
    });
  }
  return xmlResponse(request.requestId, 'CORSConfiguration', {
    CORSRule: cors.map((rule) => ({
      ID: rule.id,
      AllowedHeader: rule.allowedHeaders,
      AllowedMethod: rule.allowedMethods,
      AllowedOrigin: rule.allowedOrigins,
      ExposeHeader: rule.exposedHeaders,
      MaxAgeSeconds: rule.maxAgeSeconds,
    })),
  });
}

export async function putBucketCors(
  context: S3Context,
  request: S3Request,
  body: Buffer,
): Promise<ServiceResponse> {
  configurationOf(context, request.bucket);
  const document = parseXml(body, 'CORSConfiguration');
  const rules: CorsRule[] = repeated(document.CORSRule).map((rule) => ({
    id: text(rule.ID),
    allowedOrigins: strings(rule.AllowedOrigin),
    allowedMethods: strings(rule.AllowedMethod),
    allowedHeaders: strings(rule.AllowedHeader),
    exposedHeaders: strings(rule.ExposeHeader),
    maxAgeSeconds: text(rule.MaxAgeSeconds) === undefined ? undefined : Number(text(rule.MaxAgeSeconds)),
  }));
  if (rules.length === 0 || rules.length > 100) throw malformedXml();
  for (const rule of rules) {
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0) throw malformedXml();
    const unsupported = rule.allowedMethods.find((method) => !CORS_METHODS.has(method));
    if (unsupported) {
      throw s3Error(
        'InvalidRequest',
        `Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`,
        400,
      );
    }
  }
  await context.store.updateBucketConfiguration(request.bucket, { cors: rules });
  return emptyResponse(request.requestId, 200);
}

export async function deleteBucketCors(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  configurationOf(context, request.bucket);
  await context.store.updateBucketConfiguration(request.bucket, { cors: [] });
  return emptyResponse(request.requestId, 204);
}

export function getBucketWebsite(context: S3Context, request: S3Request): ServiceResponse {
  const { website } = configurationOf(context, request.bucket);
  if (!website) {
    throw s3Error(
      'NoSuchWebsiteConfiguration',
      'The specified bucket does not have a website configuration',
      404,
      {
        BucketName: request.bucket,
      },
    );
  }
  return xmlResponse(request.requestId, 'WebsiteConfiguration', {
    RedirectAllRequestsTo: website.redirectAllRequestsTo && {
      HostName: website.redirectAllRequestsTo.hostName,
      Protocol: website.redirectAllRequestsTo.protocol,
    },
    IndexDocument: website.indexDocument === undefined ? undefined : { Suffix: website.indexDocument },
    ErrorDocument: website.errorDocument === undefined ? undefined : { Key: website.errorDocument },
  });
}

export async function putBucketWebsite(
  context: S3Context,
  request: S3Request,
  body: Buffer,
): Promise<ServiceResponse> {
  configurationOf(context, request.bucket);
  const document = parseXml(body, 'WebsiteConfiguration');
  const index = text((document.IndexDocument as Record<string, unknown> | undefined)?.Suffix);
  const error = text((document.ErrorDocument as Record<string, unknown> | undefined)?.Key);
  const redirectAll = document.RedirectAllRequestsTo as Record<string, unknown> | undefined;
  if (index === undefined && redirectAll === undefined) {
    throw s3Error(
      'InvalidArgument',
      'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty',
      400,
    );
  }
  const website: WebsiteConfiguration = {
    indexDocument: index,
    errorDocument: error,
    redirectAllRequestsTo: redirectAll && {
      hostName: text(redirectAll.HostName) ?? '',
      protocol: text(redirectAll.Protocol) as 'http' | 'https' | undefined,
    },
    routingRules: [],
  };
  await context.store.updateBucketConfiguration(request.bucket, { website });
  return emptyResponse(request.requestId, 200);
}

export async function deleteBucketWebsite(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  configurationOf(context, request.bucket);
  await context.store.updateBucketConfiguration(request.bucket, { website: undefined });
  return emptyResponse(request.requestId, 204);
}

const CORS_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
