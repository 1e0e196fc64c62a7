import { contracts } from '#contracts/index.js';
import { defineFunction } from '#shared/define-function.js';
import { maySee } from '#shared/photo-items.js';
import { readPhotoPage } from './photo-pages.js';

/** The newest public photos, for everyone (guests too): the sparse `publicPhotos` index. */
export const handler = defineFunction(contracts.listPublicPhotos, async ({ cursor, limit }) =>
  // The index holds only ready public photos; the rule is applied anyway, as everywhere.
  readPhotoPage({ list: 'public' }, { limit, cursor }, (photo) => maySee(photo, 'none')),
);
