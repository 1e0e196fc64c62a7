import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import '../support/use-global-stack.js';
import { FunctionError, guest, rootDocuments, STACK } from '../support/app.js';
import { registerUser, type TestUser } from '../support/users.js';

const FRIENDSHIPS_TABLE = `${STACK}-friendships`;

async function users(count: number, prefix = 'friend'): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => registerUser(prefix)));
}

async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  await a.session.invoke('sendFriendRequest', { userId: b.userId });
  await b.session.invoke('respondToFriendRequest', { userId: a.userId, accept: true });
}

/** The function error a call ends in (fails the test if it succeeds). */
async function failureOf(call: Promise<unknown>): Promise<FunctionError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FunctionError)) throw new Error(`expected a function error, got ${String(error)}`);
  return error;
}

async function allFriends(user: TestUser, limit = 100) {
  const friends = [];
  let cursor: string | undefined;
  do {
    const page = await user.session.invoke('listFriends', { cursor, limit });
    friends.push(...page.friends);
    cursor = page.nextCursor;
  } while (cursor);
  return friends;
}

describe('friend requests', () => {
  it('makes two people friends when one asks and the other accepts', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');

    // act
    const sent = await ada.session.invoke('sendFriendRequest', { userId: grace.userId });
    const graceRequests = await grace.session.invoke('listFriendRequests', {});
    const adaRequests = await ada.session.invoke('listFriendRequests', {});
    const accepted = await grace.session.invoke('respondToFriendRequest', {
      userId: ada.userId,
      accept: true,
    });

    // assess
    expect(sent).toEqual({ relationship: 'outgoing' });
    expect(graceRequests).toEqual({
      incoming: [{ userId: ada.userId, username: ada.username, requestedAt: expect.any(String) }],
      outgoing: [],
    });
    expect(adaRequests.outgoing).toEqual([
      { userId: grace.userId, username: grace.username, requestedAt: expect.any(String) },
    ]);
    expect(accepted).toEqual({ relationship: 'friends' });
    expect(await allFriends(ada)).toEqual([
      { userId: grace.userId, username: grace.username, since: expect.any(String) },
    ]);
    expect(await allFriends(grace)).toEqual([
      { userId: ada.userId, username: ada.username, since: expect.any(String) },
    ]);
    expect(await grace.session.invoke('listFriendRequests', {})).toEqual({ incoming: [], outgoing: [] });
  });

  it('makes friends at once of someone who asks a person who had already asked them', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // act
    const answer = await grace.session.invoke('sendFriendRequest', { userId: ada.userId });

    // assess
    expect(answer).toEqual({ relationship: 'friends' });
    expect((await allFriends(ada)).map((friend) => friend.userId)).toEqual([grace.userId]);
  });

  it('answers a repeated request with the relation as it stands, changing nothing', async () => {
    // prepare
    const [ada, grace, alan] = await users(3);
    if (!ada || !grace || !alan) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });
    const before = await ada.session.invoke('listFriendRequests', {});
    await makeFriends(ada, alan);

    // act
    const again = await ada.session.invoke('sendFriendRequest', { userId: grace.userId });
    const toAFriend = await ada.session.invoke('sendFriendRequest', { userId: alan.userId });

    // assess
    expect(again).toEqual({ relationship: 'outgoing' });
    expect(toAFriend).toEqual({ relationship: 'friends' });
    expect(await ada.session.invoke('listFriendRequests', {})).toEqual(before);
    expect((await allFriends(alan)).map((friend) => friend.userId)).toEqual([ada.userId]);
  });

  it('forgets a declined request on both sides, after which it can be made again', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // act
    const declined = await grace.session.invoke('respondToFriendRequest', {
      userId: ada.userId,
      accept: false,
    });

    // assess
    expect(declined).toEqual({ relationship: 'none' });
    expect(await ada.session.invoke('listFriendRequests', {})).toEqual({ incoming: [], outgoing: [] });
    expect(await grace.session.invoke('listFriendRequests', {})).toEqual({ incoming: [], outgoing: [] });
    expect(await allFriends(grace)).toEqual([]);
    expect(await ada.session.invoke('sendFriendRequest', { userId: grace.userId })).toEqual({
      relationship: 'outgoing',
    });
  });

  it('lets the asker cancel a request, which can then no longer be accepted', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // act
    const cancelled = await ada.session.invoke('cancelFriendRequest', { userId: grace.userId });
    const lateAccept = await failureOf(
      grace.session.invoke('respondToFriendRequest', { userId: ada.userId, accept: true }),
    );

    // assess
    expect(cancelled).toEqual({ relationship: 'none' });
    expect(lateAccept.errorType).toBe('NotFoundError');
    expect(await grace.session.invoke('listFriendRequests', {})).toEqual({ incoming: [], outgoing: [] });
    expect(await allFriends(grace)).toEqual([]);
  });

  it('ends a friendship for both when either removes the other', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');
    await makeFriends(ada, grace);

    // act
    const removed = await grace.session.invoke('removeFriend', { userId: ada.userId });
    const again = await failureOf(grace.session.invoke('removeFriend', { userId: ada.userId }));

    // assess
    expect(removed).toEqual({ relationship: 'none' });
    expect(again.errorType).toBe('NotFoundError');
    expect(await allFriends(ada)).toEqual([]);
    expect(await allFriends(grace)).toEqual([]);
    const { Item } = await rootDocuments().send(
      new GetCommand({ TableName: FRIENDSHIPS_TABLE, Key: { userId: ada.userId, otherId: grace.userId } }),
    );
    expect(Item).toBeUndefined();
  });

  it('writes both sides of a relation, each naming the other', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');

    // act
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // assess
    const documents = rootDocuments();
    const side = async (userId: string, otherId: string) =>
      (await documents.send(new GetCommand({ TableName: FRIENDSHIPS_TABLE, Key: { userId, otherId } }))).Item;
    expect(await side(ada.userId, grace.userId)).toMatchObject({
      status: 'outgoing',
      otherUsername: grace.username,
    });
    expect(await side(grace.userId, ada.userId)).toMatchObject({
      status: 'incoming',
      otherUsername: ada.username,
    });
  });
});

describe('friend request errors', () => {
  it('refuses a request to oneself', async () => {
    // prepare
    const [ada] = await users(1);
    if (!ada) throw new Error('user missing');

    // act
    const error = await failureOf(ada.session.invoke('sendFriendRequest', { userId: ada.userId }));

    // assess
    expect(error.errorType).toBe('ValidationError');
    expect(error.message).toContain('yourself');
  });

  it('refuses a request to someone who does not exist', async () => {
    // prepare
    const [ada] = await users(1);
    if (!ada) throw new Error('user missing');

    // act
    const error = await failureOf(ada.session.invoke('sendFriendRequest', { userId: randomUUID() }));

    // assess
    expect(error.errorType).toBe('NotFoundError');
  });

  it('refuses a user id that is not one', async () => {
    // prepare
    const [ada] = await users(1);
    if (!ada) throw new Error('user missing');

    // act
    const error = await failureOf(ada.session.invokeRaw(`${STACK}-sendFriendRequest`, { userId: 'user#1' }));

    // assess
    expect(error.errorType).toBe('ValidationError');
  });

  it('lets only the person asked answer a request, and only a pending one', async () => {
    // prepare
    const [ada, grace, alan] = await users(3);
    if (!ada || !grace || !alan) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // act
    const byTheAsker = await failureOf(
      ada.session.invoke('respondToFriendRequest', { userId: grace.userId, accept: true }),
    );
    const withoutRequest = await failureOf(
      alan.session.invoke('respondToFriendRequest', { userId: ada.userId, accept: true }),
    );

    // assess
    expect(byTheAsker.errorType).toBe('NotFoundError');
    expect(withoutRequest.errorType).toBe('NotFoundError');
    expect((await ada.session.invoke('listFriendRequests', {})).outgoing).toHaveLength(1);
    expect(await allFriends(ada)).toEqual([]);
  });

  it('lets only the asker cancel a request, and removes only friends', async () => {
    // prepare
    const [ada, grace] = await users(2);
    if (!ada || !grace) throw new Error('users missing');
    await ada.session.invoke('sendFriendRequest', { userId: grace.userId });

    // act
    const cancelByTheAsked = await failureOf(
      grace.session.invoke('cancelFriendRequest', { userId: ada.userId }),
    );
    const removeARequest = await failureOf(ada.session.invoke('removeFriend', { userId: grace.userId }));

    // assess
    expect(cancelByTheAsked.errorType).toBe('NotFoundError');
    expect(removeARequest.errorType).toBe('NotFoundError');
    expect((await grace.session.invoke('listFriendRequests', {})).incoming).toHaveLength(1);
  });

  it('lets no guest into friendships', async () => {
    // prepare
    const [ada] = await users(1);
    if (!ada) throw new Error('user missing');
    const visitor = await guest();

    // act
    const error = await visitor.invoke('sendFriendRequest', { userId: ada.userId }).catch((thrown) => thrown);

    // assess: the guest role may not even invoke it
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
  });
});

describe('searching users', () => {
  it('finds people by the start of their name, in any case, with how the caller stands with each', async () => {
    // prepare: five people whose names share a prefix nobody else has
    const prefix = `s${Math.random().toString(36).slice(2, 8)}`;
    const [me, friend, asked, asking, stranger] = await users(5, prefix);
    if (!me || !friend || !asked || !asking || !stranger) throw new Error('users missing');
    await makeFriends(me, friend);
    await me.session.invoke('sendFriendRequest', { userId: asked.userId });
    await asking.session.invoke('sendFriendRequest', { userId: me.userId });

    // act
    const { users: found } = await me.session.invoke('searchUsers', {
      prefix: prefix.toUpperCase(),
      limit: 25,
    });

    // assess
    const byId = new Map(found.map((user) => [user.userId, user]));
    expect(found).toHaveLength(5);
    expect(byId.get(me.userId)).toEqual({ userId: me.userId, username: me.username, relationship: 'self' });
    expect(byId.get(friend.userId)?.relationship).toBe('friends');
    expect(byId.get(asked.userId)?.relationship).toBe('outgoing');
    expect(byId.get(asking.userId)?.relationship).toBe('incoming');
    expect(byId.get(stranger.userId)).toEqual({
      userId: stranger.userId,
      username: stranger.username,
      relationship: 'none',
    });
    expect(found.map((user) => user.username.toLowerCase())).toEqual(
      found.map((user) => user.username.toLowerCase()).sort(),
    );
  });

  it('returns at most the number asked for, and nobody for a prefix no name has', async () => {
    // prepare
    const prefix = `s${Math.random().toString(36).slice(2, 8)}`;
    const [me] = await users(3, prefix);
    if (!me) throw new Error('user missing');

    // act
    const limited = await me.session.invoke('searchUsers', { prefix, limit: 2 });
    const none = await me.session.invoke('searchUsers', { prefix: `${prefix}zzzzzz`, limit: 10 });

    // assess
    expect(limited.users).toHaveLength(2);
    expect(none.users).toEqual([]);
  });

  it('refuses a prefix with characters no username has', async () => {
    // prepare
    const [me] = await users(1);
    if (!me) throw new Error('user missing');

    // act
    const error = await failureOf(me.session.invoke('searchUsers', { prefix: 'user#', limit: 10 }));

    // assess
    expect(error.errorType).toBe('ValidationError');
  });
});

describe('listing friends', () => {
  it('pages through every friend exactly once', async () => {
    // prepare
    const [me, ...others] = await users(6);
    if (!me) throw new Error('user missing');
    for (const other of others) await makeFriends(other, me);

    // act
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await me.session.invoke('listFriends', { cursor, limit: 2 });
      pages.push(page.friends.map((friend) => friend.userId));
      cursor = page.nextCursor;
    } while (cursor);

    // assess
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual(others.map((other) => other.userId).sort());
  });

  it('refuses a cursor that was edited or handed to someone else', async () => {
    // prepare
    const [me, other, a, b] = await users(4);
    if (!me || !other || !a || !b) throw new Error('users missing');
    await makeFriends(me, a);
    await makeFriends(me, b);
    const { nextCursor } = await me.session.invoke('listFriends', { limit: 1 });
    if (!nextCursor) throw new Error('expected a second page');
    const edited = Buffer.from(
      Buffer.from(nextCursor, 'base64url').toString('utf8').replace(me.userId, other.userId),
    ).toString('base64url');

    // act
    const errors = await Promise.all([
      failureOf(other.session.invoke('listFriends', { cursor: nextCursor, limit: 1 })),
      failureOf(me.session.invoke('listFriends', { cursor: edited, limit: 1 })),
      failureOf(me.session.invoke('listFriends', { cursor: nextCursor.slice(0, -4), limit: 1 })),
    ]);

    // assess
    for (const error of errors) {
      expect(error.errorType).toBe('ValidationError');
      expect(error.body.errorMessage).toBe('This page link is no longer valid.');
    }
  });
});
