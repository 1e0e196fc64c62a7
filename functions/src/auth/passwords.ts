import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt, memory-hard so that guessing costs memory as well as time. The
 * parameters travel in the stored string (`scrypt$N$r$p$salt$hash`, salt and hash base64url), so
 * they can be raised later: old hashes keep verifying and `needsRehash` says when to store a new one.
 * OWASP's minimum for scrypt: N = 2^15, r = 8, p = 3 (32 MiB, about 0.2 s on one core).
 */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

export const CURRENT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** What a stored string may ask for: enough for stronger future settings, not enough to exhaust a function. */
const LIMITS = { N: 2 ** 20, r: 32, p: 16 };

/** Hashes a password for storage; the result includes a fresh salt and the parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT_PARAMETERS, KEY_BYTES);
  const { N, r, p } = CURRENT_PARAMETERS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` is the one `stored` was made from, compared in constant time. Without a stored
 * hash (no such account) it still spends one hash's time and says no, so that the answer's timing
 * does not tell who has an account.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parseHash(stored);
  if (!parsed) {
    await derive(password, randomBytes(SALT_BYTES), CURRENT_PARAMETERS, KEY_BYTES);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.parameters, parsed.hash.length);
  return timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made with other parameters than today's (rehash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.parameters;
  return N !== CURRENT_PARAMETERS.N || r !== CURRENT_PARAMETERS.r || p !== CURRENT_PARAMETERS.p;
}

interface ParsedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !hash) return undefined;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  const valid =
    Number.isInteger(parameters.N) &&
    parameters.N > 1 &&
    (parameters.N & (parameters.N - 1)) === 0 && // a power of two, as scrypt requires
    parameters.N <= LIMITS.N &&
    Number.isInteger(parameters.r) &&
    parameters.r >= 1 &&
    parameters.r <= LIMITS.r &&
    Number.isInteger(parameters.p) &&
    parameters.p >= 1 &&
    parameters.p <= LIMITS.p;
  if (!valid) return undefined;
  const hashBytes = Buffer.from(hash, 'base64url');
  if (hashBytes.length < 16) return undefined;
  return { parameters, salt: Buffer.from(salt, 'base64url'), hash: hashBytes };
}

function derive(
  password: string,
  salt: Buffer,
  { N, r, p }: ScryptParameters,
  length: number,
): Promise<Buffer> {
  // The same password typed on another keyboard or OS can arrive in another Unicode form.
  const normalized = password.normalize('NFKC');
  // scrypt needs 128·N·r bytes; Node refuses more than `maxmem` (32 MiB by default, exactly our need).
  const maxmem = 128 * N * r * 2;
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
