import { pollUntil } from '@lambdagram/infra/testing';

/**
 * Calls `attempt` until `done` accepts its value or the time is up (20 s by default: the backend's
 * event chains are longer than the local cloud's own), and returns the last value either way: the
 * test's own assertions then say what was expected.
 *
 * @example
 * const photo = await eventually(() => owner.invoke('getPhoto', { photoId }), (p) => p.status !== 'processing');
 */
export function eventually<T>(
  attempt: () => T | Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return pollUntil(attempt, done, { timeoutMs: 20_000, ...options });
}
