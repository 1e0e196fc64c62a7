import type { IncomingHttpHeaders } from 'node:http';

/** How the front door tells a request to a bucket by its host name (S3's virtual-hosted and website endpoints). */

// `<bucket>.s3-website.localhost` (also `…s3-website-<region>…` and `…s3-website.<region>…`, AWS's two spellings).
export const WEBSITE_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.s3-website(?:[.-][a-z0-9-]+)?\.localhost$/;
// Virtual-hosted–style requests: `<bucket>.localhost` (Chromium and curl resolve `*.localhost` to loopback).
export const VIRTUAL_HOST = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.(?:s3\.)?localhost$/;

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
