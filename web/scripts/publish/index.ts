/**
 * `@lambdagram/web/publish`: builds the web app and publishes it, with its `config.json`, to a
 * stack's website bucket — on the local cloud or on AWS, read from CloudFormation's DescribeStacks.
 * The `publish` script of this package (`pnpm publish:web` at the root) is its command line.
 *
 * @example
 * const published = await publishWebApp(
 *   { stackName: 'lambdagram', region: 'us-east-1', endpoint: cloud.url, credentials },
 *   WEB_DIST,
 * );
 * console.log(published.websiteUrl);
 */
export { buildWeb, WEB_DIR, WEB_DIST } from './build.js';
export {
  localWebsiteUrl,
  type PublishResult,
  publishWebApp,
  type WebConfig,
  webConfig,
  webOutputs,
} from './publish.js';
export { PublishError, type StackLocation, stackOutputs } from './stack-outputs.js';
