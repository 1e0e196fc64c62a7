import { runLocalCloud } from './run.js';

/** `pnpm local-cloud`: see `runLocalCloud`. */
runLocalCloud(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
