import { z } from 'zod';
import { cursor, pageLimit, userId, userSummary } from './common.js';

export const relationship = z.enum(['self', 'friends', 'outgoing', 'incoming', 'none']);
export type Relationship = z.infer<typeof relationship>;

export const searchUsers = {
  input: z.object({
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_]{1,30}$/, 'Search with letters, digits or underscores.'),
    limit: pageLimit(25, 10),
  }),
  output: z.object({ users: z.array(userSummary.extend({ relationship })) }),
};

const withUser = z.object({ userId });
const statusOutput = z.object({ relationship });

export const sendFriendRequest = { input: withUser, output: statusOutput };
export const respondToFriendRequest = {
  input: withUser.extend({ accept: z.boolean() }),
  output: statusOutput,
};
export const cancelFriendRequest = { input: withUser, output: statusOutput };
export const removeFriend = { input: withUser, output: statusOutput };

export const listFriends = {
  input: z.object({ cursor, limit: pageLimit(100, 50) }),
  output: z.object({
    friends: z.array(userSummary.extend({ since: z.string() })),
    nextCursor: z.string().optional(),
  }),
};

const request = userSummary.extend({ requestedAt: z.string() });
export const listFriendRequests = {
  input: z.object({}),
  output: z.object({ incoming: z.array(request), outgoing: z.array(request) }),
};
