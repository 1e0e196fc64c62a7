import type { AppConfig } from '@lambdagram/functions/contracts/app-config';

// What the app learns at start from `/config.json` (one build serves every environment): the shape
// is the contract `appConfig` of the functions package, checked here by hand so that zod stays out
// of the bundle (`config.test.ts` holds `parseConfig` to the schema).

let loading: Promise<AppConfig> | undefined;

/** Reads `/config.json` once (never from the HTTP cache: it changes without a rebuild). */
export function loadConfig(): Promise<AppConfig> {
  loading ??= fetchConfig().catch((error: unknown) => {
    loading = undefined; // let a later call try again
    throw error;
  });
  return loading;
}

async function fetchConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return parseConfig(await response.json());
}

/** Checks the shape of a config document; throws with the first missing field. */
export function parseConfig(value: unknown): AppConfig {
  if (typeof value !== 'object' || value === null) throw new Error('config.json is not an object');
  const raw = value as Record<string, unknown>;
  const text = (key: string): string => {
    const field = raw[key];
    if (typeof field !== 'string' || field === '') throw new Error(`config.json has no ${key}`);
    return field;
  };
  const optional = (key: string): string | undefined => {
    const field = raw[key];
    return typeof field === 'string' && field !== '' ? field : undefined;
  };
  const config: AppConfig = {
    region: text('region'),
    identityPoolId: text('identityPoolId'),
    functionPrefix: text('functionPrefix'),
    photosBucket: text('photosBucket'),
  };
  const endpoint = optional('endpoint');
  const outboxUrl = optional('outboxUrl');
  if (endpoint) config.endpoint = endpoint;
  if (outboxUrl) config.outboxUrl = outboxUrl;
  return config;
}
