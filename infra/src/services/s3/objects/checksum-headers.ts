/** A stored checksum, as the response headers `x-amz-checksum-<algorithm>` and `x-amz-checksum-type` show it. */
export function checksumHeaders(
  checksum: { algorithm: string; value: string; type: string } | undefined,
): Record<string, string> {
  if (!checksum) return {};
  return {
    [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value,
    'x-amz-checksum-type': checksum.type,
  };
}
