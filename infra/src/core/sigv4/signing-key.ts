import { createHmac } from 'node:crypto';

// A few keys per credential and day cover every client; the bound only stops a caller who varies
// region/service names from growing the map without end.
const MAX_KEYS = 64;
const keys = new Map<string, Buffer>();

/**
 * The SigV4 signing key for a secret, scope date, region and service, derived once (four HMACs)
 * and then served from a small cache.
 */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  // The secret goes last: the other fields never contain '\n', so the id is unambiguous.
  const id = `${date}\n${region}\n${service}\n${secretAccessKey}`;
  const cached = keys.get(id);
  if (cached) return cached;
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  const key = hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
  if (keys.size >= MAX_KEYS) {
    const oldest = keys.keys().next();
    if (!oldest.done) keys.delete(oldest.value);
  }
  keys.set(id, key);
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
