import { randomBytes, randomInt } from 'node:crypto';

/** AWS's key id alphabet: RFC 4648 base32 (upper-case letters and the digits 2–7). */
const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A fresh access key id of temporary credentials: `ASIA` and 16 base32 characters, 20 in all. */
export function newTemporaryAccessKeyId(): string {
  return `ASIA${randomText(KEY_ID_ALPHABET, 16)}`;
}

/** A fresh 40-character secret access key, in the alphabet AWS's secrets use. */
export function newSecretAccessKey(): string {
  return randomText(SECRET_ALPHABET, 40);
}

/**
 * A fresh session token. AWS's are opaque base64 blobs of several hundred characters; clients only
 * carry them, so random bytes of that size exercise the same header and query lengths.
 */
export function newSessionToken(): string {
  return randomBytes(384).toString('base64');
}

function randomText(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}
