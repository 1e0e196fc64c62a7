import type { BucketDefinition } from '../../../stack/types.js';
import type { BucketConfiguration, S3Context } from '../context.js';

/**
 * Makes the template's buckets exist, and gives each the template's CORS rules, website and
 * notifications: the template is the source of truth for what it declares, objects are kept.
 */
export async function ensureBuckets(context: S3Context, buckets: readonly BucketDefinition[]): Promise<void> {
  for (const bucket of buckets) {
    const configuration: BucketConfiguration = {
      cors: bucket.cors,
      website: bucket.website,
      notifications: bucket.notifications,
    };
    if (!context.store.bucket(bucket.bucketName)) {
      await context.store.createBucket(bucket.bucketName, { region: context.region, configuration });
    } else {
      await context.store.updateBucketConfiguration(bucket.bucketName, configuration);
    }
  }
}
