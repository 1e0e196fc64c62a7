// The tests' local cloud is the package's `testing` export (src/testing), which other packages use too.
export {
  ACCOUNT,
  EMAIL_STACK_TEMPLATE,
  EVENT_STACK_TEMPLATE,
  encode,
  FIXTURE_TEMPLATE,
  IDENTITY_STACK_TEMPLATE,
  payloadOf,
  REGION,
  ROOT_CREDENTIALS,
  type StartedCloud,
  startCloud,
} from '../../src/testing/index.js';
