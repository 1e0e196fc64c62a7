import { contracts } from '#contracts/index.js';
import { findUser } from '#shared/caller.js';
import { GUEST_READER } from '#shared/cursors.js';
import { defineFunction } from '#shared/define-function.js';
import { NotFoundError } from '#shared/errors.js';
import { maySee } from '#shared/photo-items.js';
import { getProfile, userIdOfUsername } from '#shared/users.js';
import { viewerOf } from './photo-access.js';
import { readPhotoPage } from './photo-pages.js';

/** A profile's photos, newest first, as the caller may see them (the owner sees failed uploads too). */
export const handler = defineFunction(
  contracts.listUserPhotos,
  async ({ username, cursor, limit }, context) => {
    const ownerId = await userIdOfUsername(username);
    const owner = ownerId ? await getProfile(ownerId) : undefined;
    if (!owner) throw new NotFoundError('There is no one with this username.');
    const caller = await findUser(context);
    const viewer = await viewerOf(caller, owner.userId);
    const page = await readPhotoPage(
      { list: 'user', ownerId: owner.userId, viewer },
      caller?.userId ?? GUEST_READER,
      { limit, cursor, showFailures: viewer === 'self' },
      (photo) => maySee(photo, viewer),
    );
    return { ...page, user: { userId: owner.userId, username: owner.username } };
  },
);
