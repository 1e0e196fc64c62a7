import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { ValidationError } from '#shared/errors.js';
import { keys, type TokenPurpose, usersTable } from '#shared/users.js';

/**
 * Single-use tokens for emailed links. The link carries 32 random bytes; the table keeps only their
 * SHA-256, so a leaked table (or log of it) opens no account. An item expires through the table's
 * TTL, but TTL deletion is lazy (it can take days), so every read checks `expiresAt` itself.
 */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  'verify-email': 24 * 60 * 60,
  'reset-password': 60 * 60,
};

export const USED_OR_EXPIRED = 'This link has already been used or has expired. Ask for a new one.';

/** What a token's item says: whose it is and until when it works. */
export interface TokenItem {
  pk: string;
  sk: TokenPurpose;
  userId: string;
  /** The address the link was sent to. */
  email: string;
  /** Epoch seconds: the table's TTL attribute. */
  expiresAt: number;
  createdAt: string;
}

/** A fresh token for a link, and the hash under which it is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The item to store for a new token (put it with `attribute_not_exists(pk)`). */
export function tokenItem(
  hash: string,
  purpose: TokenPurpose,
  owner: { userId: string; email: string },
  now = new Date(),
): TokenItem {
  return {
    ...keys.token(hash, purpose),
    sk: purpose,
    userId: owner.userId,
    email: owner.email,
    expiresAt: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS[purpose],
    createdAt: now.toISOString(),
  };
}

export function isExpired(item: Pick<TokenItem, 'expiresAt'>, now = new Date()): boolean {
  return item.expiresAt <= Math.floor(now.getTime() / 1000);
}

/** The token's item if it is still usable, without using it up (to check a request before acting). */
export async function findToken(
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<TokenItem | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: usersTable(),
      Key: keys.token(hashToken(token), purpose),
      ConsistentRead: true,
    }),
  );
  const item = Item as TokenItem | undefined;
  return item && !isExpired(item, now) ? item : undefined;
}

/**
 * Uses a token up: one conditional delete both checks and removes it, so of two requests racing
 * with the same link exactly one gets the item. A used, expired or unknown token is a
 * `ValidationError` saying so.
 */
export async function consumeToken(
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<TokenItem> {
  try {
    const { Attributes } = await dynamo().send(
      new DeleteCommand({
        TableName: usersTable(),
        Key: keys.token(hashToken(token), purpose),
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (!Attributes) throw usedOrExpired();
    return Attributes as TokenItem;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw usedOrExpired();
    throw error;
  }
}

export function usedOrExpired(): ValidationError {
  return new ValidationError(USED_OR_EXPIRED, [{ path: 'token', message: USED_OR_EXPIRED }]);
}
