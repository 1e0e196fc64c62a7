import type { ServiceError } from '../../core/errors.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import { type SignatureError, s3SignatureFault } from '../../core/sigv4/verify.js';
import { addressOf } from './addressing.js';
import { readObjectBody } from './body/object-body.js';
import {
  actualResponseHeaders,
  matchingRule,
  preflightHeaders,
  requestedHeadersOf,
} from './buckets/bucket-cors.js';
import * as buckets from './buckets/bucket-operations.js';
import { configurationOf } from './buckets/bucket-operations.js';
import * as listing from './buckets/listing-operations.js';
import type { S3Context, S3Request } from './context.js';
import { methodNotAllowed, notImplemented, s3Error } from './errors.js';
import * as multipart from './objects/multipart-operations.js';
import * as objects from './objects/object-operations.js';
import { postObject } from './objects/post-object.js';
import { authorize, permissionsFor } from './permissions.js';
import { renderS3Error } from './responses.js';
import { serveWebsite, type WebsiteBucket } from './website/website.js';

/** XML request documents (CORS rules, part lists, key lists) are small; S3 caps them too. */
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * Amazon S3 (REST, XML): path-style and `<bucket>.localhost` virtual-hosted addressing, buckets,
 * objects, listing, multipart uploads, CORS by each bucket's rules, the website endpoint, and event
 * notifications to Lambda. Bodies stream straight to disk: nothing of an upload is held in memory.
 */
export class S3Service implements Service {
  readonly signingName = 's3';
  readonly maxBodyBytes = 0;
  readonly streamsBody = true;

  constructor(private readonly context: S3Context) {}

  /** Unsigned requests that no other service claims are S3's: anonymous reads, websites, browsers. */
  claims(head: RequestHead): boolean {
    return head.headers['x-amz-target'] === undefined;
  }

  /** S3 decides per request (websites are public; everything else needs a signature, for now). */
  allowsUnsigned(): boolean {
    return true;
  }

  readonly cors = {
    claimsPreflight: (head: RequestHead): boolean => {
      const address = addressOf(head.rawPath, head.headers);
      return address.bucket !== undefined && !head.rawPath.startsWith('/2015-03-31/');
    },
    preflight: (head: RequestHead, requestId: string): ServiceResponse => this.preflight(head, requestId),
    responseHeaders: (head: RequestHead, origin: string): Record<string, string> => {
      const { bucket } = addressOf(head.rawPath, head.headers);
      const record = bucket === undefined ? undefined : this.context.store.bucket(bucket);
      if (!record) return {};
      const rule = matchingRule(configurationOf(this.context, record.name).cors, origin, head.method);
      return rule ? actualResponseHeaders(rule, origin) : {};
    },
  };

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const address = addressOf(request.rawPath, request.headers);
    if (address.website && address.bucket) {
      return serveWebsite(
        this.websiteBucket(address.bucket, request),
        address.bucket,
        request.method,
        request.rawPath,
        request.requestId,
      );
    }
    const s3Request: S3Request = { ...request, bucket: address.bucket ?? '', key: address.key ?? '' };
    // A browser form upload carries its signature in the form, checked when the form is read.
    const formUpload = request.method === 'POST' && !address.key && !request.query.has('delete');
    if (!formUpload) {
      objects.requireSigned(s3Request);
      for (const permission of permissionsFor(s3Request))
        authorize(this.context, s3Request.caller, permission);
    }
    if (address.bucket === undefined) {
      if (request.method === 'GET') return buckets.listBuckets(this.context, s3Request);
      throw methodNotAllowed(request.method, 'SERVICE');
    }
    return address.key ? this.objectOperation(s3Request) : this.bucketOperation(s3Request);
  }

  private async bucketOperation(request: S3Request): Promise<ServiceResponse> {
    const { context } = this;
    const { query } = request;
    switch (request.method) {
      case 'GET':
        if (query.has('location')) return buckets.getBucketLocation(context, request);
        if (query.has('cors')) return buckets.getBucketCors(context, request);
        if (query.has('website')) return buckets.getBucketWebsite(context, request);
        if (query.has('uploads')) return multipart.listMultipartUploads(context, request);
        if (query.get('list-type') === '2') return listing.listObjectsV2(context, request);
        if (unsupportedSubresource(query)) throw notImplemented(unsupportedSubresource(query) as string);
        return listing.listObjectsV1(context, request);
      case 'PUT':
        if (query.has('cors')) return buckets.putBucketCors(context, request, await this.document(request));
        if (query.has('website'))
          return buckets.putBucketWebsite(context, request, await this.document(request));
        if (unsupportedSubresource(query)) throw notImplemented(unsupportedSubresource(query) as string);
        return buckets.createBucket(context, request, await this.document(request));
      case 'DELETE':
        if (query.has('cors')) return buckets.deleteBucketCors(context, request);
        if (query.has('website')) return buckets.deleteBucketWebsite(context, request);
        if (unsupportedSubresource(query)) throw notImplemented(unsupportedSubresource(query) as string);
        return buckets.deleteBucket(context, request);
      case 'HEAD':
        return buckets.headBucket(context, request);
      case 'POST':
        if (query.has('delete')) return listing.deleteObjects(context, request, await this.document(request));
        return postObject(context, request);
      default:
        throw methodNotAllowed(request.method, 'BUCKET');
    }
  }

  private async objectOperation(request: S3Request): Promise<ServiceResponse> {
    const { context } = this;
    const { query } = request;
    switch (request.method) {
      case 'GET':
        if (query.has('uploadId')) return multipart.listParts(context, request);
        if (unsupportedSubresource(query)) throw notImplemented(unsupportedSubresource(query) as string);
        return objects.getObject(context, request, false);
      case 'HEAD':
        return objects.getObject(context, request, true);
      case 'PUT':
        if (query.has('uploadId')) return multipart.uploadPart(context, request);
        if (unsupportedSubresource(query)) throw notImplemented(unsupportedSubresource(query) as string);
        if (request.headers['x-amz-copy-source'] !== undefined) return objects.copyObject(context, request);
        return objects.putObject(context, request);
      case 'POST':
        if (query.has('uploads')) return multipart.createMultipartUpload(context, request);
        if (query.has('uploadId')) {
          return multipart.completeMultipartUpload(context, request, await this.document(request));
        }
        throw notImplemented(`POST on an object (${request.rawQuery || 'no query'})`);
      case 'DELETE':
        if (query.has('uploadId')) return multipart.abortMultipartUpload(context, request);
        return objects.deleteObject(context, request);
      default:
        throw methodNotAllowed(request.method, 'OBJECT');
    }
  }

  /** Reads a small XML request document, verified like any body (content hash, checksum, MD5). */
  private async document(request: S3Request): Promise<Buffer> {
    const body = readObjectBody(request.bodyStream, {
      headers: request.headers,
      signature: request.signature,
      maxBytes: MAX_DOCUMENT_BYTES,
      query: request.query,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of body.chunks) chunks.push(chunk);
    body.digest();
    return Buffer.concat(chunks);
  }

  private preflight(head: RequestHead, requestId: string): ServiceResponse {
    const origin = head.headers.origin as string;
    const method = String(head.headers['access-control-request-method']);
    const requested = requestedHeadersOf(head.headers['access-control-request-headers']);
    const { bucket } = addressOf(head.rawPath, head.headers);
    const record = bucket === undefined ? undefined : this.context.store.bucket(bucket);
    const rules = record ? configurationOf(this.context, record.name).cors : [];
    const forbidden = (message: string) =>
      renderS3Error(
        s3Error('AccessForbidden', message, 403, { Method: method, ResourceType: 'OBJECT' }),
        requestId,
      );
    if (rules.length === 0) return forbidden('CORSResponse: CORS is not enabled for this bucket.');
    const rule = matchingRule(rules, origin, method, requested);
    if (!rule) {
      return forbidden(
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      );
    }
    return { status: 200, headers: { ...preflightHeaders(rule, origin, requested), 'content-length': '0' } };
  }

  private websiteBucket(name: string, request: ServiceRequest): WebsiteBucket | undefined {
    const record = this.context.store.bucket(name);
    if (!record) return undefined;
    const { context } = this;
    return {
      name,
      website: configurationOf(context, name).website,
      exists: (key) => context.store.head(name, key) !== undefined,
      serve: async (key, status) => {
        if (!context.store.head(name, key)) return undefined;
        const response = await objects.getObject(
          context,
          { ...request, bucket: name, key, query: new URLSearchParams() },
          request.method === 'HEAD',
        );
        return response.status === 200 ? { ...response, status } : response;
      },
    };
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return renderS3Error(error, requestId);
  }

  signatureError(error: SignatureError): ServiceError {
    const fault = s3SignatureFault(error);
    const { details } = error;
    const fields: Record<string, string> = {};
    if (details.declaredHash !== undefined) fields.ClientComputedContentSHA256 = details.declaredHash;
    if (details.computedHash !== undefined) fields.S3ComputedContentSHA256 = details.computedHash;
    if (details.expiresAt !== undefined) fields.Expires = details.expiresAt;
    if (details.serverTime !== undefined) fields.ServerTime = details.serverTime;
    if (error.kind === 'skew' && details.amzDate !== undefined) fields.RequestTime = details.amzDate;
    if (details.region !== undefined) fields.Region = details.expectedRegion ?? details.region;
    return s3Error(fault.code, fault.message, fault.status, fields);
  }
}

/** Subresources of the S3 API this local cloud does not implement: refused rather than misread as a plain GET/PUT. */
const UNSUPPORTED = [
  'acl',
  'policy',
  'policyStatus',
  'tagging',
  'versioning',
  'versions',
  'lifecycle',
  'replication',
  'encryption',
  'logging',
  'notification',
  'accelerate',
  'requestPayment',
  'object-lock',
  'retention',
  'legal-hold',
  'torrent',
  'restore',
  'select',
  'attributes',
  'ownershipControls',
  'publicAccessBlock',
  'intelligent-tiering',
  'inventory',
  'metrics',
  'analytics',
];

function unsupportedSubresource(query: URLSearchParams): string | undefined {
  return UNSUPPORTED.find((name) => query.has(name));
}
