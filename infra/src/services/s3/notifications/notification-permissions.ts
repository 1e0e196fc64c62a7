import { TemplateError } from '../../../core/errors.js';
import type { BucketDefinition } from '../../../stack/types.js';
import type { IamAuthorizer } from '../../iam/iam-authorizer.js';

/**
 * S3 refuses a notification configuration whose function does not let S3 invoke it (CloudFormation
 * fails the deployment: "Unable to validate the following destination configurations"). SAM's S3
 * events add that `AWS::Lambda::Permission`; a hand-written `NotificationConfiguration` needs its own.
 * The local cloud refuses to start with such a template, naming the bucket and the function.
 */
export function checkNotificationPermissions(
  buckets: readonly BucketDefinition[],
  authorizer: IamAuthorizer,
  accountId: string,
): void {
  const refused = buckets.flatMap((bucket) =>
    bucket.notifications
      .filter(
        (notification) =>
          !authorizer.allowsService('s3.amazonaws.com', 'lambda:InvokeFunction', notification.functionArn, {
            'aws:SourceArn': `arn:aws:s3:::${bucket.bucketName}`,
            'aws:SourceAccount': accountId,
          }),
      )
      .map((notification) => `${bucket.logicalId} → ${notification.functionName}`),
  );
  if (refused.length === 0) return;
  throw new TemplateError(
    `Unable to validate the following destination configurations: ${refused.join(', ')}. ` +
      'S3 may invoke a function only where an AWS::Lambda::Permission lets s3.amazonaws.com do so (SAM adds it for Events of type S3).',
  );
}
