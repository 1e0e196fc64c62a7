import type { Authorizer } from '../../core/auth/authorizer.js';
import type { Caller, CredentialStore } from '../../core/auth/caller.js';
import type { ServiceRequest } from '../../core/service.js';
import type { CorsRule, LambdaNotification, WebsiteConfiguration } from '../../stack/types.js';
import type { S3Notifier } from './notifications/notifications.js';
import type { ObjectStore } from './store/object-store.js';

/** What a bucket is configured with, from the template or the Put…Bucket… operations. */
export interface BucketConfiguration {
  cors: CorsRule[];
  website?: WebsiteConfiguration;
  notifications: LambdaNotification[];
}

/** What every S3 operation works with. */
export interface S3Context {
  store: ObjectStore<BucketConfiguration>;
  notifier: S3Notifier;
  /** Who signed a browser POST form (its signature is checked by the S3 service, not the front door). */
  credentials: CredentialStore;
  /** Decides every request by IAM (the caller's role and the bucket policy). */
  authorizer: Authorizer;
  region: string;
  accountId: string;
}

/** An S3 request once routed: the service request plus the bucket and key it addresses. */
export interface S3Request extends ServiceRequest {
  bucket: string;
  key: string;
}

/** The `principalId` S3 puts in event records for a caller. */
export function principalIdOf(caller: Caller): string {
  return caller.kind === 'root' ? caller.accountId : `AWS:${caller.accessKeyId}`;
}
