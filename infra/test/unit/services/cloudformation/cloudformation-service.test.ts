import { describe, expect, it } from 'vitest';
import { AllowAllAuthorizer, type Authorizer } from '../../../../src/core/auth/authorizer.js';
import type { Caller } from '../../../../src/core/auth/caller.js';
import { ServiceError } from '../../../../src/core/errors.js';
import type { ServiceRequest } from '../../../../src/core/service.js';
import {
  CloudFormationService,
  type DeployedStack,
} from '../../../../src/services/cloudformation/cloudformation-service.js';

const STACK: DeployedStack = {
  stackName: 'lambdagram',
  stackId:
    'arn:aws:cloudformation:us-east-1:123456789012:stack/lambdagram/0b9e1c1e-0000-4000-8000-000000000000',
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
  outputs: [
    { key: 'WebBucketName', value: 'lambdagram-web', description: 'where <the app> lives' },
    { key: 'Region', value: 'us-east-1', exportName: 'lambdagram-region' },
  ],
};
const ROOT: Caller = {
  accessKeyId: 'test',
  arn: 'arn:aws:iam::123456789012:root',
  accountId: '123456789012',
  kind: 'root',
};

function request(form: Record<string, string>): ServiceRequest {
  return {
    requestId: 'req-1',
    method: 'POST',
    rawPath: '/',
    rawQuery: '',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(new URLSearchParams(form).toString()),
    bodyTooLarge: false,
    caller: ROOT,
  };
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('CloudFormation on the local cloud', () => {
  const service = new CloudFormationService(STACK, new AllowAllAuthorizer());

  it('describes the stack by name or id with its outputs, XML-escaped', async () => {
    for (const name of [STACK.stackName, STACK.stackId, undefined]) {
      const response = await service.handle(
        request({ Action: 'DescribeStacks', Version: '2010-05-15', ...(name && { StackName: name }) }),
      );

      expect(response.status).toBe(200);
      const body = String(response.body);
      expect(body).toContain('<StackName>lambdagram</StackName>');
      expect(body).toContain('<StackStatus>CREATE_COMPLETE</StackStatus>');
      expect(body).toContain('<CreationTime>2026-01-02T03:04:05.000Z</CreationTime>');
      expect(body).toContain(
        '<member><OutputKey>WebBucketName</OutputKey><OutputValue>lambdagram-web</OutputValue><Description>where &lt;the app&gt; lives</Description></member>',
      );
      expect(body).toContain('<ExportName>lambdagram-region</ExportName>');
      expect(body).toContain('<RequestId>req-1</RequestId>');
    }
  });

  it('says a stack of another name does not exist', async () => {
    const error = await failure(service.handle(request({ Action: 'DescribeStacks', StackName: 'other' })));

    expect(error).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(error.message).toBe('Stack with id other does not exist');
    expect(String(service.renderError(error, 'req-2').body)).toContain(
      '<Error><Type>Sender</Type><Code>ValidationError</Code>',
    );
  });

  it('refuses the actions it does not emulate, naming them', async () => {
    const error = await failure(service.handle(request({ Action: 'CreateStack', StackName: 'x' })));

    expect(error).toMatchObject({ code: 'InvalidAction', status: 400 });
    expect(error.message).toContain('CreateStack');
  });

  it('asks IAM for cloudformation:DescribeStacks on the stack', async () => {
    const asked: string[] = [];
    const denying: Authorizer = {
      check: (_caller, action, resource) => {
        asked.push(`${action} ${resource}`);
        return 'not allowed';
      },
      authorize: () => {},
    };

    const error = await failure(
      new CloudFormationService(STACK, denying).handle(request({ Action: 'DescribeStacks' })),
    );

    expect(error).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(asked).toEqual([`cloudformation:DescribeStacks ${STACK.stackId}`]);
  });
});
