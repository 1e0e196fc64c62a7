/**
 * Waits before retry number `attempt` (1, 2, …): exponential backoff with full jitter, up to
 * `baseMs` × 2^attempt and never more than `capMs`, as AWS advises for throttled batch requests.
 */
export function backoff(attempt: number, { baseMs = 25, capMs = 2000 } = {}): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
