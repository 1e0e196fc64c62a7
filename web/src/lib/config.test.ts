// A value import of a contract, as in `upload-limits.test.ts`: tests are not shipped, so zod stays out
// of the bundle while the hand-written check below is held to the schema the publisher writes to.
import { appConfig } from '@lambdagram/functions/contracts/app-config';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const AWS_CONFIG = {
  region: 'eu-west-1',
  identityPoolId: 'eu-west-1:0b4c7e2a-1d3f-4a5b-8c6d-7e8f9a0b1c2d',
  functionPrefix: 'lambdagram',
  photosBucket: 'lambdagram-photos',
};
const LOCAL_CONFIG = {
  ...AWS_CONFIG,
  endpoint: 'http://127.0.0.1:4566',
  outboxUrl: 'http://127.0.0.1:4566/_local/ses/outbox',
};

describe('parseConfig', () => {
  it('reads a config.json of AWS and of the local cloud as the contract does', () => {
    for (const document of [AWS_CONFIG, LOCAL_CONFIG, { ...LOCAL_CONFIG, extra: 'ignored' }]) {
      expect(parseConfig(document)).toEqual(appConfig.parse(document));
    }
  });

  it('refuses what the contract refuses: a missing or empty field', () => {
    for (const field of Object.keys(AWS_CONFIG)) {
      for (const document of [
        { ...AWS_CONFIG, [field]: undefined },
        { ...AWS_CONFIG, [field]: '' },
      ]) {
        expect(appConfig.safeParse(document).success).toBe(false);
        expect(() => parseConfig(document)).toThrow(`config.json has no ${field}`);
      }
    }
  });
});
