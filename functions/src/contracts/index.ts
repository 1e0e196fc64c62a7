import type { z } from 'zod';
import * as auth from './auth.js';
import * as feed from './feed.js';
import * as friends from './friends.js';
import * as photos from './photos.js';

export { type AppConfig, appConfig } from './app-config.js';
export type { PhotoPage, PhotoView, UserSummary, Visibility } from './common.js';
export type { Relationship } from './friends.js';
export { MAX_UPLOAD_BYTES, type UploadMetadata, uploadMetadata } from './photos.js';
export {
  decodeUploadCaption,
  originalKeyOf,
  parseUploadKey,
  type UploadKey,
  uploadMetadataOf,
} from './upload-key.js';

/**
 * Every function the browser may call, by the name it has in the template (`<stack>-<name>`), with
 * its input and output schemas: the one contract the functions and the web app share.
 */
export const contracts = {
  signUp: auth.signUp,
  verifyEmail: auth.verifyEmail,
  resendVerification: auth.resendVerification,
  signIn: auth.signIn,
  forgotPassword: auth.forgotPassword,
  resetPassword: auth.resetPassword,
  changePassword: auth.changePassword,
  getMe: auth.getMe,
  getPhoto: photos.getPhoto,
  listUserPhotos: photos.listUserPhotos,
  listPublicPhotos: photos.listPublicPhotos,
  updatePhoto: photos.updatePhoto,
  deletePhoto: photos.deletePhoto,
  searchUsers: friends.searchUsers,
  sendFriendRequest: friends.sendFriendRequest,
  respondToFriendRequest: friends.respondToFriendRequest,
  cancelFriendRequest: friends.cancelFriendRequest,
  removeFriend: friends.removeFriend,
  listFriends: friends.listFriends,
  listFriendRequests: friends.listFriendRequests,
  getFeed: feed.getFeed,
};

export type FunctionName = keyof typeof contracts;
/** What the caller passes (defaults may be left out). */
export type InputOf<F extends FunctionName> = z.input<(typeof contracts)[F]['input']>;
export type OutputOf<F extends FunctionName> = z.output<(typeof contracts)[F]['output']>;
