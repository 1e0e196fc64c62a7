/**
 * The README's start command (`npm start`, i.e. `pnpm run stack`): the local cloud running
 * infra/template.yaml, with the web app published to its website bucket as a deploy to AWS would do
 * it. The app is built while the local cloud starts; once both are done it is published (files and
 * `config.json`), and `app ready at <url>` is printed. Runs until Ctrl-C. Takes the local cloud's
 * options (`--port`, `--state-dir`, `--stack-name`, …; see `pnpm local-cloud --help`).
 */
import path from 'node:path';
import { defaultConfig } from '../src/config.js';
import { runLocalCloud } from '../src/run.js';
import { buildWeb, WEB_DIST } from './web/build.js';
import { publishWebApp } from './web/publish.js';

let building: Promise<number> | undefined;

const code = await runLocalCloud(process.argv.slice(2), {
  starting(config) {
    building = buildWeb();
    building.catch(() => {}); // reported once the local cloud is ready
    // Emailed links point at the app: on another port or stack, its website is elsewhere.
    const ownTemplate = path.resolve(config.templatePath) === defaultConfig().templatePath;
    if (ownTemplate && config.port !== 0 && config.parameterOverrides.AppUrl === undefined) {
      config.parameterOverrides.AppUrl = `http://${config.stackName}-web.s3-website.localhost:${config.port}`;
    }
  },
  async ready(cloud, config) {
    try {
      const buildMs = (await building) ?? 0;
      const published = await publishWebApp(
        {
          stackName: config.stackName,
          region: config.region,
          endpoint: cloud.url,
          credentials: config.rootCredentials,
        },
        WEB_DIST,
      );
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `web app built in ${seconds(buildMs)}, ${published.uploaded.length} files published (started in ${seconds(performance.now())})`,
      );
      console.log(`app ready at ${published.websiteUrl}`);
    } catch (error) {
      console.error(`the web app is not published: ${error instanceof Error ? error.message : error}`);
      console.error('the local cloud keeps running; fix the app and run `pnpm publish:web`');
    }
  },
});
process.exit(code);
