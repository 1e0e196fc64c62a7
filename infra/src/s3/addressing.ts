import type { IncomingHttpHeaders } from 'node:http';

/** Where an S3 request points: the service, a bucket, or an object; or a bucket's website. */
export interface S3Address {
  /** The bucket, absent for service-level requests (ListBuckets). */
  bucket?: string;
  /** The object key, decoded; absent or empty for bucket-level requests. */
  key?: string;
  /** True when the request came to the bucket's website endpoint rather than the REST API. */
  website: boolean;
}

// `<bucket>.s3-website.localhost` (also `…s3-website-<region>…` and `…s3-website.<region>…`, AWS's two spellings).
const WEBSITE_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.s3-website(?:[.-][a-z0-9-]+)?\.localhost$/;
// Virtual-hosted–style requests: `<bucket>.localhost` (Chromium and curl resolve `*.localhost` to loopback).
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.(?:s3\.)?localhost$/;

/** The host name of a request, lowercase, without the port. */
export function hostName(headers: IncomingHttpHeaders): string {
  const host = (headers.host ?? '').toLowerCase();
  return host.startsWith('[') ? host : host.replace(/:\d+$/, '');
}

/** Whether the request was sent to a bucket's website endpoint. */
export function isWebsiteHost(headers: IncomingHttpHeaders): boolean {
  return WEBSITE_HOST.test(hostName(headers));
}

/** Whether the host names a bucket (virtual-hosted style or a website): the path is then an object key. */
export function hostNamesBucket(headers: IncomingHttpHeaders): boolean {
  const host = hostName(headers);
  return WEBSITE_HOST.test(host) || VIRTUAL_HOST.test(host);
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
