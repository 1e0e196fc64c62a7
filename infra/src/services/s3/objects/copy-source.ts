/**
 * `x-amz-copy-source`: `bucket/key` (with an optional leading slash and `?versionId=…`), URL-encoded.
 * Undefined when it does not name both a bucket and a key.
 */
export function parseCopySource(header: string): { bucket: string; key: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(header.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}
