import { PRODUCT_TEMPLATE, startCloud } from '@lambdagram/infra/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    cloudUrl: string;
    identityPoolId: string;
    cloudStateDir: string;
  }
}

/**
 * Starts the local cloud once, as `npm start` does, with the product's own template; every
 * integration test file talks to it over HTTP. Tests keep out of each other's way by creating their
 * own users (unique names), never by resetting state.
 */
export default async function setup(project: TestProject) {
  const cloud = await startCloud({
    template: PRODUCT_TEMPLATE,
    // Lambda's async retries wait 1 and 2 minutes; a thousandth of that keeps refusal tests short.
    args: ['--no-watch', '--retry-delay-scale', '0.001'],
  });
  const pool = /identity pool \S+ (\S+)/.exec(cloud.output())?.[1];
  if (!pool) throw new Error(`no identity pool in the start-up summary:\n${cloud.output()}`);
  project.provide('cloudUrl', cloud.url);
  project.provide('identityPoolId', pool);
  project.provide('cloudStateDir', cloud.stateDir);
  return async () => {
    await cloud.stop();
  };
}
