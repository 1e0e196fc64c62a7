import { randomInt } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * DynamoDB Local keeps one database per access key ID and region (`<key>_<region>.db`) unless told
 * `-sharedDb`. Without it, and with a random key ID that only the local cloud knows, anyone else who
 * reaches DynamoDB Local's port (another user of the machine, a web page by DNS rebinding) gets an
 * empty database of their own: the stack's tables are reachable only through the local cloud's
 * endpoint, where signatures and IAM are checked. The key is the name of the database file, so the
 * folder holding both is the owner's alone (0700), as the data in it should be anyway.
 */

/**
 * The region of our requests to DynamoDB Local: with the key, it names the database file, and it is
 * the region in the ARNs DynamoDB Local shows (`arns.ts` rewrites them), as it was with `-sharedDb`.
 */
export const LOCAL_REGION = 'ddblocal';
/** Where the key is kept, in DynamoDB Local's data folder. */
export const ACCESS_KEY_FILE = 'access-key';
/** The database file of the `-sharedDb` layout, used up to this version. */
export const SHARED_DB_FILE = 'shared-local-instance.db';

const KEY_LENGTH = 40;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// DynamoDB Local refuses key IDs with anything but letters and digits.
const KEY_PATTERN = /^[A-Za-z0-9]{32,128}$/;

/**
 * Makes `dataDir` private to its owner, reads its access key ID (made on first use: 40 letters and
 * digits, 238 random bits) and moves a database of the shared layout to the key's file. Returns the key.
 */
export function preparePrivateDatabase(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A folder made by an earlier version has the umask's mode (0755): the key would be listed to all.
  chmodSync(dataDir, 0o700);
  const accessKeyId = readOrMakeKey(path.join(dataDir, ACCESS_KEY_FILE));
  moveSharedDatabase(dataDir, accessKeyId);
  return accessKeyId;
}

/** The file DynamoDB Local keeps the local cloud's tables in. */
export function privateDatabaseFile(dataDir: string, accessKeyId: string): string {
  return path.join(dataDir, `${accessKeyId}_${LOCAL_REGION}.db`);
}

/**
 * An Authorization header DynamoDB Local accepts for the private database. It checks only the
 * header's shape and takes the key ID and region from it; the front door has verified the caller's
 * real signature. One header also serves requests that came presigned, without any.
 */
export function localAuthorization(accessKeyId: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20000101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`;
}

function readOrMakeKey(file: string): string {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (!KEY_PATTERN.test(key)) {
      throw new Error(`${file} does not hold a DynamoDB Local access key ID (letters and digits); remove it`);
    }
    chmodSync(file, 0o600);
    return key;
  }
  let key = '';
  for (let index = 0; index < KEY_LENGTH; index++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  // 'wx': never overwrite a key another start wrote meanwhile (its tables would be orphaned).
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/**
 * Up to this version every table lived in `shared-local-instance.db` (`-sharedDb`). On the first
 * start with a key, that file (and a SQLite journal beside it, if a crash left one) becomes the key's
 * database: nothing written before is lost. If the key's database already exists, the shared file is
 * left alone (it holds nothing newer) and named in a warning.
 */
function moveSharedDatabase(dataDir: string, accessKeyId: string): void {
  const shared = path.join(dataDir, SHARED_DB_FILE);
  if (!existsSync(shared)) return;
  const target = privateDatabaseFile(dataDir, accessKeyId);
  if (existsSync(target)) {
    console.error(
      `[local-cloud] dynamodb: ${shared} (the old shared layout) is not used: the tables are in ${target}`,
    );
    return;
  }
  // The journal first: if we stop between the two, the next start still finds the shared file, moves
  // it, and it lands beside its journal (SQLite recovers a database from the hot journal beside it).
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith(`${SHARED_DB_FILE}-`)) {
      renameSync(path.join(dataDir, name), `${target}${name.slice(SHARED_DB_FILE.length)}`);
    }
  }
  renameSync(shared, target);
}
