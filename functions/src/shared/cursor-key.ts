import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './aws-clients.js';
import { setting } from './environment.js';

/**
 * The key that seals page cursors (AES-256-GCM, `./cursors.ts`): 32 random bytes, made once by the
 * first function that needs it (a conditional put: of two environments racing, one key wins and
 * both read it back) and kept in the cursor-keys table, which only the functions that hand out
 * cursors may read (the template's least privilege; the local cloud enforces it too). Each execution
 * environment reads it once and keeps it.
 *
 * Why a table item rather than a template parameter (NoEcho) passed in an environment variable:
 * a function's environment is shown by `GetFunctionConfiguration`, which the admins' debug panel
 * calls, and a parameter has to be chosen, kept and passed by whoever deploys; the item is made
 * by the stack itself, the same for every environment, on AWS as locally, and readable by
 * nothing but four roles. (KMS or Secrets Manager would be the AWS-native homes for it; the local
 * cloud has neither.) The key does not rotate: changing the item only ends the cursors handed out
 * so far, which readers recover from by starting their list again.
 */
const KEY_NAME = 'cursors';
const KEY_BYTES = 32;

export const cursorKeysTable = () => setting('CURSOR_KEYS_TABLE');

let key: Promise<Buffer> | undefined;

/** The sealing key, read (or made) once per execution environment. */
export function cursorKey(): Promise<Buffer> {
  key ??= readOrMakeKey().catch((error: unknown) => {
    // A failed read is tried again by the next call, not remembered.
    key = undefined;
    throw error;
  });
  return key;
}

async function readOrMakeKey(): Promise<Buffer> {
  const existing = await readKey();
  if (existing) return existing;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: cursorKeysTable(),
        Item: { name: KEY_NAME, key: randomBytes(KEY_BYTES) },
        ConditionExpression: 'attribute_not_exists(#name)',
        ExpressionAttributeNames: { '#name': 'name' },
      }),
    );
  } catch (error) {
    // Another environment made it first: theirs is the key.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const made = await readKey();
  if (!made) throw new Error('the cursor key was written but cannot be read back');
  return made;
}

async function readKey(): Promise<Buffer | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: cursorKeysTable(), Key: { name: KEY_NAME }, ConsistentRead: true }),
  );
  const value = Item?.key;
  if (!(value instanceof Uint8Array)) return undefined;
  if (value.byteLength !== KEY_BYTES) throw new Error('the cursor key is not 32 bytes');
  return Buffer.from(value);
}
