import { FriendRequestsSection } from './friend-requests-section';
import { FriendsList } from './friends-list';
import { UserSearch } from './user-search';

/** Finding people, the friend requests in and out, and one's friends. */
export function FriendsScreen() {
  return (
    <section className="screen friends" aria-labelledby="friends-title">
      <h1 id="friends-title">Friends</h1>
      <UserSearch />
      <FriendRequestsSection />
      <FriendsList />
    </section>
  );
}
