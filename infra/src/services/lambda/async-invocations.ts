import { randomUUID } from 'node:crypto';
import type { DestinationTarget, FunctionDefinition } from '../../stack/types.js';
import { type Disposition, DurableQueue, type QueuedEvent } from './durable-queue.js';
import { functionArn } from './function-names.js';
import type { InvocationOutcome } from './runtime/invocation.js';

/** What the async path needs from the Lambda service: find a function, run it if a slot is free. */
export interface AsyncRunner {
  find(functionName: string): FunctionDefinition | undefined;
  /** Runs one invocation, or returns 'throttled' when no concurrency slot is free. */
  run(fn: FunctionDefinition, event: QueuedEvent): Promise<InvocationOutcome | 'throttled'>;
}

export interface AsyncSettings {
  region: string;
  accountId: string;
  /** Multiplies Lambda's retry delays (1 and 2 minutes) and throttle backoff: 0.001 makes them 60 and 120 ms. */
  retryDelayScale: number;
}

const RETRY_DELAY_MS = 60_000;
const THROTTLE_BACKOFF_MS = 1_000;

/**
 * Asynchronous invocation as Lambda does it: the event is queued durably and acknowledged, then run;
 * a function error is retried up to `MaximumRetryAttempts` times (1 and 2 minutes later), throttles are
 * retried with backoff until the event is older than `MaximumEventAgeInSeconds`, and the outcome goes
 * to the `OnSuccess`/`OnFailure` destination with Lambda's destination record.
 */
export class AsyncInvocations {
  private readonly queue: DurableQueue;

  constructor(
    journalFile: string,
    private readonly runner: AsyncRunner,
    private readonly settings: AsyncSettings,
  ) {
    this.queue = new DurableQueue(journalFile, (event) => this.process(event));
  }

  /** Replays events accepted before a restart; returns how many were pending. */
  open(): Promise<number> {
    return this.queue.open();
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  /** Durably accepts an event (resolves once it is written) under the given request id. */
  accept(functionName: string, payload: Buffer, requestId: string = randomUUID()): Promise<void> {
    const now = Date.now();
    return this.queue.enqueue({
      id: requestId,
      functionName,
      payload: payload.toString('utf8'),
      enqueuedAt: now,
      attempts: 0,
      notBefore: now,
    });
  }

  private async process(event: QueuedEvent): Promise<Disposition> {
    const fn = this.runner.find(event.functionName);
    if (!fn) return { done: true }; // The function was removed from the template: nothing left to run.
    const { maximumRetryAttempts, maximumEventAgeInSeconds } = fn.asyncConfig;
    const now = Date.now();
    if (now - event.enqueuedAt > maximumEventAgeInSeconds * 1000) {
      await this.sendToDestination(fn, fn.asyncConfig.onFailure, event, 'EventAgeExceeded');
      return { done: true };
    }
    const outcome = await this.runner.run(fn, event);
    if (outcome === 'throttled') {
      return { done: false, attempts: event.attempts, retryAt: now + this.delay(THROTTLE_BACKOFF_MS) };
    }
    const attempts = event.attempts + 1;
    if (!outcome.functionError) {
      await this.sendToDestination(fn, fn.asyncConfig.onSuccess, event, 'Success', outcome, attempts);
      return { done: true };
    }
    if (attempts <= maximumRetryAttempts) {
      return { done: false, attempts, retryAt: Date.now() + this.delay(RETRY_DELAY_MS * attempts) };
    }
    await this.sendToDestination(fn, fn.asyncConfig.onFailure, event, 'RetriesExhausted', outcome, attempts);
    return { done: true };
  }

  private delay(ms: number): number {
    return Math.round(ms * this.settings.retryDelayScale);
  }

  /** Invokes the destination function asynchronously with Lambda's invocation record. */
  private async sendToDestination(
    fn: FunctionDefinition,
    destination: DestinationTarget | undefined,
    event: QueuedEvent,
    condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded',
    outcome?: InvocationOutcome,
    attempts = event.attempts,
  ): Promise<void> {
    if (!destination) return;
    const record = {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId: event.id,
        functionArn: functionArn(fn.functionName, this.settings, '$LATEST'),
        condition,
        approximateInvokeCount: attempts,
      },
      requestPayload: parseOrText(event.payload),
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(outcome?.functionError ? { functionError: outcome.functionError } : {}),
      },
      responsePayload: outcome ? parseOrText(outcome.payload.toString('utf8')) : null,
    };
    await this.accept(destination.functionName, Buffer.from(JSON.stringify(record)));
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
