import { TemplateError } from '../core/errors.js';
import { stableUuid } from './physical-names.js';

/** The values CloudFormation provides without a declaration (`AWS::Region`, `AWS::StackName`, …). */
export interface StackEnvironment {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  partition: string;
  urlSuffix: string;
  /** Set on the local cloud: the port its buckets' website endpoints answer on. */
  websitePort?: number;
}

/** The stack name `sam local` uses when none is given. */
export const DEFAULT_STACK_NAME = 'local';

/** Checks the identity of the stack and derives the partition-dependent values from the region. */
export function stackEnvironment(region: string, accountId: string, stackName: string): StackEnvironment {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new TemplateError(`'${region}' is not an AWS region name (e.g. us-east-1)`, 'options', 'region');
  }
  if (!/^\d{12}$/.test(accountId)) {
    throw new TemplateError(`'${accountId}' is not a 12-digit AWS account id`, 'options', 'accountId');
  }
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new TemplateError(
      `'${stackName}' is not a valid stack name (a letter, then letters, digits and hyphens, up to 128)`,
      'options',
      'stackName',
    );
  }
  const partition = partitionOf(region);
  return {
    region,
    accountId,
    stackName,
    // Stack ids end with a UUID; deriving it from the stack keeps `AWS::StackId` the same across restarts.
    stackId: `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${stableUuid(region, accountId, stackName)}`,
    partition,
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Lambda function ARN, as `Fn::GetAtt Fn.Arn` returns it. */
export function functionArn(env: StackEnvironment, functionName: string): string {
  return `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${functionName}`;
}

/** IAM role ARN; `path` is the role's `Path` (`/` unless set). */
export function roleArn(env: StackEnvironment, roleName: string, path = '/'): string {
  return `arn:${env.partition}:iam::${env.accountId}:role${path}${roleName}`;
}
