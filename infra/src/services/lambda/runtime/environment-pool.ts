import type { FunctionDefinition } from '../../../stack/types.js';
import { ExecutionEnvironment, type LogSink } from './environment.js';
import type { InvocationInput, InvocationOutcome } from './invocation.js';
import type { RuntimeHost } from './launch.js';

/** The code an environment runs: the function's definition and the directory of its current build. */
export interface Deployment {
  fn: FunctionDefinition;
  codeDir: string;
  /** Bumped by every rebuild; environments of an older version are retired. */
  version: number;
}

export interface PoolSettings {
  host: RuntimeHost;
  logs: LogSink;
  /** Idle environments older than this are shut down (Lambda keeps them for minutes, not forever). */
  idleTimeoutMs: number;
  /** How many environments may exist at once across all functions (the account's concurrency). */
  maxEnvironments: number;
}

export type SlotRefusal = 'reserved' | 'account';

const MEMORY_SAMPLE_MS = 20;
const IDLE_SWEEP_MS = 5_000;

/**
 * All execution environments of the local cloud, kept per function: a warm idle environment is
 * reused (most recently used first, as Lambda does), a new one is started when all are busy.
 */
export class EnvironmentPool {
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly live = new Set<ExecutionEnvironment>();
  private readonly inFlight = new Map<string, number>();
  private totalInFlight = 0;
  private readonly memoryTimer: NodeJS.Timeout;
  private readonly sweepTimer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly settings: PoolSettings) {
    // Memory grows while code runs, so the busy environments are sampled often; VmHWM catches peaks between samples.
    this.memoryTimer = setInterval(() => {
      for (const env of this.live) if (env.busy) env.sampleMemory();
    }, MEMORY_SAMPLE_MS);
    this.sweepTimer = setInterval(() => this.evictIdle(), Math.min(IDLE_SWEEP_MS, settings.idleTimeoutMs));
    this.memoryTimer.unref();
    this.sweepTimer.unref();
  }

  /**
   * Reserves a concurrency slot for one invocation, or says why it cannot: the function's reserved
   * concurrency or the account's limit. Release it with `release` once the invocation is over.
   */
  reserve(fn: FunctionDefinition): SlotRefusal | undefined {
    const current = this.inFlight.get(fn.functionName) ?? 0;
    if (fn.reservedConcurrency !== undefined && current >= fn.reservedConcurrency) return 'reserved';
    if (this.totalInFlight >= this.settings.maxEnvironments) return 'account';
    this.inFlight.set(fn.functionName, current + 1);
    this.totalInFlight++;
    return undefined;
  }

  release(fn: FunctionDefinition): void {
    this.inFlight.set(fn.functionName, Math.max(0, (this.inFlight.get(fn.functionName) ?? 1) - 1));
    this.totalInFlight = Math.max(0, this.totalInFlight - 1);
  }

  /** Runs one invocation in a warm environment of the deployment, or a new one (a cold start). */
  async invoke(deployment: Deployment, input: InvocationInput): Promise<InvocationOutcome> {
    const env = this.takeIdle(deployment) ?? (await this.startEnvironment(deployment));
    try {
      return await env.invoke(input);
    } finally {
      this.giveBack(env, deployment);
    }
  }

  /** Retires every environment of a function (its code changed): idle ones now, busy ones when done. */
  retire(functionName: string): void {
    for (const env of this.idle.get(functionName) ?? []) env.kill('retired');
    this.idle.delete(functionName);
  }

  /** Environments per function, for the start-up summary and diagnostics. */
  stats(): { live: number; busy: number } {
    let busy = 0;
    for (const env of this.live) if (env.busy) busy++;
    return { live: this.live.size, busy };
  }

  /** Kills every environment and waits until their processes are gone; used on shutdown. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.memoryTimer);
    clearInterval(this.sweepTimer);
    const all = [...this.live];
    for (const env of all) env.kill('shutdown');
    this.idle.clear();
    await Promise.all(all.map((env) => env.exited()));
  }

  private takeIdle(deployment: Deployment): ExecutionEnvironment | undefined {
    const stack = this.idle.get(deployment.fn.functionName);
    while (stack && stack.length > 0) {
      const env = stack.pop() as ExecutionEnvironment;
      if (env.usable && env.codeVersion === deployment.version) return env;
      env.kill('retired');
    }
    return undefined;
  }

  private async startEnvironment(deployment: Deployment): Promise<ExecutionEnvironment> {
    if (this.closed) throw new Error('the local cloud is shutting down');
    const env = await ExecutionEnvironment.start({
      fn: deployment.fn,
      codeDir: deployment.codeDir,
      codeVersion: deployment.version,
      host: this.settings.host,
      logs: this.settings.logs,
      onGone: (gone) => this.forget(gone),
    });
    this.live.add(env);
    return env;
  }

  private giveBack(env: ExecutionEnvironment, deployment: Deployment): void {
    if (!env.usable) return;
    if (this.closed || env.codeVersion !== deployment.version) {
      env.kill('retired');
      return;
    }
    const name = deployment.fn.functionName;
    let stack = this.idle.get(name);
    if (!stack) {
      stack = [];
      this.idle.set(name, stack);
    }
    stack.push(env);
  }

  private forget(env: ExecutionEnvironment): void {
    this.live.delete(env);
    const stack = this.idle.get(env.fn.functionName);
    if (stack) {
      const at = stack.indexOf(env);
      if (at >= 0) stack.splice(at, 1);
    }
  }

  private evictIdle(): void {
    const cutoff = Date.now() - this.settings.idleTimeoutMs;
    for (const [name, stack] of this.idle) {
      const keep = stack.filter((env) => {
        if (env.lastUsedAt >= cutoff) return true;
        env.kill('retired');
        return false;
      });
      this.idle.set(name, keep);
    }
  }
}
