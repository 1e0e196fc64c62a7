import { DEFAULT_READY_TIMEOUT_MS } from '@lambdagram/infra/testing';

/**
 * How long a hook that starts a local cloud may take: startCloud's own limit (minutes: a busy
 * 2-core machine builds functions and starts a JVM slowly) plus room to stop it, so that its error,
 * which says what the cloud printed, comes before Playwright's. Never a measure of speed.
 */
export const CLOUD_START_MS = DEFAULT_READY_TIMEOUT_MS + 30_000;
