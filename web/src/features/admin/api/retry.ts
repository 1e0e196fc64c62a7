/**
 * Retries what another try may fix (no answer, a 5xx, throttling), at most twice; a refusal (4xx:
 * access denied, not found, bad input) is shown at once, for the admin to read.
 */
export function retryUnlessRefused(failureCount: number, error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const transient = status === undefined || status >= 500 || status === 429;
  return transient && failureCount < 2;
}
