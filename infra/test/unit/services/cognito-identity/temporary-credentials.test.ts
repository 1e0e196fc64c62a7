import { describe, expect, it } from 'vitest';
import { RootCredentials } from '../../../../src/core/auth/caller.js';
import { CredentialStores } from '../../../../src/core/auth/credential-stores.js';
import { TemporaryCredentials } from '../../../../src/services/iam/temporary-credentials.js';
import {
  ACCOUNT,
  AUTHENTICATED_ROLE,
  OPEN_POOL,
  ROOT,
  stateDirsRemovedAfterEach,
} from './cognito-fixture.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const IDENTITY = 'eu-west-3:5d0c7e6a-91b4-4c2f-8a3e-6f1b2d9c0e47';
const SESSION = {
  roleArn: AUTHENTICATED_ROLE.arn,
  roleId: 'AROAEXAMPLEROLEID0001',
  sessionName: 'CognitoIdentityCredentials',
  identityId: IDENTITY,
  identityPoolId: OPEN_POOL.identityPoolId,
  amr: ['authenticated', 'login.lambdagram', `login.lambdagram:${OPEN_POOL.identityPoolId}:user-42`],
  principalTags: { team: 'photos' },
  durationSeconds: 3600,
};

function storeIn(dir: string, now = () => NOW, retainExpiredMs?: number): TemporaryCredentials {
  return new TemporaryCredentials({ stateDir: dir, accountId: ACCOUNT, now, retainExpiredMs });
}

const newDir = stateDirsRemovedAfterEach();

describe('temporary credentials', () => {
  it('issues an ASIA key, a 40-character secret, a long session token and the expiration', async () => {
    const issued = await storeIn(newDir()).issue(SESSION);

    expect(issued.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(issued.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(issued.sessionToken.length).toBeGreaterThan(400);
    expect(issued.expiration).toEqual(new Date(NOW + HOUR));
  });

  it('issues different keys each time', async () => {
    const store = storeIn(newDir());

    const first = await store.issue(SESSION);
    const second = await store.issue(SESSION);

    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.secretAccessKey).not.toBe(first.secretAccessKey);
  });

  it("looks a key up to its secret, session token and the role session's caller", async () => {
    const store = storeIn(newDir());
    const issued = await store.issue(SESSION);

    const found = store.lookup(issued.accessKeyId);

    expect(found).toEqual({
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiresAt: NOW + HOUR,
      caller: {
        accessKeyId: issued.accessKeyId,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PhotoUserRole/CognitoIdentityCredentials`,
        accountId: ACCOUNT,
        kind: 'role-session',
        roleArn: AUTHENTICATED_ROLE.arn,
        userId: 'AROAEXAMPLEROLEID0001:CognitoIdentityCredentials',
        cognitoIdentity: { cognitoIdentityId: IDENTITY, cognitoIdentityPoolId: OPEN_POOL.identityPoolId },
        amr: SESSION.amr,
        principalTags: { team: 'photos' },
        expiresAt: NOW + HOUR,
      },
    });
  });

  it('names the role without its path in the assumed-role ARN', async () => {
    const store = storeIn(newDir());
    const issued = await store.issue({
      ...SESSION,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/service/uploads/UploaderRole`,
    });

    expect(store.lookup(issued.accessKeyId)?.caller.arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/UploaderRole/CognitoIdentityCredentials`,
    );
  });

  it('knows nothing of a key it did not issue', () => {
    expect(storeIn(newDir()).lookup('ASIAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });

  it('still knows the credentials it issued after a restart', async () => {
    const dir = newDir();
    const issued = await storeIn(dir).issue(SESSION);

    const found = storeIn(dir).lookup(issued.accessKeyId);

    expect(found?.secretAccessKey).toBe(issued.secretAccessKey);
    expect(found?.caller.cognitoIdentity?.cognitoIdentityId).toBe(IDENTITY);
  });

  it('keeps expired credentials for a while, so that their use is told they expired', async () => {
    const dir = newDir();
    const issued = await storeIn(dir).issue(SESSION);

    const found = storeIn(dir, () => NOW + 2 * HOUR).lookup(issued.accessKeyId);

    expect(found?.expiresAt).toBe(NOW + HOUR);
  });

  it('drops credentials long expired', async () => {
    const dir = newDir();
    const issued = await storeIn(dir).issue(SESSION);

    const found = storeIn(dir, () => NOW + 3 * HOUR, HOUR).lookup(issued.accessKeyId);

    expect(found).toBeUndefined();
  });

  it('refuses a duration that is not a positive number of seconds', async () => {
    await expect(storeIn(newDir()).issue({ ...SESSION, durationSeconds: 0 })).rejects.toThrow(RangeError);
  });
});

describe('credential stores combined', () => {
  it('finds the root key and the temporary keys, each with its own caller', async () => {
    const temporary = storeIn(newDir());
    const issued = await temporary.issue(SESSION);
    const stores = new CredentialStores(new RootCredentials(ROOT, ACCOUNT), temporary);

    expect(stores.lookup(ROOT.accessKeyId)?.caller.kind).toBe('root');
    expect(stores.lookup(issued.accessKeyId)?.caller.kind).toBe('role-session');
    expect(stores.lookup('AKIAUNKNOWN000000000')).toBeUndefined();
  });
});
