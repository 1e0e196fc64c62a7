import { resetBeforeExit, setBeforeExit } from './before-exit.js';

/** Context fields that come from the environment, read once at start-up. */
export interface FunctionInfo {
  functionName: string | undefined;
  functionVersion: string | undefined;
  memoryLimitInMB: string | undefined;
  logGroupName: string | undefined;
  logStreamName: string | undefined;
}

/** What an invocation reports its outcome to. */
export interface InvocationReporter {
  complete(invocation: Invocation, result: unknown): void;
  fail(invocation: Invocation, error: unknown): void;
}

type NodeCallback = (error?: unknown, result?: unknown) => void;

/**
 * One invocation's callback-style API, with AWS's semantics: the first of callback/done/succeed/fail
 * wins; `callback(null, result)` waits for the event loop to drain unless the handler turned
 * `callbackWaitsForEmptyEventLoop` off; done/succeed/fail never wait.
 */
export class Invocation {
  /** The response or error has been posted (or is being posted). */
  completed = false;
  waitsForEmptyEventLoop = true;
  private settled = false;

  readonly callback: NodeCallback = (error, result) =>
    this.once(() => {
      resetBeforeExit();
      if (error !== undefined && error !== null) return this.reporter.fail(this, error);
      if (!this.waitsForEmptyEventLoop) return this.reporter.complete(this, result);
      setBeforeExit(() => setImmediate(() => this.reporter.complete(this, result)));
    });
  readonly done: NodeCallback = (error, result) => this.once(() => this.finishNow(error, result));
  readonly succeed = (result?: unknown): void => this.once(() => this.finishNow(null, result));
  readonly fail = (error?: unknown): void =>
    this.once(() => this.finishNow(error === undefined || error === null ? 'handled' : error, null));

  constructor(
    readonly requestId: string,
    private readonly reporter: InvocationReporter,
  ) {}

  /** The handler's `context`, shaped (and ordered) like AWS's. */
  createContext(headers: Map<string, string>, info: FunctionInfo): object {
    const invocation = this;
    const deadline = Number(headers.get('lambda-runtime-deadline-ms'));
    return {
      get callbackWaitsForEmptyEventLoop(): boolean {
        return invocation.waitsForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        invocation.waitsForEmptyEventLoop = value;
      },
      succeed: this.succeed,
      fail: this.fail,
      done: this.done,
      functionVersion: info.functionVersion,
      functionName: info.functionName,
      memoryLimitInMB: info.memoryLimitInMB,
      logGroupName: info.logGroupName,
      logStreamName: info.logStreamName,
      clientContext: parseJsonHeader(headers.get('lambda-runtime-client-context'), 'ClientContext'),
      identity: parseJsonHeader(headers.get('lambda-runtime-cognito-identity'), 'CognitoIdentity'),
      invokedFunctionArn: headers.get('lambda-runtime-invoked-function-arn'),
      awsRequestId: this.requestId,
      getRemainingTimeInMillis: (): number => Math.max(0, deadline - Date.now()),
    };
  }

  private finishNow(error: unknown, result: unknown): void {
    resetBeforeExit();
    if (error !== undefined && error !== null) this.reporter.fail(this, error);
    else this.reporter.complete(this, result);
  }

  private once(action: () => void): void {
    if (this.settled) return;
    this.settled = true;
    action();
  }
}

function parseJsonHeader(text: string | undefined, name: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${String(error)}`);
  }
}
