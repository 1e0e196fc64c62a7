import type { ServiceError } from '../../../core/errors.js';
import { escapeXml } from '../../../core/protocols/xml.js';
import type { ServiceResponse } from '../../../core/service.js';
import type { WebsiteConfiguration, WebsiteRoutingRule } from '../../../stack/types.js';
import { methodNotAllowed, noSuchBucket, noSuchKey, s3Error } from '../errors.js';
import { s3Headers } from '../responses.js';

/** What the website endpoint needs from the bucket: its configuration and a way to serve keys. */
export interface WebsiteBucket {
  name: string;
  website?: WebsiteConfiguration;
  /** Serves the object (with its own headers, conditionals and range) or returns undefined when absent. */
  serve(key: string, status: number): Promise<ServiceResponse | undefined>;
  exists(key: string): boolean;
}

/**
 * A bucket served as a static website, as S3's website endpoint does it: `IndexDocument` for
 * folders, a redirect from `photos` to `photos/` when only the folder exists, routing rules, and the
 * `ErrorDocument` served with status 404 (a single-page app names its `index.html` there, and the
 * browser renders the app for every deep link). Errors are HTML pages, not XML.
 */
export async function serveWebsite(
  bucket: WebsiteBucket | undefined,
  bucketName: string,
  method: string,
  rawPath: string,
  requestId: string,
): Promise<ServiceResponse> {
  if (method !== 'GET' && method !== 'HEAD') return htmlError(methodNotAllowed(method, 'OBJECT'), requestId);
  if (!bucket) return htmlError(noSuchBucket(bucketName), requestId);
  const website = bucket.website;
  if (!website) {
    return htmlError(
      s3Error(
        'NoSuchWebsiteConfiguration',
        'The specified bucket does not have a website configuration',
        404,
        {
          BucketName: bucketName,
        },
      ),
      requestId,
    );
  }
  const path = decodePath(rawPath);
  if (website.redirectAllRequestsTo) {
    const { protocol = 'http', hostName } = website.redirectAllRequestsTo;
    return redirect(301, `${protocol}://${hostName}${path}`, requestId);
  }

  let key = path.slice(1);
  const before = website.routingRules.find(
    (rule) => rule.condition?.httpErrorCodeReturnedEquals === undefined && prefixMatches(rule, key),
  );
  if (before)
    return redirect(Number(before.redirect.httpRedirectCode ?? 301), target(before, key, path), requestId);

  if (key === '' || key.endsWith('/')) key += website.indexDocument ?? 'index.html';
  const found = await bucket.serve(key, 200);
  if (found) return found;

  const index = website.indexDocument ?? 'index.html';
  if (!key.endsWith(`/${index}`) && key !== index && bucket.exists(`${key}/${index}`)) {
    return redirect(302, `/${encodeURI(key)}/`, requestId);
  }
  const onError = website.routingRules.find(
    (rule) => rule.condition?.httpErrorCodeReturnedEquals === '404' && prefixMatches(rule, key),
  );
  if (onError)
    return redirect(Number(onError.redirect.httpRedirectCode ?? 301), target(onError, key, path), requestId);
  if (website.errorDocument) {
    const errorPage = await bucket.serve(website.errorDocument, 404);
    if (errorPage) return errorPage;
  }
  return htmlError(noSuchKey(key), requestId);
}

function prefixMatches(rule: WebsiteRoutingRule, key: string): boolean {
  const prefix = rule.condition?.keyPrefixEquals;
  return prefix === undefined ? rule.condition !== undefined : key.startsWith(prefix);
}

function target(rule: WebsiteRoutingRule, key: string, path: string): string {
  const { redirect: to, condition } = rule;
  let newKey = key;
  if (to.replaceKeyWith !== undefined) newKey = to.replaceKeyWith;
  else if (to.replaceKeyPrefixWith !== undefined) {
    newKey = to.replaceKeyPrefixWith + key.slice(condition?.keyPrefixEquals?.length ?? 0);
  }
  const location =
    newKey === key && to.replaceKeyWith === undefined && to.replaceKeyPrefixWith === undefined
      ? path
      : `/${newKey}`;
  return to.hostName ? `${to.protocol ?? 'http'}://${to.hostName}${location}` : location;
}

function redirect(status: number, location: string, requestId: string): ServiceResponse {
  return { status, headers: { ...s3Headers(requestId), location } };
}

/** The website endpoint's error page: HTML with the code, message and request id. */
export function htmlError(error: ServiceError, requestId: string): ServiceResponse {
  const title = `${error.status} ${STATUS_TEXT[error.status] ?? 'Error'}`;
  const items = [
    `<li>Code: ${escapeXml(error.code)}</li>`,
    `<li>Message: ${escapeXml(error.message)}</li>`,
    ...Object.entries(error.fields).map(([name, value]) => `<li>${name}: ${escapeXml(String(value))}</li>`),
    `<li>RequestId: ${requestId}</li>`,
  ];
  return {
    status: error.status,
    headers: { ...s3Headers(requestId), 'content-type': 'text/html; charset=utf-8' },
    body: `<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<ul>\n${items.join('\n')}\n</ul>\n<hr/>\n</body>\n</html>\n`,
  };
}

const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' };

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}
