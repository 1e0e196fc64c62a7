// Over 400 lines on purpose: one execution environment is one OS process and its Runtime API conversation
// (start, invoke, timeout, crash, shutdown); split apart, its states would have to be shared between files.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { FunctionDefinition } from '../../../stack/types.js';
import {
  type InvocationInput,
  type InvocationOutcome,
  type InvocationReport,
  runtimeErrorPayload,
} from './invocation.js';
import { type LaunchSpec, launchSpec, missingBootstrap, type RuntimeHost } from './launch.js';
import {
  billedDuration,
  endLine,
  initStartLine,
  reportLine,
  startLine,
  tailOf,
  timeoutLine,
} from './log-lines.js';
import { residentMemoryMb } from './process-memory.js';
import { collectOutput, type ProcessOutput } from './process-output.js';
import {
  type RuntimeApiEndpoints,
  type RuntimeApiReply,
  type RuntimeApiRequest,
  RuntimeApiServer,
} from './runtime-api-server.js';

/** Where environments write their log events (the CloudWatch Logs store). */
export interface LogSink {
  append(group: string, stream: string, events: Array<{ timestamp: number; message: string }>): void;
}

export interface EnvironmentOptions {
  fn: FunctionDefinition;
  /** The directory the code runs from (the build output for bundled functions). */
  codeDir: string;
  /** Which build of the function this environment runs; a rebuild retires older environments. */
  codeVersion: number;
  host: RuntimeHost;
  logs: LogSink;
  /** Called once when the environment is gone (exited, killed), so its pool forgets it. */
  onGone(env: ExecutionEnvironment): void;
}

/** Lambda's limit on a synchronous response: 6 MB (plus the 100 bytes it tolerates). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;
/** Lambda gives the INIT phase 10 seconds. */
const INIT_TIMEOUT_MS = 10_000;
const RUNTIME_PATH = '/2018-06-01/runtime';

interface ActiveInvocation {
  input: InvocationInput;
  resolve(outcome: InvocationOutcome): void;
  /** When the event was handed to the runtime (hrtime ns); undefined while init is still running. */
  startedAt?: bigint;
  timer?: NodeJS.Timeout;
  logText: string;
  initDurationMs?: number;
}

type State = 'initializing' | 'idle' | 'busy' | 'gone';

/**
 * One execution environment: a real OS process (its own process group) running the function's
 * runtime, which pulls events from this environment's Runtime API. One invocation at a time; warm
 * reuse; discarded after a timeout, a crash or running out of memory.
 */
export class ExecutionEnvironment {
  readonly logGroup: string;
  readonly logStream: string;
  state: State = 'initializing';
  lastUsedAt = Date.now();
  /** Peak resident memory seen so far, in MB (Lambda's "Max Memory Used"). */
  maxMemoryUsedMb = 0;

  private process?: ChildProcess;
  private readonly api: RuntimeApiServer;
  private waitingNext?: RuntimeApiReply;
  private active?: ActiveInvocation;
  private readonly spawnedAt = process.hrtime.bigint();
  private initDurationMs?: number;
  private initReported = false;
  private initError?: { errorType: string; body: Buffer };
  private initTimer?: NodeJS.Timeout;
  private killReason?: 'timeout' | 'memory' | 'retired' | 'shutdown' | 'init-timeout';
  private output?: ProcessOutput;
  private readonly launch: LaunchSpec;

  private constructor(
    private readonly options: EnvironmentOptions,
    runtimeApi: RuntimeApiEndpoints,
    api: RuntimeApiServer,
  ) {
    const { fn } = options;
    this.api = api;
    this.logGroup = `/aws/lambda/${fn.functionName}`;
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    this.logStream = `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
    this.launch = launchSpec(fn, options.codeDir, runtimeApi, this.logStream, options.host);
  }

  get fn(): FunctionDefinition {
    return this.options.fn;
  }

  get codeVersion(): number {
    return this.options.codeVersion;
  }

  /** Resolves once the process has exited and been reaped (at once if there is none). */
  exited(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** False once the environment is being killed or is gone: it must not take another invocation. */
  get usable(): boolean {
    return this.state !== 'gone' && this.killReason === undefined;
  }

  /** Starts the process; the environment accepts an invocation at once and runs it when init is done. */
  static async start(options: EnvironmentOptions): Promise<ExecutionEnvironment> {
    let env: ExecutionEnvironment | undefined;
    const api = new RuntimeApiServer(
      (request, reply) => env?.onRuntimeRequest(request, reply),
      MAX_RESPONSE_BYTES,
    );
    const endpoints = await api.listen({ unixSocket: options.fn.kind === 'nodejs' });
    env = new ExecutionEnvironment(options, endpoints, api);
    env.spawnProcess();
    return env;
  }

  /** Runs one invocation. The caller must not invoke a busy environment. */
  invoke(input: InvocationInput): Promise<InvocationOutcome> {
    if (this.active || this.state === 'gone')
      throw new Error(`environment ${this.logStream} is not available`);
    this.state = 'busy';
    this.lastUsedAt = Date.now();
    return new Promise((resolve) => {
      this.active = { input, resolve, logText: '' };
      if (this.initError) this.completeWithInitError();
      else if (this.waitingNext) this.deliver();
    });
  }

  /** Kills the process group (idempotent). A running invocation ends with the matching error. */
  kill(reason: NonNullable<ExecutionEnvironment['killReason']>): void {
    if (this.state === 'gone') return;
    this.killReason ??= reason;
    const pid = this.process?.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone: the exit handler cleans up.
      }
    }
    if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null)
      this.onExit(null, 'SIGKILL');
  }

  /** Samples resident memory; kills the environment when it exceeds the function's memory size. */
  sampleMemory(): void {
    const pid = this.process?.pid;
    if (pid === undefined || this.state === 'gone') return;
    const usage = residentMemoryMb(pid);
    if (usage === undefined) return;
    if (usage.peakMb > this.maxMemoryUsedMb) this.maxMemoryUsedMb = usage.peakMb;
    if (usage.currentMb > this.fn.memorySize) this.kill('memory');
  }

  private spawnProcess(): void {
    const { fn, codeDir } = this.options;
    this.writePlatformLine(
      initStartLine(this.launch.runtimeVersion, runtimeVersionArn(this.options.host.region, fn)),
    );
    const missing = missingBootstrap(fn, codeDir);
    if (missing) {
      this.initError = {
        errorType: 'Runtime.InvalidEntrypoint',
        body: runtimeErrorPayload('Runtime.InvalidEntrypoint', missing),
      };
      this.state = 'idle';
      return;
    }
    const child = spawn(this.launch.command, this.launch.args, {
      cwd: this.launch.cwd,
      env: this.launch.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.process = child;
    this.initTimer = setTimeout(() => this.kill('init-timeout'), INIT_TIMEOUT_MS);
    this.initTimer.unref();
    this.output = collectOutput(child, (message, timestamp) => this.logEvent(message, timestamp));
    child.on('error', (error) => {
      this.initError = {
        errorType: 'Runtime.InvalidEntrypoint',
        body: runtimeErrorPayload('Runtime.InvalidEntrypoint', `RequestId: Error: ${error.message}`),
      };
      this.onExit(null, null);
    });
    child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  private onRuntimeRequest(request: RuntimeApiRequest, reply: RuntimeApiReply): void {
    const { method, path } = request;
    const route = path.startsWith(RUNTIME_PATH) ? path.slice(RUNTIME_PATH.length) : '';
    const invocation = /^\/invocation\/([^/]+)\/(response|error)$/.exec(route);
    if (method === 'GET' && route === '/invocation/next') this.onNext(reply);
    else if (method === 'POST' && route === '/init/error') this.onInitError(request, reply);
    else if (method === 'POST' && invocation)
      this.onResult(request, reply, invocation[1] as string, invocation[2] as string);
    else reply(404, '{"errorType":"InvalidRequest","errorMessage":"unknown path"}');
  }

  private onResult(
    request: RuntimeApiRequest,
    reply: RuntimeApiReply,
    requestId: string,
    kind: string,
  ): void {
    const active = this.active;
    if (!active?.startedAt || active.input.requestId !== requestId) {
      reply(400, '{"errorType":"InvalidRequestID","errorMessage":"Invalid request ID"}');
    } else if (request.bodyTooLarge) {
      reply(
        413,
        '{"errorType":"RequestEntityTooLarge","errorMessage":"Response payload size exceeded maximum allowed payload size."}',
      );
      const message = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES - 100} bytes).`;
      this.finishSoon(
        runtimeErrorPayload('Function.ResponseSizeTooLarge', message),
        'Function.ResponseSizeTooLarge',
        true,
      );
    } else if (kind === 'response') {
      reply(202, '{"status":"OK"}');
      this.finishSoon(request.body);
    } else {
      reply(202, '{"status":"OK"}');
      const errorType =
        request.headers.get('lambda-runtime-function-error-type') ?? errorTypeOf(request.body) ?? 'Unhandled';
      const payload = request.body.length > 0 ? request.body : runtimeErrorPayload(errorType, '');
      this.finishSoon(payload, errorType, true);
    }
  }

  private onNext(reply: RuntimeApiReply): void {
    if (this.initDurationMs === undefined) {
      // The first `next` ends the INIT phase (the state may already say busy: an invocation was waiting).
      this.initDurationMs = Number(process.hrtime.bigint() - this.spawnedAt) / 1e6;
      clearTimeout(this.initTimer);
      if (this.state === 'initializing') this.state = 'idle';
    }
    this.waitingNext = reply;
    if (this.active && !this.active.startedAt) this.deliver();
  }

  private onInitError(request: RuntimeApiRequest, reply: RuntimeApiReply): void {
    reply(202, '{"status":"OK"}');
    const errorType =
      request.headers.get('lambda-runtime-function-error-type') ??
      errorTypeOf(request.body) ??
      'Runtime.Unknown';
    this.initError = {
      errorType,
      body: request.body.length > 0 ? request.body : runtimeErrorPayload(errorType, ''),
    };
    this.initDurationMs = Number(process.hrtime.bigint() - this.spawnedAt) / 1e6;
    if (this.active) this.completeWithInitError();
  }

  /** Hands the active invocation to the runtime's pending `next` request. */
  private deliver(): void {
    const active = this.active;
    const reply = this.waitingNext;
    if (!active || !reply) return;
    this.waitingNext = undefined;
    const { input } = active;
    const { fn } = this.options;
    if (!this.initReported) {
      active.initDurationMs = this.initDurationMs;
      this.initReported = true;
    }
    this.writePlatformLine(startLine(input.requestId));
    const deadline = Date.now() + fn.timeout * 1000;
    const headers: Record<string, string> = {
      'Lambda-Runtime-Aws-Request-Id': input.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadline),
      'Lambda-Runtime-Invoked-Function-Arn': input.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${input.requestId.replaceAll('-', '').slice(0, 24)};Sampled=0`,
    };
    if (input.clientContext) headers['Lambda-Runtime-Client-Context'] = input.clientContext;
    if (input.cognitoIdentity)
      headers['Lambda-Runtime-Cognito-Identity'] = JSON.stringify(input.cognitoIdentity);
    active.startedAt = process.hrtime.bigint();
    active.timer = setTimeout(() => this.onTimeout(), fn.timeout * 1000);
    reply(200, input.payload, headers);
  }

  private onTimeout(): void {
    const active = this.active;
    if (!active?.startedAt) return;
    const { timeout } = this.options.fn;
    // Timers may fire a fraction of a millisecond early by the monotonic clock: wait out the rest.
    const remainingMs = timeout * 1000 - Number(process.hrtime.bigint() - active.startedAt) / 1e6;
    if (remainingMs > 0) {
      active.timer = setTimeout(() => this.onTimeout(), Math.ceil(remainingMs));
      return;
    }
    this.writePlatformLine(timeoutLine(active.input.requestId, timeout));
    const message = `RequestId: ${active.input.requestId} Error: Task timed out after ${timeout.toFixed(2)} seconds`;
    this.finish(runtimeErrorPayload('Sandbox.Timedout', message), 'Sandbox.Timedout', true, 'timeout');
    this.kill('timeout');
  }

  private completeWithInitError(): void {
    const active = this.active;
    const initError = this.initError;
    if (!active || !initError) return;
    if (!this.initReported) {
      active.initDurationMs = this.initDurationMs;
      this.initReported = true;
    }
    this.writePlatformLine(
      `INIT_REPORT Init Duration: ${(this.initDurationMs ?? 0).toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ${initError.errorType}\n`,
    );
    this.writePlatformLine(startLine(active.input.requestId));
    active.startedAt = process.hrtime.bigint();
    this.finish(initError.body, initError.errorType, true, 'error');
    this.kill('retired');
  }

  /**
   * Completes on the next turn of the event loop: the runtime wrote its log frames before it posted
   * the response, and this lets the reads of those pipes, ready in the same poll, land first.
   */
  private finishSoon(payload: Buffer, errorType?: string, failed = false): void {
    setImmediate(() => this.finish(payload, errorType, failed));
  }

  private finish(
    payload: Buffer,
    errorType: string | undefined,
    failed: boolean,
    status?: 'timeout' | 'error',
  ): void {
    const active = this.active;
    if (!active) return;
    this.active = undefined;
    clearTimeout(active.timer);
    const { fn } = this.options;
    const startedAt = active.startedAt ?? process.hrtime.bigint();
    const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    if (this.maxMemoryUsedMb === 0) this.sampleMemory();
    const report: InvocationReport = {
      durationMs,
      billedDurationMs: billedDuration(durationMs, active.initDurationMs),
      memorySizeMb: fn.memorySize,
      maxMemoryUsedMb: Math.max(1, Math.round(this.maxMemoryUsedMb)),
      initDurationMs: active.initDurationMs,
      status,
      errorType: status ? errorType : undefined,
    };
    const { requestId } = active.input;
    this.writePlatformLine(endLine(requestId), active);
    this.writePlatformLine(reportLine(requestId, report), active);
    if (this.state === 'busy') this.state = 'idle';
    this.lastUsedAt = Date.now();
    active.resolve({
      requestId,
      payload,
      functionError: failed ? 'Unhandled' : undefined,
      errorType: failed ? errorType : undefined,
      logText: active.input.tailLogs ? tailOf(active.logText) : undefined,
      report,
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.state === 'gone') return;
    clearTimeout(this.initTimer);
    const active = this.active;
    if (active) {
      if (!active.startedAt) {
        active.startedAt = process.hrtime.bigint();
        this.writePlatformLine(startLine(active.input.requestId));
      }
      if (this.initError) {
        this.completeWithInitError();
      } else {
        const [errorType, message] = this.exitError(code, signal);
        this.finish(
          runtimeErrorPayload(errorType, `RequestId: ${active.input.requestId} Error: ${message}`),
          errorType,
          true,
          'error',
        );
      }
    }
    this.state = 'gone';
    this.waitingNext = undefined;
    this.api.close();
    this.options.onGone(this);
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): [string, string] {
    const outOfMemory =
      this.killReason === 'memory' ||
      /JavaScript heap out of memory|MemoryError/.test(this.output?.stderrTail() ?? '');
    if (this.killReason === 'init-timeout')
      return [
        'Sandbox.Timedout',
        `INIT phase timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds`,
      ];
    const how = signal
      ? `signal: ${signal === 'SIGKILL' ? 'killed' : signal === 'SIGABRT' ? 'aborted (core dumped)' : signal}`
      : `exit status ${code}`;
    if (outOfMemory) return ['Runtime.OutOfMemory', `Runtime exited with error: ${how}`];
    if (code === 0 && !signal) return ['Runtime.ExitError', 'Runtime exited without providing a reason'];
    return ['Runtime.ExitError', `Runtime exited with error: ${how}`];
  }

  /** Platform lines end an invocation after it is no longer active, so they name it. */
  private writePlatformLine(line: string, invocation = this.active): void {
    this.logEvent(line.endsWith('\n') ? line.slice(0, -1) : line, Date.now(), invocation);
  }

  private logEvent(message: string, timestamp = Date.now(), invocation = this.active): void {
    this.options.logs.append(this.logGroup, this.logStream, [{ timestamp, message }]);
    if (invocation?.input.tailLogs) invocation.logText += `${message}\n`;
  }
}

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString()) as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}

function runtimeVersionArn(region: string, fn: FunctionDefinition): string {
  return `arn:aws:lambda:${region}::runtime:${Buffer.from(fn.runtime).toString('hex').padEnd(64, '0')}`;
}
