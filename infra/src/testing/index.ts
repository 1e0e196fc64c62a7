/**
 * `@lambdagram/infra/testing`: the local cloud for the tests and benches of every package. Start one
 * on a template, wait for it, talk to it with the real SDK clients, stop it and everything it
 * started. A run that ends any other way (a failure, Ctrl-C, a killed runner) leaves nothing behind
 * either: the local cloud stops when the process that started it is gone.
 *
 * @example
 * import { PRODUCT_TEMPLATE, startCloud } from '@lambdagram/infra/testing';
 * const cloud = await startCloud({ template: PRODUCT_TEMPLATE, args: ['--no-watch'] });
 * // … cloud.url, cloud.lambda(), cloud.s3() …
 * await cloud.stop();
 */
export { type RawResponse, rawRequest } from './http.js';
export { pollUntil } from './poll.js';
export { alive, descendants, processesMentioning } from './processes.js';
export {
  ACCOUNT,
  DEFAULT_READY_TIMEOUT_MS,
  encode,
  payloadOf,
  REGION,
  ROOT_CREDENTIALS,
  type StartCloudOptions,
  type StartedCloud,
  startCloud,
} from './start-cloud.js';
export {
  EMAIL_STACK_TEMPLATE,
  EVENT_STACK_TEMPLATE,
  FIXTURE_TEMPLATE,
  IDENTITY_STACK_TEMPLATE,
  INFRA_DIR,
  PRODUCT_TEMPLATE,
} from './templates.js';
