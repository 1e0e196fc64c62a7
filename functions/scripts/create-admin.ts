/**
 * Makes an existing account an admin: sets `role: admin` on its profile in the `<stack>-users` table.
 * The role reaches IAM as the principal tag `role`, which `signIn` sets, so it takes effect at the
 * account's next sign-in.
 *
 *   pnpm admin:create <username>                         the local cloud at http://127.0.0.1:4566
 *   pnpm admin:create <username> --aws [--region eu-west-1]   AWS, with the default credential chain
 *   options: --stack-name <name> (default lambdagram), --endpoint <url> (another endpoint)
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/users.js';

const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
const USAGE =
  'Usage: pnpm admin:create <username> [--aws] [--region <region>] [--stack-name <name>] [--endpoint <url>]';

/** A failure the person running the command can act on: printed without a stack trace. */
class CommandError extends Error {}

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      region: { type: 'string' },
      'stack-name': { type: 'string', default: 'lambdagram' },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return USAGE;
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new CommandError(`Name exactly one username.\n${USAGE}`);

  const endpoint = values.endpoint ?? (values.aws ? undefined : LOCAL_ENDPOINT);
  const config: DynamoDBClientConfig = { maxAttempts: 2 };
  if (endpoint) config.endpoint = endpoint;
  if (values.region) config.region = values.region;
  if (!values.aws) {
    // The local cloud's root credentials; on AWS the default chain (env, profile, SSO, role) decides.
    config.region ??= 'us-east-1';
    config.credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  }
  const where = endpoint ?? `AWS (${values.region ?? 'default region'})`;
  const table = `${values['stack-name']}-users`;
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  try {
    return await makeAdmin(documents, table, username);
  } catch (error) {
    throw explain(error, { where, table, local: !values.aws });
  } finally {
    documents.destroy();
  }
}

async function makeAdmin(
  documents: DynamoDBDocumentClient,
  table: string,
  username: string,
): Promise<string> {
  const { Item: claim } = await documents.send(
    new GetCommand({ TableName: table, Key: keys.username(username), ConsistentRead: true }),
  );
  const userId = claim?.userId as string | undefined;
  if (!userId) throw new CommandError(`No account has the username "${username}" (table ${table}).`);
  const { Attributes } = await documents.send(
    new UpdateCommand({
      TableName: table,
      Key: keys.profile(userId),
      UpdateExpression: 'SET #role = :admin',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':admin': 'admin' },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  const name = (claim?.username as string | undefined) ?? username;
  if (Attributes?.role === 'admin') return `${name} (${userId}) was already an admin.`;
  return `${name} (${userId}) is now an admin. The role takes effect at their next sign-in.`;
}

function explain(error: unknown, context: { where: string; table: string; local: boolean }): Error {
  if (error instanceof CommandError) return error;
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: string; cause?: { code?: string } })?.code;
  const causeCode = (error as { cause?: { code?: string } })?.cause?.code;
  if ([code, causeCode].some((c) => c === 'ECONNREFUSED' || c === 'ENOTFOUND' || c === 'ECONNRESET')) {
    return new CommandError(
      context.local
        ? `Cannot reach the local cloud at ${context.where}. Start it with \`pnpm start\` (or pass --aws to change the stack on AWS).`
        : `Cannot reach ${context.where}.`,
    );
  }
  if (name === 'ResourceNotFoundException') {
    return new CommandError(
      `There is no table ${context.table} at ${context.where}: is the stack running there? (--stack-name names another stack.)`,
    );
  }
  if (name === 'ConditionalCheckFailedException') {
    return new CommandError('The username is claimed but its profile is missing: the account is incomplete.');
  }
  if (error instanceof Error && /region is missing/i.test(error.message)) {
    return new CommandError('No AWS region: pass --region, or set AWS_REGION or a profile region.');
  }
  if (name === 'CredentialsProviderError') {
    return new CommandError(
      'No AWS credentials found: configure a profile or environment variables (see `aws configure`).',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    if (error instanceof CommandError || (error instanceof TypeError && 'code' in error)) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
