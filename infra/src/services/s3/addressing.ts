import type { IncomingHttpHeaders } from 'node:http';
import { hostName, VIRTUAL_HOST, WEBSITE_HOST } from '../../core/server/host-names.js';

export { hostName, hostNamesBucket, isWebsiteHost } from '../../core/server/host-names.js';

/** Where an S3 request points: the service, a bucket, or an object; or a bucket's website. */
export interface S3Address {
  /** The bucket, absent for service-level requests (ListBuckets). */
  bucket?: string;
  /** The object key, decoded; absent or empty for bucket-level requests. */
  key?: string;
  /** True when the request came to the bucket's website endpoint rather than the REST API. */
  website: boolean;
}

/**
 * Reads bucket and key from a request: virtual-hosted style when the host names the bucket, else path
 * style (`/<bucket>/<key>`). The key is percent-decoded exactly once; `+` stays a plus, as S3 keeps it.
 */
export function addressOf(rawPath: string, headers: IncomingHttpHeaders): S3Address {
  const host = hostName(headers);
  const website = WEBSITE_HOST.exec(host);
  const virtual = website ?? VIRTUAL_HOST.exec(host);
  if (virtual) {
    return { bucket: virtual[1], key: decodePath(rawPath.slice(1)), website: website !== null };
  }
  const path = rawPath.slice(1);
  if (path === '') return { website: false };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decodePath(path), website: false };
  return { bucket: decodePath(path.slice(0, slash)), key: decodePath(path.slice(slash + 1)), website: false };
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
