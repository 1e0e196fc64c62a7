/**
 * The README's start command (`npm start`, i.e. `pnpm run stack`): the local cloud running
 * infra/template.yaml, with the web app published to its website bucket as a deploy to AWS would do
 * it. The app is built (the web package's `build`) while the local cloud starts; once both are done
 * the web package's publisher puts it there (files and `config.json`), and `app ready at <url>` is
 * printed. Runs until Ctrl-C or SIGTERM, a normal stop (exit code 0). Takes the local cloud's options
 * (`--port`, `--state-dir`, `--stack-name`, …; see `pnpm local-cloud --help`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { defaultConfig } from '../src/config.js';
import { runLocalCloud } from '../src/run.js';
import { localStackArgs, webScriptOutput } from './web-app.js';

let building: Promise<number> | undefined;
let ready = false;

// Ctrl-C and SIGTERM are the normal way to stop: exit code 0, so that pnpm and npm above us print
// no ELIFECYCLE failure. In a terminal, Ctrl-C reaches every process of the group and pnpm may send
// its own on top: once the local cloud is ready, its handler (runLocalCloud's) stops it on the first
// one and these listeners swallow the rest; before that, nothing is running that exiting does not
// stop (DynamoDB Local dies with us), so we exit at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (ready) return;
    console.log(`\n${signal}: stopped while the local cloud was starting`);
    process.exit(0);
  });
}

/**
 * What the local cloud needs from this machine beyond Node (README, quick start) and fails on
 * without: a one-line message naming the missing thing and how to get it, instead of a stack trace.
 */
function startFailure(error: unknown): string | undefined {
  if (error instanceof Error && error.name === 'JavaMissingError') return `cannot start: ${error.message}`;
  return undefined;
}

/** Python 3 runs the template's Python functions: without it they fail when invoked, so say so at start. */
function warnWithoutPython(): void {
  const python = process.env.LOCAL_CLOUD_PYTHON ?? 'python3';
  if (spawnSync(python, ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.warn(
    `warning: \`${python}\` was not found: the Python functions (runtime python3.*) will fail when invoked. Install Python 3 with \`apt-get install -y python3\` (Debian/Ubuntu) or \`brew install python\` (macOS), or set LOCAL_CLOUD_PYTHON.`,
  );
}

const code = await runLocalCloud(process.argv.slice(2), {
  starting(config) {
    warnWithoutPython();
    const started = performance.now();
    building = webScriptOutput('build', []).then(
      () => performance.now() - started,
      (error: Error) => {
        throw new Error(`the web app did not build:\n${error.message}`);
      },
    );
    building.catch(() => {}); // reported once the local cloud is ready
    // Emailed links point at the app: on another port or stack, its website is elsewhere.
    const ownTemplate = path.resolve(config.templatePath) === defaultConfig().templatePath;
    if (ownTemplate && config.port !== 0 && config.parameterOverrides.AppUrl === undefined) {
      config.parameterOverrides.AppUrl = `http://${config.stackName}-web.s3-website.localhost:${config.port}`;
    }
  },
  async ready(cloud, config) {
    ready = true;
    // The local cloud stops on these (its own handlers); the children building and publishing get
    // the terminal's Ctrl-C too, and their failure then is no news.
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stopping = true));
    try {
      const buildMs = (await building) ?? 0;
      const local = localStackArgs(cloud.url, config);
      const output = await webScriptOutput('publish:web', ['--no-build', '--json', ...local.args], local.env);
      const published = JSON.parse(output.trim().split('\n').at(-1) ?? '') as {
        uploaded: number;
        websiteUrl: string;
      };
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `web app built in ${seconds(buildMs)}, ${published.uploaded} files published (started in ${seconds(performance.now())})`,
      );
      console.log(`app ready at ${published.websiteUrl}`);
    } catch (error) {
      if (stopping) return; // Ctrl-C while building or publishing: the children got it too
      console.error(`the web app is not published: ${error instanceof Error ? error.message : error}`);
      console.error('the local cloud keeps running; fix the app and run `pnpm publish:web`');
    }
  },
}).catch((error: unknown) => {
  const message = startFailure(error);
  if (!message) throw error;
  console.error(message);
  return 1;
});
if (code === 0) console.log('the local cloud stopped');
process.exit(code);
