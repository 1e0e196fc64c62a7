import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Disposition,
  DurableQueue,
  type QueuedEvent,
} from '../../../../src/services/lambda/durable-queue.js';

function event(id: string, notBefore = Date.now()): QueuedEvent {
  return { id, functionName: 'f', payload: '{}', enqueuedAt: Date.now(), attempts: 0, notBefore };
}

function journal(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'queue-')), 'events.journal');
}

async function waitFor(check: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('DurableQueue', () => {
  it('has the event on disk by the time enqueue resolves', async () => {
    const file = journal();
    const queue = new DurableQueue(file, () => new Promise<Disposition>(() => {}));
    await queue.open();

    await queue.enqueue(event('e1'));

    expect(readFileSync(file, 'utf8')).toContain('"id":"e1"');
    await queue.close();
  });

  it('runs again after a restart the events that were not finished', async () => {
    const file = journal();
    const first = new DurableQueue(file, async (e) =>
      e.id === 'done' ? { done: true } : new Promise<Disposition>(() => {}),
    );
    await first.open();
    await first.enqueue(event('done'));
    await first.enqueue(event('pending'));
    await waitFor(() => first.size === 1);
    await first.close();

    const seen: string[] = [];
    const second = new DurableQueue(file, async (e) => {
      seen.push(e.id);
      return { done: true };
    });
    const replayed = await second.open();
    await waitFor(() => seen.length > 0);

    expect(replayed).toBe(1);
    expect(seen).toEqual(['pending']);
    await second.close();
  });

  it('waits for notBefore and keeps the attempt count a retry gives it', async () => {
    const file = journal();
    const runs: Array<{ attempts: number; at: number }> = [];
    const queue = new DurableQueue(file, async (e) => {
      runs.push({ attempts: e.attempts, at: Date.now() });
      return e.attempts < 2
        ? { done: false, attempts: e.attempts + 1, retryAt: Date.now() + 50 }
        : { done: true };
    });
    await queue.open();

    await queue.enqueue(event('r'));
    await waitFor(() => runs.length === 3 && queue.size === 0);

    expect(runs.map((r) => r.attempts)).toEqual([0, 1, 2]);
    expect((runs[1]?.at ?? 0) - (runs[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    await queue.close();
  });

  it('ignores a journal line cut short by a crash', async () => {
    const file = journal();
    const queue = new DurableQueue(file, () => new Promise<Disposition>(() => {}));
    await queue.open();
    await queue.enqueue(event('kept'));
    await queue.close();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, '{"t":"put","e":{"id":"tor');

    const again = new DurableQueue(file, () => new Promise<Disposition>(() => {}));

    expect(await again.open()).toBe(1);
    await again.close();
  });
});
