/**
 * `pnpm dev`: the web app in Vite's dev server (hot reload) against the local cloud. A local cloud
 * already running on the port (`npm start` in another terminal) is used as it is; otherwise one is
 * started here, as `npm start` does, without publishing the app. Vite serves `/config.json` with the
 * stack's values (the `devConfig` plugin of web/vite.config.ts), which the web package's publisher
 * reads from the local cloud (`publish:web --config-only`), as it does when it publishes. Takes the local cloud's options (`--port`, …); runs
 * until Ctrl-C.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { defaultConfig, type LocalCloudConfig, parseArgs } from '../src/config.js';
import { runLocalCloud } from '../src/run.js';
import { localStackArgs, runWebScript, webScriptOutput } from './web-app.js';

const argv = process.argv.slice(2);
/** Where Vite serves the app (`--strictPort`: emailed links point here, so it may not move). */
const DEV_URL = 'http://localhost:5173';

/** The config.json of the stack at `endpoint`; undefined when nothing answers there. */
async function configAt(endpoint: string, config: LocalCloudConfig): Promise<string | undefined> {
  try {
    await fetch(endpoint, { method: 'HEAD' });
  } catch {
    return undefined;
  }
  const local = localStackArgs(endpoint, config);
  return (await webScriptOutput('publish:web', ['--config-only', ...local.args], local.env)).trim();
}

/** Vite's dev server for web/, with the config it serves at /config.json; forwards its exit. */
function startVite(configJson: string): ChildProcess {
  const port = new URL(DEV_URL).port;
  const vite = runWebScript('dev', ['--port', port, '--strictPort'], {
    stdio: 'inherit',
    env: { LAMBDAGRAM_CONFIG: configJson },
  });
  process.once('exit', () => vite.kill('SIGTERM'));
  return vite;
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 0)));
}

async function main(): Promise<number> {
  const config = parseArgs(argv, process.env.INIT_CWD ?? process.cwd());
  if (config !== 'help' && config.port !== 0) {
    const endpoint = `http://${config.host}:${config.port}`;
    const running = await configAt(endpoint, config);
    if (running) {
      console.log(`using the local cloud already running at ${endpoint}`);
      return waitForExit(startVite(running));
    }
  }
  return runLocalCloud(argv, {
    starting(config) {
      // Emailed links (verification, password reset) open the dev server's app.
      const ownTemplate = path.resolve(config.templatePath) === defaultConfig().templatePath;
      if (ownTemplate && config.parameterOverrides.AppUrl === undefined) {
        config.parameterOverrides.AppUrl = DEV_URL;
      }
    },
    async ready(cloud, started) {
      const configJson = await configAt(cloud.url, started);
      if (!configJson) throw new Error(`the local cloud does not answer at ${cloud.url}`);
      const vite = startVite(configJson);
      // Vite gone (its own error, or `q` typed at its prompt): stop the local cloud too.
      vite.once('exit', () => process.kill(process.pid, 'SIGTERM'));
    },
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
