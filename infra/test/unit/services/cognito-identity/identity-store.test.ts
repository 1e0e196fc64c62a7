import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdentityStore } from '../../../../src/services/cognito-identity/identity-store.js';
import { DEVELOPER_PROVIDER, MEMBERS_POOL, OPEN_POOL, stateDirsRemovedAfterEach } from './cognito-fixture.js';

function storeIn(dir: string): IdentityStore {
  return new IdentityStore(path.join(dir, 'cognito-identity', 'identities.json'));
}

const newDir = stateDirsRemovedAfterEach();

describe('identity store', () => {
  it("names identities <region>:<uuid> after the pool's region", async () => {
    const identity = await storeIn(newDir()).create(OPEN_POOL.identityPoolId);

    expect(identity.identityId).toMatch(
      /^eu-west-3:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(identity.logins).toEqual({});
  });

  it('finds a developer user in the pool it was linked in, and only there', async () => {
    const store = storeIn(newDir());
    const identity = await store.create(OPEN_POOL.identityPoolId);
    await store.link(identity, DEVELOPER_PROVIDER, 'user-42');

    expect(store.findByLogin(OPEN_POOL.identityPoolId, DEVELOPER_PROVIDER, 'user-42')).toBe(identity);
    expect(store.findByLogin(MEMBERS_POOL.identityPoolId, DEVELOPER_PROVIDER, 'user-42')).toBeUndefined();
    expect(store.findByLogin(OPEN_POOL.identityPoolId, DEVELOPER_PROVIDER, 'user-43')).toBeUndefined();
  });

  it('keeps identities and their developer links across a restart', async () => {
    const dir = newDir();
    const before = storeIn(dir);
    const guest = await before.create(OPEN_POOL.identityPoolId);
    const member = await before.create(MEMBERS_POOL.identityPoolId, { [DEVELOPER_PROVIDER]: 'user-7' });

    const after = storeIn(dir);

    expect(after.get(guest.identityId)).toEqual(guest);
    expect(after.findByLogin(MEMBERS_POOL.identityPoolId, DEVELOPER_PROVIDER, 'user-7')?.identityId).toBe(
      member.identityId,
    );
  });
});
