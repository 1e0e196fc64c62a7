import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll } from 'vitest';
import { type StartedCloud, startCloud } from './local-cloud.js';

/** A local cloud shared by one test file: started before its tests, stopped after them. */
export interface CloudFixture {
  readonly cloud: StartedCloud;
  /** A Lambda client signed with the root credentials, made once. */
  readonly lambda: LambdaClient;
  /** A CloudWatch Logs client, made once. */
  readonly logs: CloudWatchLogsClient;
}

export function useCloud(
  options: Parameters<typeof startCloud>[0] | (() => Parameters<typeof startCloud>[0]) = {},
): CloudFixture {
  let started: StartedCloud | undefined;
  let lambda: LambdaClient | undefined;
  let logs: CloudWatchLogsClient | undefined;
  beforeAll(async () => {
    started = await startCloud(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get cloud() {
      if (!started) throw new Error('the local cloud is not started: use the fixture inside a test');
      return started;
    },
    get lambda() {
      lambda ??= this.cloud.lambda();
      return lambda;
    },
    get logs() {
      logs ??= this.cloud.logs();
      return logs;
    },
  };
}
