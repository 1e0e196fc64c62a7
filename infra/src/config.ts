import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the local cloud can be told at start. */
export interface LocalCloudConfig {
  host: string;
  /** 0 picks a free port (tests); the ready line prints the real one. */
  port: number;
  stateDir: string;
  templatePath: string;
  region: string;
  accountId: string;
  stackName: string;
  parameterOverrides: Record<string, string>;
  /** The account's root credentials: requests signed with them may do everything. */
  rootCredentials: { accessKeyId: string; secretAccessKey: string };
  /** Rebuild and reload functions when their sources change. */
  watch: boolean;
  /** Decide every call by the template's IAM policies (`--no-iam` turns it off; signatures are still checked). */
  iam: boolean;
  /** Scales Lambda's async retry delays (1 and 2 minutes); 0.001 turns them into 60 and 120 ms. */
  retryDelayScale: number;
  /** Idle execution environments are shut down after this long. */
  idleTimeoutMs: number;
  /** The most execution environments that may run at once (Lambda's account concurrency). */
  maxEnvironments: number;
}

/** The repository root: defaults are relative to it, wherever the command was started from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): LocalCloudConfig {
  return {
    host: '127.0.0.1',
    port: 4566,
    stateDir: path.join(REPO_ROOT, '.local-cloud'),
    templatePath: path.join(REPO_ROOT, 'infra', 'template.yaml'),
    region: env.LOCAL_CLOUD_REGION ?? 'us-east-1',
    accountId: env.LOCAL_CLOUD_ACCOUNT_ID ?? '123456789012',
    stackName: env.LOCAL_CLOUD_STACK_NAME ?? 'lambdagram',
    parameterOverrides: {},
    rootCredentials: {
      accessKeyId: env.LOCAL_CLOUD_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: env.LOCAL_CLOUD_SECRET_ACCESS_KEY ?? 'test',
    },
    watch: true,
    iam: true,
    retryDelayScale: Number(env.LOCAL_CLOUD_RETRY_DELAY_SCALE ?? 1),
    idleTimeoutMs: Number(env.LOCAL_CLOUD_IDLE_TIMEOUT_MS ?? 10 * 60_000),
    maxEnvironments: Number(env.LOCAL_CLOUD_MAX_ENVIRONMENTS ?? 64),
  };
}

const USAGE = `usage: pnpm local-cloud [--port <port>] [--state-dir <dir>] [--template <file>]
                        [--region <region>] [--stack-name <name>] [--parameter Key=Value ...]
                        [--no-watch] [--no-iam] [--retry-delay-scale <factor>]
                        [--idle-timeout-ms <ms>] [--max-environments <n>]

Defaults: port 4566, state dir .local-cloud/, template infra/template.yaml (relative to the repo root).
Requests must be SigV4-signed with the root credentials: access key id "test", secret "test"
(override with LOCAL_CLOUD_ACCESS_KEY_ID / LOCAL_CLOUD_SECRET_ACCESS_KEY).`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
  }
}

/** Parses the command line; relative paths are taken from where the user ran the command. */
export function parseArgs(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): LocalCloudConfig | 'help' {
  const config = defaultConfig(env);
  const rest = [...argv];
  const value = (flag: string): string => {
    const next = rest.shift();
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  const number = (flag: string, min: number, max: number): number => {
    const raw = value(flag);
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max)
      throw new UsageError(`${flag} must be a number from ${min} to ${max}, not '${raw}'`);
    return parsed;
  };
  while (rest.length > 0) {
    const flag = rest.shift() as string;
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--port':
        config.port = number(flag, 0, 65535);
        break;
      case '--host':
        config.host = value(flag);
        break;
      case '--state-dir':
        config.stateDir = path.resolve(cwd, value(flag));
        break;
      case '--template':
        config.templatePath = path.resolve(cwd, value(flag));
        break;
      case '--region':
        config.region = value(flag);
        break;
      case '--stack-name':
        config.stackName = value(flag);
        break;
      case '--parameter': {
        const [key, ...parts] = value(flag).split('=');
        if (!key || parts.length === 0) throw new UsageError('--parameter takes Key=Value');
        config.parameterOverrides[key] = parts.join('=');
        break;
      }
      case '--no-watch':
        config.watch = false;
        break;
      case '--no-iam':
        config.iam = false;
        break;
      case '--retry-delay-scale':
        config.retryDelayScale = number(flag, 0, 1);
        break;
      case '--idle-timeout-ms':
        config.idleTimeoutMs = number(flag, 1, 86_400_000);
        break;
      case '--max-environments':
        config.maxEnvironments = number(flag, 1, 10_000);
        break;
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  return config;
}

export { USAGE };
