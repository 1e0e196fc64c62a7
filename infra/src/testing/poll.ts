/**
 * Calls `attempt` until `done` accepts its value or the time is up, and returns the last value
 * either way: the test's own assertions then say what was expected.
 */
export async function pollUntil<T>(
  attempt: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
