/**
 * Builds the web app and publishes it, with its `config.json`, to the stack's website bucket, the
 * same way on the local cloud and on AWS: the stack's values come from CloudFormation's
 * DescribeStacks (its Outputs), the files go up with the S3 API.
 *
 *   pnpm publish:web                                   the local cloud at http://127.0.0.1:4566
 *   pnpm publish:web --aws --stack-name lambdagram --region eu-west-1   AWS (default credential chain)
 *   options: --dist <dir> (publish that folder, no build), --no-build (publish web/dist as it is),
 *            --endpoint <url> (another local cloud), --stack-name <name>, --region <region>,
 *            --json (print the result as one JSON line: what `npm start` reads),
 *            --config-only (print the stack's config.json and publish nothing: what `pnpm dev` serves)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { buildWeb, WEB_DIST } from './build.js';
import { publishWebApp, webConfig, webOutputs } from './publish.js';
import { PublishError, type StackLocation, stackOutputs } from './stack-outputs.js';

const USAGE = `usage: pnpm publish:web [--dist <dir> | --no-build] [--endpoint <url>] [--stack-name <name>] [--region <region>] [--json]
       pnpm publish:web --aws --stack-name <name> --region <region> [--dist <dir> | --no-build] [--json]
       pnpm publish:web --config-only [--endpoint <url>] [--stack-name <name>] [--region <region>]`;

const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      aws: { type: 'boolean', default: false },
      dist: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      'stack-name': { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      'config-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.aws && values.endpoint)
    throw new PublishError(`--aws and --endpoint exclude each other\n${USAGE}`);
  const location = values.aws
    ? awsLocation(values['stack-name'], values.region)
    : localLocation(values['stack-name'], values.region, values.endpoint);

  if (values['config-only']) {
    const outputs = webOutputs(await stackOutputs(location), location.stackName);
    console.log(JSON.stringify(webConfig(outputs, location.endpoint)));
    return;
  }

  // pnpm runs package scripts from the package folder; INIT_CWD is where the user typed the command.
  const distDir = values.dist ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.dist) : WEB_DIST;
  if (!values.dist && !values['no-build']) {
    const ms = await buildWeb();
    if (!values.json) console.log(`built the web app in ${(ms / 1000).toFixed(1)} s`);
  }
  const published = await publishWebApp(location, distDir);
  if (values.json) {
    const { uploaded, removed, websiteUrl } = published;
    console.log(JSON.stringify({ uploaded: uploaded.length, removed: removed.length, websiteUrl }));
    return;
  }
  const removed = published.removed.length > 0 ? `, removed ${published.removed.length} stale` : '';
  console.log(`published ${published.uploaded.length} files${removed}`);
  console.log(`app ready at ${published.websiteUrl}`);
}

function localLocation(stackName?: string, region?: string, endpoint?: string): StackLocation {
  return {
    stackName: stackName ?? process.env.LOCAL_CLOUD_STACK_NAME ?? 'lambdagram',
    region: region ?? process.env.LOCAL_CLOUD_REGION ?? 'us-east-1',
    endpoint: endpoint ?? LOCAL_ENDPOINT,
    credentials: {
      accessKeyId: process.env.LOCAL_CLOUD_ACCESS_KEY_ID ?? 'test',
      secretAccessKey: process.env.LOCAL_CLOUD_SECRET_ACCESS_KEY ?? 'test',
    },
  };
}

function awsLocation(stackName?: string, region?: string): StackLocation {
  const resolvedRegion = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!stackName) throw new PublishError(`--aws needs --stack-name\n${USAGE}`);
  if (!resolvedRegion) throw new PublishError('No AWS region: pass --region, or set AWS_REGION.');
  return { stackName, region: resolvedRegion, credentials: fromNodeProviderChain() };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof PublishError || (error instanceof TypeError && 'code' in error);
  console.error(known ? (error as Error).message : error);
  process.exitCode = 1;
});
