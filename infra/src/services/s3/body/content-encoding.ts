const AWS_CHUNKED = 'aws-chunked';

/** The codings of a `Content-Encoding` value, in order, trimmed and without empty entries. */
function codingsOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '');
}

/** True when `Content-Encoding` lists `aws-chunked` (alone or with others: the SDK sends `gzip,aws-chunked`). */
export function isAwsChunked(contentEncoding: string | undefined): boolean {
  return codingsOf(contentEncoding).some((coding) => coding.toLowerCase() === AWS_CHUNKED);
}

/**
 * The `Content-Encoding` S3 stores for an object: `aws-chunked` only frames the upload, the other
 * codings describe the object (`gzip,aws-chunked` → `gzip`; `aws-chunked` alone → none).
 */
export function storedContentEncoding(contentEncoding: string | undefined): string | undefined {
  const kept = codingsOf(contentEncoding).filter((coding) => coding.toLowerCase() !== AWS_CHUNKED);
  return kept.length > 0 ? kept.join(',') : undefined;
}
