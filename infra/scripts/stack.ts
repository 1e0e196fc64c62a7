/**
 * The README's start command (`npm start`, i.e. `pnpm run stack`): the local cloud running
 * infra/template.yaml, with the web app published to its website bucket as a deploy to AWS would do
 * it. The app is built (the web package's `build`) while the local cloud starts; once both are done
 * the web package's publisher puts it there (files and `config.json`), and `app ready at <url>` is
 * printed. Runs until Ctrl-C or SIGTERM, a normal stop (exit code 0). Takes the local cloud's options
 * (`--port`, `--state-dir`, `--stack-name`, …; see `pnpm local-cloud --help`).
 */
import path from 'node:path';
import { defaultConfig } from '../src/config.js';
import { runLocalCloud } from '../src/run.js';
import { localStackArgs, webScriptOutput } from './web-app.js';

let building: Promise<number> | undefined;

const code = await runLocalCloud(process.argv.slice(2), {
  starting(config) {
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
});
process.exit(code);
