/**
 * A stand-in for a test runner, for the tests that kill one: starts a local cloud on the event stack
 * (DynamoDB Local's JVM included) with `startCloud`, invokes a function so that an execution
 * environment runs, prints one JSON line `{"url", "stateDir"}` and waits to be killed.
 *
 *   node --import tsx test/support/cloud-harness.ts <stateDir> <recordDir> [--before-ready]
 *
 * With `--before-ready` it prints the line as soon as the local cloud's process runs, without
 * waiting for it to be ready: the kill then lands during start-up.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { EVENT_STACK_TEMPLATE, encode, startCloud } from '../../src/testing/index.js';

const [stateDir, recordDir, mode] = process.argv.slice(2);
if (!stateDir || !recordDir)
  throw new Error('usage: cloud-harness.ts <stateDir> <recordDir> [--before-ready]');

const starting = startCloud({
  template: EVENT_STACK_TEMPLATE,
  stateDir,
  args: ['--no-watch', '--parameter', `RecordDir=${recordDir}`],
});
if (mode === '--before-ready') {
  console.log(JSON.stringify({ stateDir }));
} else {
  const cloud = await starting;
  await cloud
    .lambda()
    .send(new InvokeCommand({ FunctionName: 'on-upload', Payload: encode({ Records: [] }) }));
  console.log(JSON.stringify({ url: cloud.url, stateDir }));
}
setInterval(() => {}, 60_000); // until killed
