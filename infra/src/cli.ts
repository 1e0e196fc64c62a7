import { parseArgs, USAGE, UsageError } from './config.js';
import { TemplateError } from './errors.js';
import { startLocalCloud } from './local-cloud.js';

/**
 * `pnpm local-cloud`: starts the local cloud, prints the start-up summary and, once requests are
 * accepted, the line `local cloud ready at <url>`; stops cleanly, taking every environment with it,
 * on SIGINT or SIGTERM.
 */
async function main(): Promise<number> {
  let config: ReturnType<typeof parseArgs>;
  try {
    // pnpm runs package scripts from the package folder; INIT_CWD is where the user typed the command.
    config = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
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

  let cloud: Awaited<ReturnType<typeof startLocalCloud>>;
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

  return new Promise((resolve) => {
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
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
