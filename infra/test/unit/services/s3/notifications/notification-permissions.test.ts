import { describe, expect, it } from 'vitest';
import { IamAuthorizer } from '../../../../../src/services/iam/iam-authorizer.js';
import { checkNotificationPermissions } from '../../../../../src/services/s3/notifications/notification-permissions.js';
import type { StackDefinition } from '../../../../../src/stack/types.js';
import { loadText } from '../../../stack/helpers.js';

const ACCOUNT = '123456789012';

/** A bucket notifying a function, written by hand (no SAM event), with or without the permission. */
function template(permission: string): string {
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: on-upload
      Runtime: nodejs20.x
      CodeUri: {{code}}
      Handler: app.handler
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: hand-written
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Fn.Arn
${permission}`;
}

const PERMISSION = `  CanInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::hand-written
      SourceAccount: '${ACCOUNT}'
`;

function check(stack: StackDefinition): void {
  const authorizer = new IamAuthorizer({
    roles: stack.roles,
    resourcePolicies: stack.resourcePolicies,
    log: () => {},
  });
  checkNotificationPermissions(stack.buckets, authorizer, ACCOUNT);
}

describe('notifications need the function to let S3 invoke it', () => {
  it('accepts a notification whose function has a Lambda permission for s3.amazonaws.com and that bucket', async () => {
    const stack = await loadText(template(PERMISSION));

    expect(() => check(stack)).not.toThrow();
  });

  it('refuses one without, as S3 refuses the configuration', async () => {
    const stack = await loadText(template(''));

    expect(() => check(stack)).toThrow(
      /Unable to validate the following destination configurations: Uploads → on-upload/,
    );
  });

  it('refuses a permission for another bucket', async () => {
    const stack = await loadText(
      template(PERMISSION.replace('arn:aws:s3:::hand-written', 'arn:aws:s3:::elsewhere')),
    );

    expect(() => check(stack)).toThrow(/Uploads → on-upload/);
  });
});
