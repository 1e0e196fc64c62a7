import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { encode } from '../support/local-cloud.js';

const local = useCloud();
let requestId: string;

beforeAll(async () => {
  const response = await local.lambda.send(
    new InvokeCommand({ FunctionName: 'log-lines', Payload: encode({ count: 3, text: 'needle' }) }),
  );
  requestId = response.$metadata.requestId as string;
});

describe('function logs through the CloudWatch Logs API', () => {
  it('keeps a log group per function', async () => {
    const groups = await local.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }),
    );

    expect(groups.logGroups?.map((g) => g.logGroupName)).toContain('/aws/lambda/log-lines');
  });

  it('keeps a log stream per execution environment with the whole invocation in it', async () => {
    const streams = await local.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/log-lines' }),
    );
    const stream = streams.logStreams?.[0]?.logStreamName as string;
    const events = await local.logs.send(
      new GetLogEventsCommand({
        logGroupName: '/aws/lambda/log-lines',
        logStreamName: stream,
        startFromHead: true,
      }),
    );
    const messages = (events.events ?? []).map((e) => e.message ?? '');

    expect(stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(messages[0]).toMatch(/^INIT_START Runtime Version: /);
    expect(messages).toContain(`START RequestId: ${requestId} Version: $LATEST`);
    expect(messages.some((m) => m.endsWith(`\t${requestId}\tINFO\tline 2: needle`))).toBe(true);
    expect(messages.some((m) => m.endsWith(`\t${requestId}\tERROR\tan error line`))).toBe(true);
    expect(messages).toContain('raw stdout line');
    expect(messages).toContain(`END RequestId: ${requestId}`);
    expect(
      messages.some(
        (m) => m.startsWith(`REPORT RequestId: ${requestId}\tDuration: `) && m.includes('Init Duration: '),
      ),
    ).toBe(true);
  });

  it('filters a group by pattern and time range', async () => {
    const matching = await local.logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/aws/lambda/log-lines',
        filterPattern: '"line 1" needle',
        startTime: Date.now() - 60_000,
      }),
    );
    const future = await local.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/log-lines', startTime: Date.now() + 60_000 }),
    );

    expect(matching.events?.map((e) => e.message?.split('\t').at(-1))).toEqual(['line 1: needle']);
    expect(future.events).toEqual([]);
  });

  it('answers an unknown log group with ResourceNotFoundException', async () => {
    const error = await local.logs
      .send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/nope' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
