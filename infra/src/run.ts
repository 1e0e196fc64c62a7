import { type LocalCloudConfig, parseArgs, USAGE, UsageError } from './config.js';
import { TemplateError } from './core/errors.js';
import { type RunningLocalCloud, startLocalCloud } from './local-cloud.js';

/** What a command built on the local cloud adds to it (the README's start command publishes the web app). */
export interface LocalCloudHooks {
  /** Once the command line is understood, before start-up: may adjust the configuration. */
  starting?(config: LocalCloudConfig): void;
  /** Once the ready line is printed; the local cloud keeps running whatever this does. */
  ready?(cloud: RunningLocalCloud, config: LocalCloudConfig): Promise<void> | void;
}

/**
 * `pnpm local-cloud`: starts the local cloud, prints the start-up summary and, once requests are
 * accepted, the line `local cloud ready at <url>`; stops cleanly, taking every environment with it,
 * on SIGINT or SIGTERM. Resolves to the exit code.
 */
export async function runLocalCloud(argv: string[], hooks: LocalCloudHooks = {}): Promise<number> {
  let config: ReturnType<typeof parseArgs>;
  try {
    // pnpm runs package scripts from the package folder; INIT_CWD is where the user typed the command.
    config = parseArgs(argv, process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (config === 'help') {
    console.log(USAGE);
    return 0;
  }
  hooks.starting?.(config);

  let cloud: RunningLocalCloud;
  try {
    cloud = await startLocalCloud(config);
  } catch (error) {
    if (error instanceof TemplateError) {
      console.error(`cannot start: the template ${config.templatePath} has a problem:\n  ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`cannot start: port ${config.port} is in use (choose another with --port)`);
      return 1;
    }
    throw error;
  }
  console.log(cloud.summary);
  console.log(`local cloud ready at ${cloud.url}`);

  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      console.log(`\n${signal}: stopping the local cloud`);
      cloud.stop().then(
        () => resolve(0),
        (error: unknown) => {
          console.error('error while stopping:', error);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  try {
    await hooks.ready?.(cloud, config);
  } catch (error) {
    console.error(error);
  }
  return stopped;
}
