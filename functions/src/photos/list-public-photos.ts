import { contracts } from '#contracts/index.js';
import { findUser } from '#shared/caller.js';
import { GUEST_READER } from '#shared/cursors.js';
import { defineFunction } from '#shared/define-function.js';
import { maySee } from '#shared/photo-items.js';
import { readPhotoPage } from './photo-pages.js';

/** The newest public photos, for everyone (guests too): the sparse `publicPhotos` index. */
export const handler = defineFunction(contracts.listPublicPhotos, async ({ cursor, limit }, context) => {
  // The caller is looked up only to bind the cursors to them: the list is the same for everyone.
  const reader = (await findUser(context))?.userId ?? GUEST_READER;
  // The index holds only ready public photos; the rule is applied anyway, as everywhere.
  return readPhotoPage({ list: 'public' }, reader, { limit, cursor }, (photo) => maySee(photo, 'none'));
});
