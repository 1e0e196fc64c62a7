import { installBeforeExit, setBeforeExit } from './before-exit.js';
import { logError, setCurrentRequestId } from './console-patch.js';
import { NodeJsExit, toRapidResponse, UnhandledPromiseRejection } from './errors.js';
import { isAsyncFunction, type UserHandler } from './handler-loader.js';
import type { RuntimeResponse } from './http-response.js';
import { type FunctionInfo, Invocation, type InvocationReporter } from './invocation.js';
import type { PostThenNext, RuntimeApi } from './runtime-api.js';

/** AWS's exit codes after reporting an uncaught exception or an unhandled rejection. */
const UNCAUGHT_EXCEPTION_EXIT = 129;
const UNHANDLED_REJECTION_EXIT = 128;

/**
 * The invoke loop: wait for an event, run the handler, post its outcome, repeat. Init failures and
 * process-level failures are reported the way AWS's Node runtime reports them, then the process exits.
 */
export class Runtime implements InvocationReporter {
  private handler: UserHandler | undefined;
  private handlerIsAsync = false;
  private active: Invocation | undefined;
  private dying = false;

  constructor(
    private readonly api: RuntimeApi,
    private readonly info: FunctionInfo,
  ) {}

  /** Installs the process-level listeners; call before any user code loads. */
  installProcessListeners(): void {
    process.on('uncaughtException', (error) => {
      logError('Uncaught Exception', error);
      this.die(error, UNCAUGHT_EXCEPTION_EXIT);
    });
    process.on('unhandledRejection', (reason, promise) => {
      const error = new UnhandledPromiseRejection(reason, promise);
      logError('Unhandled Promise Rejection', error);
      this.die(error, UNHANDLED_REJECTION_EXIT);
    });
    installBeforeExit();
  }

  /** Loads the handler, then starts the loop; a load failure is posted as the init error. */
  async start(load: () => Promise<UserHandler>): Promise<void> {
    let handler: UserHandler;
    try {
      handler = await load();
    } catch (error) {
      // AWS's runtime reaches this through its uncaught-exception path, hence the wording and exit code.
      logError('Uncaught Exception', error);
      return this.die(error, UNCAUGHT_EXCEPTION_EXIT);
    }
    if (this.dying) return;
    this.handler = handler;
    this.handlerIsAsync = isAsyncFunction(handler);
    this.next();
  }

  complete(invocation: Invocation, result: unknown): void {
    if (this.dying) return;
    if (invocation.completed) {
      console.error(
        'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
      );
      return;
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(result === undefined ? null : result);
    } catch {
      this.fail(invocation, new Error('Unable to stringify response body'));
      return;
    }
    invocation.completed = true;
    this.continueWith(this.api.postResponseThenNext(invocation.requestId, json ?? 'null'));
  }

  fail(invocation: Invocation, error: unknown): void {
    if (this.dying) return;
    logError('Invoke Error', error);
    if (invocation.completed) return;
    invocation.completed = true;
    this.continueWith(this.api.postErrorThenNext(invocation.requestId, toRapidResponse(error)));
  }

  private next(): void {
    this.api.next().then(this.invoke, this.onApiFailure);
  }

  /** A post's answer needs no action (a refused post still ends the invocation); only failures do. */
  private continueWith({ posted, next }: PostThenNext): void {
    posted.catch(this.onApiFailure);
    next.then(this.invoke, this.onApiFailure);
  }

  private readonly invoke = (response: RuntimeResponse): void => {
    if (this.dying) return;
    const { headers } = response;
    const requestId = headers.get('lambda-runtime-aws-request-id');
    if (response.status !== 200 || !requestId) {
      this.onApiFailure(
        new Error(`bad /invocation/next answer ${response.status}: ${response.body.toString()}`),
      );
      return;
    }
    setCurrentRequestId(requestId);
    forwardTraceId(headers.get('lambda-runtime-trace-id'));
    const invocation = new Invocation(requestId, this);
    this.active = invocation;
    setBeforeExit(() => this.onEmptyEventLoop(invocation));
    try {
      const event = JSON.parse(response.body.toString('utf8'));
      const context = invocation.createContext(headers, this.info);
      const result = (this.handler as UserHandler)(event, context, invocation.callback);
      if (isPromiseLike(result)) result.then(invocation.succeed, invocation.fail);
    } catch (error) {
      invocation.callback(error);
    }
  };

  /**
   * The loop drained before the handler reported: an async handler left a promise unsettled, which
   * AWS reports as an error; any other handler simply returned without calling back, which is null.
   */
  private onEmptyEventLoop(invocation: Invocation): void {
    if (invocation.completed || this.dying) return;
    if (this.handlerIsAsync) {
      this.fail(invocation, new NodeJsExit());
      return;
    }
    invocation.completed = true;
    this.continueWith(this.api.postResponseThenNext(invocation.requestId, 'null'));
  }

  /** Reports a fatal error for whatever is in progress (init or the active invocation), then exits. */
  private die(error: unknown, exitCode: number): void {
    if (this.dying) return;
    this.dying = true;
    const exit = () => process.exit(exitCode);
    const active = this.active;
    let reported: Promise<unknown>;
    if (!active) {
      // Before the first event (still loading, or waiting for it) the failure belongs to init, as on AWS.
      reported = this.api.postInitError(toRapidResponse(error));
    } else if (!active.completed) {
      active.completed = true;
      reported = this.api.postFatalError(active.requestId, toRapidResponse(error));
    } else {
      // The outcome is already on its way (or we are between invocations): let the post land.
      reported = this.api.lastPost;
    }
    reported.then(exit, exit);
  }

  /** The Runtime API itself failed: nothing can be reported any more. */
  private readonly onApiFailure = (error: Error): void => {
    process.stderr.write(`Lambda runtime client: Runtime API request failed: ${error.message}\n`);
    process.exit(1);
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** The X-Ray trace header of the current invocation, where the AWS SDK and X-Ray SDK look for it. */
function forwardTraceId(traceId: string | undefined): void {
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
  else delete process.env._X_AMZN_TRACE_ID;
}
